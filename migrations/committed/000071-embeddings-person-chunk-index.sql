--! Previous: sha1:8356c447050acfb76f9f7346db3fe8ad7cf04965
--! Hash: sha1:bdd61839cc6e70940d06b9c74f59dc85516d1d78
--! Message: assistant: unique index of a person's chunks, with user_id in the key

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so CREATE INDEX CONCURRENTLY does not block writes to app.embeddings; lock and statement
--   timeouts would have to be separate statements.
-- Replaces, for a person's chunks, the unique constraint on (source_kind, source_id, chunk_index,
-- model), which left user_id out: a unique violation told a person that someone else's chunk
-- existed, and a key without user_id cannot be distributed by person (SCALE-OUT.md). Swapped in
-- 000073.
create unique index concurrently if not exists idx_embeddings_person_chunk
  on app.embeddings (user_id, source_kind, source_id, chunk_index, model) where user_id is not null;
