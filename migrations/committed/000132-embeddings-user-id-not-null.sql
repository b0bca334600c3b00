--! Previous: sha1:e6d7951345021ec7c1bfd97c95738552137dbe31
--! Hash: sha1:f3f2c1ecad471e3cb1885d80dd54b421b702eb84
--! Message: assistant: app.embeddings.user_id is NOT NULL (every chunk belongs to a person)

-- Issue 17: the knowledge rows moved out in 000131 (which added the check NOT VALID, so no new
-- one entered since). VALIDATE scans the table under a SHARE UPDATE EXCLUSIVE lock (reads and
-- writes go on); SET NOT NULL then finds the validated check and skips its own scan (PostgreSQL
-- 12+), so the ACCESS EXCLUSIVE lock it takes is short; the check is then redundant.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

alter table app.embeddings validate constraint embeddings_user_id_not_null;
alter table app.embeddings alter column user_id set not null;
alter table app.embeddings drop constraint embeddings_user_id_not_null;

comment on column app.embeddings.user_id is
  'Owner (app.users.id): every chunk belongs to a person (the shared knowledge base is app.knowledge_embeddings since 000131). The distribution column on Citus.';
comment on table app.embeddings is
  'RAG chunks and their vectors (pgvector) of a person''s own meal logs and messages, searched exactly: the btree idx_embeddings_user selects the person''s rows and the distance is computed on them (HNSW filters after the scan and would lose rows). A chunk must point at the person''s own meal log or message (trigger embeddings_check_source_*). The embed job upserts on idx_embeddings_person_chunk (user_id, source_kind, source_id, chunk_index, model), so re-running it is idempotent. Rows are deleted with the person (ON DELETE CASCADE) and with their source row (triggers delete_embeddings on meal_logs and messages). The shared knowledge base is app.knowledge_embeddings (until 000131: rows here with user_id NULL).';
