--! Previous: sha1:8a94c7ab99545051bdcdd467d3778a2f77621240
--! Hash: sha1:6e45c0db21fa4888ba9f213c1238fc4d51da29b2
--! Message: assistant: a unique index (user_id, id) on app.embeddings, the future primary key

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so CREATE INDEX CONCURRENTLY does not block writes to app.embeddings; lock and statement
--   timeouts would have to be separate statements.
-- Issue 17 (docs/scale-out.md section 2): every primary key of a person table contains user_id
-- (Citus). app.embeddings kept its primary key (id) while knowledge rows had user_id NULL; since
-- 000132 the column is NOT NULL, so the key (user_id, id) is built here without blocking writes and
-- 000137 promotes it (ADD PRIMARY KEY USING INDEX: no second build).
create unique index concurrently if not exists embeddings_user_id_id_key on app.embeddings (user_id, id);
