--! Previous: sha1:9eee01fe920095a6f8b91e4187a2d3a50dbc30d2
--! Hash: sha1:6549a629693c3408813a098d2e4a82487bd8deaa
--! Message: metrics: recompute changed person-days through metrics.rollup jobs

-- app.daily_nutrition and app.daily_ai_cost are derived (000006): app_private.refresh_daily_metrics
-- recomputes one person-day. Which person-days changed is known exactly when the rows are written,
-- so triggers enqueue a metrics.rollup job per changed person-day (in the person's time zone), in
-- the writing transaction, deferred a few seconds so that a burst of writes shares one job. A person
-- whose time zone changes gets one job that rebuilds all their days. Nothing scans for changes.
--   meal_logs   INSERT, UPDATE of meal_time / nutrition_totals / is_deleted (old and new day)
--               (no DELETE: meal logs are only hard-deleted by the GDPR purge, with the person)
--   api_usage   INSERT (rows are never updated; deleted only with the person)
--   users       UPDATE of time_zone
-- The worker (app_worker) runs the jobs through two entry points; SECURITY DEFINER because
-- refresh_daily_metrics lives in app_private (no application role may execute it) and reads every
-- person's rows: app.owner_access on (row-level security is FORCEd on the owner), switched with
-- set_config() in the body and back before returning (PostgreSQL 15 refuses a custom placeholder in a
-- function's SET clause to a migration role that is not a superuser, see 000017).
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Entry points for the worker --------------------------------------------------------------------
create function app.refresh_daily_metrics(p_user_id uuid, p_day date) returns void
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  v_access text := pg_catalog.current_setting('app.owner_access', true);
begin
  perform pg_catalog.set_config('app.owner_access', 'on', true);
  perform app_private.refresh_daily_metrics(p_user_id, p_day);
  perform pg_catalog.set_config('app.owner_access', coalesce(v_access, ''), true);
end
$$;
comment on function app.refresh_daily_metrics(uuid, date) is
  'Job metrics.rollup (app_worker): recomputes app.daily_nutrition and app.daily_ai_cost of one person and calendar day (the person''s time zone) with app_private.refresh_daily_metrics. Idempotent; an unknown person or a day without data leaves no row. Errors: NULL arguments (22004).';

create function app.rebuild_daily_metrics(p_user_id uuid) returns integer
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  v_access text := pg_catalog.current_setting('app.owner_access', true);
  v_zone text;
  v_day date;
  v_days integer := 0;
begin
  if p_user_id is null then
    raise exception 'rebuild_daily_metrics: user id is required' using errcode = 'null_value_not_allowed';
  end if;
  perform pg_catalog.set_config('app.owner_access', 'on', true);
  select u.time_zone into v_zone from app.users as u where u.id = p_user_id;
  -- Days computed in an earlier time zone may no longer exist in this one: start from nothing.
  delete from app.daily_nutrition as d where d.user_id = p_user_id;
  delete from app.daily_ai_cost as d where d.user_id = p_user_id;
  if v_zone is null then
    perform pg_catalog.set_config('app.owner_access', coalesce(v_access, ''), true);
    return 0;
  end if;
  for v_day in
    select (pg_catalog.timezone(v_zone, m.meal_time))::date from app.meal_logs as m
     where m.user_id = p_user_id and not m.is_deleted
    union
    select (pg_catalog.timezone(v_zone, a.created_at))::date from app.api_usage as a
     where a.user_id = p_user_id
    order by 1
  loop
    perform app_private.refresh_daily_metrics(p_user_id, v_day);
    v_days := v_days + 1;
  end loop;
  perform pg_catalog.set_config('app.owner_access', coalesce(v_access, ''), true);
  return v_days;
end
$$;
comment on function app.rebuild_daily_metrics(uuid) is
  'Job metrics.rollup after a time-zone change (app_worker): deletes every daily_nutrition / daily_ai_cost row of the person and recomputes each day that has live meals or AI usage, in the person''s current time zone. Returns the number of days recomputed. Idempotent.';

revoke all on function app.refresh_daily_metrics(uuid, date), app.rebuild_daily_metrics(uuid) from public;
grant execute on function app.refresh_daily_metrics(uuid, date), app.rebuild_daily_metrics(uuid) to app_worker;

-- Triggers ---------------------------------------------------------------------------------------
create function app_private.enqueue_metrics_rollup() returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
declare
  v_access text := pg_catalog.current_setting('app.owner_access', true);
  v_days jsonb;
begin
  perform pg_catalog.set_config('app.owner_access', 'on', true);  -- app.users of every person
  -- Person-days as (user_id, local day) pairs, from whichever transition tables this event has.
  if tg_table_name = 'meal_logs' and tg_op = 'INSERT' then
    select pg_catalog.jsonb_agg(x) into v_days from (
      select distinct n.user_id, (pg_catalog.timezone(u.time_zone, n.meal_time))::date as day
      from new_rows as n join app.users as u on u.id = n.user_id
      where not n.is_deleted) as x;
  elsif tg_table_name = 'meal_logs' then
    select pg_catalog.jsonb_agg(x) into v_days from (
      select distinct c.user_id, (pg_catalog.timezone(u.time_zone, c.meal_time))::date as day
      from (
        select n.user_id, n.meal_time from new_rows as n join old_rows as o on o.id = n.id
         where (n.meal_time, n.nutrition_totals, n.is_deleted) is distinct from (o.meal_time, o.nutrition_totals, o.is_deleted)
        union all
        select o.user_id, o.meal_time from new_rows as n join old_rows as o on o.id = n.id
         where (n.meal_time, n.nutrition_totals, n.is_deleted) is distinct from (o.meal_time, o.nutrition_totals, o.is_deleted)
      ) as c join app.users as u on u.id = c.user_id) as x;
  elsif tg_table_name = 'api_usage' then
    select pg_catalog.jsonb_agg(x) into v_days from (
      select distinct n.user_id, (pg_catalog.timezone(u.time_zone, n.created_at))::date as day
      from new_rows as n join app.users as u on u.id = n.user_id) as x;
  elsif tg_table_name = 'users' then
    perform app_private.enqueue_jobs('metrics.rollup', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
               'data', pg_catalog.jsonb_build_object('userId', n.id, 'rebuild', true),
               'key', 'metrics:' || n.id || ':all'))
      from new_rows as n join old_rows as o on o.id = n.id
      where n.time_zone is distinct from o.time_zone), '[]'), interval '5 seconds');
    perform pg_catalog.set_config('app.owner_access', coalesce(v_access, ''), true);
    return null;
  end if;
  perform app_private.enqueue_jobs('metrics.rollup', coalesce((
    select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
             'data', pg_catalog.jsonb_build_object('userId', d ->> 'user_id', 'day', d ->> 'day'),
             'key', 'metrics:' || (d ->> 'user_id') || ':' || (d ->> 'day')))
    from pg_catalog.jsonb_array_elements(v_days) as d), '[]'), interval '5 seconds');
  perform pg_catalog.set_config('app.owner_access', coalesce(v_access, ''), true);
  return null;
end
$$;
comment on function app_private.enqueue_metrics_rollup() is
  'Statement trigger on app.meal_logs (INSERT, UPDATE), app.api_usage (INSERT) and app.users (UPDATE): enqueues a metrics.rollup job, 5 seconds deferred, for each person-day whose daily metrics the statement changed (the local day in the person''s time zone; an updated meal counts for its old and its new day), '
  'or a rebuild of all the person''s days when their time zone changed. One waiting job per person-day (singleton key metrics:<user>:<day>). SECURITY DEFINER.';

create trigger meal_logs_enqueue_metrics_insert after insert on app.meal_logs
  referencing new table as new_rows
  for each statement execute function app_private.enqueue_metrics_rollup();
create trigger meal_logs_enqueue_metrics_update after update on app.meal_logs
  referencing old table as old_rows new table as new_rows
  for each statement execute function app_private.enqueue_metrics_rollup();
create trigger api_usage_enqueue_metrics after insert on app.api_usage
  referencing new table as new_rows
  for each statement execute function app_private.enqueue_metrics_rollup();
create trigger users_enqueue_metrics_rebuild after update on app.users
  referencing old table as old_rows new table as new_rows
  for each statement execute function app_private.enqueue_metrics_rollup();
