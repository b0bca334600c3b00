--! Previous: sha1:d0fdc7524e70843b3eeeaf61fa34fdbf68399c3d
--! Hash: sha1:68f1265138ac47efd40ed0dd99574b81aabf6f0f
--! Message: grants: app_worker may VACUUM the DEFAULT partitions (MAINTAIN, PostgreSQL 17 and later)

set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- After partition maintenance moves rows out of a DEFAULT partition, the worker VACUUMs it
-- (src/jobs/partitions.ts; a function cannot, VACUUM runs outside transactions). VACUUM needs the
-- table's owner, a superuser or, from PostgreSQL 17, the MAINTAIN privilege. Production runs 15+:
-- on 15 and 16 the worker's VACUUM is skipped with a warning (reported in the job output) and
-- autovacuum reclaims the space; from 17 app_worker gets MAINTAIN on each registered table's DEFAULT
-- partition, and nothing else.
do $$
declare
  d record;
begin
  if pg_catalog.current_setting('server_version_num')::int < 170000 then
    return;
  end if;
  for d in
    select c.oid::regclass as part
      from app_private.partitioned_tables t
      join pg_catalog.pg_inherits i on i.inhparent = t.parent_table
      join pg_catalog.pg_class c on c.oid = i.inhrelid
     where pg_catalog.pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT'
  loop
    execute pg_catalog.format('grant maintain on table %s to app_worker', d.part);
  end loop;
end
$$;
