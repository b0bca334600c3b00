--! Previous: sha1:9f2eaea12c707bbb30454c2f6825482656651747
--! Hash: sha1:00b8c3439944a4cc774208dadae1db2f81cbc858
--! Message: jobs: a per-person job outbox, drained into pg-boss by the worker

-- Issue 17 (Citus). Until now the enqueue triggers inserted into pgboss.job directly. On Citus a
-- trigger fires on the worker that holds the shard, and pg-boss lives on the coordinator only, so
-- those inserts fail there (docs/scale-out.md §6). The triggers now write app.job_outbox instead:
-- a person table (distributed by user_id, co-located with app.users), written row by row with
-- user_id = the changed row's user_id, so on a shard the insert goes to the co-located outbox shard
-- in the same local transaction as the change: a change and its job still commit together, on every
-- engine, without two-phase commit. app.drain_job_outbox (run by the worker every few seconds)
-- moves a bounded batch of outbox rows into pg-boss through app_private.enqueue_jobs, in one
-- transaction (delete … returning, then insert into pgboss.job). A row is moved at most once: a
-- second drain running at the same time blocks on the rows the first deletes and then finds them
-- gone. pg-boss's singleton keys still collapse jobs for the same key.
-- Rights: no application role writes the outbox directly, and only app_admin reads it (as it reads
-- every person table); row-level security as on every person table. The triggers write it as the owner (SECURITY DEFINER, owner_access), so a
-- person cannot forge a job row for someone else nor pick a queue or payload: the queues are fixed by
-- a CHECK and the payloads are built by the triggers from the rows the person wrote.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create table app.job_outbox (
  user_id       uuid        not null,
  id            bigint      generated always as identity,
  queue         text        not null,
  data          jsonb       not null,
  singleton_key text,
  start_after   interval    not null default interval '0',
  created_at    timestamptz not null default pg_catalog.now(),
  constraint job_outbox_pkey primary key (user_id, id),
  constraint job_outbox_user_id_fkey foreign key (user_id) references app.users (id) on delete cascade,
  constraint job_outbox_queue_check check (queue in ('assistant.embed', 'metrics.rollup')),
  constraint job_outbox_data_check check (pg_catalog.jsonb_typeof(data) = 'object'),
  constraint job_outbox_start_after_check check (start_after >= interval '0' and start_after <= interval '1 day')
);
create index idx_job_outbox_key on app.job_outbox (user_id, queue, singleton_key);
create index idx_job_outbox_created on app.job_outbox (created_at, id);
select app_private.enable_person_rls('app.job_outbox');
-- The admin portal reads every person table (policy admin_select): what is waiting, not more.
grant select on app.job_outbox to app_admin;

comment on table app.job_outbox is
  'Jobs written by the enqueue triggers (embeddings, metrics roll-ups) in the writing transaction, one row per job and person, waiting for app.drain_job_outbox to move them into pg-boss (pgboss.job) — the worker drains every few seconds. '
  'A person table (distributed by user_id on Citus, next to the rows that caused the job; deleted with the person). Only the triggers (as the owner) write it and only the drain moves it; app_admin may read it.';
comment on column app.job_outbox.user_id is 'The person whose change caused the job (the outbox row lives on that person''s shard).';
comment on column app.job_outbox.id is 'Order of arrival within the person (identity).';
comment on column app.job_outbox.queue is 'pg-boss queue of the job: assistant.embed or metrics.rollup (the queues the triggers feed).';
comment on column app.job_outbox.data is 'The job''s data (a JSON object), as the handler reads it.';
comment on column app.job_outbox.singleton_key is 'pg-boss singleton key (meal_log:<id>, message:<id>, metrics:<user>:<day>, metrics:<user>:all): no second job is made while one with this key waits.';
comment on column app.job_outbox.start_after is 'Delay of the job, counted from when it is drained into pg-boss (metrics roll-ups wait a few seconds so that a burst of writes shares one job).';
comment on column app.job_outbox.created_at is 'When the change was written (the drain takes the oldest rows first).';
comment on constraint job_outbox_queue_check on app.job_outbox is 'Only the queues the triggers feed; a payload for another queue cannot be planted here.';
comment on constraint job_outbox_data_check on app.job_outbox is 'A job''s data is a JSON object.';
comment on constraint job_outbox_start_after_check on app.job_outbox is 'A delay between 0 and one day.';
comment on index app.idx_job_outbox_key is 'Whether a job with this key already waits for the person (the triggers then add none).';
comment on index app.idx_job_outbox_created is 'The drain''s order: oldest first.';

