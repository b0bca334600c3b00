--! Previous: sha1:ed9b6c2aba97e6e63286849b8879a602cfe98fd7
--! Hash: sha1:32cef5b781148169f2407c424d60433ed982bc43
--! Message: accounts: drop the unique index idx_users_email (replaced by app.person_emails)

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so the index is built / dropped CONCURRENTLY without blocking writes; lock and statement
--   timeouts would have to be separate statements.
-- Issue 17: e-mail uniqueness is app.person_emails' primary key since 000121 (every writer
-- claims the e-mail there in the same transaction); the plain index of 000124 serves the searches.
drop index concurrently if exists app.idx_users_email;
