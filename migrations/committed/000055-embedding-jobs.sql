--! Previous: sha1:5a7ce322cf930ec92e800f0f4fcc77f53f1e8be1
--! Hash: sha1:9eee01fe920095a6f8b91e4187a2d3a50dbc30d2
--! Message: assistant: enqueue an embedding job with every new or changed meal log and message

-- The assistant.embed job (src/jobs/embed.ts) turns a meal log (type, foods, notes, AI analysis) or
-- a message into app.embeddings rows. These triggers enqueue it in the transaction that writes the
-- row, so every committed row gets its job and a rolled-back insert gets none, whichever code path
-- wrote it; the access layer calls nothing. Statement-level with transition tables: a bulk insert
-- enqueues its jobs in one statement. Jobs are keyed per row (singleton key meal_log:<id> /
-- message:<id>) and not enqueued again while one is still waiting, so a meal inserted with its
-- foods in one transaction gets one job.
-- SECURITY DEFINER (as the owner, which may write pgboss.job; app_user may not); the meal_foods
-- trigger looks at meal_logs with app.owner_access on (row-level security is FORCEd on the owner),
-- switched with set_config() in the body and back before returning: PostgreSQL 15 refuses a custom
-- placeholder in a function's SET clause to a migration role that is not a superuser (000017).
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create function app_private.meal_logs_enqueue_embedding() returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
declare
  v_jobs jsonb;
begin
  if tg_op = 'INSERT' then
    select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
             'data', pg_catalog.jsonb_build_object('kind', 'meal_log', 'id', n.id),
             'key', 'meal_log:' || n.id))
      into v_jobs
    from new_rows as n;
  else
    select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
             'data', pg_catalog.jsonb_build_object('kind', 'meal_log', 'id', n.id),
             'key', 'meal_log:' || n.id))
      into v_jobs
    from new_rows as n
    join old_rows as o on o.id = n.id
    where (n.meal_type, n.notes, n.ai_analysis) is distinct from (o.meal_type, o.notes, o.ai_analysis);
  end if;
  perform app_private.enqueue_jobs('assistant.embed', coalesce(v_jobs, '[]'));
  return null;
end
$$;
comment on function app_private.meal_logs_enqueue_embedding() is
  'AFTER INSERT / AFTER UPDATE statement trigger on app.meal_logs: enqueues an assistant.embed job for each new meal log and each meal log whose embedded text changed (meal_type, notes, ai_analysis). Soft deletes keep their embeddings (undo). SECURITY DEFINER: app_user has no right on pgboss.';
create trigger meal_logs_enqueue_embedding_insert after insert on app.meal_logs
  referencing new table as new_rows
  for each statement execute function app_private.meal_logs_enqueue_embedding();
create trigger meal_logs_enqueue_embedding_update after update on app.meal_logs
  referencing old table as old_rows new table as new_rows
  for each statement execute function app_private.meal_logs_enqueue_embedding();

create function app_private.meal_foods_enqueue_embedding() returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
declare
  v_access text := pg_catalog.current_setting('app.owner_access', true);
  v_meals uuid[];
  v_jobs jsonb;
begin
  -- The meal's text lists its foods: re-embed the meals whose foods changed, if they still exist
  -- (a meal's deletion removes its foods too; nothing to embed then). Deletes made with
  -- app.owner_access on come from the owner's own functions, i.e. the GDPR purge, which erases the
  -- meals next: no job for them. A transition table exists only for the events that have it, hence
  -- the branches.
  if tg_op = 'DELETE' and v_access = 'on' then
    return null;
  end if;
  if tg_op = 'INSERT' then
    select pg_catalog.array_agg(distinct n.meal_log_id) into v_meals from new_rows as n;
  elsif tg_op = 'UPDATE' then
    select pg_catalog.array_agg(distinct x.meal_log_id) into v_meals
    from (select n.meal_log_id from new_rows as n union all select o.meal_log_id from old_rows as o) as x;
  else
    select pg_catalog.array_agg(distinct o.meal_log_id) into v_meals from old_rows as o;
  end if;
  perform pg_catalog.set_config('app.owner_access', 'on', true);
  select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
           'data', pg_catalog.jsonb_build_object('kind', 'meal_log', 'id', l.id),
           'key', 'meal_log:' || l.id))
    into v_jobs
  from app.meal_logs as l
  where l.id = any (v_meals);
  perform pg_catalog.set_config('app.owner_access', coalesce(v_access, ''), true);
  perform app_private.enqueue_jobs('assistant.embed', coalesce(v_jobs, '[]'));
  return null;
