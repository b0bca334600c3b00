--! Previous: sha1:3378c9b0e9c4d2213020dbe685d4119b4f63a8dc
--! Hash: sha1:a1c8f68b2e41602aaa0507a99f2ed2f61cc870c8
--! Message: citus: the metrics roll-up trigger tells its table by the name without the shard suffix

-- Issue 17 (Citus). app_private.enqueue_metrics_rollup() branched on tg_table_name = 'meal_logs' /
-- 'api_usage' / 'users'. On a cluster the statement trigger fires on the shard, whose name carries
-- the shard id (meal_logs_102081): no branch matched, so no metrics.rollup job was ever added (daily
-- metrics never rolled up; test/jobs.test.ts). The name is compared without a trailing _<digits>,
-- which is the table's own name on a single server and the embedded engine. Redefines
-- app_private.enqueue_metrics_rollup() only (CREATE OR REPLACE keeps owner, grants and triggers).
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create or replace function app_private.enqueue_metrics_rollup() returns trigger
  language plpgsql security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_access text := pg_catalog.current_setting('app.owner_access', true);
  v_changes jsonb;   -- [{user_id, at}]: the instants whose local day changed, per person
  v_user uuid;
  v_zone text;
  v_day date;
  -- The table without a Citus shard suffix: on a cluster the trigger fires on the shard
  -- (app.meal_logs_102081), whose name tg_table_name gives. None of the three names ends in _<digits>.
  v_table constant text := pg_catalog.regexp_replace(tg_table_name, '_[0-9]+$', '');
begin
  -- Which instants changed, from whichever transition tables this event has.
  if v_table = 'users' then
    perform app_private.owner_access_on();
    for v_user in
      select n.id from new_rows as n join old_rows as o on o.id = n.id
       where n.time_zone is distinct from o.time_zone
    loop
      perform app_private.job_outbox_add(v_user, 'metrics.rollup',
        pg_catalog.jsonb_build_object('userId', v_user, 'rebuild', true), 'metrics:' || v_user || ':all', interval '5 seconds');
    end loop;
    perform app_private.owner_access_restore(v_access);
    return null;
  elsif v_table = 'meal_logs' and tg_op = 'INSERT' then
    select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('user_id', n.user_id, 'at', n.meal_time))
      into v_changes from new_rows as n where not n.is_deleted;
  elsif v_table = 'meal_logs' then
    select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('user_id', c.user_id, 'at', c.meal_time)) into v_changes
    from (
      select n.user_id, n.meal_time from new_rows as n join old_rows as o on o.id = n.id and o.user_id = n.user_id
       where (n.meal_time, n.nutrition_totals, n.is_deleted) is distinct from (o.meal_time, o.nutrition_totals, o.is_deleted)
      union all
      select o.user_id, o.meal_time from new_rows as n join old_rows as o on o.id = n.id and o.user_id = n.user_id
       where (n.meal_time, n.nutrition_totals, n.is_deleted) is distinct from (o.meal_time, o.nutrition_totals, o.is_deleted)
    ) as c;
  elsif v_table = 'api_usage' then
    select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('user_id', n.user_id, 'at', n.created_at))
      into v_changes from new_rows as n;
  end if;
  if v_changes is null then
    return null;
  end if;
  perform app_private.owner_access_on();  -- app.users of the rows' owners (RLS is FORCEd)
  for v_user in
    select distinct (c ->> 'user_id')::uuid from pg_catalog.jsonb_array_elements(v_changes) as c
  loop
    -- The person's time zone: one row of app.users (co-located with the changed rows on Citus).
    select u.time_zone into v_zone from app.users as u where u.id = v_user;
    continue when v_zone is null;
    for v_day in
      select distinct (pg_catalog.timezone(v_zone, (c ->> 'at')::timestamptz))::date
        from pg_catalog.jsonb_array_elements(v_changes) as c
       where (c ->> 'user_id')::uuid = v_user
       order by 1
    loop
      perform app_private.job_outbox_add(v_user, 'metrics.rollup',
        pg_catalog.jsonb_build_object('userId', v_user, 'day', v_day), 'metrics:' || v_user || ':' || pg_catalog.to_char(v_day, 'YYYY-MM-DD'), interval '5 seconds');
    end loop;
  end loop;
  perform app_private.owner_access_restore(v_access);
  return null;
end
$$;

comment on function app_private.enqueue_metrics_rollup() is 'Statement trigger on app.meal_logs (INSERT, UPDATE), app.api_usage (INSERT) and app.users (UPDATE): adds to the person''s app.job_outbox a metrics.rollup job, 5 seconds deferred, for each person-day whose daily metrics the statement changed (the local day in the person''s time zone, read from that person''s app.users row; an updated meal counts for its old and its new day), or a rebuild of all the person''s days when their time zone changed. One waiting job per person-day (singleton key metrics:<user>:<day>). The table is told by its name without a Citus shard suffix (on a cluster the trigger fires on the shards). SECURITY DEFINER.';
