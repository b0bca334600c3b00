--! Previous: sha1:aa977d7080dba21a786ff33e1eceb2da629b3b5b
--! Hash: sha1:bc5080115494fa70f79dca12daad8d9a54f8d3c4
--! Message: partitions: create monthly partitions (premake)

-- Creating one monthly partition, and the premake step that keeps the current UTC month and the
-- next `premake` months ready for every registered table.
--
-- How a month is created (app_private.create_monthly_partition), and why not CREATE TABLE ...
-- PARTITION OF:
--   * CREATE TABLE ... PARTITION OF takes ACCESS EXCLUSIVE on the parent: every insert and every
--     read of the whole table waits until the transaction commits. ALTER TABLE ... ATTACH PARTITION
--     takes only SHARE UPDATE EXCLUSIVE on the parent (ingestion into the other partitions goes on),
--     plus ACCESS EXCLUSIVE on the DEFAULT partition and on the table being attached. (Both take
--     SHARE ROW EXCLUSIVE on the tables the foreign keys reference, to clone the constraints.)
--     Checked with pg_locks on PostgreSQL 15.
--   * Neither may create a partition whose range covers rows that sit in the DEFAULT partition
--     ("updated partition constraint for default partition would be violated"), on 15 as on 18
--     (SPLIT PARTITION is not in either). So the rows move in the same transaction: the new month is
--     built as a standalone table (LIKE the parent, with its CHECKs and indexes), the DEFAULT
--     partition is locked against writes (EXCLUSIVE: readers go on), its rows for that month are
--     moved with one DELETE ... RETURNING feeding an INSERT, and only then is the table attached.
--     An insert that was routed to DEFAULT for that month while it was locked fails after the
--     commit with a partition-constraint error (PostgreSQL re-checks the DEFAULT partition's
--     constraint): it is never silently lost; the batch API reports it as a serialization failure
--     (40001), so the transaction is run again and the rows go to the new partition.
-- Partition bounds are UTC month starts written with an explicit offset for timestamptz keys, so
-- they do not depend on the session time zone; the functions run with TimeZone = UTC.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create function app_private.partition_bounds(p_partition regclass)
  returns table (is_default boolean, lower_bound timestamptz, upper_bound timestamptz)
  language plpgsql
  stable
  set search_path = ''
  set timezone = 'UTC'
as $$
declare
  v_expr text := (select pg_catalog.pg_get_expr(c.relpartbound, c.oid) from pg_catalog.pg_class c where c.oid = p_partition);
  v_m    text[];
