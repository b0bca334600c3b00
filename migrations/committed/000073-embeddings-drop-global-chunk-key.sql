--! Previous: sha1:cb89c9f00800a460e8ce46a3f3685225f9cf8791
--! Hash: sha1:027f0aeaf9e3bfa4bde6c9225cd66b03019cd494
--! Message: assistant: drop the chunk key without user_id (the two partial unique indexes replace it)

-- After 000071 and 000072 built idx_embeddings_person_chunk and idx_embeddings_knowledge_chunk
-- concurrently, the old constraint (source_kind, source_id, chunk_index, model) goes: a brief
-- ACCESS EXCLUSIVE lock, no scan. Upserts now name the partial index of their population:
--   ON CONFLICT (user_id, source_kind, source_id, chunk_index, model) WHERE user_id IS NOT NULL
--   ON CONFLICT (source_kind, source_id, chunk_index, model) WHERE source_kind = 'knowledge'
-- (queries/assistant.sql, queries/jobs.sql). Deploy with the code that uses them: an upsert with
-- the old target fails ("no unique or exclusion constraint matching") once this has run.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

alter table app.embeddings drop constraint embeddings_source_kind_source_id_chunk_index_model_key;

comment on index app.idx_embeddings_person_chunk is
  'A person''s chunk is unique per (user_id, source_kind, source_id, chunk_index, model): the embed job and storeEmbeddings upsert on it (ON CONFLICT ... WHERE user_id IS NOT NULL). user_id in the key: a conflict only ever involves the person''s own rows, and the key can be distributed by person.';
comment on index app.idx_embeddings_knowledge_chunk is
  'A knowledge-base chunk (source_kind knowledge, user_id NULL) is unique per (source_kind, source_id, chunk_index, model): the loader upserts on it (ON CONFLICT ... WHERE source_kind = ''knowledge''). Rows without a source_id are never deduplicated (NULLs are distinct).';
comment on table app.embeddings is
  'RAG chunks and their vectors (pgvector). Two populations: the shared knowledge base (user_id NULL, source_kind knowledge), searched approximately through the HNSW cosine index idx_embeddings_knowledge_hnsw; and a person''s own meal logs and messages (user_id set), searched exactly: the btree idx_embeddings_user selects the person''s rows and the distance is computed on them (HNSW filters after the scan and would lose rows). A person''s chunk must point at their own meal log or message (trigger embeddings_check_source_*). The embed job upserts on idx_embeddings_person_chunk (user_id, source_kind, source_id, chunk_index, model), the knowledge loader on idx_embeddings_knowledge_chunk, so re-running them is idempotent. A person''s rows are deleted with the person (ON DELETE CASCADE) and with their source row (triggers delete_embeddings on meal_logs and messages).';
comment on column app.embeddings.source_id is
  'Id of the source row (meal_logs.id or messages.id of the same person; required for them, checked by trigger embeddings_check_source_*). For knowledge rows optional: a stable document uuid chosen by the loader (e.g. a name-based uuid of its URL) makes reloading idempotent; NULL rows are never deduplicated (NULLs are distinct in idx_embeddings_knowledge_chunk).';
