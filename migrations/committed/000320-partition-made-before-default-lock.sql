--! Previous: sha1:eec24f2d6ae06b200a5e75e512c0b8ee2cf6fc7e
--! Hash: sha1:894f2f184a871f510dff9ff23cac99880d5c098b
--! Message: partitions: a new month is built (distributed on Citus, row-level security, comment) before the DEFAULT partition is locked, so writers wait only for the move and the attach

-- Issue 17 (Citus). app_private.create_monthly_partition (000014) locked the DEFAULT partition first
-- and then built the month. On one server that lock holds up only the writes routed to DEFAULT. On a
-- Citus cluster it holds up every write and read of app.telemetry_events: before it sends a statement
-- to the shards, Citus's executor locks every partition of the table (ROW EXCLUSIVE for a write,
-- ACCESS SHARE for a read: LockPartitionsForDistributedPlan in Citus 13), DEFAULT included, so every
-- write waits for the EXCLUSIVE lock on DEFAULT, and every read for the ACCESS EXCLUSIVE lock the
-- attach takes on it. And the building was the slow part there: the ATTACH of a local table to a
-- distributed parent distributes it (creates its shards), then row-level security creates seven
-- policies on every shard. Measured on the 3-node test cluster at load ~17: distributing the month
-- 1.08 s, its policies 0.68 s, the attach of the distributed month 1.11 s — ingestion stood still for
-- all three; now only for the attach (and the move of the month's rows out of DEFAULT, usually
-- none), and reads no longer wait for the policies.
--
-- So the month is now made whole before the lock: the standalone table, its owner, its shards when
-- the parent is distributed (create_distributed_table co-located with the parent, by the parent's
-- distribution column; then ATTACH attaches shard to shard), forced row-level security with the
-- registry's policies, its comment. Then, as before: lock DEFAULT against writes, move the month's
-- rows, attach. Same on every engine apart from the Citus step, which is detected from the catalog
-- (the parent in pg_dist_partition) and reached through EXECUTE, so nothing here names a Citus
-- object where Citus is absent.
--
-- Row-level security before the move: the moved rows are inserted under the new partition's forced
-- policies. The caller already needed app.owner_access on (maintain_partitions switches it on) to
-- see the DEFAULT partition's rows it deletes under the same policies; a superuser bypasses both.
-- Redefines app_private.create_monthly_partition only (same signature, same result).
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create or replace function app_private.create_monthly_partition(p_parent regclass, p_month date)
  returns jsonb
  language plpgsql
  set search_path = pg_catalog, pg_temp
  set "TimeZone" = 'UTC'
  set client_min_messages = 'warning'
as $$
declare
  v_month   timestamp := pg_catalog.date_trunc('month', p_month::timestamp);
  v_start   timestamptz;
  v_end     timestamptz;
  v_key     name;
  v_type    regtype;
  v_schema  name;
  v_name    text;
  v_owner   name;
  v_part    regclass;
  v_default regclass;
  v_from    text;
  v_to      text;
  v_cols    text;
  v_moved   bigint := 0;
  v_person  name;
  v_dist    text;
