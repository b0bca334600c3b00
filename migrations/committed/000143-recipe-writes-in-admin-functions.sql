--! Previous: sha1:6818e33c136ca6376750fd40fbf0dcf99d53b9eb
--! Hash: sha1:0c1eaeac4ccec3ef30801c3657858d0463f66eee
--! Message: recipes: the admin functions write recipe, search row and tombstone; only a NEW-only stamp trigger stays on app.recipes

-- Issue 17 (Citus). app.recipes, app.recipe_search and app.recipe_tombstones become reference
-- tables (a copy on every node). A reference table's trigger fires once per copy, on each node:
-- writing another table from there is a distributed query Citus refuses, and clock_timestamp()
-- would give each copy a different updated_at. So the work of the triggers recipes_sync_stamp and
-- recipes_search_sync moves into three SECURITY DEFINER functions the admin area calls (they run
-- where they are called, on the coordinator): app.recipe_admin_create / _update / _delete take the
-- EXCLUSIVE sync lock, compute version and updated_at once (clock_timestamp() under the lock, as
-- before), and write the recipe with those values, its search row and its tombstone in one
-- transaction. The sync protocol is unchanged (app.recipe_sync_lock, notes/data-model.md §14).
-- What stays on app.recipes is the BEFORE INSERT/UPDATE row trigger recipes_stamp, which looks at
-- NEW and OLD only: ids never change, an UPDATE that changes nothing keeps version and updated_at,
-- and a row the writer stamped (version + 1, a later updated_at: the admin functions) is kept as
-- written — so every copy of a reference table gets the same values. Plain SQL that does not stamp
-- (a DBA's UPDATE, tests) is stamped by the trigger itself on a single server (sync lock,
-- clock_timestamp()) and refused on a Citus copy (a shard's name is not "recipes"), where each copy
-- would stamp its own time. Plain SQL no longer maintains app.recipe_search or tombstones: recipe
-- writes go through the admin area (kitchen-db's forAdmin.recipes, or these functions).
set local lock_timeout = '5s';
set local statement_timeout = '60s';

drop trigger recipes_search_sync on app.recipes;
drop trigger recipes_sync_stamp on app.recipes;
drop function app_private.recipes_search_sync();
drop function app_private.recipes_sync_stamp();

-- NEW-only stamp trigger ---------------------------------------------------------------------------
create function app_private.recipes_stamp() returns trigger
  language plpgsql
  set search_path = pg_catalog, pg_temp
as $$
declare
  -- Columns whose change is not an edit of the recipe itself.
  ignored constant text[] := array['version', 'updated_at', 'search_vector', 'created_by'];
  -- On Citus the trigger fires on each copy of the reference table (app.recipes_<shard id>).
  on_copy constant boolean := tg_table_name <> 'recipes';
begin
  if tg_op = 'INSERT' then
    if not on_copy then
      -- EXCLUSIVE sync lock first, then stamp: see app.recipe_sync_lock().
      perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('app.recipes.sync'));
      new.updated_at := pg_catalog.clock_timestamp();
    end if;
    return new;
  end if;
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
  if new.version = old.version + 1 and new.updated_at > old.updated_at then
    return new;  -- stamped by the writer (app.recipe_admin_update) under the sync lock
  end if;
  if on_copy then
    raise exception 'a recipe edit must be stamped by its writer on a distributed database: use app.recipe_admin_update'
      using errcode = 'object_not_in_prerequisite_state',
            hint = 'Each copy of a reference table would stamp its own clock_timestamp().';
  end if;
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('app.recipes.sync'));
  new.version := old.version + 1;
  new.updated_at := pg_catalog.clock_timestamp();
  return new;
end
$$;
comment on function app_private.recipes_stamp() is
  'BEFORE INSERT/UPDATE row trigger on app.recipes, looking at NEW/OLD only: refuses a changed id; an UPDATE that changes nothing but version/updated_at/created_by keeps both; a row stamped by its writer (version + 1 and a later updated_at, as app.recipe_admin_update writes it) is kept as written. '
  'Unstamped plain SQL: on a single server it takes the EXCLUSIVE sync lock and stamps (version + 1, updated_at = clock_timestamp(); an INSERT gets updated_at); on a Citus copy of the reference table it is refused (55000), since every copy would stamp its own time. Replaces recipes_sync_stamp (migration 000143).';
