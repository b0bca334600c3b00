--! Previous: sha1:48f16e488218bb815baef3a7ea2f5052dadce8ae
--! Hash: sha1:5a4d0bed92cfda506dd5ba9534cfeec7a5e4c7cd
--! Message: gdpr: index of due deletion requests

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so CREATE INDEX CONCURRENTLY does not block writes to app.users; lock and statement timeouts
--   would have to be separate statements.
-- Accounts whose deletion is due (app.purge_due_accounts, app.gdpr_pending_deletions): a handful
-- of rows among all people, hence partial.
create index concurrently if not exists idx_users_deletion_due on app.users (deletion_due_at) where deletion_due_at is not null;
