--! Previous: sha1:e5709e9685c6fa1ae0e388b1649cb49ece290776
--! Hash: sha1:ef7efc5a02353eca9f98e4913204975214cc3313
--! Message: accounts, appliances: lookup tables that own the global keys (e-mail, auth id, push token, device id, serial number)

-- Issue 17 (docs/scale-out.md section 4). On Citus every PRIMARY KEY / UNIQUE of a distributed
-- table must contain its distribution column, so the five rules that do not contain user_id cannot
-- stay unique indexes of the person tables: app.users.email, app.users.auth_id,
-- app.push_tokens.token, and among current pairings app.appliances.device_id / serial_number. Each
-- gets a table whose primary key IS the global key (distributed by that key on Citus, colocate
-- 'none': one shard owns each value, its unique index enforces the rule under concurrency). On one
-- server they are ordinary tables with a primary key, so the rule holds the same way everywhere.
--
-- These tables start empty here: each writer's migration (000121-000123) backfills its table and
-- redefines the writer in one transaction, holding a lock on the person table, so no row can slip
-- in between; the old unique indexes are dropped afterwards (000124-000130).
--
-- No foreign key to app.users: Citus refuses a foreign key between distributed tables that are not
-- co-located ("cannot create foreign key constraint since relations are not colocated or not
-- referencing a reference table"; these are distributed by their key, app.users by id), and one
-- schema must be valid, and behave the same, on every engine. The person's lookup rows are found by
-- the GDPR catalogue all the same (app_private.gdpr_tables lists every app table with a user_id
-- column as a person table): the export lists them, the purge deletes them (delete ... where
-- user_id = $1) before app.users, in the same transaction. Nor a foreign key to the push token /
-- pairing row (distributed by user_id): the writers keep them in step. A push token is a credential
-- (whoever holds it can push to the phone): its lookup row keys on the token's SHA-256, so neither
-- GDPR exports nor a second copy hold the token itself (a hash is as unique as the token, and a
-- primary key cannot be left out of an export).
--
-- Who may touch them: nobody but the SECURITY DEFINER writers (owner, app.owner_access on). app_user
-- has no privilege at all, so a person cannot enumerate other people's e-mails or tokens, nor learn
-- that a value is taken other than through the writer's own error. Row-level security is forced
-- with the standard person policies like every user_id table (test/rls.test.ts); app_admin reads
-- (oversight, as every person table); app_worker deletes push-token rows (its stale-token sweep).
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create table app.person_emails (
  email      public.citext not null primary key,
  user_id    uuid not null,
  created_at timestamptz not null default pg_catalog.now()
);
create table app.person_auth_ids (
  auth_id    text not null primary key,
  user_id    uuid not null,
  created_at timestamptz not null default pg_catalog.now()
);
create table app.push_token_owners (
  token_sha256  bytea not null primary key,
  user_id       uuid not null,
  push_token_id uuid not null,
  created_at    timestamptz not null default pg_catalog.now(),
  constraint push_token_owners_token_sha256_check check (pg_catalog.length(token_sha256) = 32)
);
create table app.appliance_devices (
  device_id    text not null primary key,
  user_id      uuid not null,
  appliance_id uuid not null,
  created_at   timestamptz not null default pg_catalog.now()
);
create table app.appliance_serials (
  serial_number text not null primary key,
  user_id       uuid not null,
  appliance_id  uuid not null,
  created_at    timestamptz not null default pg_catalog.now()
);

-- An index leading with user_id on every person table (GDPR export and purge find the rows by it).
create index idx_person_emails_user on app.person_emails (user_id);
create index idx_person_auth_ids_user on app.person_auth_ids (user_id);
create index idx_push_token_owners_user on app.push_token_owners (user_id);
create index idx_appliance_devices_user on app.appliance_devices (user_id);
create index idx_appliance_serials_user on app.appliance_serials (user_id);

select app_private.enable_person_rls('app.person_emails');
select app_private.enable_person_rls('app.person_auth_ids');
select app_private.enable_person_rls('app.push_token_owners');
select app_private.enable_person_rls('app.appliance_devices');
select app_private.enable_person_rls('app.appliance_serials');

revoke all on table app.person_emails, app.person_auth_ids, app.push_token_owners,
  app.appliance_devices, app.appliance_serials from public;
grant select on table app.person_emails, app.person_auth_ids, app.push_token_owners,
  app.appliance_devices, app.appliance_serials to app_admin;
grant select, delete on table app.push_token_owners to app_worker;

comment on table app.person_emails is
  'Global uniqueness of a person''s e-mail (case-insensitive, citext): the primary key is the e-mail, so one e-mail names one person across the whole database (on Citus: distributed by email, the owning shard enforces it). Holds exactly the current app.users.email of every person. Written only by app.sign_in_person (first sign-in, and an e-mail change made in Better-Auth), in the same transaction as app.users; deleted with the person by the GDPR purge (catalogue: person table). app_user has no privilege on it.';
comment on column app.person_emails.email is 'The e-mail address (citext: unique whatever the case), equal to app.users.email of user_id.';
comment on column app.person_emails.user_id is 'The person (app.users.id) holding the e-mail. No foreign key (Citus refuses one between tables distributed by different keys): the writers and the GDPR purge (catalogue: person table) keep it in step.';
comment on column app.person_emails.created_at is 'When the person took this e-mail.';

comment on table app.person_auth_ids is
  'Global uniqueness of the Better-Auth identity: one auth."user".id names one person (the primary key is the auth id; on Citus distributed by it). app.sign_in_person claims it first (INSERT ... ON CONFLICT DO NOTHING, then locks it), so concurrent first sign-ins of one identity create one person. Deleted with the person by the GDPR purge. app_user has no privilege on it.';
comment on column app.person_auth_ids.auth_id is 'auth."user".id, equal to app.users.auth_id of user_id.';
comment on column app.person_auth_ids.user_id is 'The person (app.users.id) of this identity. No foreign key (see app.person_emails.user_id).';
comment on column app.person_auth_ids.created_at is 'When the identity first signed in.';

comment on table app.push_token_owners is
  'Global uniqueness of FCM/APNs tokens: the primary key is the token''s SHA-256 (sha256(convert_to(token, ''UTF8'')); the token is a credential, so it is not stored twice nor exported from here); the row names the person and the app.push_tokens row holding it. app.register_push_token locks this row first (one shard on Citus), then moves the token between people; app.unregister_push_token and the stale-token sweep (app.delete_stale_push_tokens) delete it with the token row. A row whose push_tokens row is gone is treated as free. Deleted with the person by the GDPR purge. app_user has no privilege on it.';
comment on column app.push_token_owners.token_sha256 is 'SHA-256 of the push token (app.push_tokens.token of push_token_id, UTF-8): the global key, 32 bytes (push_token_owners_token_sha256_check).';
comment on column app.push_token_owners.user_id is 'The person holding the token (app.push_tokens.user_id). No foreign key (see app.person_emails.user_id).';
comment on column app.push_token_owners.push_token_id is 'app.push_tokens.id of the row holding the token. No foreign key: app.push_tokens is distributed by user_id, this table by token.';
comment on column app.push_token_owners.created_at is 'When the token was first registered by user_id.';

comment on table app.appliance_devices is
  'Global uniqueness of a device id among current pairings: one row per currently paired device (primary key device_id), naming the person and the pairing (app.appliances row with unpaired_at NULL). app.pair_appliance locks it first (it serialises pairings of one device: one shard on Citus), inserts or moves it on a pairing; app.unpair_appliance deletes it. Ended pairings have no row. Deleted with the person by the GDPR purge. app_user has no privilege on it.';
comment on column app.appliance_devices.device_id is 'The device id of the current pairing (app.appliances.device_id).';
comment on column app.appliance_devices.user_id is 'The person the device is paired to now. No foreign key (see app.person_emails.user_id).';
comment on column app.appliance_devices.appliance_id is 'app.appliances.id of the current pairing. No foreign key: app.appliances is distributed by user_id, this table by device id.';
comment on column app.appliance_devices.created_at is 'When this pairing took the device.';

comment on table app.appliance_serials is
  'Global uniqueness of a serial number among current pairings (primary key serial_number): a serial cannot be currently paired under two device ids. Written with app.appliance_devices by app.pair_appliance / app.unpair_appliance; a clash is 23505 appliance_serials_pkey. Deleted with the person by the GDPR purge. app_user has no privilege on it.';
comment on column app.appliance_serials.serial_number is 'The serial number of the current pairing (app.appliances.serial_number).';
comment on column app.appliance_serials.user_id is 'The person the appliance is paired to now. No foreign key (see app.person_emails.user_id).';
comment on column app.appliance_serials.appliance_id is 'app.appliances.id of the current pairing.';
comment on column app.appliance_serials.created_at is 'When this pairing took the serial number.';

comment on index app.idx_person_emails_user is 'A person''s lookup rows (GDPR export and purge: where user_id = $1).';
comment on index app.idx_person_auth_ids_user is 'A person''s lookup rows (GDPR export and purge: where user_id = $1).';
comment on index app.idx_push_token_owners_user is 'A person''s lookup rows (GDPR export and purge: where user_id = $1).';
comment on index app.idx_appliance_devices_user is 'A person''s lookup rows (GDPR export and purge: where user_id = $1).';
comment on index app.idx_appliance_serials_user is 'A person''s lookup rows (GDPR export and purge: where user_id = $1).';
