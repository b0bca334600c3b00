--! Previous: sha1:979afce336b26456865d0d5a6f205ad3f1dbd0b8
--! Hash: sha1:e8be9e175a96ab2302be804f0100e36eea5d0271
--! Message: assistant: approximate search of the shared knowledge base (HNSW, per-query ef_search, iterative scan)

-- Retrieval from the shared knowledge base (app.embeddings rows with user_id NULL) through the
-- partial HNSW index idx_embeddings_knowledge_hnsw, in one round trip: the function sets
-- hnsw.ef_search for this query (transaction-local) and, where pgvector 0.8+ offers it,
-- hnsw.iterative_scan = relaxed_order, because a filter (model, metadata) applies after the index
-- scan and could otherwise leave fewer than k rows. Older pgvector: no iterative scan, ef_search
-- widened instead. SECURITY INVOKER (row-level security applies); executable by app_user only.
-- A person's own rows are searched exactly by the access layer (queries/assistant.sql), not here.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create function app.search_knowledge(
  p_query     public.vector,
  p_model     text,
  p_limit     integer default 10,
  p_filter    jsonb default null,
  p_ef_search integer default null
) returns table (
    id          uuid,
    content     text,
    distance    double precision,
    source_kind text,
    source_id   uuid,
    chunk_index integer,
    metadata    jsonb
  )
  language plpgsql
  volatile
  set search_path = ''
as $$
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
    'select h.id, h.content, h.distance, h.source_kind, h.source_id, h.chunk_index, h.metadata
       from (select e.id, e.content,
                    (e.embedding operator(public.<=>) $1)::double precision as distance,
                    e.source_kind, e.source_id, e.chunk_index, e.metadata
               from app.embeddings as e
              where e.user_id is null
                and e.model = $2
                and ($4::jsonb is null or e.metadata operator(pg_catalog.@>) $4)
              order by e.embedding operator(public.<=>) $1
              limit $3) as h
      order by h.distance, h.id'
    using p_query, p_model, p_limit, case when v_filtered then p_filter end;
end
$$;
comment on function app.search_knowledge(public.vector, text, integer, jsonb, integer) is
  'Approximate nearest neighbours (cosine distance) of p_query in the shared knowledge base (app.embeddings, user_id NULL) for one embedding model, optionally only rows whose metadata contains p_filter (@>). '
  'Uses the partial HNSW index idx_embeddings_knowledge_hnsw. Sets, transaction-locally, hnsw.ef_search = p_ef_search (default 40, at least p_limit, at most 1000) and, when pgvector offers it (0.8+), hnsw.iterative_scan = relaxed_order '
  'so filters cannot starve the result; on older pgvector a filtered query widens ef_search to 10 × p_limit instead. Returns content, distance (0 = same direction, 2 = opposite) and the source, nearest first. '
  'VOLATILE because it changes settings. Errors: NULL query/model (22004), limit outside 1–1000 or ef_search outside 1–1000 (22023); a vector of another dimension fails in pgvector (22000).';
revoke all on function app.search_knowledge(public.vector, text, integer, jsonb, integer) from public;
grant execute on function app.search_knowledge(public.vector, text, integer, jsonb, integer) to app_user;
