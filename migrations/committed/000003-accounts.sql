--! Previous: sha1:231daec656b559b2abc3abfa47ab90e45037263c
--! Hash: sha1:e5c451c12c6e7cae004e37aef084d6a9c3267e28
--! Message: accounts: users, preferences, goals, push tokens

-- accounts area: app.users (union of the MealPal and Epicura documents, credentials excluded),
-- app.user_preferences (Epicura), app.user_goals (MealPal), app.push_tokens (Epicura).
--
-- Rule for every person-owned table in kitchen-db (here and in later migrations):
--   user_id uuid not null references app.users (id) on delete cascade
-- plus an index whose first column is user_id. See the comment on app.users for the reason.
-- squawk-ignore-file prefer-text-field, prefer-bigint-over-int
--   prefer-text-field: varchar(n) is the type the source documents specify.
--   prefer-bigint-over-int: integer is the Epicura type of the levels and servings; goal targets are bounded by CHECKs.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Helpers -------------------------------------------------------------------------------------
create function app.is_valid_time_zone(p_zone text) returns boolean
  language plpgsql
  stable
  strict
  parallel restricted
  set search_path = ''
as $$
begin
  -- Canonical IANA names only: 'UTC' or Area/Location[/More] (e.g. Asia/Kolkata, Etc/GMT+5).
  -- The shape excludes abbreviations (IST, EST), POSIX specs (UTC+3, EST5EDT,M3.2.0) and
  -- the posix/ and right/ copies; the zone must also exist in the server's tz database.
  if p_zone !~ '^(UTC|[A-Z][A-Za-z_-]*(/[A-Za-z0-9_+-]+)+)$' then
    return false;
  end if;
  perform pg_catalog.timezone(p_zone, '2000-01-01 00:00:00'::timestamp);
  return true;
exception
  when invalid_parameter_value then
    return false;
end
$$;
comment on function app.is_valid_time_zone(text) is
  'True when the text is a canonical IANA time zone name known to the server (''UTC'' or Area/Location such as ''Asia/Kolkata''); false for abbreviations, offsets, POSIX specs and unknown names. STABLE because it reads the server''s tz database. About 20 µs (a look-up in pg_timezone_names costs ~50 ms, too slow for a CHECK). PARALLEL RESTRICTED: its exception block starts a subtransaction.';

