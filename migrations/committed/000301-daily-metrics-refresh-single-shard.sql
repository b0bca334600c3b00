--! Previous: sha1:a1c8f68b2e41602aaa0507a99f2ed2f61cc870c8
--! Hash: sha1:8d561d3bced70a38b405ab1b5933f0267bedc6fd
--! Message: citus: the daily metrics refresh inserts with the source's user_id, so Citus pushes it down to the person's shard

-- Issue 17 (Citus). app_private.refresh_daily_metrics inserted "select p_user_id, p_day, count(*) …
-- from app.meal_logs where user_id = p_user_id having count(*) > 0" (and the same for
-- app.daily_ai_cost). The target's distribution column came from a constant, not from the source
-- rows, so Citus could not push the INSERT … SELECT down: it pulled the result to the coordinator
-- and COPYed it into the shard, which fails with 0A000 "COPY FROM not supported with row-level
-- security" (the metrics.rollup job failed on every try). Selecting m.user_id / a.user_id and
-- grouping by it gives the same rows on every engine (the WHERE keeps one person: one group or
-- none, as HAVING count(*) > 0 did) and is planned on the person's shard. Redefines
-- app_private.refresh_daily_metrics(uuid, date) only (CREATE OR REPLACE keeps owner and comment).
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create or replace function app_private.refresh_daily_metrics(p_user_id uuid, p_day date) returns void
  language plpgsql
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_zone  text;
  v_from  timestamptz;
  v_until timestamptz;
begin
  if p_user_id is null or p_day is null then
    raise exception 'refresh_daily_metrics: user id and day are required'
      using errcode = 'null_value_not_allowed';
  end if;

  -- One refresh per person-day at a time: a concurrent refresh of the same person-day waits,
  -- then recomputes from data that includes the first one's commit (READ COMMITTED).
  perform pg_catalog.pg_advisory_xact_lock(
    pg_catalog.hashtextextended('app.daily_metrics:' || p_user_id::text || ':' || p_day::text, 0));

  select u.time_zone into v_zone from app.users as u where u.id = p_user_id;

  delete from app.daily_nutrition as d where d.user_id = p_user_id and d.day = p_day;
  delete from app.daily_ai_cost as d where d.user_id = p_user_id and d.day = p_day;

  if v_zone is null then
    return;  -- no such person (purged): nothing to keep
  end if;

  -- [local midnight, next local midnight) as instants; 23 or 25 hours on DST change days.
  v_from  := pg_catalog.timezone(v_zone, p_day::timestamp);
  v_until := pg_catalog.timezone(v_zone, (p_day + 1)::timestamp);

  -- Both inserts select the source's user_id and group by it (not the constant p_user_id): Citus
  -- then pushes the INSERT … SELECT down to the person's shard. With a constant it pulled the rows
  -- to the coordinator and COPYed them into the shard, which it refuses under row-level security
  -- (0A000). Same rows everywhere: one group, the person's, or none.
  insert into app.daily_nutrition
    (user_id, day, meal_count, calories, protein_g, carbs_g, fat_g, fiber_g, sugar_g, sodium_mg)
  select m.user_id, p_day, count(*)::integer,
         coalesce(sum((m.nutrition_totals ->> 'calories')::numeric), 0),
         coalesce(sum((m.nutrition_totals ->> 'protein_g')::numeric), 0),
         coalesce(sum((m.nutrition_totals ->> 'carbs_g')::numeric), 0),
         coalesce(sum((m.nutrition_totals ->> 'fat_g')::numeric), 0),
         coalesce(sum((m.nutrition_totals ->> 'fiber_g')::numeric), 0),
         coalesce(sum((m.nutrition_totals ->> 'sugar_g')::numeric), 0),
         coalesce(sum((m.nutrition_totals ->> 'sodium_mg')::numeric), 0)
  from app.meal_logs as m
  where m.user_id = p_user_id
    and not m.is_deleted
    and m.meal_time >= v_from
    and m.meal_time < v_until
  group by m.user_id;

  insert into app.daily_ai_cost
    (user_id, day, provider, model, requests, input_tokens, output_tokens, cost_usd)
  select a.user_id, p_day, a.provider, a.model, count(*)::integer,
         sum(a.input_tokens), sum(a.output_tokens), sum(a.cost_usd)
  from app.api_usage as a
  where a.user_id = p_user_id
    and a.created_at >= v_from
    and a.created_at < v_until
  group by a.user_id, a.provider, a.model;
end
$$;
