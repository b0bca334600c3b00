--! Previous: sha1:cd62f762afe7daf0c8e677c05a2a3ca1aa3c688b
--! Hash: sha1:12d4461e4b4d6f07a0f1899b9b939125971260d9
--! Message: partitions: registry of monthly-partitioned tables

-- Partition maintenance is driven by a registry, not by table names in code: one row per table that
-- is range-partitioned by month on a single time column (timestamptz, timestamp or date), with its
-- policy. The maintenance functions (later migrations in 12-19) read it; app.telemetry_events is
-- registered in the next migration. The registry lives in app_private: no application role may read
-- or change it (a DBA changes a policy with a plain UPDATE as the migration role).
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create table app_private.partitioned_tables (
  parent_table     regclass    not null,
  premake          integer     not null default 4,
  retention        interval,
  retention_action text        not null default 'detach',
  person_key       name,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now(),
  constraint partitioned_tables_pkey primary key (parent_table),
  constraint partitioned_tables_premake_check check (premake between 0 and 36),
  constraint partitioned_tables_retention_check check (retention > interval '0'),
  constraint partitioned_tables_retention_action_check check (retention_action in ('drop', 'detach'))
);
create trigger set_updated_at before update on app_private.partitioned_tables
  for each row execute function app_private.set_updated_at();

comment on table app_private.partitioned_tables is
  'Registry of monthly range-partitioned tables that app.maintain_partitions() looks after: months to create ahead, retention, and what retention does. '
  'Partitions are named <table>_YYYY_MM and bounded by UTC month starts; the table should have a DEFAULT partition, which catches rows no monthly partition covers until maintenance moves them out. '
  'Register a table with app_private.register_partitioned_table(...).';
comment on column app_private.partitioned_tables.parent_table is 'The partitioned (parent) table, partitioned BY RANGE on one timestamptz, timestamp or date column.';
comment on column app_private.partitioned_tables.premake is 'Monthly partitions kept ready ahead of the current UTC month (the current month is always created too): 3 means current month + 3.';
comment on column app_private.partitioned_tables.retention is 'Age after which a whole partition is retired: a partition is retired once its upper bound is at or before now() - retention. NULL keeps partitions forever.';
comment on column app_private.partitioned_tables.retention_action is 'What retention does with a retired partition: drop (the rows are gone) or detach (it becomes a standalone table with the same name, indexes, constraints, row-level security and comments; a DBA archives and drops it).';
comment on column app_private.partitioned_tables.person_key is 'Column holding the person (usually user_id) when the table is person-owned: every new partition then gets app_private.enable_person_rls(partition, person_key). NULL for tables without row-level security.';
comment on column app_private.partitioned_tables.created_at is 'When the table was registered.';
comment on column app_private.partitioned_tables.updated_at is 'Last policy change (trigger set_updated_at).';

create function app_private.partition_key(p_parent regclass)
  returns table (key_column name, key_type regtype)
  language sql
  stable
  set search_path = ''
as $$
  select a.attname, a.atttypid::pg_catalog.regtype
  from pg_catalog.pg_partitioned_table pt
  join pg_catalog.pg_attribute a on a.attrelid = pt.partrelid and a.attnum = pt.partattrs[0]
  where pt.partrelid = p_parent
    and pt.partstrat = 'r'
    and pt.partnatts = 1
    and pt.partattrs[0] <> 0  -- a column, not an expression
$$;
comment on function app_private.partition_key(regclass) is
  'The partition key column and its type of a table partitioned BY RANGE on exactly one column; no row for anything else (list/hash partitioning, expressions, several columns, not partitioned).';

create function app_private.register_partitioned_table(
  p_parent           regclass,
  p_premake          integer  default 4,
  p_retention        interval default null,
  p_retention_action text     default 'detach',
  p_person_key       name     default null
) returns void
  language plpgsql
  set search_path = ''
as $$
declare
  v_type regtype;
begin
  select key_type into v_type from app_private.partition_key(p_parent);
  if v_type is null then
    raise exception '% is not partitioned by range on one column', p_parent
      using errcode = 'invalid_parameter_value';
  end if;
  if v_type not in ('timestamp with time zone'::pg_catalog.regtype, 'timestamp without time zone'::pg_catalog.regtype, 'date'::pg_catalog.regtype) then
    raise exception '% is partitioned on a % column; monthly partitions need timestamptz, timestamp or date', p_parent, v_type
      using errcode = 'invalid_parameter_value';
  end if;
  -- <table>_YYYY_MM must fit in an identifier (63 bytes).
  if pg_catalog.octet_length((select c.relname from pg_catalog.pg_class c where c.oid = p_parent)) > 55 then
    raise exception 'the name of % is too long for <table>_YYYY_MM partition names', p_parent
      using errcode = 'invalid_parameter_value';
  end if;
  if p_person_key is not null and not exists (
    select from pg_catalog.pg_attribute
    where attrelid = p_parent and attname = p_person_key and attnum > 0 and not attisdropped
  ) then
    raise exception '% has no column %', p_parent, p_person_key using errcode = 'undefined_column';
  end if;
  insert into app_private.partitioned_tables (parent_table, premake, retention, retention_action, person_key)
  values (p_parent, p_premake, p_retention, p_retention_action, p_person_key)
  on conflict (parent_table) do update
    set premake = excluded.premake,
        retention = excluded.retention,
        retention_action = excluded.retention_action,
        person_key = excluded.person_key;
end
$$;
comment on function app_private.register_partitioned_table(regclass, integer, interval, text, name) is
  'Adds a table to the partition registry, or changes its policy (idempotent). Checks that it is range-partitioned on one timestamptz/timestamp/date column and that <table>_YYYY_MM fits in a name. Run it in the migration that creates the table.';
