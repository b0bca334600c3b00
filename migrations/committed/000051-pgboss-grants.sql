--! Previous: sha1:8fe96c6e8ea5b5b27fd48bfbfb17b330b0489636
--! Hash: sha1:955ebaf5ad0d422bca9c21b0a2604672c55a3699
--! Message: pg-boss: the worker role's rights and comments

-- How the job worker gets its rights (decision, see notes/jobs.md):
--   pg-boss's objects are owned by the migration role, like everything else. The worker process logs
--   in with its own LOGIN role, a member of app_worker, and opens pg-boss's connections with the
--   startup option `-c role=app_worker`, so every pg-boss statement runs as app_worker (not as the
--   login role, which may be a member of more roles). app_worker therefore gets exactly what pg-boss
--   needs at run time: the rows of its tables (fetch, complete, fail, retry, cron, maintenance,
--   instance registry) and the two functions its run-time SQL calls. No DDL: pg-boss runs with
--   migrate: false, and the queues use the shared job_common partition (no per-queue tables).
--   The rest of the worker (the handlers) runs in kitchen-db's own transactions with
--   SET LOCAL ROLE app_worker.
-- app_user and the other roles get nothing here: a person's transaction enqueues embedding jobs
-- through SECURITY DEFINER triggers (000055), never by writing pgboss.job itself.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create function app_private.grant_pgboss_rights() returns void
  language plpgsql
  set search_path = ''
as $$
declare
  r record;
begin
  execute 'grant usage on schema pgboss to app_worker';
  -- Every table (partitions included), except the schema version, which only migrations change:
  -- there the worker may update the bookkeeping columns (cron_on, bam_on, …) but not version itself.
  for r in
    select c.oid::pg_catalog.regclass as tbl
    from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'pgboss' and c.relkind in ('r', 'p') and c.relname <> 'version'
  loop
    execute pg_catalog.format('grant select, insert, update, delete on %s to app_worker', r.tbl);
  end loop;
  execute 'grant select on pgboss.version to app_worker';
  for r in
    select a.attname
    from pg_catalog.pg_attribute a
    where a.attrelid = 'pgboss.version'::pg_catalog.regclass and a.attnum > 0 and not a.attisdropped and a.attname <> 'version'
  loop
    execute pg_catalog.format('grant update (%I) on pgboss.version to app_worker', r.attname);
  end loop;
  for r in
    select c.oid::pg_catalog.regclass as seq
    from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'pgboss' and c.relkind = 'S'
  loop
    execute pg_catalog.format('grant usage, select, update on sequence %s to app_worker', r.seq);
  end loop;
  -- The functions pg-boss's run-time statements call (the others are only used by its migrations).
  for r in
    select p.oid::pg_catalog.regprocedure as fn
    from pg_catalog.pg_proc p
    join pg_catalog.pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'pgboss' and p.proname in ('job_now', 'create_queue')
  loop
    execute pg_catalog.format('grant execute on function %s to app_worker', r.fn);
  end loop;
end
$$;
comment on function app_private.grant_pgboss_rights() is
  'Grants app_worker what the pg-boss worker needs at run time: USAGE on schema pgboss; SELECT/INSERT/UPDATE/DELETE on every pgboss table and partition except pgboss.version (SELECT, and UPDATE of its bookkeeping columns, not of version); sequences; EXECUTE on pgboss.job_now() and pgboss.create_queue(text, jsonb). Idempotent. '
  'Every migration that upgrades pg-boss ends with `select app_private.grant_pgboss_rights();` (scripts/pgboss-plans.ts adds it).';

select app_private.grant_pgboss_rights();

-- Comments: pg-boss's objects, for the schema reference (pg-boss ignores comments). ------------
comment on schema pgboss is
  'pg-boss (job queue) tables and functions, created from pg-boss''s own plans (000050) and changed only by migrations; app_worker uses them through the job worker (kitchen-db worker).';
comment on type pgboss.job_state is 'pg-boss: life cycle of a job (created, retry, active, completed, cancelled, failed).';
comment on table pgboss.version is 'pg-boss: installed schema version (the worker refuses to start on another) and timestamps of its cluster-wide periodic tasks.';
comment on table pgboss.queue is 'pg-boss: queues and their options (policy, retries, backoff, expiry, retention, dead-letter queue), with cached counts. Created by 000052-job-queues.sql and by the worker from src/jobs/queues.ts.';
comment on table pgboss.schedule is 'pg-boss: cron schedules (the worker registers src/jobs/queues.ts''s crons at start).';
comment on table pgboss.subscription is 'pg-boss: pub/sub subscriptions (unused by kitchen-db).';
comment on table pgboss.bam is 'pg-boss: background index builds of its own migrations (unused with migrate: false).';
comment on table pgboss.job is 'pg-boss: jobs, LIST-partitioned by queue name; every kitchen-db queue lives in the DEFAULT partition pgboss.job_common.';
comment on table pgboss.job_common is 'pg-boss: the shared (DEFAULT) partition of pgboss.job holding the jobs of every non-partitioned queue.';
comment on table pgboss.warning is 'pg-boss: persisted warnings (persistWarnings).';
comment on table pgboss.queue_stats is 'pg-boss: queue count snapshots, partitioned by day (only written with persistQueueStats, which the worker leaves off).';
comment on table pgboss.job_dependency is 'pg-boss: flow dependencies between jobs (unused by kitchen-db).';
comment on table pgboss.instance is 'pg-boss: registry of running pg-boss instances (heartbeats, pool and worker metrics).';
comment on function pgboss.job_now() is 'pg-boss: the clock of its SQL (now(); tests can override it).';
comment on function pgboss.job_table_format(text, text) is 'pg-boss: rewrites a job-table command for one partition (migrations only).';
comment on function pgboss.job_table_run(text, text, text) is 'pg-boss: runs a job-table command on job_common and each partitioned queue (migrations only).';
comment on function pgboss.job_table_run_async(text, integer, text, text, text) is 'pg-boss: queues a job-table command for its background builder (migrations only).';
comment on function pgboss.create_queue(text, jsonb) is 'pg-boss: creates a queue (what createQueue() runs); with partition=true it would also create a table, which app_worker may not do.';
comment on function pgboss.delete_queue(text) is 'pg-boss: deletes a queue and its jobs (not granted to any application role).';