-- Adding a job -----------------------------------------------------------------------------------
create function app_private.job_outbox_add(
  p_user_id uuid,
  p_queue   text,
  p_data    jsonb,
  p_key     text,
  p_delay   interval default interval '0'
) returns void
  language plpgsql
  volatile
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_access text := pg_catalog.current_setting('app.owner_access', true);
begin
  perform app_private.owner_access_on();
  -- Two statements, each naming the person (user_id): on Citus each goes to that person's shard
  -- (an INSERT … SELECT from a trigger on a shard would be a distributed query). A job with the same
  -- key already waiting will see this change when it runs.
  if p_key is null or not exists (
       select from app.job_outbox as o
        where o.user_id = p_user_id and o.queue = p_queue and o.singleton_key = p_key) then
    insert into app.job_outbox (user_id, queue, data, singleton_key, start_after)
    values (p_user_id, p_queue, p_data, p_key, coalesce(p_delay, interval '0'));
  end if;
  perform pg_catalog.set_config('app.owner_access', coalesce(v_access, ''), true);
end
$$;
comment on function app_private.job_outbox_add(uuid, text, jsonb, text, interval) is
  'Adds one job for one person to app.job_outbox (the enqueue triggers call it once per job, with the changed row''s user_id), unless a job with the same queue and singleton key already waits there for that person. Runs as its caller (the SECURITY DEFINER triggers, i.e. the owner) with app.owner_access on. No application role may execute it.';
revoke all on function app_private.job_outbox_add(uuid, text, jsonb, text, interval) from public;

-- The drain --------------------------------------------------------------------------------------
create function app.drain_job_outbox(p_limit integer default 1000) returns integer
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_access text := pg_catalog.current_setting('app.owner_access', true);
  v_moved integer := 0;
  r record;
begin
  if p_limit is null or p_limit < 1 or p_limit > 10000 then
    raise exception 'drain_job_outbox: p_limit must be between 1 and 10000 (got %)', p_limit
      using errcode = 'invalid_parameter_value';
  end if;
  perform app_private.owner_access_on();
  -- One statement deletes the batch (oldest first) and returns it; the jobs are then inserted into
  -- pg-boss in this transaction: both commit or neither. No SKIP LOCKED (Citus refuses it across
  -- shards): a concurrent drain waits for the rows this one deletes, then skips them (gone).
  for r in
    with moved as (
      delete from app.job_outbox as o
       where (o.user_id, o.id) in (
               select b.user_id, b.id from app.job_outbox as b order by b.created_at, b.id limit p_limit)
      returning o.queue, o.data, o.singleton_key, o.start_after, o.created_at, o.id
    )
    select m.queue, m.start_after,
           pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('data', m.data, 'key', m.singleton_key)
                                order by m.created_at, m.id) as jobs,
           pg_catalog.count(*)::integer as n
      from moved as m
     group by m.queue, m.start_after
     order by m.queue, m.start_after
  loop
    perform app_private.enqueue_jobs(r.queue, r.jobs, r.start_after);
    v_moved := v_moved + r.n;
  end loop;
  perform pg_catalog.set_config('app.owner_access', coalesce(v_access, ''), true);
  return v_moved;
end
$$;
comment on function app.drain_job_outbox(integer) is
  'The worker (app_worker), every few seconds: moves up to p_limit of the oldest app.job_outbox rows into pg-boss (app_private.enqueue_jobs: one job per distinct singleton key, none when one with that key already waits) in one transaction, and returns how many outbox rows it moved. '
  'A row is moved exactly once even when two drains run at once. SECURITY DEFINER (the outbox and pgboss.job are the owner''s). Errors: p_limit outside 1..10000 (22023); a missing pg-boss queue (42704, the batch stays in the outbox).';
revoke all on function app.drain_job_outbox(integer) from public;
grant execute on function app.drain_job_outbox(integer) to app_worker;
