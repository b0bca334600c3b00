--! Previous: sha1:48ea216739351ec5560501ca787c8ed1cfb81537
--! Hash: sha1:2e3d5217d646dd38fd2a40417ce25d1402e97f58
--! Message: assistant: drop the knowledge-base HNSW index of app.embeddings (empty since 000131)

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so the index is dropped CONCURRENTLY without blocking writes; lock and statement timeouts
--   would have to be separate statements.
-- Issue 17: the knowledge base has its own table and HNSW index (app.knowledge_embeddings).
drop index concurrently if exists app.idx_embeddings_knowledge_hnsw;
