--! Previous: sha1:f17507a56ab9ff6d5b23543c9841a7384298e00a
--! Hash: sha1:5f3275b5104f1ece10d07fe79dc92d5fe2ed7c7a
--! Message: recipes: recipes, full-text search, sync tombstones

-- recipes area (Epicura): app.recipes exactly as the document, its indexes and generated
-- search_vector; recipe_data validated at the door; version/updated_at maintained by trigger;
-- app.recipe_tombstones for the sync protocol's deleted_ids.
--
-- Sync consistency ("no change can fall between two syncs"). The device asks for recipes with
-- updated_at > since and keeps the server time of the answer as its next since. With plain
-- timestamps a writer that stamped updated_at before a sync but commits after it would be missed
-- forever. So every write to recipes (trigger recipes_sync_stamp) first takes the EXCLUSIVE
-- transaction-level advisory lock on key hashtext('app.recipes.sync') and only then stamps
-- updated_at / removed_at with clock_timestamp(); a sync first calls app.recipe_sync_lock(),
-- which takes the SHARED lock on the same key and returns the server time. The sync therefore
-- waits for writers in flight, and any later writer stamps a time after that server time.
-- squawk-ignore-file prefer-text-field, prefer-bigint-over-int
--   prefer-text-field: varchar(n) is the type the source documents specify.
--   prefer-bigint-over-int: integer is the type the Epicura document specifies (minutes, servings, version).
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- recipe_data validation ----------------------------------------------------------------------
create function app.recipe_data_problems(p_data jsonb) returns text[]
  language plpgsql
  immutable
  strict
  parallel safe
  set search_path = ''
as $$
declare
  problems text[] := '{}';
  stage    jsonb;
  ing      jsonb;
  i        integer;
  j        integer;
  k        text;
begin
  if pg_catalog.jsonb_typeof(p_data) <> 'object' then
    return array['recipe_data must be a JSON object'];
  end if;
  if pg_catalog.jsonb_typeof(p_data -> 'stages') is distinct from 'array' then
    return array['stages must be an array'];
  end if;
  if pg_catalog.jsonb_array_length(p_data -> 'stages') = 0 then
    return array['stages must not be empty'];
  end if;

  i := 0;
  for stage in select s.value from pg_catalog.jsonb_array_elements(p_data -> 'stages') as s (value) loop
    if pg_catalog.jsonb_typeof(stage) <> 'object' then
      problems := problems || pg_catalog.format('stages[%s] must be an object', i);
    else
      if pg_catalog.jsonb_typeof(stage -> 'name') is distinct from 'string'
         or pg_catalog.btrim(stage ->> 'name') = '' then
        problems := problems || pg_catalog.format('stages[%s].name must be a non-empty string', i);
      end if;
      foreach k in array array['temp_target', 'duration_seconds'] loop
        if stage ? k and pg_catalog.jsonb_typeof(stage -> k) <> 'number' then
          problems := problems || pg_catalog.format('stages[%s].%s must be a number', i, k);
        end if;
      end loop;
      if stage ? 'ingredients' then
        if pg_catalog.jsonb_typeof(stage -> 'ingredients') <> 'array' then
          problems := problems || pg_catalog.format('stages[%s].ingredients must be an array', i);
        else
          j := 0;
          for ing in select g.value from pg_catalog.jsonb_array_elements(stage -> 'ingredients') as g (value) loop
            if pg_catalog.jsonb_typeof(ing) <> 'object' then
              problems := problems || pg_catalog.format('stages[%s].ingredients[%s] must be an object', i, j);
            elsif ing ? 'amount_g' and pg_catalog.jsonb_typeof(ing -> 'amount_g') <> 'number' then
              problems := problems || pg_catalog.format('stages[%s].ingredients[%s].amount_g must be a number', i, j);
            end if;
            j := j + 1;
          end loop;
        end if;
      end if;
    end if;
    i := i + 1;
  end loop;
  return problems;
end
$$;
comment on function app.recipe_data_problems(jsonb) is
  'What is wrong with a recipe_data value, as readable messages (empty array = valid): it must be an object; stages a non-empty array; each stage an object with a non-empty string name; temp_target and duration_seconds numbers when present; ingredients an array of objects when present, each amount_g a number when present. The admin portal can show these before saving.';

