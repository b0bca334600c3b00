--! Previous: sha1:2e3d5217d646dd38fd2a40417ce25d1402e97f58
--! Hash: sha1:3d4ca80002710ff22f4e33f863170bbf0f578633
--! Message: assistant: drop the knowledge-base chunk key of app.embeddings (empty since 000131)

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so the index is dropped CONCURRENTLY without blocking writes; lock and statement timeouts
--   would have to be separate statements.
-- Issue 17: the knowledge loader upserts on idx_knowledge_embeddings_chunk of app.knowledge_embeddings.
drop index concurrently if exists app.idx_embeddings_knowledge_chunk;
