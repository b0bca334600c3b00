--! Previous: sha1:3188e400a6a6cef4e1bb8bfd10da63dcaa20876c
--! Hash: sha1:c1235e5bc12c0965cc161b087fbc125a6c139fa4
--! Message: appliances: idempotent, device-authoritative cooking-log upload (app.upload_cooking_log)

-- Cooking-log sync (Epicura, device -> cloud): the device uploads each log with its own session
-- id; the cloud stores whatever the device reports. Uploading the same log twice, or twice at
-- once, must leave one row holding the device's latest data, so the device also sends a
-- revision: a per-session counter it increments on every local change of the log. "Latest" =
-- highest revision (a counter, not the device's clock: the appliance's clock may jump when it
-- syncs time, a counter never goes back). An upload whose revision is not above the stored one
-- changes nothing (same revision twice = the same data; an older one arriving late is ignored).
--
-- Which pairing a log belongs to: the device's pairing whose [paired_at, unpaired_at) covers the
-- log's started_at (notes/data-model.md, decision 4), so a log cooked before a re-pair but
-- uploaded after it stays in the previous owner's history; a log that started before any
-- pairing of the device goes to the current pairing. The caller must be the device's current
-- owner. The previous owner's pairing is invisible to the caller under row-level security,
-- hence SECURITY DEFINER with app.owner_access on while it runs; the caller learns only whether
-- the log is filed under them, never whose history it joined.
-- (app.owner_access is set with set_config inside the body, not with SET in the declaration:
-- PostgreSQL 15+ refuses SET of a custom parameter in CREATE FUNCTION to a non-superuser owner.)
-- The new column is nullable without a default: no table rewrite.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

alter table app.cooking_sessions add column device_revision integer;
comment on column app.cooking_sessions.device_revision is
  'Revision of the log on the device (a per-session counter the device increments on each change), set by device uploads (app.upload_cooking_log); an upload is applied only when its revision is above this one. NULL for sessions created by the app and never uploaded (any upload then applies).';

create function app.upload_cooking_log(
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
  set search_path = ''
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
  perform pg_catalog.set_config('app.owner_access', 'on', true);

  select a.* into cur from app.appliances as a where a.device_id = p_device_id and a.unpaired_at is null;
  if not found or cur.user_id <> me then
    raise exception 'device % is not paired to you', p_device_id
      using errcode = 'insufficient_privilege', column = 'device_id', constraint = 'appliances_current_pairing',
            table = 'appliances', schema = 'app';
  end if;

  select a.* into target
  from app.appliances as a
  where a.device_id = p_device_id
    and a.paired_at <= p_started_at
    and (a.unpaired_at is null or p_started_at < a.unpaired_at)
  order by a.paired_at desc
  limit 1;
  if not found then
    target := cur;
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
   where (s.device_revision is null or s.device_revision < excluded.device_revision)
     and exists (select from app.appliances as a where a.id = s.appliance_id and a.device_id = p_device_id)
  returning s.* into stored;

  was_applied := found;
  if not was_applied then
    -- An equal or newer revision is stored, or the id belongs to another device.
    select s.* into stored from app.cooking_sessions as s where s.id = p_id;
    select a.device_id into stored_dev from app.appliances as a where a.id = stored.appliance_id;
    if stored_dev is distinct from p_device_id then
      raise exception 'cooking session % belongs to another device', p_id
        using errcode = 'unique_violation', column = 'id', constraint = 'cooking_sessions_pkey',
              table = 'cooking_sessions', schema = 'app';
    end if;
  end if;
  perform pg_catalog.set_config('app.owner_access', coalesce(access, ''), true);
  return query select stored.id, was_applied, stored.device_revision, stored.user_id = me;
end
$$;
comment on function app.upload_cooking_log(text, uuid, uuid, text, timestamptz, timestamptz, jsonb, jsonb, real, integer, integer, text, integer) is
  'Stores a cooking log the device uploads (idempotent, device-authoritative): INSERT ... ON CONFLICT (id) DO UPDATE only when p_device_revision is above the stored device_revision (NULL = never uploaded), so a repeated or concurrent upload leaves one row and a late older upload changes nothing. '
  'The caller must be the current owner of device p_device_id; the log is filed under the device''s pairing whose [paired_at, unpaired_at) covers p_started_at (else the current pairing). user_rating and notes are set when given, never cleared. '
  'Returns the session id, whether this upload was applied, the stored revision, and whether the log is filed under the caller. Errors: 42501 appliances_current_pairing; 23505 when the id is another device''s session; CHECK/FK violations of cooking_sessions as usual. SECURITY DEFINER, app.owner_access on while it runs (the previous owner''s pairing is invisible to the caller).';

revoke all on function app.upload_cooking_log(text, uuid, uuid, text, timestamptz, timestamptz, jsonb, jsonb, real, integer, integer, text, integer) from public;
grant execute on function app.upload_cooking_log(text, uuid, uuid, text, timestamptz, timestamptz, jsonb, jsonb, real, integer, integer, text, integer) to app_user;
