--! Previous: sha1:841385d57ed26d02ef072120f26926602686c4ec
--! Hash: sha1:67c2fdf382df0d49f326120ac83a93d584512824
--! Message: assistant: drop the knowledge-base HNSW index of app.embeddings (empty since 000131)

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so the index is dropped CONCURRENTLY without blocking writes; lock and statement timeouts
--   would have to be separate statements.
-- Issue 17: the knowledge base has its own table and HNSW index (app.knowledge_embeddings).
drop index concurrently if exists app.idx_embeddings_knowledge_hnsw;
