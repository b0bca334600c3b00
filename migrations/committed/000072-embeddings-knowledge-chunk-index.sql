--! Previous: sha1:bdd61839cc6e70940d06b9c74f59dc85516d1d78
--! Hash: sha1:cb89c9f00800a460e8ce46a3f3685225f9cf8791
--! Message: assistant: unique index of the knowledge base's chunks

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so CREATE INDEX CONCURRENTLY does not block writes to app.embeddings; lock and statement
--   timeouts would have to be separate statements.
-- The knowledge base (user_id NULL) keeps its own uniqueness on (source_kind, source_id,
-- chunk_index, model): partial, because NULL user_ids would never collide in an index that holds
-- user_id, and without NULLS NOT DISTINCT, because knowledge rows without a source_id are never
-- deduplicated (as before). The predicate is source_kind = 'knowledge' (the same rows as user_id IS
-- NULL, CHECK embeddings_source_check), not user_id IS NULL: with that one the planner answered
-- small knowledge searches (... WHERE user_id IS NULL ORDER BY embedding <=> $1) from this index
-- and a sort instead of idx_embeddings_knowledge_hnsw. Swapped in 000073.
create unique index concurrently if not exists idx_embeddings_knowledge_chunk
  on app.embeddings (source_kind, source_id, chunk_index, model) where source_kind = 'knowledge';
