--! Previous: sha1:0fd833dedb4499caf1777a1931b05fd734ec9b0d
--! Hash: sha1:6818e33c136ca6376750fd40fbf0dcf99d53b9eb
--! Message: triggers: every query a trigger makes of another person table names the person (one shard on Citus)

-- Issue 17 (Citus). A trigger fires on the shard; a query it makes of another distributed table must
-- name the person (user_id = …) so that Citus sends it to the co-located shard on the same node —
-- without it the query is distributed, which Citus refuses from a shard ("cannot execute a
-- distributed query from a query on a shard"). Same rules as before, now visited per person
-- (statement triggers loop over the distinct rows of their transition tables):
--   delete_embeddings              + e.user_id = old.user_id
--   embeddings_check_source        per distinct (kind, source, person) of the new rows
--   telemetry_events_check_sessions per distinct (session, person), FOR KEY SHARE as before
--   cooking_sessions_delete_events per person
-- messages_after_insert already filters on user_id; cooking_sessions_check_recipe reads only the
-- reference tables app.recipes and app.recipe_tombstones (a copy on every node: checked on a Citus
-- 13.2 cluster, a shard's trigger reads them), so both stay as they are.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create or replace function app_private.delete_embeddings() returns trigger
  language plpgsql
  set search_path = pg_catalog, pg_temp
as $$
begin
  -- tg_argv[0] is the source_kind of the table the trigger is attached to; the person's own rows
  -- (a meal log's or message's chunks have its user_id).
  delete from app.embeddings as e
   where e.user_id = old.user_id
     and e.source_kind = tg_argv[0]
     and e.source_id = old.id;
  return null;
end
$$;

create or replace function app_private.embeddings_check_source() returns trigger
  language plpgsql
  security invoker
  set search_path = pg_catalog, pg_temp
as $$
declare
  r record;
  v_ok boolean;
begin
  for r in
    select distinct n.source_kind, n.source_id, n.user_id
      from new_rows as n
     where n.source_kind in ('meal_log', 'message')
  loop
    if r.user_id is null then
      v_ok := false;
    elsif r.source_kind = 'meal_log' then
      v_ok := exists (select from app.meal_logs as m where m.user_id = r.user_id and m.id = r.source_id);
    else
      v_ok := exists (select from app.messages as g where g.user_id = r.user_id and g.id = r.source_id);
    end if;
    if not v_ok then
      raise exception 'insert or update on table "embeddings" violates rule "embeddings_source_owner"'
        using errcode = 'foreign_key_violation',
              detail = pg_catalog.format('Key (source_id)=(%s) is not present in table "%s" for this person.',
                                         r.source_id, case r.source_kind when 'meal_log' then 'meal_logs' else 'messages' end),
              constraint = 'embeddings_source_owner', column = 'source_id', table = 'embeddings', schema = 'app';
    end if;
  end loop;
  return null;
end
$$;
comment on function app_private.embeddings_check_source() is
  'AFTER INSERT / AFTER UPDATE statement trigger on app.embeddings: every meal_log or message chunk must point at a row of that kind (app.meal_logs / app.messages) with the same user_id, else 23503 (constraint embeddings_source_owner, column source_id), the same error whether the row does not exist or belongs to someone else (the check runs with the writer''s rights, under row-level security). '
  'Each distinct source is looked up by (user_id, id): one shard on Citus. Knowledge rows are exempt. SECURITY INVOKER.';

create or replace function app_private.telemetry_events_check_sessions() returns trigger
  language plpgsql
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_access text := pg_catalog.current_setting('app.owner_access', true);
  r record;
begin
  perform app_private.owner_access_on();  -- sessions of the rows' owners (RLS is FORCEd)
  for r in
    select distinct n.session_id, n.user_id from new_rows as n where n.session_id is not null order by 2, 1
  loop
    -- One person's session (user_id first: one shard on Citus), locked as the foreign key did.
    perform from app.cooking_sessions as s where s.user_id = r.user_id and s.id = r.session_id for key share;
    if not found then
      perform pg_catalog.set_config('app.owner_access', coalesce(v_access, ''), true);
      raise exception 'insert or update on table "telemetry_events" violates foreign key constraint "telemetry_events_session_id_user_id_fkey"'
        using errcode = 'foreign_key_violation',
              schema = 'app',
              table = 'telemetry_events',
              constraint = 'telemetry_events_session_id_user_id_fkey',
              detail = pg_catalog.format('Key (session_id, user_id)=(%s, %s) is not present in table "cooking_sessions".', r.session_id, r.user_id);
    end if;
  end loop;
  perform pg_catalog.set_config('app.owner_access', coalesce(v_access, ''), true);
  return null;
end
$$;
comment on function app_private.telemetry_events_check_sessions() is
  'Statement trigger on app.telemetry_events (INSERT, UPDATE): every (session_id, user_id) of the new rows is a session of that person (app.cooking_sessions), each distinct pair looked up by (user_id, id) — one shard on Citus — and locked FOR KEY SHARE, what the foreign key telemetry_events_session_id_user_id_fkey checked per row until migration 000082; raises 23503 with that constraint name. SECURITY DEFINER (reads sessions under app.owner_access).';

create or replace function app_private.cooking_sessions_delete_events() returns trigger
  language plpgsql
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_access text := pg_catalog.current_setting('app.owner_access', true);
  r record;
begin
  perform app_private.owner_access_on();
  for r in
    select o.user_id, pg_catalog.array_agg(o.id) as ids from old_rows as o group by o.user_id
  loop
    -- One person's events (Citus routes it to that person's shard).
    delete from app.telemetry_events as t where t.user_id = r.user_id and t.session_id = any (r.ids);
  end loop;
  perform pg_catalog.set_config('app.owner_access', coalesce(v_access, ''), true);
  return null;
end
$$;
comment on function app_private.cooking_sessions_delete_events() is
  'Statement trigger on app.cooking_sessions (DELETE): deletes the events of the deleted sessions, one statement per person (user_id in the condition: one shard on Citus) — the ON DELETE CASCADE of the former foreign key telemetry_events_session_id_user_id_fkey (migration 000082), without visiting every partition once per session. SECURITY DEFINER.';
