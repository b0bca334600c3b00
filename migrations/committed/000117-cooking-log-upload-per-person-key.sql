--! Previous: sha1:f1d90d4cc224d1a13ac50c51bb8a01f13dc70b5f
--! Hash: sha1:e5709e9685c6fa1ae0e388b1649cb49ece290776
--! Message: appliances: app.upload_cooking_log upserts on (user_id, id) and reads sessions and pairings by (user_id, id)

-- Issue 17 (Citus): the primary key of app.cooking_sessions is (user_id, id) since 000111, and an
-- ON CONFLICT target without the distribution column is refused ("there is no unique or exclusion
-- constraint matching the ON CONFLICT specification", docs/scale-out.md section 7). The upsert's
-- target becomes (user_id, id); the statements reading a session or its pairing name the person
-- (user_id = the caller), so each stays on the caller's shard. The upsert's condition "the stored
-- session was cooked on this device" was an EXISTS subquery, which Citus refuses inside an
-- INSERT ... VALUES; it becomes "the session's pairing is one of the caller's pairings of this
-- device", read just before (the same rule: the stored session is the caller's, so its pairing is).
-- What changes for callers: a session id is unique per person. An upload whose id another person
-- already uses no longer fails with 23505 (which told the uploader that the id exists somewhere):
-- it is the caller's own new session, and the other person's row is untouched. The caller's own
-- session of another device is still refused with 23505 cooking_sessions_pkey.
-- Unchanged here: the current pairing of p_device_id is still found by device_id alone (the
-- global device look-up is a separate change of issue 17).
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
  device_pairings uuid[];
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

  -- The caller's pairings of this device, for the upsert's condition below: a subquery there would
  -- be refused on Citus ("subqueries are not supported within INSERT queries").
  select pg_catalog.array_agg(a.id) into device_pairings
  from app.appliances as a
  where a.user_id = me and a.device_id = p_device_id;

  insert into app.cooking_sessions as s
    (id, user_id, appliance_id, recipe_id, status, started_at, completed_at, stages_log, customizations,
     peak_temperature, total_duration_s, user_rating, notes, device_revision)
  values
    (p_id, target.user_id, target.id, p_recipe_id, p_status, p_started_at, p_completed_at, p_stages_log, p_customizations,
     p_peak_temperature, p_total_duration_s, p_user_rating, p_notes, p_device_revision)
  on conflict (user_id, id) do update
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
     and s.appliance_id = any (device_pairings)
  returning s.* into stored;

  was_applied := found;
  if not was_applied then
    -- An equal or newer revision is stored, or the id is one of the caller's sessions of another device.
    select s.* into stored from app.cooking_sessions as s where s.user_id = me and s.id = p_id;
    select a.device_id into stored_dev from app.appliances as a where a.user_id = me and a.id = stored.appliance_id;
    if stored_dev is distinct from p_device_id then
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
  'Stores a cooking log the device uploads (idempotent, device-authoritative): INSERT ... ON CONFLICT (user_id, id) DO UPDATE only when p_device_revision is above the stored device_revision (NULL = never uploaded), so a repeated or concurrent upload leaves one row and a late older upload changes nothing. '
  'The caller must be the current owner of device p_device_id. A log is filed only under one of the caller''s own pairings of the device, the one whose [paired_at, unpaired_at) covers p_started_at; a log started outside all of them is refused (23514 cooking_sessions_pairing_period, column started_at), the same error whatever lies there. '
  'Session ids are unique per person (primary key (user_id, id)): an existing session id of the caller is updated only when it was cooked on the same device; the caller''s session of another device is refused (23505 cooking_sessions_pkey). Another person''s session with the same id is neither seen nor touched: the upload is a session of the caller. No upload writes into another person''s history. user_rating and notes are set when given, never cleared. '
  'Returns the session id, whether this upload was applied, the stored revision, and filed_under_caller (always true now). Errors: 42501 appliances_current_pairing; 23514 cooking_sessions_pairing_period; 23505 cooking_sessions_pkey; CHECK/FK violations of cooking_sessions as usual (an unpublished recipe is refused like a missing one). SECURITY DEFINER, app.owner_access on while it runs.';