create function app.recipe_data_is_valid(p_data jsonb) returns boolean
  language sql
  immutable
  strict
  parallel safe
  set search_path = ''
as $$
  select pg_catalog.cardinality(app.recipe_data_problems(p_data)) = 0
$$;
comment on function app.recipe_data_is_valid(jsonb) is
  'True when app.recipe_data_problems(recipe_data) finds nothing. Used by the CHECK recipes_recipe_data_check.';

-- recipes -------------------------------------------------------------------------------------
create table app.recipes (
  id           uuid         not null default gen_random_uuid(),
  name         varchar(200) not null,
  category     varchar(50)  not null,
  cuisine      varchar(50)           default 'indian',
  recipe_data  jsonb        not null,
  tags         text[]                default '{}',
  difficulty   varchar(10)  not null,
  time_minutes integer      not null,
  servings     integer      not null default 4,
  calories     real,
  protein_g    real,
  carbs_g      real,
  fats_g       real,
  image_url    text,
  version      integer      not null default 1,
  is_published boolean      not null default false,
  created_by   uuid,
  created_at   timestamptz  not null default now(),
  updated_at   timestamptz  not null default now(),
  search_vector tsvector generated always as (
    to_tsvector('english', coalesce(name, '') || ' ' || coalesce(category, '') || ' ' || coalesce(cuisine, ''))
  ) stored,
  constraint recipes_pkey primary key (id),
  constraint recipes_created_by_fkey foreign key (created_by) references app.users (id) on delete set null,
  constraint recipes_name_check check (btrim(name) <> ''),
  constraint recipes_category_check check (btrim(category) <> ''),
  constraint recipes_cuisine_check check (cuisine in ('indian', 'italian', 'american', 'chinese', 'mexican', 'korean', 'thai', 'asian', 'global')),
  constraint recipes_recipe_data_check check (app.recipe_data_is_valid(recipe_data)),
  constraint recipes_tags_check check (array_position(tags, null) is null),
  constraint recipes_difficulty_check check (difficulty in ('easy', 'medium', 'hard')),
  constraint recipes_time_minutes_check check (time_minutes > 0 and time_minutes <= 1440),
  constraint recipes_servings_check check (servings between 1 and 4),
  constraint recipes_nutrition_check check (calories >= 0 and protein_g >= 0 and carbs_g >= 0 and fats_g >= 0),
  constraint recipes_version_check check (version >= 1)
);
create index idx_recipes_category on app.recipes (category);
create index idx_recipes_cuisine on app.recipes (cuisine);
create index idx_recipes_published on app.recipes (is_published) where is_published = true;
create index idx_recipes_data on app.recipes using gin (recipe_data jsonb_path_ops);
create index idx_recipes_tags on app.recipes using gin (tags);
create index idx_recipes_fts on app.recipes using gin (search_vector);
create index idx_recipes_updated on app.recipes (updated_at);
create index idx_recipes_created_by on app.recipes (created_by) where created_by is not null;

comment on table app.recipes is
  'Recipes the appliance cooks (Epicura), managed by admins; published ones sync to devices (cloud is authoritative). Not personal data: no user_id, created_by only names the admin author. '
  'Every write goes through trigger recipes_sync_stamp (sync lock, version, updated_at, tombstones). A recipe that has been cooked cannot be deleted (cooking_sessions.recipe_id ON DELETE RESTRICT): unpublish it instead.';
