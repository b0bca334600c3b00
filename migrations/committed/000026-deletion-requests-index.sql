--! Previous: sha1:2cd589f164255c412e6e0ce346646c354b4e3eac
--! Hash: sha1:86a8db5b2008df058f27a6240e66fa99dc0e73ac
--! Message: gdpr: index of due deletion requests

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so CREATE INDEX CONCURRENTLY does not block writes to app.users; lock and statement timeouts
--   would have to be separate statements.
-- Accounts whose deletion is due (app.purge_due_accounts, app.gdpr_pending_deletions): a handful
-- of rows among all people, hence partial.
create index concurrently if not exists idx_users_deletion_due on app.users (deletion_due_at) where deletion_due_at is not null;
