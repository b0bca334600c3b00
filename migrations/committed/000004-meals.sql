--! Previous: sha1:e5c451c12c6e7cae004e37aef084d6a9c3267e28
--! Hash: sha1:b99b5e9c5da78f1e4386baed30b535f60091286f
--! Message: meals: meal logs and their foods

-- meals area (MealPal): app.meal_logs with soft delete, app.meal_foods (the foods of a meal).
-- Daily nutrition totals are in 000006-metrics.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Nutrition JSON ------------------------------------------------------------------------------
create function app.nutrition_is_valid(p_nutrition jsonb) returns boolean
  language sql
  immutable
  strict
  parallel safe
  set search_path = ''
as $$
  select pg_catalog.jsonb_typeof(p_nutrition) = 'object'
     and not exists (
       select 1
       from pg_catalog.jsonb_each(
              case when pg_catalog.jsonb_typeof(p_nutrition) = 'object' then p_nutrition else '{}'::jsonb end
            ) as e (key, value)
       where e.key in ('calories', 'protein_g', 'carbs_g', 'fat_g', 'fiber_g', 'sugar_g', 'sodium_mg')
         and case when pg_catalog.jsonb_typeof(e.value) = 'number' then e.value::numeric < 0 else true end
     )
$$;
comment on function app.nutrition_is_valid(jsonb) is
  'True when a nutrition JSON value is an object whose known keys (calories in kcal, protein_g, carbs_g, fat_g, fiber_g, sugar_g in grams, sodium_mg in milligrams), when present, are numbers >= 0. Other keys (micros, vitamins ...) are free. Used by the CHECKs on meal_logs.nutrition_totals and meal_foods.nutrition so app_private.refresh_daily_metrics can sum them safely.';

-- meal_logs -----------------------------------------------------------------------------------
create table app.meal_logs (
  id               uuid        not null default gen_random_uuid(),
  user_id          uuid        not null,
  meal_time        timestamptz not null,
  meal_type        text        not null,
  nutrition_totals jsonb       not null default '{}',
  ai_analysis      jsonb,
  image_url        text,
  notes            text,
  is_deleted       boolean     not null default false,
  deleted_at       timestamptz,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now(),
  constraint meal_logs_pkey primary key (id),
  constraint meal_logs_id_user_id_key unique (id, user_id),
  constraint meal_logs_user_id_fkey foreign key (user_id) references app.users (id) on delete cascade,
  constraint meal_logs_meal_type_check check (meal_type in ('breakfast', 'lunch', 'dinner', 'snack')),
  constraint meal_logs_nutrition_totals_check check (app.nutrition_is_valid(nutrition_totals)),
  constraint meal_logs_ai_analysis_check check (jsonb_typeof(ai_analysis) = 'object'),
  constraint meal_logs_image_url_check check (char_length(image_url) between 1 and 2048),
  constraint meal_logs_notes_check check (char_length(notes) <= 4000),
  constraint meal_logs_deleted_check check (is_deleted = (deleted_at is not null))
);
create index idx_meal_logs_user_time on app.meal_logs (user_id, meal_time desc);
create index idx_meal_logs_deleted on app.meal_logs (user_id, is_deleted) where is_deleted = false;
create index idx_meal_logs_nutrition on app.meal_logs using gin (nutrition_totals jsonb_path_ops);
create trigger set_updated_at before update on app.meal_logs
  for each row execute function app_private.set_updated_at();

create function app_private.meal_logs_soft_delete() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  -- Setting is_deleted stamps deleted_at; clearing it (undo) clears deleted_at.
  if tg_op = 'INSERT' or new.is_deleted is distinct from old.is_deleted then
    if new.is_deleted and new.deleted_at is null then
      new.deleted_at := pg_catalog.clock_timestamp();
    elsif not new.is_deleted then
      new.deleted_at := null;
    end if;
  end if;
  return new;
end
$$;
comment on function app_private.meal_logs_soft_delete() is
  'BEFORE INSERT/UPDATE trigger on app.meal_logs: is_deleted = true stamps deleted_at (clock_timestamp()) when not given; is_deleted = false clears it (undo). The CHECK meal_logs_deleted_check catches any other inconsistent write.';
create trigger meal_logs_soft_delete before insert or update of is_deleted on app.meal_logs
  for each row execute function app_private.meal_logs_soft_delete();

comment on table app.meal_logs is
  'A meal a person logged (MealPal). Immutable history: a meal is soft-deleted (is_deleted, deleted_at) and stays for analytics and undo; rows are hard-deleted only by the GDPR purge (ON DELETE CASCADE from app.users). '
  'Unique (id, user_id) is the target of meal_foods'' composite FK, so a food always belongs to its meal''s owner.';
