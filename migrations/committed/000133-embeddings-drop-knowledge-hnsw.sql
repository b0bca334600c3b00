--! Previous: sha1:e82c3774249a73bf7e957b91789a793003588afe
--! Hash: sha1:1c7118a27913971b5cf5b7f1baad897b3aae486d
--! Message: assistant: drop the knowledge-base HNSW index of app.embeddings (empty since 000131)

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so the index is dropped CONCURRENTLY without blocking writes; lock and statement timeouts
--   would have to be separate statements.
-- Issue 17: the knowledge base has its own table and HNSW index (app.knowledge_embeddings).
drop index concurrently if exists app.idx_embeddings_knowledge_hnsw;
