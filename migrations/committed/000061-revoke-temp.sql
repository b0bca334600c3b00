--! Previous: sha1:148e25fb85298d9631cbcf054b1c7f667e872aac
--! Hash: sha1:0db67d3c755e93621da28154f614fdbd275d5493
--! Message: security: no application role may create temporary objects (TEMPORARY revoked from PUBLIC)

set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Issue 14 (critical). Temporary objects are how a caller plants code in a SECURITY DEFINER
-- function's path (pg_temp.text …, see 000060). No application role needs them, and every role has
-- TEMPORARY on a database through PUBLIC by default: revoke it from PUBLIC and from each application
-- role (an explicit grant), on this database.
--
-- Only the database's owner (or a superuser) can revoke it; for anyone else REVOKE does nothing and
-- says so in a WARNING. So the result is checked, and the migration fails with the statement the DBA
-- must run as the database owner. The database ACL is not part of a schema: `CREATE DATABASE …
-- TEMPLATE` and `pg_restore` into a new database start from the default (PUBLIC has TEMPORARY) again;
-- `kitchen-db migrate` checks it on every run (src/db/migrate.ts) and docs/operations.md says what
-- to run after a restore.
do $$
declare
  db name := pg_catalog.current_database();
  r name;
  still text;
begin
  execute pg_catalog.format('revoke temporary on database %I from public', db);
  foreach r in array array['app_user', 'app_admin', 'app_worker', 'app_compliance', 'auth_service']::name[] loop
    execute pg_catalog.format('revoke temporary on database %I from %I', db, r);
  end loop;
  select pg_catalog.string_agg(x, ', ' order by x) into still
    from pg_catalog.unnest(array['app_user', 'app_admin', 'app_worker', 'app_compliance', 'auth_service']::name[]) x
   where pg_catalog.has_database_privilege(x, db, 'TEMPORARY');
  if still is not null then
    raise exception 'kitchen-db: % may still create temporary objects in database % (TEMPORARY through PUBLIC or a grant), and % is not its owner', still, db, current_user
      using errcode = 'insufficient_privilege',
            hint = pg_catalog.format('As the database owner (%s) or a superuser run: revoke temporary on database %I from public, %s; then run the migrations again (docs/operations.md).',
                                     (select pg_catalog.pg_get_userbyid(datdba) from pg_catalog.pg_database where datname = db), db, still);
  end if;
end
$$;
