--! Previous: sha1:2507d56c2428bae145cfcc9004b8e8d53c763a38
--! Hash: sha1:3378c9b0e9c4d2213020dbe685d4119b4f63a8dc
--! Message: citus: every function restores app.owner_access through app_private.owner_access_restore (propagating SET LOCAL), catalog-driven, after every other migration

set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Issue 17. Numbered 000299 on purpose: it runs after every migration that (re)defines a function
-- restoring owner_access the old way, whichever helper's range it came from, and rewrites what the
-- catalog holds at that point. A function restores the previous value with
--   perform pg_catalog.set_config('app.owner_access', coalesce(<v>, ''), true);
-- which on a Citus cluster changes the coordinator only: the workers' shards would keep the owner's
-- access on for the rest of the transaction (000160 switches it on the propagating way). Each such
-- statement becomes `perform app_private.owner_access_restore(<v>);` (SET LOCAL after
-- citus.propagate_set_commands = 'local'; the same transaction-local setting without Citus). As in
-- 000063: the definition as the catalog has it, with those statements replaced; CREATE OR REPLACE
-- keeps owner, grants and comment. Any other way a function of ours sets an app.* setting stops the
-- migration, naming the function: it would not reach the shards. test/security.test.ts checks the
-- same for functions added later.
do $$
declare
  f regprocedure;
  def text;
  new_def text;
  done text[] := '{}';
begin
  for f in
    select p.oid::regprocedure
      from pg_catalog.pg_proc p
      join pg_catalog.pg_namespace n on n.oid = p.pronamespace
     where n.nspname in ('app', 'app_private', 'auth')
       and p.prosrc ~ 'set_config\s*\(\s*''app\.'
     order by 1::text
  loop
    def := pg_catalog.pg_get_functiondef(f);
    new_def := pg_catalog.regexp_replace(def,
      'perform pg_catalog\.set_config\(''app\.owner_access'', coalesce\(([a-z_][a-z0-9_]*), ''''\), true\);',
      'perform app_private.owner_access_restore(\1);', 'g');
    new_def := pg_catalog.replace(new_def,
      'perform pg_catalog.set_config(''app.owner_access'', ''on'', true);', 'perform app_private.owner_access_on();');
    if new_def ~ 'set_config\s*\(\s*''app\.' then
      raise exception 'kitchen-db: % sets an app.* setting with set_config in a way this migration does not know; on Citus that stays on the coordinator. Change it by hand to app_private.owner_access_on() / app_private.owner_access_restore(prev) (or SET LOCAL after citus.propagate_set_commands = ''local'')', f;
    end if;
    execute new_def;
    done := done || f::text;
  end loop;
  raise notice 'owner_access restored through app_private.owner_access_restore() in % functions: %', pg_catalog.cardinality(done), pg_catalog.array_to_string(done, ', ');
end
$$;
