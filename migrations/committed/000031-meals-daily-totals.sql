--! Previous: sha1:60e488ba3f79b9174ea3b1bac0289d8652163347
--! Hash: sha1:979afce336b26456865d0d5a6f205ad3f1dbd0b8
--! Message: meals: daily nutrition totals vs the active goal, in the person's time zone

-- One round trip for a chart of days: every calendar day of [p_from, p_to] in the person's time
-- zone (app.users.time_zone), the live (not soft-deleted) meals summed per day, and the targets
-- of the person's active goal. Computed from app.meal_logs directly, so it is exact right after a
-- write (app.daily_nutrition is refreshed by a job, later). SECURITY INVOKER: row-level security
-- decides whose rows are summed; executable by app_user only.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create function app.daily_nutrition_vs_goal(p_from date, p_to date)
  returns table (
    day              date,
    meal_count       integer,
    calories         double precision,
    protein_g        double precision,
    carbs_g          double precision,
    fat_g            double precision,
    fiber_g          double precision,
    sugar_g          double precision,
    sodium_mg        double precision,
    goal_id          uuid,
    goal_type        text,
    target_calories  integer,
    target_protein_g double precision,
    target_carbs_g   double precision,
    target_fat_g     double precision,
    target_fiber_g   double precision,
    target_sugar_g   double precision,
    target_sodium_mg integer
  )
  language plpgsql
  stable
  set search_path = ''
as $$
#variable_conflict use_column
begin
  if p_from is null or p_to is null then
    raise exception 'daily_nutrition_vs_goal: from and to are required'
      using errcode = 'null_value_not_allowed', column = case when p_from is null then 'from' else 'to' end;
  end if;
  if p_to < p_from or p_to - p_from > 366 then
    raise exception 'daily_nutrition_vs_goal: the range must run forwards and cover at most 367 days (got % to %)', p_from, p_to
      using errcode = 'invalid_parameter_value', column = 'to';
  end if;

  return query
    with me as (
      select u.id, u.time_zone
      from app.users as u
      where u.id = (select app.current_user_id())
    ),
    totals as (
      -- One index range scan (idx_meal_logs_user_time) over [local midnight of p_from, local
      -- midnight after p_to); each meal counted on its local calendar day (DST-safe).
      select (pg_catalog.timezone(me.time_zone, m.meal_time))::date as day,
             count(*)::integer as meal_count,
             coalesce(sum((m.nutrition_totals ->> 'calories')::numeric), 0) as calories,
             coalesce(sum((m.nutrition_totals ->> 'protein_g')::numeric), 0) as protein_g,
             coalesce(sum((m.nutrition_totals ->> 'carbs_g')::numeric), 0) as carbs_g,
             coalesce(sum((m.nutrition_totals ->> 'fat_g')::numeric), 0) as fat_g,
             coalesce(sum((m.nutrition_totals ->> 'fiber_g')::numeric), 0) as fiber_g,
             coalesce(sum((m.nutrition_totals ->> 'sugar_g')::numeric), 0) as sugar_g,
             coalesce(sum((m.nutrition_totals ->> 'sodium_mg')::numeric), 0) as sodium_mg
      from me
      join app.meal_logs as m on m.user_id = me.id
      where not m.is_deleted
        and m.meal_time >= pg_catalog.timezone(me.time_zone, p_from::timestamp)
        and m.meal_time < pg_catalog.timezone(me.time_zone, (p_to + 1)::timestamp)
      group by 1
    ),
    goal as (
      select g.*
      from me
      join app.user_goals as g on g.user_id = me.id and g.is_active
    )
    select d.day::date,
           coalesce(t.meal_count, 0),
           coalesce(t.calories, 0)::double precision,
           coalesce(t.protein_g, 0)::double precision,
           coalesce(t.carbs_g, 0)::double precision,
           coalesce(t.fat_g, 0)::double precision,
           coalesce(t.fiber_g, 0)::double precision,
           coalesce(t.sugar_g, 0)::double precision,
           coalesce(t.sodium_mg, 0)::double precision,
           goal.id,
           goal.goal_type,
           goal.target_calories,
           goal.target_protein_g::double precision,
           goal.target_carbs_g::double precision,
           goal.target_fat_g::double precision,
           goal.target_fiber_g::double precision,
           goal.target_sugar_g::double precision,
           goal.target_sodium_mg
    from me
    cross join pg_catalog.generate_series(p_from::timestamp, p_to::timestamp, interval '1 day') as d (day)
    left join totals as t on t.day = d.day::date
    left join goal on true
    order by d.day;
end
$$;
comment on function app.daily_nutrition_vs_goal(date, date) is
  'Daily nutrition of the current person (app.current_user_id()) for every calendar day from p_from to p_to inclusive (at most 367 days), in the person''s time zone (app.users.time_zone): '
  'live meals counted and their nutrition_totals summed (a missing key counts as 0; days without meals give zeros), next to the targets of the active goal (NULL without one). '
  'Reads app.meal_logs directly, so it is exact right after a write. SECURITY INVOKER (row-level security applies): no person context, no rows. '
  'Errors: a NULL bound (22004) or a backwards or too long range (22023).';
revoke all on function app.daily_nutrition_vs_goal(date, date) from public;
grant execute on function app.daily_nutrition_vs_goal(date, date) to app_user;
