--! Previous: sha1:ac1082592bc6d2d603f2b86f1e2a0ea5cf4d267b
--! Hash: sha1:8352c24715e3aded41f7f036762911a132f0cbf1
--! Message: gdpr: index of due deletion requests

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so CREATE INDEX CONCURRENTLY does not block writes to app.users; lock and statement timeouts
--   would have to be separate statements.
-- Accounts whose deletion is due (app.purge_due_accounts, app.gdpr_pending_deletions): a handful
-- of rows among all people, hence partial.
create index concurrently if not exists idx_users_deletion_due on app.users (deletion_due_at) where deletion_due_at is not null;
