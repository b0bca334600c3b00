--! Previous: sha1:7192cc1525c6feebdc01c61b398c9e6b36ae9fb4
--! Hash: sha1:c94aef137b9fa96034c29cc391e6097c3ccce516
--! Message: citus: recipe_admin_update computes its updated_at before the UPDATE (no volatile function in an UPDATE of a reference table)

-- Issue 17 (Citus). The UPDATE of app.recipes in app.recipe_admin_update set
-- updated_at = greatest(pg_catalog.clock_timestamp(), …); Citus refuses it with 0A000 "functions used
-- in UPDATE queries on distributed tables must not be VOLATILE" (each copy of the reference table would
-- compute its own time). The time is now computed once into v_updated_at and the UPDATE uses that
-- value. Redefines app.recipe_admin_update (body as after 000299 otherwise unchanged).
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create or replace function app.recipe_admin_update(p_id uuid, p_changes jsonb)
  returns setof app.recipes
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
  v_updated_at timestamptz;
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
    perform app_private.owner_access_restore(v_access);
    return;
  end if;
  v_new := pg_catalog.jsonb_populate_record(v_old, p_changes);
  if (pg_catalog.to_jsonb(v_new) - ignored) = (pg_catalog.to_jsonb(v_old) - ignored) then
    perform app_private.owner_access_restore(v_access);
    return next v_old;  -- nothing changed: not an edit
    return;
  end if;
  -- Computed here, once: Citus refuses a volatile function in an UPDATE of the reference table.
  v_updated_at := greatest(pg_catalog.clock_timestamp(), v_old.updated_at + interval '1 microsecond');
  update app.recipes as r
     set name = v_new.name, category = v_new.category, cuisine = v_new.cuisine, recipe_data = v_new.recipe_data,
         tags = v_new.tags, difficulty = v_new.difficulty, time_minutes = v_new.time_minutes, servings = v_new.servings,
         calories = v_new.calories, protein_g = v_new.protein_g, carbs_g = v_new.carbs_g, fats_g = v_new.fats_g,
         image_url = v_new.image_url, is_published = v_new.is_published,
         version = v_old.version + 1,
         updated_at = v_updated_at
   where r.id = p_id
  returning r.* into v_row;
  perform app_private.recipe_write_side_tables(v_old, v_row);
  perform app_private.owner_access_restore(v_access);
  return next v_row;
end
$$;
