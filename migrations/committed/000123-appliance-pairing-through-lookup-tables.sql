--! Previous: sha1:036f392d56a1af0ea13c317df664e6f4b846e748
--! Hash: sha1:43c48d1e9f79996626b6463f7c53647fc3a06a05
--! Message: appliances: pairing and unpairing keep app.appliance_devices / app.appliance_serials in step

-- Issue 17 (docs/scale-out.md section 4). Among current pairings a device id and a serial number
-- are unique through their lookup rows (app.appliance_devices, app.appliance_serials: one shard
-- each on Citus), not through the partial unique indexes idx_appliances_device_id /
-- idx_appliances_serial_number (made non-unique in 000124-000130):
-- - app.pair_appliance locks the device's lookup row first (or claims it: INSERT ... ON CONFLICT
--   DO NOTHING, the loser of a race waits and then finds the winner's row) instead of an advisory
--   lock, then locks the current pairing by (user_id, id), ends it, claims the serial
--   (23505 appliance_serials_pkey: the serial is currently paired under another device id) and
--   inserts the new pairing;
-- - unpairing goes through the new SECURITY DEFINER app.unpair_appliance, which ends the pairing
--   and deletes both lookup rows in one transaction: app_user loses UPDATE (unpaired_at), so no
--   pairing can end without releasing its device id and serial number.
-- A lookup row pointing at a pairing that is not current (none should exist) counts as free; a
-- current pairing without a lookup row (written before this migration by hand) is still found,
-- as the device's latest pairing.
-- Backfill under a SHARE ROW EXCLUSIVE lock on app.appliances, with the new writers.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

lock table app.appliances in share row exclusive mode;
select app_private.owner_access_on();
insert into app.appliance_devices (device_id, user_id, appliance_id, created_at)
select a.device_id, a.user_id, a.id, a.paired_at from app.appliances as a where a.unpaired_at is null;
insert into app.appliance_serials (serial_number, user_id, appliance_id, created_at)
select a.serial_number, a.user_id, a.id, a.paired_at from app.appliances as a where a.unpaired_at is null;
select pg_catalog.set_config('app.owner_access', '', true);

create or replace function app.pair_appliance(p_device_id text, p_serial_number text, p_pairing_code text, p_name text default null, p_wifi_mac text default null)
  returns app.appliances
  language plpgsql
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  me        uuid := app.current_user_id();
  access    text := pg_catalog.current_setting('app.owner_access', true);
  v_holder  uuid;
  v_pairing uuid;
  v_new_id  uuid := pg_catalog.gen_random_uuid();
  v_claimed boolean := false;
  cur       app.appliances;
  latest    app.appliances;
  created   app.appliances;
begin
  if me is null then
    raise exception 'pairing an appliance needs a person (app.user_id is not set)'
      using errcode = 'insufficient_privilege';
  end if;
  if p_device_id is null or p_serial_number is null then
    raise exception 'device id and serial number are required'
      using errcode = 'not_null_violation', column = case when p_device_id is null then 'device_id' else 'serial_number' end,
            table = 'appliances';
  end if;
  -- Policy owner_access for this function's owner, until it returns (an error aborts the
  -- transaction or savepoint, which reverts the setting too).
  perform app_private.owner_access_on();

  -- The device's lookup row first, locked: every pairing of this device queues here.
  select d.user_id, d.appliance_id into v_holder, v_pairing
  from app.appliance_devices as d where d.device_id = p_device_id for update;
  if not found then
    insert into app.appliance_devices as d (device_id, user_id, appliance_id)
    values (p_device_id, me, v_new_id)
    on conflict (device_id) do nothing;
    v_claimed := found;
    if not v_claimed then
      -- A concurrent first pairing of the same device claimed it first (ON CONFLICT waited).
      select d.user_id, d.appliance_id into v_holder, v_pairing
      from app.appliance_devices as d where d.device_id = p_device_id for update;
    end if;
  end if;

  -- The device's latest pairing, current or ended: the serial must match it.
  select a.* into latest
  from app.appliances as a
  where a.device_id = p_device_id
  order by a.unpaired_at is null desc, a.paired_at desc
  limit 1;

  if latest.id is not null and latest.serial_number <> p_serial_number then
    raise exception 'serial number % does not match device %', p_serial_number, p_device_id
      using errcode = 'check_violation', column = 'serial_number', constraint = 'appliances_serial_number_match',
            table = 'appliances', schema = 'app';
  end if;

  -- The current pairing, locked by its person and id: the one the lookup row names, else (written
  -- without a lookup row) the latest pairing if it is current.
  if not v_claimed then
    select a.* into cur from app.appliances as a
    where a.user_id = v_holder and a.id = v_pairing and a.unpaired_at is null
    for update;
  end if;
  if cur.id is null and latest.unpaired_at is null and latest.id is not null then
    select a.* into cur from app.appliances as a
    where a.user_id = latest.user_id and a.id = latest.id and a.unpaired_at is null
    for update;
  end if;

  if cur.id is not null then
    if cur.user_id = me then
      -- Already yours: pairing again changes nothing (the lookup rows name this pairing).
      update app.appliance_devices as d set user_id = me, appliance_id = cur.id
       where d.device_id = p_device_id and (d.user_id, d.appliance_id) is distinct from (me, cur.id);
      insert into app.appliance_serials as s (serial_number, user_id, appliance_id)
      values (cur.serial_number, me, cur.id)
      on conflict (serial_number) do nothing;
      perform pg_catalog.set_config('app.owner_access', coalesce(access, ''), true);
      return cur;
    end if;
    if cur.pairing_code is null then
      raise exception 'device % is paired to someone else and has not reported a pairing code', p_device_id
        using errcode = 'insufficient_privilege', column = 'pairing_code', constraint = 'appliances_pairing_code_unknown',
              table = 'appliances', schema = 'app',
              hint = 'The current owner can unpair it, or the device reports its code with its next heartbeat.';
    end if;
    if cur.pairing_code is distinct from p_pairing_code then
      raise exception 'the pairing code does not match the one device % displays', p_device_id
        using errcode = 'insufficient_privilege', column = 'pairing_code', constraint = 'appliances_pairing_code_match',
              table = 'appliances', schema = 'app';
    end if;
    update app.appliances as a
       set unpaired_at = greatest(pg_catalog.now(), a.paired_at)
     where a.user_id = cur.user_id and a.id = cur.id;
  end if;

  -- The serial: release the ending (or stale) pairing's row, then claim it for the new pairing.
  -- Currently paired under another device id: 23505 appliance_serials_pkey.
  delete from app.appliance_serials as s
   where s.serial_number = p_serial_number and s.appliance_id in (cur.id, v_pairing);
  insert into app.appliance_serials (serial_number, user_id, appliance_id)
  values (p_serial_number, me, v_new_id);
  update app.appliance_devices as d set user_id = me, appliance_id = v_new_id
   where d.device_id = p_device_id;

  insert into app.appliances as a
    (id, user_id, device_id, serial_number, name, wifi_mac, pairing_code, firmware_version_cm5, firmware_version_stm32)
  values
    (v_new_id, me, p_device_id, p_serial_number, coalesce(p_name, 'My Epicura'), coalesce(p_wifi_mac, latest.wifi_mac),
     p_pairing_code, latest.firmware_version_cm5, latest.firmware_version_stm32)
  returning a.* into created;
  perform pg_catalog.set_config('app.owner_access', coalesce(access, ''), true);
  return created;
