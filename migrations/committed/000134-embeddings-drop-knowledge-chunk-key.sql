--! Previous: sha1:1c7118a27913971b5cf5b7f1baad897b3aae486d
--! Hash: sha1:32c45224da7830a452b5d8b7e6b8b0f6452344dd
--! Message: assistant: drop the knowledge-base chunk key of app.embeddings (empty since 000131)

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so the index is dropped CONCURRENTLY without blocking writes; lock and statement timeouts
--   would have to be separate statements.
-- Issue 17: the knowledge loader upserts on idx_knowledge_embeddings_chunk of app.knowledge_embeddings.
drop index concurrently if exists app.idx_embeddings_knowledge_chunk;
