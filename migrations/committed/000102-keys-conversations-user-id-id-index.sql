--! Previous: sha1:931b5c89e97c4ec81409fd640716f0b9c98b74fe
--! Hash: sha1:7ab3214b1b69d2bd34e2bbe6b7645f015a920c80
--! Message: keys: unique index (user_id, id) on app.conversations, built concurrently

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so CREATE INDEX CONCURRENTLY does not block writes to app.conversations; lock and statement timeouts
--   would have to be separate statements.
-- Issue 17 (Citus): the future primary key (user_id, id): a primary key of a table distributed by user_id must contain it (docs/scale-out.md section 2). Swapped in by 000111 (ADD PRIMARY KEY USING INDEX: no second build, no scan).
create unique index concurrently if not exists conversations_user_id_id_key on app.conversations (user_id, id);
