--! Previous: sha1:f340aad5467a4a5b2ee9d49f9a1124f9a372b847
--! Hash: sha1:ddbfb1166657f6a440b11efbf68c8fa8a7249d89
--! Message: telemetry: the session reference is kept by statement triggers instead of a per-row cascading foreign key

-- Issue 15 (purge speed). The foreign key telemetry_events (session_id, user_id) → cooking_sessions
-- ON DELETE CASCADE ran its cascade once per deleted session, and each run visited every partition
-- of app.telemetry_events (the condition has no partition key): a person with 1,000 sessions and
-- 27 monthly partitions cost the purge 27,000 statements, seconds of its time, even though their
-- events were already gone. The same rule is now kept per statement:
--   * insert or update of events: every (session_id, user_id) they name must be a session of that
--     person — checked once per statement over the distinct pairs, locking each session row
--     FOR KEY SHARE as the foreign key did (a concurrent delete of the session waits, then this
--     check fails); SQLSTATE 23503 naming the old constraint, so errors read as before;
--   * delete of sessions: their events go in the same statement (one DELETE over the deleted ids,
--     each partition visited once per statement instead of once per session).
-- Dropping a foreign key takes SHARE ROW EXCLUSIVE on both tables for an instant (lock_timeout).
-- Rows already stored satisfied the foreign key, so nothing needs checking now.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

alter table app.telemetry_events drop constraint telemetry_events_session_id_user_id_fkey;

create function app_private.telemetry_events_check_sessions() returns trigger
  language plpgsql
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_access text := pg_catalog.current_setting('app.owner_access', true);
  v_missing record;
begin
  perform app_private.owner_access_on();  -- sessions of the rows' owners (RLS is FORCEd)
  with wanted as (
    select distinct n.session_id, n.user_id from new_rows as n where n.session_id is not null
  ),
  found as (
    select s.id, s.user_id
    from app.cooking_sessions as s
    join wanted as w on w.session_id = s.id and w.user_id = s.user_id
    for key share of s
  )
  select w.session_id, w.user_id into v_missing
  from wanted as w
  where not exists (select from found as f where f.id = w.session_id and f.user_id = w.user_id)
  limit 1;
  perform pg_catalog.set_config('app.owner_access', coalesce(v_access, ''), true);
  if v_missing.session_id is not null then
    raise exception 'insert or update on table "telemetry_events" violates foreign key constraint "telemetry_events_session_id_user_id_fkey"'
      using errcode = 'foreign_key_violation',
            schema = 'app',
            table = 'telemetry_events',
            constraint = 'telemetry_events_session_id_user_id_fkey',
            detail = pg_catalog.format('Key (session_id, user_id)=(%s, %s) is not present in table "cooking_sessions".', v_missing.session_id, v_missing.user_id);
  end if;
  return null;
end
$$;
comment on function app_private.telemetry_events_check_sessions() is
  'Statement trigger on app.telemetry_events (INSERT, UPDATE): every (session_id, user_id) of the new rows is a session of that person (app.cooking_sessions), locked FOR KEY SHARE — what the foreign key telemetry_events_session_id_user_id_fkey checked per row until migration 000082; raises 23503 with that constraint name. SECURITY DEFINER (reads sessions under app.owner_access).';

create trigger telemetry_events_check_sessions_insert after insert on app.telemetry_events
  referencing new table as new_rows
  for each statement execute function app_private.telemetry_events_check_sessions();
create trigger telemetry_events_check_sessions_update after update on app.telemetry_events
  referencing new table as new_rows
  for each statement execute function app_private.telemetry_events_check_sessions();

create function app_private.cooking_sessions_delete_events() returns trigger
  language plpgsql
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_access text := pg_catalog.current_setting('app.owner_access', true);
  v_ids uuid[];
  v_users uuid[];
begin
  select pg_catalog.array_agg(o.id), pg_catalog.array_agg(distinct o.user_id) into v_ids, v_users from old_rows as o;
  if v_ids is null then
    return null;
  end if;
  perform app_private.owner_access_on();
  -- user_id in the condition as well: one person's rows (Citus routes it to one shard).
  delete from app.telemetry_events as t where t.user_id = any (v_users) and t.session_id = any (v_ids);
  perform pg_catalog.set_config('app.owner_access', coalesce(v_access, ''), true);
  return null;
end
$$;
comment on function app_private.cooking_sessions_delete_events() is
  'Statement trigger on app.cooking_sessions (DELETE): deletes the events of the deleted sessions in one statement — the ON DELETE CASCADE of the former foreign key telemetry_events_session_id_user_id_fkey (migration 000082), without visiting every partition once per session. SECURITY DEFINER.';

create trigger cooking_sessions_delete_events after delete on app.cooking_sessions
  referencing old table as old_rows
  for each statement execute function app_private.cooking_sessions_delete_events();

comment on table app.telemetry_events is
  'Time-series events from appliances (Epicura), partitioned by month on recorded_at (partitions app.telemetry_events_YYYY_MM over UTC months, plus app.telemetry_events_default). Indexes are defined on the parent and propagate to every partition. '
  'user_id is the owner of the appliance pairing when the event was recorded (composite FK (appliance_id, user_id) -> appliances(id, user_id)); a re-paired device''s history stays with the old pairing and the old owner. '
  'Deletion: with the person (ON DELETE CASCADE from app.users, the GDPR purge); with the cooking session (statement trigger cooking_sessions_delete_events: a cook''s temperature curve is part of that cook''s record); '
  'a pairing with events cannot be deleted on its own (NO ACTION; pairings end with unpaired_at). Retention drops or detaches whole partitions.';
comment on column app.telemetry_events.session_id is
  'Cooking session the event belongs to; NULL for non-cooking events (heartbeats, idle status). Same owner as the event: (session_id, user_id) must be a row of app.cooking_sessions (statement trigger telemetry_events_check_sessions_*, migration 000082); deleting the session deletes its events (trigger cooking_sessions_delete_events).';
comment on index app.idx_telemetry_session is 'Events of a cooking session; also serves the deletion of a session''s events (trigger cooking_sessions_delete_events).';

revoke all on function app_private.telemetry_events_check_sessions(), app_private.cooking_sessions_delete_events() from public;
