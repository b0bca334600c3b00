--! Previous: sha1:956b36cc963aaf7614024c7284e053872cbbc632
--! Hash: sha1:f01ea658a03129439371591b6592a97b34ae54da
--! Message: appliances: a cooking session may only name a recipe people can know of (no existence oracle for drafts)

-- Issue 14: app_user sees published recipes only (policy published_select), but the foreign key
-- cooking_sessions.recipe_id -> recipes is checked without row-level security: a session naming an
-- unpublished recipe was stored while one naming a missing recipe failed with 23503, which told a
-- person that the draft exists. This AFTER ROW trigger refuses a new session, or a changed
-- recipe_id, naming a draft (a recipe never published) with exactly the foreign key's error (23503,
-- cooking_sessions_recipe_id_fkey, the same message and detail), so a draft and a missing recipe
-- look the same. AFTER, like the foreign key's own trigger (which fires first for a missing
-- recipe): row-level security's WITH CHECK still decides first whether the row may be written.
-- Allowed: a published recipe, or one that was published and then unpublished (it has an
-- 'unpublished' tombstone in app.recipe_tombstones): devices synced it while it was published and
-- may upload logs of it afterwards, and its id is public already (the sync feed lists tombstones
-- to every person). Never-published drafts are refused. The check reads with the writer's rights
-- (SECURITY INVOKER): app_user reads published recipes and the tombstones; app.upload_cooking_log
-- runs as the owner with owner_access on. An UPDATE that keeps recipe_id passes.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create function app_private.cooking_sessions_check_recipe() returns trigger
  language plpgsql
  security invoker
  set search_path = pg_catalog, pg_temp
as $$
begin
  if tg_op = 'UPDATE' and new.recipe_id is not distinct from old.recipe_id then
    return null;
  end if;
  if not exists (select from app.recipes as r where r.id = new.recipe_id and r.is_published)
     and not exists (select from app.recipe_tombstones as t where t.recipe_id = new.recipe_id and t.reason = 'unpublished') then
    raise exception 'insert or update on table "cooking_sessions" violates foreign key constraint "cooking_sessions_recipe_id_fkey"'
      using errcode = 'foreign_key_violation',
            -- PostgreSQL's own wording on a table with row-level security (which hides the key).
            detail = 'Key is not present in table "recipes".',
            constraint = 'cooking_sessions_recipe_id_fkey', column = 'recipe_id', table = 'cooking_sessions', schema = 'app';
  end if;
  return null;
end
$$;
comment on function app_private.cooking_sessions_check_recipe() is
  'AFTER INSERT / UPDATE OF recipe_id row trigger on app.cooking_sessions: the recipe must be published, or have been published and unpublished since (an ''unpublished'' tombstone: devices may still upload logs of it), else the foreign key''s own error (23503 cooking_sessions_recipe_id_fkey), so a draft cannot be told from a missing one. An UPDATE that keeps recipe_id passes. SECURITY INVOKER.';

create trigger cooking_sessions_check_recipe after insert or update of recipe_id on app.cooking_sessions
  for each row execute function app_private.cooking_sessions_check_recipe();