end
$$;

comment on function app.pair_appliance(text, text, text, text, text) is
  'Pairs device p_device_id (serial p_serial_number) with the current person (app.current_user_id()) and returns the pairing. The device''s lookup row (app.appliance_devices) is locked or claimed first; the serial is claimed in app.appliance_serials; both then name the new pairing (global uniqueness among current pairings). Proof of possession: if the device is currently paired to someone else, p_pairing_code must equal that pairing''s pairing_code (the code the device displays and reports by heartbeat); that pairing then ends (unpaired_at) and a new one starts, so history stays with the previous owner. Already paired to the caller: returns the current pairing unchanged. Not currently paired: the code is accepted as given (first pairing) and stored. The serial must match the device''s latest pairing. Errors: 42501 with constraint appliances_pairing_code_match / appliances_pairing_code_unknown; 23514 appliances_serial_number_match; 23505 appliance_serials_pkey when the serial is currently paired under another device id. SECURITY DEFINER, app.owner_access on while it runs: the caller cannot see the other person''s pairing nor the lookup tables.';

create function app.unpair_appliance(p_id uuid)
  returns setof app.appliances
  language plpgsql
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  me     uuid := app.current_user_id();
  access text := pg_catalog.current_setting('app.owner_access', true);
  v_dev  text;
  v_row  app.appliances;
begin
  if me is null then
    raise exception 'unpairing an appliance needs a person (app.user_id is not set)'
      using errcode = 'insufficient_privilege';
  end if;
  perform app_private.owner_access_on();
  select a.device_id into v_dev from app.appliances as a
  where a.user_id = me and a.id = p_id and a.unpaired_at is null;
  if found then
    -- Same lock order as app.pair_appliance: the device's lookup row, then the pairing.
    perform from app.appliance_devices as d where d.device_id = v_dev for update;
    update app.appliances as a
       set unpaired_at = greatest(pg_catalog.now(), a.paired_at)
     where a.user_id = me and a.id = p_id and a.unpaired_at is null
    returning a.* into v_row;
    if v_row.id is not null then
      delete from app.appliance_devices as d where d.device_id = v_row.device_id and d.appliance_id = v_row.id;
      delete from app.appliance_serials as s where s.serial_number = v_row.serial_number and s.appliance_id = v_row.id;
    end if;
  end if;
  perform pg_catalog.set_config('app.owner_access', coalesce(access, ''), true);
  if v_row.id is not null then
    return next v_row;
  end if;
end
$$;

comment on function app.unpair_appliance(uuid) is
  'Ends the current person''s current pairing p_id (unpaired_at = now, not before paired_at) and releases its device id and serial number (deletes its rows in app.appliance_devices / app.appliance_serials), in one transaction. Returns the ended pairing, or no row when p_id is not a current pairing of the person. SECURITY DEFINER (the lookup tables are invisible to app_user, who has no UPDATE of unpaired_at); executable by app_user only.';

revoke all on function app.unpair_appliance(uuid) from public;
grant execute on function app.unpair_appliance(uuid) to app_user;

revoke update (unpaired_at) on app.appliances from app_user;