begin
  select key_column, key_type into v_key, v_type from app_private.partition_key(p_parent);
  if v_key is null then
    raise exception '% is not range-partitioned on one column', p_parent using errcode = 'invalid_parameter_value';
  end if;
  v_start := pg_catalog.timezone('UTC', v_month);
  v_end := pg_catalog.timezone('UTC', v_month + interval '1 month');

  -- Already covered by a partition (ours or one made by hand with other bounds): nothing to do.
  if exists (
    select from pg_catalog.pg_inherits i, app_private.partition_bounds(i.inhrelid) b
    where i.inhparent = p_parent and not b.is_default and b.lower_bound < v_end and b.upper_bound > v_start
  ) then
    return null;
  end if;

  select n.nspname, c.relname || '_' || pg_catalog.to_char(v_month, 'YYYY_MM'), r.rolname
    into v_schema, v_name, v_owner
  from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  join pg_catalog.pg_roles r on r.oid = c.relowner
  where c.oid = p_parent;
  if pg_catalog.to_regclass(pg_catalog.format('%I.%I', v_schema, v_name)) is not null then
    raise exception 'cannot create partition %.% of %: a relation of that name exists and does not cover [%, %)',
      v_schema, v_name, p_parent, v_start, v_end
      using errcode = 'duplicate_table',
            hint = 'a detached partition keeps its name: rename or drop it';
  end if;
  v_from := app_private.partition_bound_literal(v_type, v_month);
  v_to := app_private.partition_bound_literal(v_type, v_month + interval '1 month');
  v_default := (select nullif(pt.partdefid, 0)::regclass from pg_catalog.pg_partitioned_table pt where pt.partrelid = p_parent);

  -- 1. The month as a standalone table: the parent's columns, defaults, CHECKs and indexes (ATTACH
  --    adopts the matching indexes instead of building new ones, and clones the foreign keys).
  --    No identity: rows come through the parent, which owns the identity/sequence. Nobody writes
  --    to it before the attach, so no lock on the parent's partitions is needed yet.
  execute pg_catalog.format(
    'create table %I.%I (like %s including defaults including constraints including generated including indexes including storage)',
    v_schema, v_name, p_parent);
  v_part := pg_catalog.format('%I.%I', v_schema, v_name)::regclass;
  if v_owner <> current_user then
    execute pg_catalog.format('alter table %s owner to %I', v_part, v_owner);
  end if;

  -- 2. On a Citus cluster, with a distributed parent: its shards now, co-located with the parent's
  --    (ATTACH would otherwise distribute it while DEFAULT is locked).
  if exists (select from pg_catalog.pg_extension where extname = 'citus') then
    execute pg_catalog.format(
      'select pg_catalog.column_to_column_name(d.logicalrelid, d.partkey) from pg_catalog.%I d where d.logicalrelid = $1 and d.partmethod = %L',
      'pg_dist_partition', 'h')
      into v_dist using p_parent;
    if v_dist is not null then
      -- The name through format(): plpgsql_check would check a constant string, and the function
      -- exists only with Citus (as in app_private.distribute).
      execute pg_catalog.format('select pg_catalog.%I($1, $2, colocate_with => $3)', 'create_distributed_table')
        using v_part, v_dist, p_parent::text;
    end if;
  end if;

  -- 3. Row-level security (a partition queried directly uses its own), and a comment.
  select t.person_key into v_person from app_private.partitioned_tables t where t.parent_table = p_parent;
  if v_person is not null then
    perform app_private.enable_person_rls(v_part, v_person);
  end if;
  execute pg_catalog.format('comment on table %s is %L', v_part,
    pg_catalog.format('Monthly partition of %s: %s in [%s, %s) UTC.', p_parent, v_key,
      pg_catalog.to_char(v_month, 'YYYY-MM-DD'), pg_catalog.to_char(v_month + interval '1 month', 'YYYY-MM-DD')));

  -- 4. Writes into DEFAULT wait from here to commit (readers do not), so no row for this month can
  --    slip into DEFAULT between the move and the attach.
  if v_default is not null then
    execute pg_catalog.format('lock table only %s in exclusive mode', v_default);
  end if;

  -- 5. Move this month's rows out of DEFAULT (same transaction: all or nothing): copy, then delete.
  --    Two statements rather than one (DELETE … RETURNING feeding the INSERT): on Citus the copy is
  --    then an INSERT … SELECT between co-located shards, run on the workers, where the month's
  --    forced policies apply as to any insert; the one-statement form pulls the rows through the
  --    coordinator and re-inserts them with COPY, which Citus refuses on a table with row-level
  --    security ("COPY FROM not supported with row-level security"). Nobody else writes DEFAULT
  --    meanwhile (the lock above), so the two statements see the same rows.
  if v_default is not null then
    select pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' order by a.attnum) into v_cols
    from pg_catalog.pg_attribute a
    where a.attrelid = p_parent and a.attnum > 0 and not a.attisdropped and a.attgenerated = '';
    execute pg_catalog.format(
      'insert into %7$s (%6$s) select %6$s from only %1$s where %2$I >= %3$L::%4$s and %2$I < %5$L::%4$s',
      v_default, v_key, v_from, v_type, v_to, v_cols, v_part);
    get diagnostics v_moved = row_count;
    execute pg_catalog.format(
      'delete from only %1$s where %2$I >= %3$L::%4$s and %2$I < %5$L::%4$s',
      v_default, v_key, v_from, v_type, v_to);
  end if;

  -- 6. Attach (validates the moved rows and the DEFAULT partition's remaining rows).
  execute pg_catalog.format('alter table %s attach partition %s for values from (%L) to (%L)', p_parent, v_part, v_from, v_to);

  return pg_catalog.jsonb_build_object(
    'partition', v_part::text,
    'from', v_start,
    'to', v_end,
    'moved_rows', v_moved);
end
$$;

comment on function app_private.create_monthly_partition(regclass, date) is
  'Creates the partition <table>_YYYY_MM of p_parent for the UTC month containing p_month: builds it as a standalone table (the parent''s columns, CHECKs and indexes; the parent''s owner; on a Citus cluster distributed co-located with a distributed parent; row-level security per the registry; a comment), then locks the DEFAULT partition against writes, moves that month''s rows out of it in the same transaction, and ATTACHes the month (SHARE UPDATE EXCLUSIVE on the parent, not ACCESS EXCLUSIVE). On Citus every write of the parent waits for that lock, and every read for the attach (Citus locks every partition), so only the move and the attach happen under it. Returns {partition, from, to, moved_rows}, or NULL when a partition already covers the month. Raises if another relation has the name.';