comment on column app.recipes.id is 'Recipe identifier; never changes (devices key their copy on it).';
comment on column app.recipes.name is 'Display name, e.g. "Dal Tadka".';
comment on column app.recipes.category is 'Dish category: dal, curry, rice, pasta, soup ... (free list, not empty).';
comment on column app.recipes.cuisine is 'Cuisine: indian, italian, american, chinese, mexican, korean, thai, asian or global.';
comment on column app.recipes.recipe_data is 'Full recipe definition for the appliance (the controller''s YAML format as JSON: stages with temperatures, durations, ingredients). Validated by app.recipe_data_is_valid (see app.recipe_data_problems).';
comment on column app.recipes.tags is 'Filter tags (vegan, healthy, vegetarian, protein-rich, stir-fry, gluten-free, quick ...), no NULL elements; GIN index idx_recipes_tags.';
comment on column app.recipes.difficulty is 'easy, medium or hard.';
comment on column app.recipes.time_minutes is 'Total estimated cooking time in minutes (1 to 1440).';
comment on column app.recipes.servings is 'Default serving count, 1 to 4 (the appliance''s capacity, as user_preferences.default_servings).';
comment on column app.recipes.calories is 'Calories per serving (kcal), >= 0.';
comment on column app.recipes.protein_g is 'Protein per serving (g), >= 0.';
comment on column app.recipes.carbs_g is 'Carbohydrates per serving (g), >= 0.';
comment on column app.recipes.fats_g is 'Fats per serving (g), >= 0.';
comment on column app.recipes.image_url is 'Recipe photo URL (S3/R2): food in a bowl, shown on the left of the recipe card.';
comment on column app.recipes.version is 'Recipe version: 1 on creation, +1 on every real edit (trigger recipes_sync_stamp; an UPDATE that changes nothing keeps it).';
comment on column app.recipes.is_published is 'Visible to people and synced to devices when true. Unpublishing writes a tombstone (reason unpublished) so devices remove their copy.';
comment on column app.recipes.created_by is 'Admin who created the recipe. ON DELETE SET NULL: recipes outlive their author (the GDPR purge of an admin keeps the recipe); changing it is not an edit (no version bump).';
comment on column app.recipes.created_at is 'Creation timestamp.';
comment on column app.recipes.updated_at is 'Last real edit, stamped with clock_timestamp() under the sync lock (trigger recipes_sync_stamp). The sync protocol returns published recipes with updated_at > since.';
comment on column app.recipes.search_vector is 'Generated (STORED): to_tsvector(''english'', name || category || cuisine), as the Epicura document. Query with search_vector @@ to_tsquery(''english'', ''dal | lentil'') (GIN index idx_recipes_fts).';
comment on constraint recipes_recipe_data_check on app.recipes is 'recipe_data must pass app.recipe_data_is_valid; app.recipe_data_problems(recipe_data) says why not.';
comment on constraint recipes_nutrition_check on app.recipes is 'Per-serving nutrition values are >= 0 when given.';
comment on index app.idx_recipes_updated is 'Recipes changed since a time: the sync protocol (with is_published) and the admin portal''s recent edits.';
comment on index app.idx_recipes_created_by is 'Finds an admin''s recipes (ON DELETE SET NULL of created_by, GDPR export).';

-- recipe_tombstones ---------------------------------------------------------------------------
create table app.recipe_tombstones (
  recipe_id  uuid        not null,
  removed_at timestamptz not null default clock_timestamp(),
  reason     text        not null,
  constraint recipe_tombstones_pkey primary key (recipe_id),
  constraint recipe_tombstones_reason_check check (reason in ('deleted', 'unpublished'))
);
create index idx_recipe_tombstones_removed on app.recipe_tombstones (removed_at);

comment on table app.recipe_tombstones is
  'Recipes devices must remove: deleted or unpublished recipes (the sync protocol''s deleted_ids = recipe_id where removed_at > since). Written only by trigger recipes_sync_stamp under the sync lock; republishing or re-creating a recipe removes its tombstone. '
  'No personal data. No FK: the recipe may be gone. Old tombstones may be pruned once older than the longest sync gap a device may have (a device with an older since must do a full sync).';
comment on column app.recipe_tombstones.recipe_id is 'Id of the removed recipe.';
comment on column app.recipe_tombstones.removed_at is 'When it was removed, clock_timestamp() under the sync lock (compare with the device''s since).';
comment on column app.recipe_tombstones.reason is 'deleted (row deleted) or unpublished (is_published set to false).';

-- sync lock and stamping trigger --------------------------------------------------------------
create function app.recipe_sync_lock() returns timestamptz
  language plpgsql
  volatile
  set search_path = ''
