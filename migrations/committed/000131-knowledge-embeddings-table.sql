--! Previous: sha1:d95be12efd9684aa9792753b093523fa4c6bf92e
--! Hash: sha1:e6d7951345021ec7c1bfd97c95738552137dbe31
--! Message: assistant: the knowledge base moves out of app.embeddings into app.knowledge_embeddings

-- Issue 17 (docs/scale-out.md section 2). The shared knowledge base lived in app.embeddings with
-- user_id NULL; on Citus a distribution column cannot be NULL, and the knowledge base is shared
-- data read by everyone: it becomes its own table, a reference table on Citus (a copy on every
-- node, so a person's query joins it locally). app.embeddings keeps only people's chunks
-- (user_id NOT NULL from 000132).
-- - The rows move with their ids, so app.search_knowledge returns exactly what it returned
--   (same ids, contents, distances; source_kind is always 'knowledge').
-- - Its own HNSW (cosine) index, the same parameters as idx_embeddings_knowledge_hnsw (m 16,
--   ef_construction 64), built after the rows are in (faster than growing it row by row); its
--   own unique key (source_id, chunk_index, model) for the loader's upsert (NULL source_ids are
--   never deduplicated, as before).
-- - Grants as before: every person reads it (app_user: SELECT; today's person_select allowed
--   user_id IS NULL rows), the admin portal curates it (app_admin: the writer, storeKnowledge),
--   nobody else writes it. No row-level security: there is no owner to key it on.
-- - A NOT VALID check on app.embeddings (user_id IS NOT NULL) refuses new knowledge rows there
--   from this transaction on; 000132 validates it and makes the column NOT NULL.
-- The whole move is one transaction under an EXCLUSIVE lock on app.embeddings (reads go on).
set local lock_timeout = '5s';
set local statement_timeout = '60s';

lock table app.embeddings in exclusive mode;

create table app.knowledge_embeddings (
  id          uuid not null default pg_catalog.gen_random_uuid() primary key,
  source_id   uuid,
  chunk_index integer not null default 0,
  content     text not null,
  embedding   public.vector(1536) not null,
  model       text not null,
  metadata    jsonb not null default '{}'::jsonb,
  created_at  timestamptz not null default pg_catalog.now(),
  constraint knowledge_embeddings_chunk_index_check check (chunk_index >= 0),
  constraint knowledge_embeddings_content_check check (pg_catalog.char_length(content) >= 1),
  constraint knowledge_embeddings_model_check check (pg_catalog.char_length(model) between 1 and 200),
  constraint knowledge_embeddings_metadata_check check (pg_catalog.jsonb_typeof(metadata) = 'object')
);

select app_private.owner_access_on();
insert into app.knowledge_embeddings (id, source_id, chunk_index, content, embedding, model, metadata, created_at)
select e.id, e.source_id, e.chunk_index, e.content, e.embedding, e.model, e.metadata, e.created_at
from app.embeddings as e
where e.user_id is null;
delete from app.embeddings as e where e.user_id is null;
select pg_catalog.set_config('app.owner_access', '', true);

alter table app.embeddings add constraint embeddings_user_id_not_null check (user_id is not null) not valid;

create unique index idx_knowledge_embeddings_chunk on app.knowledge_embeddings (source_id, chunk_index, model);
create index idx_knowledge_embeddings_hnsw on app.knowledge_embeddings
  using hnsw (embedding public.vector_cosine_ops) with (m = 16, ef_construction = 64);

revoke all on table app.knowledge_embeddings from public;
grant select on table app.knowledge_embeddings to app_user;
grant select, insert, update, delete on table app.knowledge_embeddings to app_admin;

-- The knowledge rows are gone from app.embeddings: app_admin has nothing left to write there.
drop policy admin_knowledge on app.embeddings;
revoke insert, update, delete on table app.embeddings from app_admin;
-- Without the scalar subquery: Citus refuses subqueries in policies of distributed tables (issue 17).
alter policy person_select on app.embeddings
  using (user_id = nullif(pg_catalog.current_setting('app.user_id', true), '')::pg_catalog.uuid);
comment on policy person_select on app.embeddings is
  'A person (app_user) reads their own rows: user_id = app.current_user_id() (the transaction-local app.user_id; unset → no rows). The shared knowledge base is app.knowledge_embeddings since 000131.';

create or replace function app.search_knowledge(p_query public.vector, p_model text, p_limit integer default 10, p_filter jsonb default null, p_ef_search integer default null)
  returns table (id uuid, content text, distance double precision, source_kind text, source_id uuid, chunk_index integer, metadata jsonb)
  language plpgsql
  set search_path = pg_catalog, pg_temp
as $fn$
declare
  v_ef        integer;
  v_filtered  boolean := p_filter is not null and p_filter <> '{}'::jsonb;
