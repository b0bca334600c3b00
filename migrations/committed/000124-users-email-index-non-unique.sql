--! Previous: sha1:682f3d3b4c028e46cedcc0e22d83bd198aa2a671
--! Hash: sha1:63a7d3fe5f0f08f3a5a56d01935d4a47b2ed5bfd
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
