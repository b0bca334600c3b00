--! Previous: sha1:67c2fdf382df0d49f326120ac83a93d584512824
--! Hash: sha1:226e81189036b482a97a8aa28292674938c8d06b
--! Message: assistant: drop the knowledge-base chunk key of app.embeddings (empty since 000131)

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so the index is dropped CONCURRENTLY without blocking writes; lock and statement timeouts
--   would have to be separate statements.
-- Issue 17: the knowledge loader upserts on idx_knowledge_embeddings_chunk of app.knowledge_embeddings.
drop index concurrently if exists app.idx_embeddings_knowledge_chunk;
