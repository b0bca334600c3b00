--! Previous: sha1:f17221a21e358d92171073de5791858ab0a63990
--! Hash: sha1:9ab14e3a83396b5d34338a934a9ab846d28f8925
--! Message: assistant: the embeddings of deleted meal logs and messages go in one statement per DELETE instead of one per row

-- Issue 15 (purge speed). The AFTER DELETE triggers delete_embeddings on app.meal_logs and
-- app.messages ran once per deleted row, each a DELETE on app.embeddings through
-- `source_kind = … and source_id = old.id`, which no index leads with (the person's chunk index
-- starts with user_id): purging a person with 10,000 meal logs and 20,000 messages spent ~2.9 s of
-- a ~5.8 s purge in these 30,000 statements (pg_stat_user_functions, native server under load).
-- They become statement triggers over the transition table: the deleted rows' ids and owners are
-- gathered once per person, and one DELETE per person in the statement removes their chunks through
-- idx_embeddings_person_chunk (user_id, source_kind, source_id, …). A person's chunk always points
-- at a row of that person (trigger embeddings_check_source_*), so adding user_id to the condition
-- changes nothing that is deleted; docs/scale-out.md asks for it anyway (a shard-local statement on
-- Citus). The ids are read into arrays first, as in 000082: on Citus a statement that joins a
-- transition table cannot be planned ("could not find named tuplestore").
-- Still SECURITY INVOKER (runs as the deleting role, whose row-level security decides what it may
-- delete), and still after the rows are gone: a concurrent embed job that locked a source row FOR KEY
-- SHARE (app.lock_embedding_sources) is waited for by the DELETE, and this trigger, a later
-- statement, sees and removes the chunks it wrote.
-- Replacing a trigger takes SHARE ROW EXCLUSIVE on the table for an instant (lock_timeout).
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create or replace function app_private.delete_embeddings() returns trigger
  language plpgsql
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_user uuid;
  v_ids uuid[];
begin
  -- tg_argv[0] is the source_kind of the table the trigger is attached to. One DELETE per person in
  -- the statement (a purge: one), with that person's id as a constant: on Citus each is routed to the
  -- person's co-located shard (a statement over several people, or a join with the transition table,
  -- would be a distributed query from a shard, refused). The index idx_embeddings_person_chunk
  -- (user_id, source_kind, source_id, …) takes source_id = any (v_ids) as one sorted descent per id.
  for v_user, v_ids in
    select o.user_id, pg_catalog.array_agg(o.id) from old_rows as o group by o.user_id
  loop
    delete from app.embeddings as e
     where e.user_id = v_user
       and e.source_kind = tg_argv[0]
       and e.source_id = any (v_ids);
  end loop;
  return null;
end
$$;
comment on function app_private.delete_embeddings() is
  'AFTER DELETE statement trigger on app.meal_logs and app.messages (argument: the source_kind; transition table old_rows): deletes the embeddings of the deleted rows in one statement (migration 000190; it ran per row before), so no chunk of a deleted message or meal survives it. Runs as the deleting role.';

drop trigger delete_embeddings on app.meal_logs;
create trigger delete_embeddings after delete on app.meal_logs
  referencing old table as old_rows
  for each statement execute function app_private.delete_embeddings('meal_log');
comment on trigger delete_embeddings on app.meal_logs is
  'AFTER DELETE, once per statement: removes the embeddings of the deleted meal logs (source_kind meal_log), so no chunk of them stays searchable. Soft deletes keep them (undo).';

drop trigger delete_embeddings on app.messages;
create trigger delete_embeddings after delete on app.messages
  referencing old table as old_rows
  for each statement execute function app_private.delete_embeddings('message');
comment on trigger delete_embeddings on app.messages is
  'AFTER DELETE, once per statement: removes the embeddings of the deleted messages (source_kind message), so no chunk of them stays searchable.';
