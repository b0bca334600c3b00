--! Previous: sha1:4a9a12304ede332be1627f0123c50f8f27d41b4e
--! Hash: sha1:148e25fb85298d9631cbcf054b1c7f667e872aac
--! Message: security: every function that pins search_path pins pg_catalog, pg_temp (pg_temp last)

set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Issue 14 (critical). Until now our functions pinned `search_path = ''`. With pg_temp NOT named in
-- the path, PostgreSQL searches the session's temporary schema FIRST for relations and types: a
-- caller allowed to create temporary objects could `create domain pg_temp.text as pg_catalog.text
-- check (pg_temp.evil())`, call a SECURITY DEFINER function, and evil() ran as the function's owner.
-- Named explicitly and last, pg_temp is searched after pg_catalog, so every built-in name wins, and
-- PostgreSQL never searches pg_temp for functions or operators at all.
--
-- Not only the SECURITY DEFINER functions: trigger functions and helpers also run inside definer
-- bodies (a purge fires the tables' triggers as the owner), so every function of app, app_private
-- and auth that pins a search_path today gets the new one. ALTER FUNCTION … SET changes that one
-- setting and keeps the others (TimeZone, lock_timeout …). Bodies are unchanged: every name in them
-- is schema-qualified (plpgsql_check in test/security.test.ts), so '' and 'pg_catalog, pg_temp'
-- resolve them the same way (pg_catalog is searched implicitly under '').
-- app.current_user_id() pins nothing (it must stay inlinable) and is left alone.
-- The result, function by function, is in sql/schema.sql (SET search_path TO 'pg_catalog', 'pg_temp').
do $$
declare
  f regprocedure;
  n int := 0;
begin
  for f in
    select p.oid::regprocedure
      from pg_catalog.pg_proc p
      join pg_catalog.pg_namespace s on s.oid = p.pronamespace
     where s.nspname in ('app', 'app_private', 'auth')
       and exists (select from pg_catalog.unnest(p.proconfig) c where c like 'search\_path=%')
       -- an extension's function is the extension's business
       and not exists (select from pg_catalog.pg_depend d
                        where d.classid = 'pg_catalog.pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
     order by 1::text
  loop
    execute pg_catalog.format('alter function %s set search_path = pg_catalog, pg_temp', f);
    n := n + 1;
  end loop;
  raise notice 'search_path = pg_catalog, pg_temp set on % functions', n;
end
$$;