end
$$;
comment on function app_private.meal_foods_enqueue_embedding() is
  'AFTER INSERT / UPDATE / DELETE statement trigger on app.meal_foods: enqueues an assistant.embed job for each meal log whose foods changed and that still exists (one per meal; none while one is waiting). Deletes under app.owner_access (the GDPR purge) enqueue nothing. SECURITY DEFINER.';
create trigger meal_foods_enqueue_embedding_insert after insert on app.meal_foods
  referencing new table as new_rows
  for each statement execute function app_private.meal_foods_enqueue_embedding();
create trigger meal_foods_enqueue_embedding_update after update on app.meal_foods
  referencing old table as old_rows new table as new_rows
  for each statement execute function app_private.meal_foods_enqueue_embedding();
create trigger meal_foods_enqueue_embedding_delete after delete on app.meal_foods
  referencing old table as old_rows
  for each statement execute function app_private.meal_foods_enqueue_embedding();

create function app_private.messages_enqueue_embedding() returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
declare
  v_jobs jsonb;
begin
  select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
           'data', pg_catalog.jsonb_build_object('kind', 'message', 'id', n.id),
           'key', 'message:' || n.id))
    into v_jobs
  from new_rows as n;
  perform app_private.enqueue_jobs('assistant.embed', coalesce(v_jobs, '[]'));
  return null;
end
$$;
comment on function app_private.messages_enqueue_embedding() is
  'AFTER INSERT statement trigger on app.messages: enqueues an assistant.embed job for each new message (messages are never edited). SECURITY DEFINER: app_user has no right on pgboss.';
create trigger messages_enqueue_embedding after insert on app.messages
  referencing new table as new_rows
  for each statement execute function app_private.messages_enqueue_embedding();

-- Writing embeddings without racing a deletion ------------------------------------------------
-- The job reads a row, calls the embedder (seconds, outside any transaction), then writes the
-- chunks. A message or meal deleted meanwhile must not get them back: its AFTER DELETE trigger
-- (delete_embeddings) has already run. The job's write transaction therefore first locks the
-- source rows FOR KEY SHARE and writes only for those still there: a DELETE then waits for the job
-- to commit (and its trigger, a later statement, sees and removes the new chunks), and a job that
-- waited on a DELETE finds the row gone. Row locks need UPDATE privilege, which app_worker has no
-- reason to hold on these tables, hence this narrow SECURITY DEFINER function. Lock order matches
-- the GDPR purge (the person's rows before app.users), so the two cannot deadlock.
create function app.lock_embedding_sources(p_kind text, p_ids uuid[]) returns table (id uuid, user_id uuid)
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  v_access text := pg_catalog.current_setting('app.owner_access', true);
begin
  if p_kind is null or p_kind not in ('meal_log', 'message') then
    raise exception 'lock_embedding_sources: kind must be meal_log or message (got %)', p_kind using errcode = 'invalid_parameter_value';
  end if;
  perform pg_catalog.set_config('app.owner_access', 'on', true);
  if p_kind = 'meal_log' then
    return query select m.id, m.user_id from app.meal_logs as m where m.id = any (p_ids) order by m.id for key share;
  else
    return query select m.id, m.user_id from app.messages as m where m.id = any (p_ids) order by m.id for key share;
  end if;
  perform pg_catalog.set_config('app.owner_access', coalesce(v_access, ''), true);
end
$$;
comment on function app.lock_embedding_sources(text, uuid[]) is
  'Job assistant.embed (app_worker): locks the meal logs (p_kind meal_log) or messages (message) of p_ids FOR KEY SHARE until the end of the caller''s transaction and returns those that still exist with their owner, so the embeddings written next in that transaction cannot outlive a concurrent DELETE of their source. '
  'SECURITY DEFINER (row locks need UPDATE privilege). Errors: another kind (22023).';
revoke all on function app.lock_embedding_sources(text, uuid[]) from public;
grant execute on function app.lock_embedding_sources(text, uuid[]) to app_worker;
