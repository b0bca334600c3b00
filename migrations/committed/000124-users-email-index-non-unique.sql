--! Previous: sha1:43c48d1e9f79996626b6463f7c53647fc3a06a05
--! Hash: sha1:ed9b6c2aba97e6e63286849b8879a602cfe98fd7
--! Message: accounts: a non-unique index on app.users.email (the e-mail's uniqueness lives in app.person_emails)

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so the index is built / dropped CONCURRENTLY without blocking writes; lock and statement
--   timeouts would have to be separate statements.
-- Issue 17: the unique index idx_users_email cannot exist on Citus (it lacks user_id). The
-- e-mail stays searchable (GDPR find-the-person, the admin portal) through a plain index built
-- here under a temporary name; 000125 drops the unique one and 000130 renames this one to
-- idx_users_email, the name the Epicura document gives it.
create index concurrently if not exists idx_users_email_lookup on app.users (email);
