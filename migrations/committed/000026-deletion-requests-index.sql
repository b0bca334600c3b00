--! Previous: sha1:e2426e5466cab65c31d5b953ca88d6aa26ab5b8b
--! Hash: sha1:0528503d52430066ef411c9facbb28e95ca32b49
--! Message: gdpr: index of due deletion requests

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so CREATE INDEX CONCURRENTLY does not block writes to app.users; lock and statement timeouts
--   would have to be separate statements.
-- Accounts whose deletion is due (app.purge_due_accounts, app.gdpr_pending_deletions): a handful
-- of rows among all people, hence partial.
create index concurrently if not exists idx_users_deletion_due on app.users (deletion_due_at) where deletion_due_at is not null;
