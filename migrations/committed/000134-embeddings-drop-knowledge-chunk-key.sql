--! Previous: sha1:31e6233cfa1263c92378ad41fd82279470c8d04e
--! Hash: sha1:22106d9ab6e67ddc7057b8e3367a6148d1417120
--! Message: assistant: drop the knowledge-base chunk key of app.embeddings (empty since 000131)

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so the index is dropped CONCURRENTLY without blocking writes; lock and statement timeouts
--   would have to be separate statements.
-- Issue 17: the knowledge loader upserts on idx_knowledge_embeddings_chunk of app.knowledge_embeddings.
drop index concurrently if exists app.idx_embeddings_knowledge_chunk;
