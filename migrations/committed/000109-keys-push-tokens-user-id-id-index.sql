--! Previous: sha1:0675edb1b89bfcc6985fb0f6e953ab3f964e5cc6
--! Hash: sha1:acd35ad4a9d6ced09075eb8797f583aff104a3e0
--! Message: keys: unique index (user_id, id) on app.push_tokens, built concurrently

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so CREATE INDEX CONCURRENTLY does not block writes to app.push_tokens; lock and statement timeouts
--   would have to be separate statements.
-- Issue 17 (Citus): the future primary key (user_id, id): a primary key of a table distributed by user_id must contain it (docs/scale-out.md section 2). Swapped in by 000111 (ADD PRIMARY KEY USING INDEX: no second build, no scan).
create unique index concurrently if not exists push_tokens_user_id_id_key on app.push_tokens (user_id, id);