-- users ---------------------------------------------------------------------------------------
create table app.users (
  id         uuid         not null default gen_random_uuid(),
  auth_id    text         not null,
  email      public.citext not null,
  name       varchar(100) not null,
  tier       text         not null default 'free',
  role       varchar(20)  not null default 'user',
  is_active  boolean      not null default true,
  time_zone  text         not null default 'UTC',
  created_at timestamptz  not null default now(),
  updated_at timestamptz  not null default now(),
  constraint users_pkey primary key (id),
  constraint users_auth_id_key unique (auth_id),
  constraint users_auth_id_fkey foreign key (auth_id) references auth."user" (id) on delete restrict,
  constraint users_email_length_check check (char_length(email::text) <= 255),
  constraint users_email_format_check check (email::text ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
  constraint users_tier_check check (tier in ('free', 'premium')),
  constraint users_role_check check (role in ('user', 'admin')),
  constraint users_time_zone_check check (app.is_valid_time_zone(time_zone))
);
create unique index idx_users_email on app.users (email);
create trigger set_updated_at before update on app.users
  for each row execute function app_private.set_updated_at();

comment on table app.users is
  'A person using the platform (MealPal and Epicura documents united). Credentials are not here: they live in auth.account (Better-Auth). '
  'Deletion rule, the same for every person-owned table: user_id references app.users(id) ON DELETE CASCADE. Deleting an app.users row is the GDPR purge and nothing else '
  '(no application role may delete users; people are deactivated with is_active = false), so one DELETE removes every row of the person in every table, including tables added later, '
  'and the purge cannot forget one. Inside a person''s data, history tables keep their parents (see cooking_sessions and telemetry_events). '
  'auth_id references auth."user" ON DELETE RESTRICT, so Better-Auth cannot delete an identity that still has data: the purge deletes this row first, then auth."user".';
comment on column app.users.id is 'Person id: the key every person-owned table references as user_id, and the value of app.current_user_id().';
comment on column app.users.auth_id is 'Better-Auth user id (auth."user".id), unique: one person per identity. ON DELETE RESTRICT: a person with data disappears only through the GDPR purge.';
comment on column app.users.email is
  'E-mail address, unique case-insensitively (index idx_users_email). Departs from the Epicura document''s varchar(255): citext makes uniqueness and look-ups case-insensitive without lower() everywhere; the 255-character limit and a basic format are CHECKs.';
comment on column app.users.name is 'Display name.';
comment on column app.users.tier is 'Subscription tier (MealPal): free or premium.';
comment on column app.users.role is 'Application role (Epicura): user or admin. Admins manage recipes and firmware in the admin portal.';
comment on column app.users.is_active is 'Account active flag: false disables the account without deleting data (deletion is the GDPR purge).';
comment on column app.users.time_zone is 'IANA time zone of the person (e.g. Asia/Kolkata). Daily nutrition and daily AI cost are computed for calendar days in this zone.';
comment on column app.users.created_at is 'Registration time.';
comment on column app.users.updated_at is 'Last modification (trigger set_updated_at).';
comment on constraint users_email_format_check on app.users is 'Basic shape local@domain.tld; real validation is the verification e-mail.';
comment on constraint users_time_zone_check on app.users is 'time_zone must be a canonical IANA zone known to the server (app.is_valid_time_zone).';

-- user_preferences ----------------------------------------------------------------------------
create table app.user_preferences (
  id                    uuid        not null default gen_random_uuid(),
  user_id               uuid        not null,
  language              varchar(10)          default 'en_IN',
  spice_level           integer              default 3,
  salt_level            integer              default 3,
  oil_level             integer              default 3,
  diet                  varchar(20)          default 'no_restrictions',
  cuisines              text[]               default '{indian,italian,thai,mexican}',
  default_servings      integer              default 2,
  allergens             text[]               default '{}',
  theme                 varchar(10)          default 'light',
  notifications_enabled boolean              default true,
  last_sync_at          timestamptz,
  client_updated_at     timestamptz,
  created_at            timestamptz not null default now(),
  updated_at            timestamptz not null default now(),
  constraint user_preferences_pkey primary key (id),
  constraint user_preferences_user_id_key unique (user_id),
  constraint user_preferences_user_id_fkey foreign key (user_id) references app.users (id) on delete cascade,
  constraint user_preferences_language_check check (language ~ '^[a-z]{2,3}([_-][A-Z][a-z]{3})?([_-]([A-Z]{2}|[0-9]{3}))?$'),
  constraint user_preferences_spice_level_check check (spice_level between 1 and 5),
  constraint user_preferences_salt_level_check check (salt_level between 1 and 5),
  constraint user_preferences_oil_level_check check (oil_level between 1 and 5),
  constraint user_preferences_diet_check check (diet in ('vegetarian', 'vegan', 'pescatarian', 'no_restrictions')),
  constraint user_preferences_cuisines_check check (array_position(cuisines, null) is null and cardinality(cuisines) <= 50),
  constraint user_preferences_default_servings_check check (default_servings between 1 and 4),
  constraint user_preferences_allergens_check check (array_position(allergens, null) is null and cardinality(allergens) <= 100),
  constraint user_preferences_theme_check check (theme in ('light', 'dark'))
);
create index idx_prefs_allergens on app.user_preferences using gin (allergens);
create index idx_prefs_cuisines on app.user_preferences using gin (cuisines);
create trigger set_updated_at before update on app.user_preferences
  for each row execute function app_private.set_updated_at();

comment on table app.user_preferences is
  'One preferences row per person (Epicura), shared by the app and the appliance. Sync: last-write-wins on client_updated_at (the access layer applies a client''s write only when its timestamp is newer). Columns keep the document''s nullability: NULL means "use the default". Deleted with the person (ON DELETE CASCADE).';
comment on column app.user_preferences.id is 'Row identifier.';
comment on column app.user_preferences.user_id is 'The person (unique: one row per person). Its unique index also serves RLS and GDPR look-ups.';
comment on column app.user_preferences.language is 'UI language / locale code such as en_IN, hi_IN, en or zh_Hant_TW (language[_Script][_REGION]).';
comment on column app.user_preferences.spice_level is 'Default spice level, 1 (mild) to 5 (hot).';
comment on column app.user_preferences.salt_level is 'Default salt level, 1 to 5.';
comment on column app.user_preferences.oil_level is 'Default oil level, 1 to 5.';
comment on column app.user_preferences.diet is 'Diet: vegetarian, vegan, pescatarian or no_restrictions.';
comment on column app.user_preferences.cuisines is 'Preferred cuisine tags (the values of app.recipes.cuisine), no NULL elements.';
comment on column app.user_preferences.default_servings is 'Default serving count, 1 to 4 (the appliance''s capacity).';
comment on column app.user_preferences.allergens is 'Allergen tags to avoid, no NULL elements (GIN index idx_prefs_allergens).';
comment on column app.user_preferences.theme is 'UI theme: light or dark.';
comment on column app.user_preferences.notifications_enabled is 'Push notification preference.';
comment on column app.user_preferences.last_sync_at is 'Server timestamp of the appliance''s last successful recipe sync (the Epicura sync protocol''s since value; the server time returned by app.recipe_sync_lock()).';
comment on column app.user_preferences.client_updated_at is 'Last-write-wins clock of preference sync: the client''s (app or appliance) timestamp of the write currently stored. updated_at stays the server''s time.';
comment on column app.user_preferences.created_at is 'When the row was created.';
comment on column app.user_preferences.updated_at is 'Last server-side modification (trigger set_updated_at).';

-- user_goals ----------------------------------------------------------------------------------
create table app.user_goals (
  id               uuid         not null default gen_random_uuid(),
  user_id          uuid         not null,
  goal_type        text         not null default 'maintain',
  target_calories  integer      not null,
  target_protein_g numeric(6,1),
  target_carbs_g   numeric(6,1),
  target_fat_g     numeric(6,1),
  target_fiber_g   numeric(6,1),
  target_sugar_g   numeric(6,1),
  target_sodium_mg integer,
  target_weight_kg numeric(5,1),
  starts_on        date         not null default current_date,
  ends_on          date,
  is_active        boolean      not null default true,
  created_at       timestamptz  not null default now(),
  updated_at       timestamptz  not null default now(),
  constraint user_goals_pkey primary key (id),
  constraint user_goals_user_id_fkey foreign key (user_id) references app.users (id) on delete cascade,
  constraint user_goals_goal_type_check check (goal_type in ('lose_weight', 'maintain', 'gain_weight', 'build_muscle')),
  constraint user_goals_target_calories_check check (target_calories between 500 and 10000),
  constraint user_goals_target_protein_g_check check (target_protein_g between 0 and 1000),
  constraint user_goals_target_carbs_g_check check (target_carbs_g between 0 and 2000),
  constraint user_goals_target_fat_g_check check (target_fat_g between 0 and 1000),
  constraint user_goals_target_fiber_g_check check (target_fiber_g between 0 and 500),
  constraint user_goals_target_sugar_g_check check (target_sugar_g between 0 and 1000),
  constraint user_goals_target_sodium_mg_check check (target_sodium_mg between 0 and 20000),
  constraint user_goals_target_weight_kg_check check (target_weight_kg between 20 and 400),
  constraint user_goals_period_check check (ends_on is null or ends_on >= starts_on)
);
create unique index idx_user_goals_one_active on app.user_goals (user_id) where is_active;
create index idx_user_goals_user on app.user_goals (user_id, starts_on desc);
create trigger set_updated_at before update on app.user_goals
  for each row execute function app_private.set_updated_at();

comment on table app.user_goals is
  'Nutrition goals of a person (MealPal): daily calorie and macro targets with a goal type and an active period. Past goals are kept as history (is_active = false); at most one goal is active per person (unique index idx_user_goals_one_active). Deleted with the person (ON DELETE CASCADE).';
comment on column app.user_goals.id is 'Goal identifier.';
comment on column app.user_goals.user_id is 'The person.';
comment on column app.user_goals.goal_type is 'What the targets aim at: lose_weight, maintain, gain_weight or build_muscle.';
comment on column app.user_goals.target_calories is 'Daily energy target in kcal (500 to 10000).';
comment on column app.user_goals.target_protein_g is 'Daily protein target in grams; NULL = no target. Compare with app.daily_nutrition.protein_g.';
comment on column app.user_goals.target_carbs_g is 'Daily carbohydrate target in grams; NULL = no target.';
comment on column app.user_goals.target_fat_g is 'Daily fat target in grams; NULL = no target.';
comment on column app.user_goals.target_fiber_g is 'Daily fibre target in grams (a minimum); NULL = no target.';
comment on column app.user_goals.target_sugar_g is 'Daily sugar limit in grams (a maximum); NULL = no limit.';
comment on column app.user_goals.target_sodium_mg is 'Daily sodium limit in milligrams (a maximum); NULL = no limit.';
comment on column app.user_goals.target_weight_kg is 'Body weight the goal aims at, in kg; NULL = none (e.g. maintain).';
comment on column app.user_goals.starts_on is 'First day the goal applies, a calendar day in the person''s time zone (the default, current_date, is the session''s date: pass the person''s date).';
comment on column app.user_goals.ends_on is 'Last day the goal applies; NULL = open-ended.';
comment on column app.user_goals.is_active is 'The goal currently in force. At most one per person: deactivate the old goal and insert the new one in one transaction.';
comment on column app.user_goals.created_at is 'When the goal was set.';
comment on column app.user_goals.updated_at is 'Last modification (trigger set_updated_at).';
comment on index app.idx_user_goals_one_active is 'At most one active goal per person (a partial unique index: no btree_gist needed). It also serves look-ups of the active goal.';

-- push_tokens ---------------------------------------------------------------------------------
create table app.push_tokens (
  id         uuid        not null default gen_random_uuid(),
  user_id    uuid        not null,
  platform   varchar(10) not null,
  token      text        not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint push_tokens_pkey primary key (id),
  constraint push_tokens_token_key unique (token),
  constraint push_tokens_user_id_fkey foreign key (user_id) references app.users (id) on delete cascade,
  constraint push_tokens_platform_check check (platform in ('ios', 'android')),
  constraint push_tokens_token_check check (char_length(token) between 1 and 4096)
);
create index idx_push_tokens_user on app.push_tokens (user_id);
create trigger set_updated_at before update on app.push_tokens
  for each row execute function app_private.set_updated_at();

comment on table app.push_tokens is
  'FCM/APNs device tokens of a person''s phones (Epicura). A token is unique across people: when a phone changes hands the row moves to the new person. Deleted with the person (ON DELETE CASCADE).';
comment on column app.push_tokens.id is 'Token record id.';
comment on column app.push_tokens.user_id is 'Token owner.';
comment on column app.push_tokens.platform is 'ios or android.';
comment on column app.push_tokens.token is 'FCM/APNs device token (unique).';
comment on column app.push_tokens.created_at is 'Registration time.';
comment on column app.push_tokens.updated_at is 'Last refresh (trigger set_updated_at).';
