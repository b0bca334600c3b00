--! Previous: sha1:00b8c3439944a4cc774208dadae1db2f81cbc858
--! Hash: sha1:0fd833dedb4499caf1777a1931b05fd734ec9b0d
--! Message: jobs: the enqueue triggers write the person's job outbox, one row at a time, instead of pg-boss

-- Issue 17 (Citus): the embedding and metrics triggers (000055, 000056) keep their events and their
-- rules (which rows get a job, which person-days, singleton keys, the 5 s delay of roll-ups), but
-- add each job to app.job_outbox with app_private.job_outbox_add, one call per job with the changed
-- row's user_id, instead of calling app_private.enqueue_jobs (pgboss.job is on the coordinator only).
-- Every query a trigger makes of another table names the person (user_id = …): on a Citus shard it
-- goes to the co-located shard on the same node. Statement triggers loop over their transition
-- tables (Citus cannot read a transition table inside an INSERT … SELECT). The jobs reach pg-boss
-- when app.drain_job_outbox runs (the worker drains every few seconds).
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create type app_private.person_row as (user_id uuid, id uuid);
comment on type app_private.person_row is 'A row of a person table named by (user_id, id): what the statement triggers collect from their transition tables before visiting each row on its person''s shard.';

create or replace function app_private.meal_logs_enqueue_embedding() returns trigger
  language plpgsql
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  r record;
begin
  if tg_op = 'INSERT' then
    for r in select n.id, n.user_id from new_rows as n loop
      perform app_private.job_outbox_add(r.user_id, 'assistant.embed',
        pg_catalog.jsonb_build_object('kind', 'meal_log', 'id', r.id), 'meal_log:' || r.id);
    end loop;
  else
    for r in
      select n.id, n.user_id
        from new_rows as n
        join old_rows as o on o.id = n.id and o.user_id = n.user_id
       where (n.meal_type, n.notes, n.ai_analysis) is distinct from (o.meal_type, o.notes, o.ai_analysis)
    loop
      perform app_private.job_outbox_add(r.user_id, 'assistant.embed',
        pg_catalog.jsonb_build_object('kind', 'meal_log', 'id', r.id), 'meal_log:' || r.id);
    end loop;
  end if;
  return null;
end
$$;
comment on function app_private.meal_logs_enqueue_embedding() is
  'AFTER INSERT / AFTER UPDATE statement trigger on app.meal_logs: adds an assistant.embed job to the person''s app.job_outbox for each new meal log and each meal log whose embedded text changed (meal_type, notes, ai_analysis). Soft deletes keep their embeddings (undo). SECURITY DEFINER: app_user has no right on the outbox.';

create or replace function app_private.meal_foods_enqueue_embedding() returns trigger
  language plpgsql
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_access text := pg_catalog.current_setting('app.owner_access', true);
  v_meals app_private.person_row[];
  r app_private.person_row;
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
    select pg_catalog.array_agg(distinct row(n.user_id, n.meal_log_id)::app_private.person_row) into v_meals from new_rows as n;
  elsif tg_op = 'UPDATE' then
    select pg_catalog.array_agg(distinct row(x.user_id, x.meal_log_id)::app_private.person_row) into v_meals
      from (select n.user_id, n.meal_log_id from new_rows as n
            union all select o.user_id, o.meal_log_id from old_rows as o) as x;
  else
    select pg_catalog.array_agg(distinct row(o.user_id, o.meal_log_id)::app_private.person_row) into v_meals from old_rows as o;
  end if;
  perform app_private.owner_access_on();
  foreach r in array coalesce(v_meals, '{}') loop
    -- One person's meal (user_id first: one shard on Citus).
    if exists (select from app.meal_logs as l where l.user_id = r.user_id and l.id = r.id) then
      perform app_private.job_outbox_add(r.user_id, 'assistant.embed',
        pg_catalog.jsonb_build_object('kind', 'meal_log', 'id', r.id), 'meal_log:' || r.id);
    end if;
  end loop;
  perform pg_catalog.set_config('app.owner_access', coalesce(v_access, ''), true);
  return null;
end
$$;
comment on function app_private.meal_foods_enqueue_embedding() is
  'AFTER INSERT / UPDATE / DELETE statement trigger on app.meal_foods: adds an assistant.embed job to the person''s app.job_outbox for each meal log whose foods changed and that still exists (one per meal). Deletes under app.owner_access (the GDPR purge) add nothing. SECURITY DEFINER.';

