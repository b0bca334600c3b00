--! Previous: sha1:68f1265138ac47efd40ed0dd99574b81aabf6f0f
--! Hash: sha1:4a3387d59b18a30935f5e26b55339f1e9102976f
--! Message: keys: unique index (user_id, id) on app.meal_logs, built concurrently

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so CREATE INDEX CONCURRENTLY does not block writes to app.meal_logs; lock and statement timeouts
--   would have to be separate statements.
-- Issue 17 (Citus): the future primary key (user_id, id): a primary key of a table distributed by user_id must contain it (docs/scale-out.md section 2). Swapped in by 000111 (ADD PRIMARY KEY USING INDEX: no second build, no scan).
create unique index concurrently if not exists meal_logs_user_id_id_key on app.meal_logs (user_id, id);
