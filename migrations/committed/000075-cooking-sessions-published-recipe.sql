--! Previous: sha1:d87371ba4ba65d550d0f4278f5bbe3542d4ef392
--! Hash: sha1:aee1ac9d54ff112908f2b35f5af2a49b1066dbf7
--! Message: appliances: a cooking session may only be started with a published recipe (no existence oracle for drafts)

-- Issue 14: app_user sees published recipes only (policy published_select), but the foreign key
-- cooking_sessions.recipe_id -> recipes is checked without row-level security: a session naming an
-- unpublished recipe was stored while one naming a missing recipe failed with 23503, which told a
-- person that the draft exists. This AFTER ROW trigger refuses a new session, or a changed
-- recipe_id, whose recipe is not published with exactly the foreign key's error (23503,
-- cooking_sessions_recipe_id_fkey, the same message and detail), so a draft and a missing recipe
-- look the same. AFTER, like the foreign key's own trigger (which fires first for a missing
-- recipe): row-level security's WITH CHECK still decides first whether the row may be written.
-- It reads app.recipes with the writer's rights (SECURITY INVOKER): for app_user that is the
-- published recipes; app.upload_cooking_log runs as the owner with owner_access on and so checks
-- is_published itself here too. An UPDATE that keeps recipe_id (a device re-uploading its log
-- after the recipe was unpublished) passes: the session was valid when it was created.
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
  if not exists (select from app.recipes as r where r.id = new.recipe_id and r.is_published) then
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
  'AFTER INSERT / UPDATE OF recipe_id row trigger on app.cooking_sessions: the recipe must be published, else the foreign key''s own error (23503 cooking_sessions_recipe_id_fkey), so an unpublished recipe cannot be told from a missing one. An UPDATE that keeps recipe_id passes. SECURITY INVOKER.';

create trigger cooking_sessions_check_recipe after insert or update of recipe_id on app.cooking_sessions
  for each row execute function app_private.cooking_sessions_check_recipe();
