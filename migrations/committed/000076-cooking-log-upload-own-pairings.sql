--! Previous: sha1:f01ea658a03129439371591b6592a97b34ae54da
--! Hash: sha1:03b0e87cc10eb829d4aacd36f21f34ec98423960
--! Message: appliances: a cooking-log upload is filed only into the uploader's own pairing periods

-- Issue 14: after B unpaired a device and A paired it, app.upload_cooking_log filed an upload by A
-- dated inside B's pairing into B's history (A wrote into B's account), and let A re-upload B's old
-- session ids with a higher revision (A overwrote B's sessions). The rule now (README, appliances):
-- - An upload is filed only under one of the uploader's own pairings of that device: the one whose
--   [paired_at, unpaired_at) covers started_at. A log started outside every pairing of the caller
--   with that device (before they paired it, inside someone else's pairing, between pairings) is
--   refused with 23514 cooking_sessions_pairing_period on started_at, the same error whatever lies
--   there, so nothing about other pairings is revealed. Such a log stays on the device (the device
--   drops logs from before its current pairing; a log of the previous owner that was never
--   uploaded is theirs and is not moved to the new owner either).
-- - An existing session id is updated only when the session is the caller's and was cooked on the
--   same device; any other existing id (another person's session, or another device's) is refused
--   with the same 23505 cooking_sessions_pkey as before. Session ids are random UUIDs chosen by the
--   device: only someone who already holds an id can learn that it is taken.
-- filed_under_caller is therefore always true (kept for callers of the old result).
-- Pinned search_path (pg_catalog, pg_temp last): see issue 14 on SECURITY DEFINER functions.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create or replace function app.upload_cooking_log(
  p_device_id        text,
  p_id               uuid,
  p_recipe_id        uuid,
  p_status           text,
  p_started_at       timestamptz,
  p_completed_at     timestamptz,
  p_stages_log       jsonb,
  p_customizations   jsonb,
  p_peak_temperature real,
  p_total_duration_s integer,
  p_user_rating      integer,
  p_notes            text,
  p_device_revision  integer
) returns table (session_id uuid, applied boolean, stored_revision integer, filed_under_caller boolean)
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  me          uuid := app.current_user_id();
  access      text := pg_catalog.current_setting('app.owner_access', true);
  cur         app.appliances;
  target      app.appliances;
  stored      app.cooking_sessions;
  stored_dev  text;
  was_applied boolean;
begin
  if me is null then
    raise exception 'uploading a cooking log needs a person (app.user_id is not set)'
      using errcode = 'insufficient_privilege';
  end if;
  if p_device_revision is null or p_device_revision < 0 then
    raise exception 'device_revision must be a non-negative integer'
      using errcode = 'check_violation', column = 'device_revision', constraint = 'cooking_sessions_device_revision_check',
            table = 'cooking_sessions', schema = 'app';
  end if;
  -- Policy owner_access for this function's owner, until it returns (an error aborts the
  -- transaction or savepoint, which reverts the setting too).
  perform app_private.owner_access_on();

  select a.* into cur from app.appliances as a where a.device_id = p_device_id and a.unpaired_at is null;
  if not found or cur.user_id <> me then
    raise exception 'device % is not paired to you', p_device_id
      using errcode = 'insufficient_privilege', column = 'device_id', constraint = 'appliances_current_pairing',
            table = 'appliances', schema = 'app';
  end if;

  -- Only the caller's own pairings of the device: nobody's upload lands in another person's history.
  select a.* into target
  from app.appliances as a
  where a.device_id = p_device_id
    and a.user_id = me
    and a.paired_at <= p_started_at
    and (a.unpaired_at is null or p_started_at < a.unpaired_at)
  order by a.paired_at desc
  limit 1;
  if not found then
    raise exception 'the log started at %, outside your pairings of device %', p_started_at, p_device_id
      using errcode = 'check_violation', column = 'started_at', constraint = 'cooking_sessions_pairing_period',
            table = 'cooking_sessions', schema = 'app';
  end if;

  insert into app.cooking_sessions as s
    (id, user_id, appliance_id, recipe_id, status, started_at, completed_at, stages_log, customizations,
     peak_temperature, total_duration_s, user_rating, notes, device_revision)
  values
    (p_id, target.user_id, target.id, p_recipe_id, p_status, p_started_at, p_completed_at, p_stages_log, p_customizations,
     p_peak_temperature, p_total_duration_s, p_user_rating, p_notes, p_device_revision)
  on conflict (id) do update
     set recipe_id        = excluded.recipe_id,
         status           = excluded.status,
         started_at       = excluded.started_at,
         completed_at     = excluded.completed_at,
         stages_log       = excluded.stages_log,
         customizations   = excluded.customizations,
         peak_temperature = excluded.peak_temperature,
         total_duration_s = excluded.total_duration_s,
         -- rating and notes may also come from the app: the device sets them, never clears them
         user_rating      = coalesce(excluded.user_rating, s.user_rating),
         notes            = coalesce(excluded.notes, s.notes),
         device_revision  = excluded.device_revision
   where s.user_id = me
     and (s.device_revision is null or s.device_revision < excluded.device_revision)
     and exists (select from app.appliances as a where a.id = s.appliance_id and a.device_id = p_device_id)
  returning s.* into stored;

  was_applied := found;
  if not was_applied then
    -- An equal or newer revision is stored, or the id is someone else's or another device's session.
    select s.* into stored from app.cooking_sessions as s where s.id = p_id;
    select a.device_id into stored_dev from app.appliances as a where a.id = stored.appliance_id;
    if stored.user_id is distinct from me or stored_dev is distinct from p_device_id then
      raise exception 'cooking session % belongs to another device', p_id
        using errcode = 'unique_violation', column = 'id', constraint = 'cooking_sessions_pkey',
              table = 'cooking_sessions', schema = 'app';
    end if;
  end if;
  perform pg_catalog.set_config('app.owner_access', coalesce(access, ''), true);
  return query select stored.id, was_applied, stored.device_revision, true;
end
$$;
comment on function app.upload_cooking_log(text, uuid, uuid, text, timestamptz, timestamptz, jsonb, jsonb, real, integer, integer, text, integer) is
  'Stores a cooking log the device uploads (idempotent, device-authoritative): INSERT ... ON CONFLICT (id) DO UPDATE only when p_device_revision is above the stored device_revision (NULL = never uploaded), so a repeated or concurrent upload leaves one row and a late older upload changes nothing. '
  'The caller must be the current owner of device p_device_id. A log is filed only under one of the caller''s own pairings of the device, the one whose [paired_at, unpaired_at) covers p_started_at; a log started outside all of them is refused (23514 cooking_sessions_pairing_period, column started_at), the same error whatever lies there. '
  'An existing session id is updated only when it is the caller''s session on the same device; any other existing id is refused (23505 cooking_sessions_pkey). No upload writes into another person''s history. user_rating and notes are set when given, never cleared. '
  'Returns the session id, whether this upload was applied, the stored revision, and filed_under_caller (always true now). Errors: 42501 appliances_current_pairing; 23514 cooking_sessions_pairing_period; 23505 cooking_sessions_pkey; CHECK/FK violations of cooking_sessions as usual (an unpublished recipe is refused like a missing one). SECURITY DEFINER, app.owner_access on while it runs.';