as $$
begin
  if pg_catalog.current_setting('transaction_isolation') <> 'read committed' then
    raise exception 'app.recipe_sync_lock() needs a READ COMMITTED transaction (current: %)',
      pg_catalog.current_setting('transaction_isolation')
      using errcode = 'invalid_transaction_state',
            hint = 'A REPEATABLE READ snapshot is taken before the lock is granted and could miss a writer it waited for.';
  end if;
  perform pg_catalog.pg_advisory_xact_lock_shared(pg_catalog.hashtext('app.recipes.sync'));
  return pg_catalog.clock_timestamp();
end
$$;
comment on function app.recipe_sync_lock() is
  'Starts a recipe sync: takes the SHARED transaction-level advisory lock on key hashtext(''app.recipes.sync'') (held until the transaction ends; waits for recipe writers in flight) and returns the server time, which the device stores as its next since (user_preferences.last_sync_at). '
  'Protocol, in ONE READ COMMITTED transaction: (1) select app.recipe_sync_lock() as server_time; (2) in a LATER statement read published recipes with updated_at > since and tombstones with removed_at > since; commit promptly (writers wait for it). '
  'Reading in the same statement as the lock would use a snapshot taken before the wait.';

create function app_private.recipes_sync_stamp() returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
declare
  -- Columns whose change is not an edit of the recipe itself.
  ignored constant text[] := array['version', 'updated_at', 'search_vector', 'created_by'];
begin
  -- EXCLUSIVE sync lock first, then stamp: see app.recipe_sync_lock().
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('app.recipes.sync'));

  if tg_op = 'INSERT' then
    new.updated_at := pg_catalog.clock_timestamp();
    delete from app.recipe_tombstones as t where t.recipe_id = new.id;
    return new;
  end if;

  if tg_op = 'DELETE' then
    if old.is_published then
      insert into app.recipe_tombstones as t (recipe_id, removed_at, reason)
      values (old.id, pg_catalog.clock_timestamp(), 'deleted')
      on conflict (recipe_id) do update set removed_at = excluded.removed_at, reason = excluded.reason;
    else
      -- Devices already dropped it when it was unpublished: just record the final reason.
      update app.recipe_tombstones as t set reason = 'deleted' where t.recipe_id = old.id;
    end if;
    return old;
  end if;

  -- UPDATE
  if new.id <> old.id then
    raise exception 'recipe ids never change (devices key their copy on them)'
      using errcode = 'check_violation';
  end if;
  if (pg_catalog.to_jsonb(new) - ignored) = (pg_catalog.to_jsonb(old) - ignored) then
    -- Nothing changed: not an edit.
    new.version := old.version;
    new.updated_at := old.updated_at;
    return new;
  end if;
  new.version := old.version + 1;
  new.updated_at := pg_catalog.clock_timestamp();
  if old.is_published and not new.is_published then
    insert into app.recipe_tombstones as t (recipe_id, removed_at, reason)
    values (new.id, new.updated_at, 'unpublished')
    on conflict (recipe_id) do update set removed_at = excluded.removed_at, reason = excluded.reason;
  elsif new.is_published and not old.is_published then
    delete from app.recipe_tombstones as t where t.recipe_id = new.id;
  end if;
  return new;
end
$$;
comment on function app_private.recipes_sync_stamp() is
  'BEFORE INSERT/UPDATE/DELETE trigger on app.recipes. Takes the EXCLUSIVE advisory xact lock hashtext(''app.recipes.sync''), then: INSERT stamps updated_at = clock_timestamp() and drops any tombstone of the id; '
  'UPDATE that changes something other than version/updated_at/created_by bumps version by 1 and stamps updated_at (an UPDATE that changes nothing keeps both), unpublishing writes a tombstone (unpublished), republishing removes it, changing the id is refused; '
  'DELETE of a published recipe writes a tombstone (deleted). SECURITY DEFINER so writers need no privilege on app.recipe_tombstones. Replaces the shared set_updated_at trigger on this table.';
create trigger recipes_sync_stamp before insert or update or delete on app.recipes
  for each row execute function app_private.recipes_sync_stamp();
