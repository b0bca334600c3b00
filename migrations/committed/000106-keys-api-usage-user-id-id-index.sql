--! Previous: sha1:46d3b6583e4777bc8ab402644d2a7334c718baa0
--! Hash: sha1:8bfe46435fa96fc9a66903c9f5e636ac00f307ad
--! Message: keys: unique index (user_id, id) on app.api_usage, built concurrently

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so CREATE INDEX CONCURRENTLY does not block writes to app.api_usage; lock and statement timeouts
--   would have to be separate statements.
-- Issue 17 (Citus): the future primary key (user_id, id): a primary key of a table distributed by user_id must contain it (docs/scale-out.md section 2). Swapped in by 000111 (ADD PRIMARY KEY USING INDEX: no second build, no scan).
create unique index concurrently if not exists api_usage_user_id_id_key on app.api_usage (user_id, id);
