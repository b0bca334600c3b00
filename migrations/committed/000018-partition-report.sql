--! Previous: sha1:fce98e1ff5615d74e30df078230ae2685dc7060f
--! Hash: sha1:66b3fd90ea931dcafd21d396ccef0083496a4bdd
--! Message: partitions: app.partition_report() for `kitchen-db partitions list`

-- Every partition of every registered table with its bounds, size and row count, for operators
-- (app_worker, the CLI) and the admin portal's oversight (app_admin). Row counts are the planner's
-- estimates (pg_class.reltuples, NULL before the first ANALYZE) unless p_exact; the DEFAULT
-- partition is always counted exactly (it should be nearly empty, and rows there matter).
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create function app.partition_report(p_exact boolean default false)
  returns table (
    parent_table     text,
    partition_name   text,
    is_default       boolean,
    lower_bound      timestamptz,
    upper_bound      timestamptz,
    row_count        bigint,
    row_count_exact  boolean,
    total_bytes      bigint,
    retires_at       timestamptz,
    retention_action text
  )
  language plpgsql
  volatile
  security definer
  set search_path = ''
  set timezone = 'UTC'
as $$
declare
  r        record;
  v_count  bigint;
  v_access text := pg_catalog.current_setting('app.owner_access', true);
begin
  -- Exact counts see every person's rows (FORCEd row-level security): owner_access while counting
  -- (set_config, not a SET clause: see app_private.maintain_partitions).
  perform pg_catalog.set_config('app.owner_access', 'on', true);
  for r in
    select t.parent_table, i.inhrelid::regclass as part, b.is_default, b.lower_bound, b.upper_bound,
           c.reltuples, t.retention, t.retention_action
    from app_private.partitioned_tables t
    join pg_catalog.pg_inherits i on i.inhparent = t.parent_table
    join pg_catalog.pg_class c on c.oid = i.inhrelid
    cross join lateral app_private.partition_bounds(i.inhrelid) b
    order by t.parent_table::text, b.is_default desc, b.lower_bound
  loop
    if p_exact or r.is_default then
      execute pg_catalog.format('select pg_catalog.count(*) from only %s', r.part) into v_count;
    else
      v_count := case when r.reltuples < 0 then null else r.reltuples::bigint end;
    end if;
    parent_table := r.parent_table::text;
    partition_name := r.part::text;
    is_default := r.is_default;
    lower_bound := r.lower_bound;
    upper_bound := r.upper_bound;
    row_count := v_count;
    row_count_exact := p_exact or r.is_default;
    total_bytes := pg_catalog.pg_total_relation_size(r.part);
    retires_at := case when r.is_default then null else r.upper_bound + r.retention end;
    retention_action := case when r.retention is null or r.is_default then null else r.retention_action end;
    return next;
  end loop;
  perform pg_catalog.set_config('app.owner_access', coalesce(v_access, ''), true);
end
$$;
comment on function app.partition_report(boolean) is
  'Partitions of every registered table: bounds (UTC), row_count (row_count_exact = false: the planner''s estimate, NULL if never analysed; p_exact counts every partition; the DEFAULT partition is always counted), total_bytes (with indexes and TOAST), '
  'retires_at (upper bound + retention: when retention drops or detaches it, per retention_action). For `kitchen-db partitions list`. EXECUTE: app_worker, app_admin.';
grant execute on function app.partition_report(boolean) to app_worker, app_admin;
