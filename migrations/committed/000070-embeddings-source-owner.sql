--! Previous: sha1:029e9db4afa7b9228b96c3b8bb191da825989327
--! Hash: sha1:8356c447050acfb76f9f7346db3fe8ad7cf04965
--! Message: assistant: an embedding's source row must belong to the embedding's person

-- Issue 14: nothing in the database checked that app.embeddings.source_id is a row of the same
-- person (a person could store a chunk pointing at someone else's meal log). The access layer
-- checked it (UpsertPersonEmbeddings), a psql login with app_user did not have to. A foreign key
-- cannot express it (source_id points at meal_logs or messages depending on source_kind), so a
-- statement-level AFTER trigger checks every inserted or updated row: a meal_log / message chunk's
-- source must be a row of that kind with the same user_id. Knowledge rows (user_id NULL, written by
-- app_admin) are exempt: their source_id is a document id of the loader's choosing.
-- SECURITY INVOKER on purpose: the check reads the source tables with the writer's own rights, so
-- app_user sees only their own rows (row-level security) and someone else's row is refused exactly
-- like a row that does not exist: same SQLSTATE (23503), constraint, detail and message; no
-- existence oracle. app_worker reads every row (policy worker_all). Statement-level with transition
-- tables: one anti-join per statement instead of one query per row (the embed job writes batches).
-- A concurrent DELETE of the source is not blocked here (the worker locks its sources with
-- app.lock_embedding_sources; the delete_embeddings trigger removes chunks of deleted rows).
-- On Citus this becomes per-kind columns with composite foreign keys (SCALE-OUT.md: triggers that
-- query other tables do not run on shards).
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create function app_private.embeddings_check_source() returns trigger
  language plpgsql
  security invoker
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_kind text;
  v_id   uuid;
begin
  select n.source_kind, n.source_id into v_kind, v_id
  from new_rows as n
  where (n.source_kind = 'meal_log'
         and not exists (select from app.meal_logs as m where m.id = n.source_id and m.user_id = n.user_id))
     or (n.source_kind = 'message'
         and not exists (select from app.messages as g where g.id = n.source_id and g.user_id = n.user_id))
  limit 1;
  if found then
    raise exception 'insert or update on table "embeddings" violates rule "embeddings_source_owner"'
      using errcode = 'foreign_key_violation',
            detail = pg_catalog.format('Key (source_id)=(%s) is not present in table "%s" for this person.',
                                       v_id, case v_kind when 'meal_log' then 'meal_logs' else 'messages' end),
            constraint = 'embeddings_source_owner', column = 'source_id', table = 'embeddings', schema = 'app';
  end if;
  return null;
end
$$;
comment on function app_private.embeddings_check_source() is
  'AFTER INSERT / AFTER UPDATE statement trigger on app.embeddings: every meal_log or message chunk must point at a row of that kind (app.meal_logs / app.messages) with the same user_id, else 23503 (constraint embeddings_source_owner, column source_id), the same error whether the row does not exist or belongs to someone else (the check runs with the writer''s rights, under row-level security). Knowledge rows are exempt. SECURITY INVOKER.';

create trigger embeddings_check_source_insert after insert on app.embeddings
  referencing new table as new_rows
  for each statement execute function app_private.embeddings_check_source();
create trigger embeddings_check_source_update after update on app.embeddings
  referencing new table as new_rows
  for each statement execute function app_private.embeddings_check_source();
