--! Previous: sha1:7ab3214b1b69d2bd34e2bbe6b7645f015a920c80
--! Hash: sha1:f12982804e77f226150c6a85d7b2b45515553cca
--! Message: keys: unique index (user_id, id) on app.messages, built concurrently

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so CREATE INDEX CONCURRENTLY does not block writes to app.messages; lock and statement timeouts
--   would have to be separate statements.
-- Issue 17 (Citus): the future primary key (user_id, id): a primary key of a table distributed by user_id must contain it (docs/scale-out.md section 2). Swapped in by 000111 (ADD PRIMARY KEY USING INDEX: no second build, no scan).
create unique index concurrently if not exists messages_user_id_id_key on app.messages (user_id, id);
