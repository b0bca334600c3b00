--! Previous: sha1:fb4dec7a7b2557362d0d217a60e2cff413b68211
--! Hash: sha1:3188e400a6a6cef4e1bb8bfd10da63dcaa20876c
--! Message: appliances: pairing with proof of possession (app.pair_appliance)

-- Pairing a device with a person. One app.appliances row is one pairing (notes/data-model.md,
-- decision 4); re-pairing a device to another person ends the current pairing (unpaired_at) and
-- starts a new one. The new owner cannot see the old owner's row under row-level security, so
-- this is one SECURITY DEFINER function (policy owner_access) with its own rule for what proves
-- that the person holds the device:
--   * The device shows a 6-character pairing code (rotated; the device reports its current code
--     with each heartbeat, stored in appliances.pairing_code of its current pairing).
--   * Device currently paired to someone else: the code given must equal the current pairing's
--     pairing_code (what the device displays). No code known -> refused: the owner must unpair
--     first, or the device must report its code.
--   * Device currently paired to the caller: nothing changes; the current pairing is returned.
--   * Device not currently paired (first pairing, or after an unpair): there is nothing to check
--     the code against; it is accepted as given (trust on first use: the app read it from the
--     device over BLE) and stored.
--   * The serial number must be the one of the device's latest pairing (same hardware).
-- app.owner_access is set with set_config inside the body, not with SET in the declaration:
-- PostgreSQL 15+ refuses SET of a custom parameter in CREATE FUNCTION to a non-superuser owner.
-- Concurrent pairings of one device are serialised by a transaction-level advisory lock on the
-- device id. Rate-limiting code guesses is the API's job (36^6 codes).
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create function app.pair_appliance(
  p_device_id     text,
  p_serial_number text,
  p_pairing_code  text,
  p_name          text default null,
  p_wifi_mac      text default null
) returns app.appliances
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  me      uuid := app.current_user_id();
  access  text := pg_catalog.current_setting('app.owner_access', true);
  cur     app.appliances;
  latest  app.appliances;
  created app.appliances;
begin
  if me is null then
    raise exception 'pairing an appliance needs a person (app.user_id is not set)'
      using errcode = 'insufficient_privilege';
  end if;
  -- Policy owner_access for this function's owner, until it returns (an error aborts the
  -- transaction or savepoint, which reverts the setting too).
  perform pg_catalog.set_config('app.owner_access', 'on', true);

  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('app.pair_appliance:' || p_device_id, 0));

  select a.* into latest
  from app.appliances as a
  where a.device_id = p_device_id
  order by a.unpaired_at is null desc, a.paired_at desc
  limit 1
  for update;

  if found and latest.serial_number <> p_serial_number then
    raise exception 'serial number % does not match device %', p_serial_number, p_device_id
      using errcode = 'check_violation', column = 'serial_number', constraint = 'appliances_serial_number_match',
            table = 'appliances', schema = 'app';
  end if;

  if found and latest.unpaired_at is null then
    cur := latest;
    if cur.user_id = me then
      perform pg_catalog.set_config('app.owner_access', coalesce(access, ''), true);
      return cur;  -- already yours: pairing again changes nothing
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
     where a.id = cur.id;
  end if;

  insert into app.appliances as a
    (user_id, device_id, serial_number, name, wifi_mac, pairing_code, firmware_version_cm5, firmware_version_stm32)
  values
    (me, p_device_id, p_serial_number, coalesce(p_name, 'My Epicura'), coalesce(p_wifi_mac, latest.wifi_mac),
     p_pairing_code, latest.firmware_version_cm5, latest.firmware_version_stm32)
  returning a.* into created;
  perform pg_catalog.set_config('app.owner_access', coalesce(access, ''), true);
  return created;
end
$$;
comment on function app.pair_appliance(text, text, text, text, text) is
  'Pairs device p_device_id (serial p_serial_number) with the current person (app.current_user_id()) and returns the pairing. '
  'Proof of possession: if the device is currently paired to someone else, p_pairing_code must equal that pairing''s pairing_code (the code the device displays and reports by heartbeat); that pairing then ends (unpaired_at) and a new one starts, so history stays with the previous owner. '
  'Already paired to the caller: returns the current pairing unchanged. Not currently paired: the code is accepted as given (first pairing) and stored. The serial must match the device''s latest pairing. '
  'Errors: 42501 with constraint appliances_pairing_code_match / appliances_pairing_code_unknown; 23514 appliances_serial_number_match; 23505 when the serial is currently paired under another device id. '
  'SECURITY DEFINER, app.owner_access on while it runs: the caller cannot see the other person''s pairing.';

revoke all on function app.pair_appliance(text, text, text, text, text) from public;
grant execute on function app.pair_appliance(text, text, text, text, text) to app_user;
