--! Previous: sha1:7d2a7b57138a1045b76b64b29a28ca5978708778
--! Hash: sha1:46d3b6583e4777bc8ab402644d2a7334c718baa0
--! Message: keys: unique index (user_id, id) on app.cooking_sessions, built concurrently

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so CREATE INDEX CONCURRENTLY does not block writes to app.cooking_sessions; lock and statement timeouts
--   would have to be separate statements.
-- Issue 17 (Citus): the future primary key (user_id, id): a primary key of a table distributed by user_id must contain it (docs/scale-out.md section 2). Swapped in by 000111 (ADD PRIMARY KEY USING INDEX: no second build, no scan).
create unique index concurrently if not exists cooking_sessions_user_id_id_key on app.cooking_sessions (user_id, id);
