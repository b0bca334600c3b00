--! Previous: sha1:bc5080115494fa70f79dca12daad8d9a54f8d3c4
--! Hash: sha1:6b2b010450eb832edf4ae7f7f4d29b080b01a106
--! Message: partitions: move rows out of the DEFAULT partition, report what stays

-- Rows land in the DEFAULT partition when no monthly partition covers them: a month that was never
-- premade (maintenance did not run, a database restored from an old dump), late uploads from an
-- appliance that was offline, a device clock far off. pg_partman's answer, reproduced here: a
-- function that moves them into proper partitions (creating the month), and a check that reports
-- what is still there (pg_partman's check_default).
--
-- Which months are moved: those inside the table's window, from the first month not wholly older
-- than the retention cutoff to the last premade month. Rows outside it stay in DEFAULT and are
-- reported: creating a partition for 1970 (a reset clock) or 2099 would be wrong, and a month
-- older than the retention cutoff would only be dropped again.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create function app_private.partition_month_expression(p_key name, p_type regtype) returns text
  language sql
  immutable
  set search_path = ''
as $$
  select case p_type
    when 'timestamp with time zone'::pg_catalog.regtype
      then pg_catalog.format('pg_catalog.date_trunc(''month'', pg_catalog.timezone(''UTC'', %I))', p_key)
    else pg_catalog.format('pg_catalog.date_trunc(''month'', %I::timestamp)', p_key)
  end
$$;
comment on function app_private.partition_month_expression(name, regtype) is
  'SQL text of an expression giving the UTC month start (timestamp without time zone) of the key column p_key of type p_type; used to group DEFAULT rows by month.';

create function app_private.partition_window(p_parent regclass, p_now timestamptz)
  returns table (first_month timestamp, last_month timestamp)
  language sql
  stable
  set search_path = ''
  set timezone = 'UTC'
as $$
  select
    case when t.retention is null then '-infinity'::timestamp
         else pg_catalog.date_trunc('month', pg_catalog.timezone('UTC', p_now - t.retention)) end,
    pg_catalog.date_trunc('month', pg_catalog.timezone('UTC', p_now)) + pg_catalog.make_interval(months => t.premake)
  from app_private.partitioned_tables t
  where t.parent_table = p_parent
$$;
comment on function app_private.partition_window(regclass, timestamptz) is
  'The months (UTC month starts, inclusive) a registered table should have partitions for at p_now: from the month containing the retention cutoff (p_now - retention; unbounded without retention) to the last premade month.';

create function app_private.check_default(p_parent regclass, p_now timestamptz) returns jsonb
  language plpgsql
  stable
  set search_path = ''
  set timezone = 'UTC'
as $$
declare
  v_key     name;
  v_type    regtype;
  v_default regclass := (select nullif(pt.partdefid, 0)::regclass from pg_catalog.pg_partitioned_table pt where pt.partrelid = p_parent);
  v_first   timestamp;
  v_last    timestamp;
  v_result  jsonb;
begin
  if v_default is null then
    return pg_catalog.jsonb_build_object('default_partition', null, 'rows', 0);
  end if;
  select key_column, key_type into v_key, v_type from app_private.partition_key(p_parent);
  select w.first_month, w.last_month into v_first, v_last from app_private.partition_window(p_parent, p_now) w;
  execute pg_catalog.format(
    'select pg_catalog.jsonb_build_object(''default_partition'', %1$L, ''rows'', pg_catalog.count(*), '
    '''oldest'', pg_catalog.min(%2$I), ''newest'', pg_catalog.max(%2$I), '
    '''before_window'', pg_catalog.count(*) filter (where %3$s < %4$L::timestamp), '
    '''after_window'', pg_catalog.count(*) filter (where %3$s > %5$L::timestamp)) '
    'from only %1$s',
    v_default, v_key, app_private.partition_month_expression(v_key, v_type), v_first, v_last)
    into v_result;
  return v_result;
end
$$;
comment on function app_private.check_default(regclass, timestamptz) is
  'pg_partman''s check_default: what sits in the DEFAULT partition of p_parent: {default_partition, rows, oldest, newest, before_window, after_window} (exact count; the DEFAULT partition should be nearly empty). '
  'before_window/after_window count the rows maintenance will not move: older than the retention window, or beyond the premade months.';

create function app_private.partition_default_rows(p_parent regclass, p_now timestamptz) returns jsonb
  language plpgsql
  set search_path = ''
  set timezone = 'UTC'
as $$
declare
  v_key     name;
  v_type    regtype;
  v_default regclass := (select nullif(pt.partdefid, 0)::regclass from pg_catalog.pg_partitioned_table pt where pt.partrelid = p_parent);
  v_first   timestamp;
  v_last    timestamp;
  v_months  timestamp[];
  v_month   timestamp;
  v_made    jsonb;
  v_created jsonb := '[]';
  v_errors  jsonb := '[]';
  v_moved   bigint := 0;
begin
  if v_default is not null then
    select key_column, key_type into v_key, v_type from app_private.partition_key(p_parent);
    select w.first_month, w.last_month into v_first, v_last from app_private.partition_window(p_parent, p_now) w;
    execute pg_catalog.format(
      'select pg_catalog.array_agg(distinct m order by m) from (select %s as m from only %s) d where m between %L::timestamp and %L::timestamp',
      app_private.partition_month_expression(v_key, v_type), v_default, v_first, v_last)
      into v_months;
    foreach v_month in array coalesce(v_months, '{}') loop
      for attempt in 1..3 loop
        begin
          v_made := app_private.create_monthly_partition(p_parent, v_month::date);
          if v_made is not null then
            v_created := v_created || pg_catalog.jsonb_build_array(v_made);
            v_moved := v_moved + (v_made ->> 'moved_rows')::bigint;
          end if;
          exit;
        exception
          when lock_not_available then
            if attempt = 3 then
              v_errors := v_errors || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
                'step', 'move', 'month', pg_catalog.to_char(v_month, 'YYYY-MM'), 'sqlstate', sqlstate, 'message', sqlerrm));
            else
              perform pg_catalog.pg_sleep(0.2 * attempt);
            end if;
          when others then
            v_errors := v_errors || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
              'step', 'move', 'month', pg_catalog.to_char(v_month, 'YYYY-MM'), 'sqlstate', sqlstate, 'message', sqlerrm));
            exit;
        end;
      end loop;
    end loop;
  end if;
  return pg_catalog.jsonb_build_object('created', v_created, 'moved_rows', v_moved, 'errors', v_errors);
end
$$;
comment on function app_private.partition_default_rows(regclass, timestamptz) is
  'Moves the rows of the DEFAULT partition of p_parent into monthly partitions: for every month inside the window (app_private.partition_window) that has rows in DEFAULT, creates its partition with app_private.create_monthly_partition, which moves the rows in the same transaction. '
  'Each month in its own subtransaction (lock timeouts retried twice). Returns {created: [...], moved_rows, errors: [...]}. Rows outside the window stay (see app_private.check_default).';