create trigger recipes_stamp before insert or update on app.recipes
  for each row execute function app_private.recipes_stamp();
comment on trigger recipes_stamp on app.recipes is
  'Version and updated_at of plain-SQL writes, and the id that never changes (app_private.recipes_stamp); the admin functions stamp their rows themselves.';

-- Search row and tombstone of a write ----------------------------------------------------------------
create function app_private.recipe_write_side_tables(p_old app.recipes, p_new app.recipes) returns void
  language plpgsql
  volatile
  set search_path = pg_catalog, pg_temp
as $$
begin
  -- Tombstones (the sync's deleted_ids).
  if p_new.id is null then
    if p_old.is_published then
      insert into app.recipe_tombstones as t (recipe_id, removed_at, reason)
      values (p_old.id, pg_catalog.clock_timestamp(), 'deleted')
      on conflict (recipe_id) do update set removed_at = excluded.removed_at, reason = excluded.reason;
    else
      -- Devices already dropped it when it was unpublished: just record the final reason.
      update app.recipe_tombstones as t set reason = 'deleted' where t.recipe_id = p_old.id;
    end if;
    return;  -- app.recipe_search: the recipe's deletion cascades
  end if;
  if p_old.id is null or (p_new.is_published and not p_old.is_published) then
    delete from app.recipe_tombstones as t where t.recipe_id = p_new.id;
  elsif p_old.is_published and not p_new.is_published then
    insert into app.recipe_tombstones as t (recipe_id, removed_at, reason)
    values (p_new.id, p_new.updated_at, 'unpublished')
    on conflict (recipe_id) do update set removed_at = excluded.removed_at, reason = excluded.reason;
  end if;
  -- The search row of a published recipe.
  if p_new.is_published then
    insert into app.recipe_search as s
      (recipe_id, name, category, cuisine, difficulty, time_minutes, tags, allergen_keys, search_vector)
    values
      (p_new.id, p_new.name, p_new.category, p_new.cuisine, p_new.difficulty, p_new.time_minutes, coalesce(p_new.tags, '{}'),
       app.recipe_allergen_keys(p_new.recipe_data, p_new.tags), p_new.search_vector)
    on conflict (recipe_id) do update
       set name = excluded.name, category = excluded.category, cuisine = excluded.cuisine,
           difficulty = excluded.difficulty, time_minutes = excluded.time_minutes, tags = excluded.tags,
           allergen_keys = excluded.allergen_keys, search_vector = excluded.search_vector
     where (s.name, s.category, s.cuisine, s.difficulty, s.time_minutes, s.tags, s.allergen_keys, s.search_vector)
           is distinct from
           (excluded.name, excluded.category, excluded.cuisine, excluded.difficulty, excluded.time_minutes,
            excluded.tags, excluded.allergen_keys, excluded.search_vector);
  elsif p_old.is_published then
    delete from app.recipe_search as s where s.recipe_id = p_new.id;
  end if;
end
$$;
comment on function app_private.recipe_write_side_tables(app.recipes, app.recipes) is
  'After a recipe write by the admin functions (p_old NULL for a creation, p_new NULL for a deletion): tombstones (deleted / unpublished; re-creating or republishing removes it) and the app.recipe_search row (published recipes only). The caller holds the EXCLUSIVE sync lock. No application role may execute it.';
revoke all on function app_private.recipe_write_side_tables(app.recipes, app.recipes) from public;

-- The admin functions --------------------------------------------------------------------------------
create function app.recipe_admin_create(p_recipe jsonb) returns setof app.recipes
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_access text := pg_catalog.current_setting('app.owner_access', true);
  v_in app.recipes;
  v_row app.recipes;
begin
  if p_recipe is null or pg_catalog.jsonb_typeof(p_recipe) <> 'object' then
    raise exception 'recipe_admin_create: p_recipe must be a JSON object of app.recipes columns' using errcode = 'invalid_parameter_value';
  end if;
  v_in := pg_catalog.jsonb_populate_record(null::app.recipes, p_recipe);
  -- EXCLUSIVE sync lock first, then stamp: see app.recipe_sync_lock().
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('app.recipes.sync'));
  perform app_private.owner_access_on();
  insert into app.recipes as r
    (id, name, category, cuisine, recipe_data, tags, difficulty, time_minutes, servings,
     calories, protein_g, carbs_g, fats_g, image_url, is_published, created_by, version, updated_at)
  values
    (coalesce(v_in.id, pg_catalog.gen_random_uuid()), v_in.name, v_in.category, v_in.cuisine, v_in.recipe_data, v_in.tags,
     v_in.difficulty, v_in.time_minutes, coalesce(v_in.servings, 2), v_in.calories, v_in.protein_g, v_in.carbs_g, v_in.fats_g,
     v_in.image_url, coalesce(v_in.is_published, false), app.recipe_author(v_in.created_by), 1, pg_catalog.clock_timestamp())
  returning r.* into v_row;
  perform app_private.recipe_write_side_tables(null, v_row);
  perform pg_catalog.set_config('app.owner_access', coalesce(v_access, ''), true);
  return next v_row;
