--! Previous: sha1:85e49baa969afc1be2c99d7337eef15686ac0341
--! Hash: sha1:5559e254fc0d739c2d80cb418123ae9eb6f0ca9d
--! Message: assistant: drop the knowledge-base HNSW index of app.embeddings (empty since 000131)

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so the index is dropped CONCURRENTLY without blocking writes; lock and statement timeouts
--   would have to be separate statements.
-- Issue 17: the knowledge base has its own table and HNSW index (app.knowledge_embeddings).
drop index concurrently if exists app.idx_embeddings_knowledge_hnsw;
