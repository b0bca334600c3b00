--! Previous: sha1:5559e254fc0d739c2d80cb418123ae9eb6f0ca9d
--! Hash: sha1:9e0398ea6147e7fc60aa7df506ddf76c13462f61
--! Message: assistant: drop the knowledge-base chunk key of app.embeddings (empty since 000131)

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so the index is dropped CONCURRENTLY without blocking writes; lock and statement timeouts
--   would have to be separate statements.
-- Issue 17: the knowledge loader upserts on idx_knowledge_embeddings_chunk of app.knowledge_embeddings.
drop index concurrently if exists app.idx_embeddings_knowledge_chunk;