end
$$;
comment on function app.recipe_admin_create(jsonb) is
  'The admin area: creates a recipe from a JSON object of app.recipes columns (id optional; version 1; updated_at = clock_timestamp() under the EXCLUSIVE sync lock, computed once), removes a tombstone of the same id and adds the app.recipe_search row when published — one transaction. Returns the row. '
  'SECURITY DEFINER (writes the search and tombstone tables). Constraint errors are app.recipes'' own.';

create function app.recipe_admin_update(p_id uuid, p_changes jsonb) returns setof app.recipes
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_access text := pg_catalog.current_setting('app.owner_access', true);
  ignored constant text[] := array['version', 'updated_at', 'search_vector', 'created_by'];
  v_bad text;
  v_old app.recipes;
  v_new app.recipes;
  v_row app.recipes;
begin
  if p_changes is null or pg_catalog.jsonb_typeof(p_changes) <> 'object' then
    raise exception 'recipe_admin_update: p_changes must be a JSON object' using errcode = 'invalid_parameter_value';
  end if;
  select k into v_bad from pg_catalog.jsonb_object_keys(p_changes) as k
   where k not in ('name', 'category', 'cuisine', 'recipe_data', 'tags', 'difficulty', 'time_minutes', 'servings',
                   'calories', 'protein_g', 'carbs_g', 'fats_g', 'image_url', 'is_published')
   limit 1;
  if found then
    raise exception 'recipe_admin_update: % cannot be changed', v_bad using errcode = 'invalid_parameter_value';
  end if;
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('app.recipes.sync'));
  perform app_private.owner_access_on();
  select r.* into v_old from app.recipes as r where r.id = p_id for update;
  if not found then
    perform pg_catalog.set_config('app.owner_access', coalesce(v_access, ''), true);
    return;
  end if;
  v_new := pg_catalog.jsonb_populate_record(v_old, p_changes);
  if (pg_catalog.to_jsonb(v_new) - ignored) = (pg_catalog.to_jsonb(v_old) - ignored) then
    perform pg_catalog.set_config('app.owner_access', coalesce(v_access, ''), true);
    return next v_old;  -- nothing changed: not an edit
    return;
  end if;
  update app.recipes as r
     set name = v_new.name, category = v_new.category, cuisine = v_new.cuisine, recipe_data = v_new.recipe_data,
         tags = v_new.tags, difficulty = v_new.difficulty, time_minutes = v_new.time_minutes, servings = v_new.servings,
         calories = v_new.calories, protein_g = v_new.protein_g, carbs_g = v_new.carbs_g, fats_g = v_new.fats_g,
         image_url = v_new.image_url, is_published = v_new.is_published,
         version = v_old.version + 1,
         updated_at = greatest(pg_catalog.clock_timestamp(), v_old.updated_at + interval '1 microsecond')
   where r.id = p_id
  returning r.* into v_row;
  perform app_private.recipe_write_side_tables(v_old, v_row);
  perform pg_catalog.set_config('app.owner_access', coalesce(v_access, ''), true);
  return next v_row;