create or replace function app_private.messages_enqueue_embedding() returns trigger
  language plpgsql
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  r record;
begin
  for r in select n.id, n.user_id from new_rows as n loop
    perform app_private.job_outbox_add(r.user_id, 'assistant.embed',
      pg_catalog.jsonb_build_object('kind', 'message', 'id', r.id), 'message:' || r.id);
  end loop;
  return null;
end
$$;
comment on function app_private.messages_enqueue_embedding() is
  'AFTER INSERT statement trigger on app.messages: adds an assistant.embed job to the person''s app.job_outbox for each new message (messages are never edited). SECURITY DEFINER: app_user has no right on the outbox.';

create or replace function app_private.enqueue_metrics_rollup() returns trigger
  language plpgsql
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_access text := pg_catalog.current_setting('app.owner_access', true);
  v_changes jsonb;   -- [{user_id, at}]: the instants whose local day changed, per person
  v_user uuid;
  v_zone text;
  v_day date;
begin
  -- Which instants changed, from whichever transition tables this event has.
  if tg_table_name = 'users' then
    perform app_private.owner_access_on();
    for v_user in
      select n.id from new_rows as n join old_rows as o on o.id = n.id
       where n.time_zone is distinct from o.time_zone
    loop
      perform app_private.job_outbox_add(v_user, 'metrics.rollup',
        pg_catalog.jsonb_build_object('userId', v_user, 'rebuild', true), 'metrics:' || v_user || ':all', interval '5 seconds');
    end loop;
    perform pg_catalog.set_config('app.owner_access', coalesce(v_access, ''), true);
    return null;
  elsif tg_table_name = 'meal_logs' and tg_op = 'INSERT' then
    select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('user_id', n.user_id, 'at', n.meal_time))
      into v_changes from new_rows as n where not n.is_deleted;
  elsif tg_table_name = 'meal_logs' then
    select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('user_id', c.user_id, 'at', c.meal_time)) into v_changes
    from (
      select n.user_id, n.meal_time from new_rows as n join old_rows as o on o.id = n.id and o.user_id = n.user_id
       where (n.meal_time, n.nutrition_totals, n.is_deleted) is distinct from (o.meal_time, o.nutrition_totals, o.is_deleted)
      union all
      select o.user_id, o.meal_time from new_rows as n join old_rows as o on o.id = n.id and o.user_id = n.user_id
       where (n.meal_time, n.nutrition_totals, n.is_deleted) is distinct from (o.meal_time, o.nutrition_totals, o.is_deleted)
    ) as c;
  elsif tg_table_name = 'api_usage' then
    select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('user_id', n.user_id, 'at', n.created_at))
      into v_changes from new_rows as n;
  end if;
  if v_changes is null then
    return null;
  end if;
  perform app_private.owner_access_on();  -- app.users of the rows' owners (RLS is FORCEd)
  for v_user in
    select distinct (c ->> 'user_id')::uuid from pg_catalog.jsonb_array_elements(v_changes) as c
  loop
    -- The person's time zone: one row of app.users (co-located with the changed rows on Citus).
    select u.time_zone into v_zone from app.users as u where u.id = v_user;
    continue when v_zone is null;
    for v_day in
      select distinct (pg_catalog.timezone(v_zone, (c ->> 'at')::timestamptz))::date
        from pg_catalog.jsonb_array_elements(v_changes) as c
       where (c ->> 'user_id')::uuid = v_user
       order by 1
    loop
      perform app_private.job_outbox_add(v_user, 'metrics.rollup',
        pg_catalog.jsonb_build_object('userId', v_user, 'day', v_day), 'metrics:' || v_user || ':' || pg_catalog.to_char(v_day, 'YYYY-MM-DD'), interval '5 seconds');
    end loop;
  end loop;
  perform pg_catalog.set_config('app.owner_access', coalesce(v_access, ''), true);
  return null;
end
$$;
comment on function app_private.enqueue_metrics_rollup() is
  'Statement trigger on app.meal_logs (INSERT, UPDATE), app.api_usage (INSERT) and app.users (UPDATE): adds to the person''s app.job_outbox a metrics.rollup job, 5 seconds deferred, for each person-day whose daily metrics the statement changed (the local day in the person''s time zone, read from that person''s app.users row; an updated meal counts for its old and its new day), '
  'or a rebuild of all the person''s days when their time zone changed. One waiting job per person-day (singleton key metrics:<user>:<day>). SECURITY DEFINER.';
