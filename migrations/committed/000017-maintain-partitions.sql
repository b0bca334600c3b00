--! Previous: sha1:d14e9f51dec73e9490014959ab8998d0121e83e7
--! Hash: sha1:fce98e1ff5615d74e30df078230ae2685dc7060f
--! Message: partitions: app.maintain_partitions() entry point

-- One entry point runs partition maintenance for every registered table and says what it did; the
-- job worker (schedule) and `kitchen-db partitions maintain` call it as app_worker.
--
-- Order, chosen for the locks (every lock is held until the caller's transaction commits):
--   1. move rows out of DEFAULT and premake months — ATTACH: SHARE UPDATE EXCLUSIVE on the parent
--      (ingestion goes on), ACCESS EXCLUSIVE on DEFAULT only;
--   2. retention — DROP/DETACH: ACCESS EXCLUSIVE on the parent, so it comes last and the window
--      in which ingestion waits is the drop itself plus the commit;
--   3. report what is still in DEFAULT.
-- Row-level security is FORCEd on the owner: the function turns app.owner_access on with
-- set_config() in its body and back off before returning, not with a `SET app.owner_access = on`
-- clause: PostgreSQL 15 lets only a superuser (or a role granted SET ON PARAMETER) put a custom
-- placeholder in a function's SET clause ("permission denied to set parameter"), and the
-- migration role of a managed server is neither.
-- Concurrency: a transaction-level advisory lock lets one run at a time (a second caller returns
-- at once with "busy": true); lock_timeout = 2s bounds every wait behind a long reader (a waiting
-- ACCESS EXCLUSIVE request would queue everyone else behind it) and the step is retried twice,
-- then reported in "errors" without undoing the other steps.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create function app_private.maintain_partitions(p_now timestamptz default null, p_parent regclass default null) returns jsonb
  language plpgsql
  security definer
  set search_path = ''
  set timezone = 'UTC'
  set lock_timeout = '2s'
as $$
declare
  v_access  text := pg_catalog.current_setting('app.owner_access', true);
  v_now     timestamptz := coalesce(p_now, pg_catalog.now());
  v_parents regclass[];
  v_parent  regclass;
  v_entries jsonb[] := '{}';
  v_ok      boolean[] := '{}';
  v_entry   jsonb;
  v_step    jsonb;
  v_count   integer;
begin
  if not pg_catalog.pg_try_advisory_xact_lock(pg_catalog.hashtextextended('kitchen-db:maintain_partitions', 0)) then
    return pg_catalog.jsonb_build_object('ran_at', pg_catalog.clock_timestamp(), 'now', v_now, 'busy', true, 'tables', '[]'::jsonb);
  end if;
  -- Policy owner_access (row-level security is FORCEd on the owner too) until this returns; an
  -- error aborts the (sub)transaction, which reverts the setting.
  perform pg_catalog.set_config('app.owner_access', 'on', true);

  select coalesce(pg_catalog.array_agg(t.parent_table order by t.parent_table::text), '{}') into v_parents
  from app_private.partitioned_tables t
  where p_parent is null or t.parent_table = p_parent;
  v_count := coalesce(pg_catalog.array_length(v_parents, 1), 0);

  -- 1. DEFAULT rows, then premake.
  for i in 1..v_count loop
    v_parent := v_parents[i];
    v_entry := pg_catalog.jsonb_build_object(
      'table', v_parent::text, 'created', '[]'::jsonb, 'moved_rows', 0, 'retention_cutoff', null::text,
      'dropped', '[]'::jsonb, 'detached', '[]'::jsonb, 'default_rows', null::text, 'default', null::text, 'errors', '[]'::jsonb);
    v_ok[i] := exists (select from pg_catalog.pg_partitioned_table pt where pt.partrelid = v_parent);
    if not v_ok[i] then
      v_entry := v_entry || pg_catalog.jsonb_build_object('errors', pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
        'step', 'registry', 'sqlstate', '42P01', 'message', pg_catalog.format('%s is registered but is no longer a partitioned table', v_parent))));
    else
      begin
        v_step := app_private.partition_default_rows(v_parent, v_now);
        v_entry := v_entry || pg_catalog.jsonb_build_object(
          'created', v_step -> 'created', 'moved_rows', v_step -> 'moved_rows', 'errors', v_step -> 'errors');
        v_step := app_private.create_partitions(v_parent, v_now);
        v_entry := v_entry || pg_catalog.jsonb_build_object(
          'created', (v_entry -> 'created') || (v_step -> 'created'),
          'errors', (v_entry -> 'errors') || (v_step -> 'errors'));
      exception when others then
        -- One table's failure (e.g. not owned by this function's owner) does not stop the others.
        v_ok[i] := false;
        v_entry := v_entry || pg_catalog.jsonb_build_object('created', '[]'::jsonb, 'moved_rows', 0,
          'errors', pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object('step', 'create', 'sqlstate', sqlstate, 'message', sqlerrm)));
      end;
    end if;
    v_entries[i] := v_entry;
  end loop;

  -- 2. Retention, last (ACCESS EXCLUSIVE on the parent).
  for i in 1..v_count loop
    continue when not v_ok[i];
    begin
      v_step := app_private.apply_retention(v_parents[i], v_now);
    exception when others then
      v_step := pg_catalog.jsonb_build_object('cutoff', null::text, 'dropped', '[]'::jsonb, 'detached', '[]'::jsonb,
        'errors', pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object('step', 'retention', 'sqlstate', sqlstate, 'message', sqlerrm)));
    end;
    v_entries[i] := v_entries[i] || pg_catalog.jsonb_build_object(
      'retention_cutoff', v_step -> 'cutoff',
      'dropped', v_step -> 'dropped',
      'detached', v_step -> 'detached',
      'errors', (v_entries[i] -> 'errors') || (v_step -> 'errors'));
  end loop;

  -- 3. What is still in DEFAULT.
  for i in 1..v_count loop
    continue when not v_ok[i];
    begin
      v_step := app_private.check_default(v_parents[i], v_now);
      v_entries[i] := v_entries[i] || pg_catalog.jsonb_build_object('default_rows', v_step -> 'rows', 'default', v_step - 'rows');
    exception when others then
      v_entries[i] := v_entries[i] || pg_catalog.jsonb_build_object('errors', (v_entries[i] -> 'errors') || pg_catalog.jsonb_build_array(
        pg_catalog.jsonb_build_object('step', 'check_default', 'sqlstate', sqlstate, 'message', sqlerrm)));
    end;
  end loop;

  perform pg_catalog.set_config('app.owner_access', coalesce(v_access, ''), true);
  return pg_catalog.jsonb_build_object('ran_at', pg_catalog.clock_timestamp(), 'now', v_now, 'busy', false,
    'tables', pg_catalog.to_jsonb(v_entries));