begin
  if v_expr is null then
    return;  -- not a partition
  end if;
  if v_expr = 'DEFAULT' then
    return query select true, null::timestamptz, null::timestamptz;
    return;
  end if;
  v_m := pg_catalog.regexp_match(v_expr, '^FOR VALUES FROM \((.*)\) TO \((.*)\)$');
  if v_m is null then
    return;  -- a list or hash partition
  end if;
  return query select false,
    case when v_m[1] = 'MINVALUE' then '-infinity'::timestamptz else pg_catalog.btrim(v_m[1], '''')::timestamptz end,
    case when v_m[2] = 'MAXVALUE' then 'infinity'::timestamptz else pg_catalog.btrim(v_m[2], '''')::timestamptz end;
end
$$;
comment on function app_private.partition_bounds(regclass) is
  'Bounds of a range partition on a time key as timestamptz (date and timestamp bounds read as UTC): is_default for the DEFAULT partition (bounds NULL), -infinity/infinity for MINVALUE/MAXVALUE. No row for a table that is not a range partition.';

create function app_private.partition_bound_literal(p_type regtype, p_at timestamp) returns text
  language sql
  immutable
  set search_path = ''
as $$
  select case p_type
    when 'timestamp with time zone'::pg_catalog.regtype then pg_catalog.to_char(p_at, 'YYYY-MM-DD HH24:MI:SS') || '+00'
    when 'timestamp without time zone'::pg_catalog.regtype then pg_catalog.to_char(p_at, 'YYYY-MM-DD HH24:MI:SS')
    else pg_catalog.to_char(p_at, 'YYYY-MM-DD')
  end
$$;
comment on function app_private.partition_bound_literal(regtype, timestamp) is
  'A partition bound as text for a key of type p_type: the UTC wall-clock time p_at, with an explicit +00 offset for timestamptz (so the bound never depends on the session time zone).';

create function app_private.create_monthly_partition(p_parent regclass, p_month date) returns jsonb
  language plpgsql
  set search_path = ''
  set timezone = 'UTC'
  set client_min_messages = warning  -- enable_person_rls's DROP POLICY IF EXISTS notices
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

  -- 1. Writes into DEFAULT wait from here to commit (readers do not), so no row for this month can
  --    slip into DEFAULT between the move and the attach.
  if v_default is not null then
    execute pg_catalog.format('lock table only %s in exclusive mode', v_default);
  end if;

  -- 2. The month as a standalone table: the parent's columns, defaults, CHECKs and indexes (ATTACH
  --    adopts the matching indexes instead of building new ones, and clones the foreign keys).
  --    No identity: rows come through the parent, which owns the identity/sequence.
  execute pg_catalog.format(
    'create table %I.%I (like %s including defaults including constraints including generated including indexes including storage)',
    v_schema, v_name, p_parent);
  v_part := pg_catalog.format('%I.%I', v_schema, v_name)::regclass;
  if v_owner <> current_user then
    execute pg_catalog.format('alter table %s owner to %I', v_part, v_owner);
  end if;

  -- 3. Move this month's rows out of DEFAULT (same transaction: all or nothing).
  if v_default is not null then
    select pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' order by a.attnum) into v_cols
    from pg_catalog.pg_attribute a
    where a.attrelid = p_parent and a.attnum > 0 and not a.attisdropped and a.attgenerated = '';
    execute pg_catalog.format(
      'with moved as (delete from only %1$s where %2$I >= %3$L::%4$s and %2$I < %5$L::%4$s returning %6$s) '
      'insert into %7$s (%6$s) select %6$s from moved',
      v_default, v_key, v_from, v_type, v_to, v_cols, v_part);
    get diagnostics v_moved = row_count;
  end if;

  -- 4. Attach (validates the moved rows and the DEFAULT partition's remaining rows).
  execute pg_catalog.format('alter table %s attach partition %s for values from (%L) to (%L)', p_parent, v_part, v_from, v_to);

  -- 5. Row-level security (a partition queried directly uses its own), and a comment.
  select t.person_key into v_person from app_private.partitioned_tables t where t.parent_table = p_parent;
  if v_person is not null then
    perform app_private.enable_person_rls(v_part, v_person);
  end if;
  execute pg_catalog.format('comment on table %s is %L', v_part,
    pg_catalog.format('Monthly partition of %s: %s in [%s, %s) UTC.', p_parent, v_key,
      pg_catalog.to_char(v_month, 'YYYY-MM-DD'), pg_catalog.to_char(v_month + interval '1 month', 'YYYY-MM-DD')));

  return pg_catalog.jsonb_build_object(
    'partition', v_part::text,
    'from', v_start,
    'to', v_end,
    'moved_rows', v_moved);
end
$$;
comment on function app_private.create_monthly_partition(regclass, date) is
  'Creates the partition <table>_YYYY_MM of p_parent for the UTC month containing p_month, moving that month''s rows out of the DEFAULT partition in the same transaction (DEFAULT is locked against writes meanwhile), then ATTACHes it (SHARE UPDATE EXCLUSIVE on the parent, not ACCESS EXCLUSIVE), enables row-level security per the registry and comments it. '
  'Returns {partition, from, to, moved_rows}, or NULL when a partition already covers the month. The new table belongs to the parent''s owner. Raises if another relation has the name.';

create function app_private.create_partitions(p_parent regclass, p_now timestamptz) returns jsonb
  language plpgsql
  set search_path = ''
  set timezone = 'UTC'
as $$
declare
  v_premake integer;
  v_month   date;
  v_made    jsonb;
  v_created jsonb := '[]';
  v_errors  jsonb := '[]';
begin
  select t.premake into v_premake from app_private.partitioned_tables t where t.parent_table = p_parent;
  if v_premake is null then
    raise exception '% is not in app_private.partitioned_tables', p_parent using errcode = 'invalid_parameter_value';
  end if;
  for i in 0..v_premake loop
    v_month := (pg_catalog.date_trunc('month', pg_catalog.timezone('UTC', p_now)) + pg_catalog.make_interval(months => i))::date;
    for attempt in 1..3 loop
      begin
        v_made := app_private.create_monthly_partition(p_parent, v_month);
        if v_made is not null then
          v_created := v_created || pg_catalog.jsonb_build_array(v_made);
        end if;
        exit;
      exception
        when lock_not_available then
          -- lock_timeout: somebody holds a conflicting lock; back off and retry, then report.
          if attempt = 3 then
            v_errors := v_errors || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
              'step', 'create', 'month', pg_catalog.to_char(v_month, 'YYYY-MM'), 'sqlstate', sqlstate, 'message', sqlerrm));
          else
            perform pg_catalog.pg_sleep(0.2 * attempt);
          end if;
        when others then
          v_errors := v_errors || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
            'step', 'create', 'month', pg_catalog.to_char(v_month, 'YYYY-MM'), 'sqlstate', sqlstate, 'message', sqlerrm));
          exit;
      end;
    end loop;
  end loop;
  return pg_catalog.jsonb_build_object('created', v_created, 'errors', v_errors);
end
$$;
comment on function app_private.create_partitions(regclass, timestamptz) is
  'Premake: makes sure the partitions of the UTC month of p_now and of the registry''s premake months after it exist (app_private.create_monthly_partition for each, each in its own subtransaction; a lock timeout is retried twice). Idempotent. Returns {created: [...], errors: [{step, month, sqlstate, message}]}.';