begin
  if p_query is null or p_model is null then
    raise exception 'search_knowledge: query vector and model are required'
      using errcode = 'null_value_not_allowed', column = case when p_query is null then 'embedding' else 'model' end;
  end if;
  if p_limit is null or p_limit < 1 or p_limit > 1000 then
    raise exception 'search_knowledge: limit must be between 1 and 1000 (got %)', p_limit
      using errcode = 'invalid_parameter_value', column = 'limit';
  end if;
  if p_ef_search is not null and (p_ef_search < 1 or p_ef_search > 1000) then
    raise exception 'search_knowledge: ef_search must be between 1 and 1000 (got %)', p_ef_search
      using errcode = 'invalid_parameter_value', column = 'ef_search';
  end if;

  -- Candidates per scan: at least k (HNSW returns at most ef_search rows per scan), 40 by default.
  v_ef := least(1000, greatest(coalesce(p_ef_search, 40), p_limit));

  -- hnsw.iterative_scan exists from pgvector 0.8 (its settings exist once the library is loaded,
  -- which reading p_query did). The model is always a filter, so it is turned on for every query:
  -- it only costs anything when the filter leaves fewer than k of the first candidates.
  if pg_catalog.current_setting('hnsw.iterative_scan', true) is not null then
    perform pg_catalog.set_config('hnsw.iterative_scan', 'relaxed_order', true);
  elsif v_filtered then
    v_ef := least(1000, greatest(v_ef, p_limit * 10));  -- no iterative scan: look at more candidates
  end if;
  perform pg_catalog.set_config('hnsw.ef_search', v_ef::text, true);

  -- EXECUTE (a constant statement, not dynamic SQL) so the plan is made for these values each
  -- time: a cached generic plan would guess LIMIT and could prefer a sequential scan. relaxed_order
  -- may return neighbours slightly out of order, hence the outer ORDER BY.
  return query execute
    'select h.id, h.content, h.distance, ''knowledge''::text, h.source_id, h.chunk_index, h.metadata
       from (select e.id, e.content,
                    (e.embedding operator(public.<=>) $1)::double precision as distance,
                    e.source_id, e.chunk_index, e.metadata
               from app.knowledge_embeddings as e
              where e.model = $2
                and ($4::jsonb is null or e.metadata operator(pg_catalog.@>) $4)
              order by e.embedding operator(public.<=>) $1
              limit $3) as h
      order by h.distance, h.id'
    using p_query, p_model, p_limit, case when v_filtered then p_filter end;
end
$fn$;

comment on function app.search_knowledge(public.vector, text, integer, jsonb, integer) is
  'Approximate nearest neighbours (cosine distance) of p_query in the shared knowledge base (app.knowledge_embeddings) for one embedding model, optionally only rows whose metadata contains p_filter (@>). Uses the HNSW index idx_knowledge_embeddings_hnsw. Sets, transaction-locally, hnsw.ef_search = p_ef_search (default 40, at least p_limit, at most 1000) and, when pgvector offers it (0.8+), hnsw.iterative_scan = relaxed_order so filters cannot starve the result; on older pgvector a filtered query widens ef_search to 10 × p_limit instead. Returns content, distance (0 = same direction, 2 = opposite) and the source (source_kind always knowledge), nearest first. VOLATILE because it changes settings. Errors: NULL query/model (22004), limit outside 1–1000 or ef_search outside 1–1000 (22023); a vector of another dimension fails in pgvector (22000).';

comment on table app.knowledge_embeddings is
  'The shared knowledge base for RAG: chunks and their vectors (pgvector), belonging to nobody. Read by every person (app_user: SELECT, through app.search_knowledge), written by the admin portal only (app_admin: assistant.forAdmin.storeKnowledge, upserting on idx_knowledge_embeddings_chunk). Searched approximately through the HNSW cosine index idx_knowledge_embeddings_hnsw. A reference table on Citus (a copy on every node). Until migration 000131 these rows were app.embeddings rows with user_id NULL; they kept their ids.';
comment on column app.knowledge_embeddings.id is 'Chunk id.';
comment on column app.knowledge_embeddings.source_id is 'Optional stable document uuid chosen by the loader (e.g. a name-based uuid of its URL): with it, reloading a document is idempotent (upsert on idx_knowledge_embeddings_chunk); NULL rows are never deduplicated (NULLs are distinct).';
comment on column app.knowledge_embeddings.chunk_index is 'Position of the chunk within its document (0 for a single chunk).';
comment on column app.knowledge_embeddings.content is 'The chunk''s text, returned by searches.';
comment on column app.knowledge_embeddings.embedding is 'The chunk''s vector (1536 dimensions, the width of app.embeddings.embedding).';
comment on column app.knowledge_embeddings.model is 'The embedding model that made the vector; a search compares only vectors of one model.';
comment on column app.knowledge_embeddings.metadata is 'Free-form JSON object (topic, language, URL …): searchKnowledge''s filter matches it with @>.';
comment on column app.knowledge_embeddings.created_at is 'When the chunk was stored or last replaced by the loader.';
comment on index app.idx_knowledge_embeddings_chunk is 'The loader''s upsert key (InsertKnowledgeEmbeddings: ON CONFLICT (source_id, chunk_index, model)): a document''s chunks are replaced, not duplicated, when it is loaded again.';
comment on index app.idx_knowledge_embeddings_hnsw is 'Approximate nearest neighbours by cosine distance (app.search_knowledge: ORDER BY embedding <=> $1 LIMIT k), m 16, ef_construction 64.';
comment on constraint embeddings_user_id_not_null on app.embeddings is 'Every chunk of app.embeddings belongs to a person (the knowledge base is app.knowledge_embeddings since 000131). Added NOT VALID, validated by 000132, which then makes the column NOT NULL and drops this check.';