comment on column app.meal_logs.id is 'Meal log id.';
comment on column app.meal_logs.user_id is 'The person who ate.';
comment on column app.meal_logs.meal_time is 'When the person actually ate (not when it was logged). Daily nutrition assigns it to a calendar day in app.users.time_zone.';
comment on column app.meal_logs.meal_type is 'breakfast, lunch, dinner or snack.';
comment on column app.meal_logs.nutrition_totals is
  'Totals of the meal as a JSON object. Keys (numbers >= 0, each optional): calories (kcal), protein_g, carbs_g, fat_g, and fiber_g, sugar_g (grams), sodium_mg (milligrams); any other key (micros ...) is free. Checked by app.nutrition_is_valid; summed into app.daily_nutrition. GIN index idx_meal_logs_nutrition (jsonb_path_ops) serves @> and jsonpath queries.';
comment on column app.meal_logs.ai_analysis is 'The full AI response that analysed the meal (a JSON object), kept for audit and re-analysis; NULL for manual entries.';
comment on column app.meal_logs.image_url is 'URL of the meal photo (S3 object URL).';
comment on column app.meal_logs.notes is 'The person''s notes on the meal.';
comment on column app.meal_logs.is_deleted is 'Soft delete flag. Setting it stamps deleted_at (trigger meal_logs_soft_delete); clearing it undoes the delete. Deleted meals are excluded from daily nutrition.';
comment on column app.meal_logs.deleted_at is 'When the meal was soft-deleted; NULL exactly when is_deleted is false (CHECK meal_logs_deleted_check).';
comment on column app.meal_logs.created_at is 'When the meal was logged.';
comment on column app.meal_logs.updated_at is 'Last modification (trigger set_updated_at).';
comment on constraint meal_logs_deleted_check on app.meal_logs is 'is_deleted and deleted_at go together: deleted_at is set exactly when is_deleted is true.';
comment on index app.idx_meal_logs_user_time is 'Most frequent query: a person''s meals by time (MealPal document).';
comment on index app.idx_meal_logs_deleted is 'A person''s live (not soft-deleted) meals (MealPal document).';

-- meal_foods ----------------------------------------------------------------------------------
create table app.meal_foods (
  id          uuid        not null default gen_random_uuid(),
  meal_log_id uuid        not null,
  user_id     uuid        not null,
  name        text        not null,
  quantity    numeric,
  unit        text,
  nutrition   jsonb       not null default '{}',
  confidence  real,
  created_at  timestamptz not null default now(),
  constraint meal_foods_pkey primary key (id),
  constraint meal_foods_user_id_fkey foreign key (user_id) references app.users (id) on delete cascade,
  constraint meal_foods_meal_log_id_user_id_fkey foreign key (meal_log_id, user_id)
    references app.meal_logs (id, user_id) on delete cascade,
  constraint meal_foods_name_check check (char_length(btrim(name)) between 1 and 200),
  constraint meal_foods_quantity_check check (quantity > 0),
  constraint meal_foods_unit_check check (char_length(btrim(unit)) between 1 and 30),
  constraint meal_foods_nutrition_check check (app.nutrition_is_valid(nutrition)),
  constraint meal_foods_confidence_check check (confidence between 0 and 1)
);
create index idx_meal_foods_meal_log on app.meal_foods (meal_log_id);
create index idx_meal_foods_user on app.meal_foods (user_id);

comment on table app.meal_foods is
  'The foods of a meal log (detected by the AI or entered by hand). Carries user_id ("user_id everywhere"); the composite FK (meal_log_id, user_id) -> meal_logs(id, user_id) guarantees it equals the meal''s owner. '
  'ON DELETE CASCADE from the meal: foods are part of their meal, and meals are only hard-deleted by the GDPR purge.';
comment on column app.meal_foods.id is 'Food row id.';
comment on column app.meal_foods.meal_log_id is 'The meal this food belongs to.';
comment on column app.meal_foods.user_id is 'Owner: always the meal''s owner (composite FK meal_foods_meal_log_id_user_id_fkey).';
comment on column app.meal_foods.name is 'Food name as detected or entered (e.g. "dal tadka").';
comment on column app.meal_foods.quantity is 'Amount eaten in unit, > 0; NULL when unknown.';
comment on column app.meal_foods.unit is 'Unit of quantity (g, ml, cup, piece, bowl ...); NULL when unknown.';
comment on column app.meal_foods.nutrition is 'Nutrition of this food, same keys as meal_logs.nutrition_totals (app.nutrition_is_valid).';
comment on column app.meal_foods.confidence is 'AI detection confidence, 0 to 1; NULL for foods entered by hand.';
comment on column app.meal_foods.created_at is 'When the food row was created.';
