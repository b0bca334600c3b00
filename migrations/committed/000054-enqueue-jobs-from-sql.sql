--! Previous: sha1:90b84ff46a07bdc7786ce2e44468bd782383b745
--! Hash: sha1:5a7ce322cf930ec92e800f0f4fcc77f53f1e8be1
--! Message: jobs: enqueue pg-boss jobs from SQL (for triggers)

-- Jobs that must exist exactly when a row does (embed this meal log, recompute this person-day) are
-- enqueued by triggers in the writing transaction: committed with the row, rolled back with it, and
-- no code path that writes the row can forget them. The triggers run as the owner (SECURITY
-- DEFINER), so app_user needs no right on pgboss.
--
-- app_private.enqueue_jobs inserts into pgboss.job what pg-boss's own send() inserts (pg-boss
-- 12.38, plans.insertJobs: the queue's options copied onto each job), so pg-boss's work() fetches
-- these jobs like any other. UPGRADE RISK: this mirrors pg-boss's job table. A pg-boss upgrade that
-- changes the job columns or how send() fills them must update this function in the same migration;
-- test/jobs.test.ts compares a job enqueued here with one sent by pg-boss column by column and fails
-- when they drift apart.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create function app_private.enqueue_jobs(
  p_queue    text,
  p_jobs     jsonb,
  p_delay    interval default interval '0'
) returns integer
  language plpgsql
  volatile
  set search_path = ''
as $$
declare
  q pgboss.queue;
  v_count integer;
begin
  if p_jobs is null or pg_catalog.jsonb_typeof(p_jobs) <> 'array' then
    raise exception 'enqueue_jobs: p_jobs must be a JSON array of {"data": {...}, "key": "..."}' using errcode = 'invalid_parameter_value';
  end if;
  if pg_catalog.jsonb_array_length(p_jobs) = 0 then
    return 0;
  end if;
  select * into q from pgboss.queue as pq where pq.name = p_queue;
  if not found then
    -- Never drop a job silently: the writing transaction fails instead (a missing queue is a
    -- deployment error: migrate, or start the worker once, which creates its queues).
    raise exception 'enqueue_jobs: pg-boss queue % does not exist', p_queue using errcode = 'undefined_object';
  end if;
  with wanted as (
    -- One job per distinct key in this call.
    select distinct on (j ->> 'key') j -> 'data' as data, j ->> 'key' as key
    from pg_catalog.jsonb_array_elements(p_jobs) as j
    order by j ->> 'key'
  ),
  fresh as (
    -- A job for the same key that has not started yet will see this change when it runs.
    select w.data, w.key
    from wanted as w
    where w.key is null
       or not exists (
         select from pgboss.job as pj
         where pj.name = p_queue and pj.singleton_key = w.key and pj.state < 'active')
  ),
  timing as (
    select pgboss.job_now() as now_at, pgboss.job_now() + coalesce(p_delay, interval '0') as start_at
  )
  insert into pgboss.job (
    id, name, data, priority, start_after, created_on, singleton_key, singleton_on, group_id, group_tier,
    expire_seconds, deletion_seconds, keep_until, retry_limit, retry_delay, retry_backoff, retry_delay_max,
    policy, dead_letter, heartbeat_seconds, blocked, blocking, pending_dependencies, trace_context)
  select
    pg_catalog.gen_random_uuid(), p_queue, f.data, 0, t.start_at, t.now_at, f.key, null, null, null,
    q.expire_seconds, q.deletion_seconds, t.start_at + q.retention_seconds * interval '1 second',
    q.retry_limit, q.retry_delay, q.retry_backoff, q.retry_delay_max,
    q.policy, q.dead_letter, q.heartbeat_seconds, false, false, 0, null
  from fresh as f cross join timing as t
  on conflict do nothing;
  get diagnostics v_count = row_count;
  if q.notify and v_count > 0 then
    -- What send() does for a queue with notify on (pg-boss's LISTEN channel for this schema).
    perform pg_catalog.pg_notify('pgboss_' || pg_catalog.left(pg_catalog.encode(pg_catalog.sha224('pgboss'::bytea), 'hex'), 24), p_queue);
  end if;
  return v_count;
end
$$;
comment on function app_private.enqueue_jobs(text, jsonb, interval) is
  'Enqueues pg-boss jobs from SQL, in the caller''s transaction: p_jobs is a JSON array of {"data": object, "key": text}; one job per distinct key, skipped when a job with that key (pg-boss singleton_key) is still waiting (created/retry) in the queue, since it will see the caller''s change when it runs. '
  'p_delay defers the jobs (start_after), which lets a burst of writes share one job. Copies the queue''s options onto each job exactly as pg-boss send() does (pg-boss 12.38, schema 46; see the migration''s upgrade note). '
  'Raises 42704 when the queue does not exist. Returns the number of jobs inserted. Called by trigger functions (as the owner); no application role may execute it.';
