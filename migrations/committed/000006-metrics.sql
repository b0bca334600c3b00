--! Previous: sha1:39097620ab2b2641e6f31aca696dcfa627df8719
--! Hash: sha1:f17507a56ab9ff6d5b23543c9841a7384298e00a
--! Message: metrics: daily nutrition and daily AI cost

-- The metrics the MealPal document names, as tables a job keeps up to date:
--   app.daily_nutrition  per person and calendar day: meals and nutrition totals;
--   app.daily_ai_cost    per person, day, provider and model: requests, tokens, cost.
-- A day is a calendar day in the person's time zone (app.users.time_zone).
-- app_private.refresh_daily_metrics(user, day) recomputes one person-day from the source tables;
-- the job that calls it (after meal/usage writes, and nightly for yesterday) is another issue.
-- squawk-ignore-file prefer-bigint-over-int
--   prefer-bigint-over-int: per-day meal and request counts stay far below 2^31 (token sums are bigint).
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create table app.daily_nutrition (
  user_id    uuid        not null,
  day        date        not null,
  meal_count integer     not null,
  calories   numeric     not null default 0,
  protein_g  numeric     not null default 0,
  carbs_g    numeric     not null default 0,
  fat_g      numeric     not null default 0,
  fiber_g    numeric     not null default 0,
  sugar_g    numeric     not null default 0,
  sodium_mg  numeric     not null default 0,
  updated_at timestamptz not null default now(),
  constraint daily_nutrition_pkey primary key (user_id, day),
  constraint daily_nutrition_user_id_fkey foreign key (user_id) references app.users (id) on delete cascade,
  constraint daily_nutrition_meal_count_check check (meal_count > 0),
  constraint daily_nutrition_totals_check check (
    calories >= 0 and protein_g >= 0 and carbs_g >= 0 and fat_g >= 0
    and fiber_g >= 0 and sugar_g >= 0 and sodium_mg >= 0)
);
create trigger set_updated_at before update on app.daily_nutrition
  for each row execute function app_private.set_updated_at();

comment on table app.daily_nutrition is
  'Derived: a person''s nutrition per calendar day (in app.users.time_zone), summed from live (not soft-deleted) app.meal_logs.nutrition_totals. Maintained only by app_private.refresh_daily_metrics; a day without meals has no row. '
  'Deleted with the person (ON DELETE CASCADE). The primary key (user_id, day) is the user_id index.';
comment on column app.daily_nutrition.user_id is 'The person.';
comment on column app.daily_nutrition.day is 'Calendar day in the person''s time zone.';
comment on column app.daily_nutrition.meal_count is 'Number of live meals logged for the day (> 0: days without meals have no row).';
comment on column app.daily_nutrition.calories is 'Sum of nutrition_totals.calories (kcal); a missing key counts as 0.';
comment on column app.daily_nutrition.protein_g is 'Sum of nutrition_totals.protein_g (grams).';
comment on column app.daily_nutrition.carbs_g is 'Sum of nutrition_totals.carbs_g (grams).';
comment on column app.daily_nutrition.fat_g is 'Sum of nutrition_totals.fat_g (grams).';
comment on column app.daily_nutrition.fiber_g is 'Sum of nutrition_totals.fiber_g (grams).';
comment on column app.daily_nutrition.sugar_g is 'Sum of nutrition_totals.sugar_g (grams).';
comment on column app.daily_nutrition.sodium_mg is 'Sum of nutrition_totals.sodium_mg (milligrams).';
comment on column app.daily_nutrition.updated_at is 'When the row was last recomputed.';

create table app.daily_ai_cost (
  user_id       uuid        not null,
  day           date        not null,
  provider      text        not null,
  model         text        not null,
  requests      integer     not null,
  input_tokens  bigint      not null,
  output_tokens bigint      not null,
  cost_usd      numeric(14,6) not null,
  updated_at    timestamptz not null default now(),
  constraint daily_ai_cost_pkey primary key (user_id, day, provider, model),
  constraint daily_ai_cost_user_id_fkey foreign key (user_id) references app.users (id) on delete cascade,
  constraint daily_ai_cost_requests_check check (requests > 0),
  constraint daily_ai_cost_tokens_check check (input_tokens >= 0 and output_tokens >= 0),
  constraint daily_ai_cost_cost_usd_check check (cost_usd >= 0)
);
create trigger set_updated_at before update on app.daily_ai_cost
  for each row execute function app_private.set_updated_at();

comment on table app.daily_ai_cost is
  'Derived: a person''s AI usage and cost per calendar day (in app.users.time_zone), provider and model, summed from app.api_usage. Maintained only by app_private.refresh_daily_metrics. '
  'Deleted with the person (ON DELETE CASCADE). The primary key leads with user_id.';
comment on column app.daily_ai_cost.user_id is 'The person.';
comment on column app.daily_ai_cost.day is 'Calendar day in the person''s time zone.';
comment on column app.daily_ai_cost.provider is 'AI provider (api_usage.provider).';
comment on column app.daily_ai_cost.model is 'Model (api_usage.model).';
comment on column app.daily_ai_cost.requests is 'Number of requests (> 0: no row without usage).';
comment on column app.daily_ai_cost.input_tokens is 'Sum of input tokens.';
comment on column app.daily_ai_cost.output_tokens is 'Sum of output tokens.';
comment on column app.daily_ai_cost.cost_usd is 'Sum of cost_usd in US dollars.';
comment on column app.daily_ai_cost.updated_at is 'When the row was last recomputed.';

create function app_private.refresh_daily_metrics(p_user_id uuid, p_day date) returns void
  language plpgsql
  volatile
  set search_path = ''
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

  insert into app.daily_nutrition
    (user_id, day, meal_count, calories, protein_g, carbs_g, fat_g, fiber_g, sugar_g, sodium_mg)
  select p_user_id, p_day, count(*)::integer,
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
  having count(*) > 0;

  insert into app.daily_ai_cost
    (user_id, day, provider, model, requests, input_tokens, output_tokens, cost_usd)
  select p_user_id, p_day, a.provider, a.model, count(*)::integer,
         sum(a.input_tokens), sum(a.output_tokens), sum(a.cost_usd)
  from app.api_usage as a
  where a.user_id = p_user_id
    and a.created_at >= v_from
    and a.created_at < v_until
  group by a.provider, a.model;
end
$$;
comment on function app_private.refresh_daily_metrics(uuid, date) is
  'Recomputes app.daily_nutrition and app.daily_ai_cost for one person and one calendar day in the person''s time zone, from app.meal_logs (soft-deleted meals excluded) and app.api_usage. '
  'Idempotent (delete + insert under a transaction-level advisory lock on the person-day, so concurrent calls serialise); a day without data leaves no row; an unknown person leaves nothing. '
  'Run it in a READ COMMITTED transaction. The caller needs to read every row of the person (the job worker); after a person changes time zone, past days are only right once recomputed.';
