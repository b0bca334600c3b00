--! Previous: sha1:d84f95b2e82ffa09145a1740e49578acd832060b
--! Hash: sha1:d95be12efd9684aa9792753b093523fa4c6bf92e
--! Message: accounts, appliances: drop the global unique keys the lookup tables replace; the plain indexes take the documented names

-- Issue 17 (docs/scale-out.md section 4). Since 000121-000123 every writer claims the auth id and
-- the push token in app.person_auth_ids / app.push_token_owners in the same transaction, so the
-- unique constraints on app.users (auth_id) and app.push_tokens (token), which Citus cannot keep
-- (they lack user_id), go. Dropping a constraint takes a short ACCESS EXCLUSIVE lock and rewrites
-- nothing. The plain indexes built by 000124/000126/000128 take the names the Epicura document
-- gives (idx_users_email, idx_appliances_device_id, idx_appliances_serial_number): same columns,
-- no longer unique.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

alter table app.users drop constraint users_auth_id_key;
alter table app.push_tokens drop constraint push_tokens_token_key;

alter index app.idx_users_email_lookup rename to idx_users_email;
alter index app.idx_appliances_device_id_lookup rename to idx_appliances_device_id;
alter index app.idx_appliances_serial_number_lookup rename to idx_appliances_serial_number;

comment on index app.idx_users_email is
  'A person by e-mail address (`kitchen-db gdpr … --user <email>`, app.gdpr_find_user). Not unique: an e-mail names one person through app.person_emails (primary key), which Citus can keep.';
comment on index app.idx_appliances_device_id is
  'Partial: the current pairing of a device id (heartbeat, cooking-log upload); unpaired rows are history. Not unique: a device id has one current pairing through app.appliance_devices.';
comment on index app.idx_appliances_serial_number is
  'Partial: the current pairing of a serial number; unpaired rows are history. Not unique: a serial number has one current pairing through app.appliance_serials.';
comment on column app.users.auth_id is
  'Better-Auth identity (auth."user".id) of this person. One person per identity through app.person_auth_ids (its primary key; written by app.sign_in_person), not a unique constraint here (Citus: a unique key of app.users must contain id).';
comment on column app.push_tokens.token is
  'The FCM/APNs token. Unique across people through app.push_token_owners (written with this row by app.register_push_token), not a unique constraint here (Citus: a unique key of a person table must contain user_id).';
