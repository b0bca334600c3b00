--! Previous: sha1:67d35d83c6f34f96cb4504cf1d0256d8f1e910d1
--! Hash: sha1:31e6233cfa1263c92378ad41fd82279470c8d04e
--! Message: assistant: drop the knowledge-base HNSW index of app.embeddings (empty since 000131)

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so the index is dropped CONCURRENTLY without blocking writes; lock and statement timeouts
--   would have to be separate statements.
-- Issue 17: the knowledge base has its own table and HNSW index (app.knowledge_embeddings).
drop index concurrently if exists app.idx_embeddings_knowledge_hnsw;
