--! Previous: sha1:8bfe46435fa96fc9a66903c9f5e636ac00f307ad
--! Hash: sha1:73d16616c4f731fd79de27dade2caa7bce689c2b
--! Message: keys: unique index (user_id, id) on app.user_goals, built concurrently

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so CREATE INDEX CONCURRENTLY does not block writes to app.user_goals; lock and statement timeouts
--   would have to be separate statements.
-- Issue 17 (Citus): the future primary key (user_id, id): a primary key of a table distributed by user_id must contain it (docs/scale-out.md section 2). Swapped in by 000111 (ADD PRIMARY KEY USING INDEX: no second build, no scan).
create unique index concurrently if not exists user_goals_user_id_id_key on app.user_goals (user_id, id);