end
$$;
comment on function app_private.maintain_partitions(timestamptz, regclass) is
  'Partition maintenance for every registered table (or only p_parent) as of p_now (default now(); tests inject a date): moves DEFAULT rows into new months, premakes, applies retention, reports DEFAULT. Runs as the owner (SECURITY DEFINER, owner_access for FORCEd row-level security), one run at a time (advisory lock), lock_timeout 2s. '
  'Returns the JSON documented on app.maintain_partitions(). Not executable by application roles: an injected date could retire live partitions.';

create function app.maintain_partitions() returns jsonb
  language sql
  volatile
  security definer
  set search_path = ''
as $$
  select app_private.maintain_partitions(pg_catalog.now(), null)
$$;
comment on function app.maintain_partitions() is
  'Runs partition maintenance now for every table in app_private.partitioned_tables (the worker''s schedule and `kitchen-db partitions maintain`). Returns '
  '{ran_at, now, busy, tables: [{table, created: [{partition, from, to, moved_rows}], moved_rows, retention_cutoff, dropped: [name], detached: [name], '
  'default_rows, default: {default_partition, oldest, newest, before_window, after_window}, errors: [{step, month|partition, sqlstate, message}]}]}. '
  'busy = another run held the lock and nothing was done. Idempotent; safe during ingestion (see app_private.maintain_partitions). EXECUTE: app_worker.';
grant execute on function app.maintain_partitions() to app_worker;

-- Premake at once, so a database is ready for the coming months as soon as it is migrated.
select app_private.maintain_partitions();
