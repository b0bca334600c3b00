-- kitchen-db cluster roles.
--
-- Run once per cluster, as the root connection (a superuser, or a role with CREATEROLE such as
-- Amazon RDS's master user), BEFORE migrating: roles are cluster-wide, migrations are per database.
-- Idempotent: creates what is missing, refreshes the comments, never drops or weakens anything.
--
-- All roles are NOLOGIN group roles. A service connects with its own LOGIN role that is a member
-- of the roles it may act as (kitchen-db switches with SET LOCAL ROLE inside each transaction):
--   create role my_service login password '…';
--   grant app_user, app_admin, app_worker to my_service;
-- No application role owns a table or has BYPASSRLS. kitchen_owner is the stable owner role: the
-- policies that let the owner's SECURITY DEFINER functions see every person's rows (owner_access)
-- name it, not whichever login ran the migrations, so a dump restored with `pg_restore --no-owner`
-- by another login works when that login is a member. The migration login must be kitchen_owner or
-- a member of it (migration 000062 checks):
--   grant kitchen_owner to my_migration_login;

do $roles$
declare
  r record;
begin
  for r in
    select * from (values
      ('app_user',       'kitchen-db: what a service acts as for one signed-in person (app.user_id set per transaction); row-level security applies.'),
      ('app_admin',      'kitchen-db: admin portal: manages recipes and firmware releases, reads people''s data read-only.'),
      ('app_worker',     'kitchen-db: the pg-boss job worker (partitions, embeddings, metrics, sweeps, scheduled GDPR purges).'),
      ('app_compliance', 'kitchen-db: compliance staff: may only execute the GDPR export/purge functions, which audit every call.'),
      ('auth_service',   'kitchen-db: Better-Auth: reads and writes the auth schema only.'),
      ('kitchen_owner',  'kitchen-db: the stable owner role. Objects belong to it or to a member of it (the migration login); the owner_access policies name it. Never granted to a service login (docs/security.md).')
    ) as v(name, note)
  loop
    if not exists (select from pg_catalog.pg_roles where rolname = r.name) then
      execute format('create role %I nologin', r.name);
    end if;
    execute format('comment on role %I is %L', r.name, r.note);
  end loop;

  -- Refuse to continue with a role that could bypass row-level security (somebody changed it by hand).
  for r in
    select rolname from pg_catalog.pg_roles
    where rolname in ('app_user', 'app_admin', 'app_worker', 'app_compliance', 'auth_service')
      and (rolsuper or rolbypassrls)
  loop
    raise exception 'kitchen-db role % is SUPERUSER or BYPASSRLS; a superuser must run: alter role % nosuperuser nobypassrls', r.rolname, r.rolname;
  end loop;
end
$roles$;