end
$$;
comment on function app.recipe_admin_update(uuid, jsonb) is
  'The admin area: applies p_changes (a JSON object of editable app.recipes columns, is_published included) to recipe p_id under the EXCLUSIVE sync lock: a real change gets version + 1 and updated_at = clock_timestamp(), computed once; unpublishing writes an ''unpublished'' tombstone, republishing removes it; the search row follows — one transaction. '
  'Returns the row (unchanged when nothing changed), no row for an unknown id. SECURITY DEFINER. Errors: a non-editable key (22023); constraint errors are app.recipes'' own.';

create function app.recipe_admin_delete(p_id uuid) returns setof uuid
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_access text := pg_catalog.current_setting('app.owner_access', true);
  v_old app.recipes;
  v_deleted boolean;
begin
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('app.recipes.sync'));
  perform app_private.owner_access_on();
  delete from app.recipes as r where r.id = p_id returning r.* into v_old;
  v_deleted := found;
  if v_deleted then
    perform app_private.recipe_write_side_tables(v_old, null);
  end if;
  perform pg_catalog.set_config('app.owner_access', coalesce(v_access, ''), true);
  if v_deleted then
    return next v_old.id;
  end if;
end
$$;
comment on function app.recipe_admin_delete(uuid) is
  'The admin area: deletes recipe p_id under the EXCLUSIVE sync lock and records a ''deleted'' tombstone (the search row cascades) — one transaction. Returns its id, or no row for an unknown id. A cooked recipe is refused by the foreign key (23503 cooking_sessions_recipe_id_fkey): unpublish it instead. SECURITY DEFINER.';

revoke all on function app.recipe_admin_create(jsonb), app.recipe_admin_update(uuid, jsonb), app.recipe_admin_delete(uuid) from public;
grant execute on function app.recipe_admin_create(jsonb), app.recipe_admin_update(uuid, jsonb), app.recipe_admin_delete(uuid) to app_admin;

comment on table app.recipe_search is
  'Search copy of the PUBLISHED recipes (one row each, none for unpublished ones): the columns recipe search filters and ranks on, with indexes that work for people. '
  'app.recipes is behind row-level security, under which full-text and array conditions cannot use indexes (their operators are not leakproof); this table holds only public data, so it has no row-level security. '
  'Written by the admin functions app.recipe_admin_create / _update (in the same transaction as the recipe); deleting a recipe cascades. Not personal data.';
comment on table app.recipe_tombstones is
  'Recipes devices must remove: deleted or unpublished recipes (the sync protocol''s deleted_ids = recipe_id where removed_at > since). Written only by the admin functions app.recipe_admin_* under the sync lock; republishing or re-creating a recipe removes its tombstone. '
  'No personal data. No FK: the recipe may be gone. Old tombstones may be pruned once older than the longest sync gap a device may have (a device with an older since must do a full sync).';
comment on column app.recipes.version is 'Recipe version: 1 on creation, +1 on every real edit (app.recipe_admin_update, or trigger recipes_stamp for plain SQL; an UPDATE that changes nothing keeps it).';
comment on column app.recipes.updated_at is 'Last real edit, clock_timestamp() under the sync lock (app.recipe_admin_*, or trigger recipes_stamp for plain SQL). The sync protocol returns published recipes with updated_at > since.';
comment on table app.recipes is
  'Recipes the appliance cooks (Epicura), managed by admins; published ones sync to devices (cloud is authoritative). Not personal data: no user_id, created_by only names the admin author. '
  'Written through the admin functions app.recipe_admin_create / _update / _delete (sync lock, version, updated_at, search row, tombstones in one transaction); trigger recipes_stamp stamps plain-SQL edits on a single server. A recipe that has been cooked cannot be deleted (cooking_sessions.recipe_id ON DELETE RESTRICT): unpublish it instead.';
