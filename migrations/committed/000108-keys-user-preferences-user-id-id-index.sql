--! Previous: sha1:73d16616c4f731fd79de27dade2caa7bce689c2b
--! Hash: sha1:0675edb1b89bfcc6985fb0f6e953ab3f964e5cc6
--! Message: keys: unique index (user_id, id) on app.user_preferences, built concurrently

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so CREATE INDEX CONCURRENTLY does not block writes to app.user_preferences; lock and statement timeouts
--   would have to be separate statements.
-- Issue 17 (Citus): the future primary key (user_id, id): a primary key of a table distributed by user_id must contain it (docs/scale-out.md section 2). Swapped in by 000111 (ADD PRIMARY KEY USING INDEX: no second build, no scan).
create unique index concurrently if not exists user_preferences_user_id_id_key on app.user_preferences (user_id, id);
