--! Previous: sha1:0db67d3c755e93621da28154f614fdbd275d5493
--! Hash: sha1:339277b038c7f671b446a495bccccfd0fcdbe9f5
--! Message: security: owner_access policies name the stable owner role kitchen_owner, not the migration login

set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Issue 14 (high). The owner_access policies (000010: the owner sees every person's rows while its
-- SECURITY DEFINER functions switch app.owner_access on) were created `TO current_user` / the table
-- owner: the login that ran the migrations. A dump restored with `pg_restore --no-owner` by another
-- non-superuser login (what a DBA does on a managed server) kept policies for the old login, while
-- FORCE ROW LEVEL SECURITY bound the new owner: the GDPR functions, purges, partition maintenance
-- and pairing then saw nobody, without an error.
--
-- From here on they name the stable NOLOGIN role kitchen_owner (sql/roles.sql). A policy applies to
-- the members of its roles, so the owner may be kitchen_owner itself (databases kitchen-db manages:
-- tests, the embedded engine) or any login that is a member of it (a migration login, the login that
-- restored a dump). The next migration makes the functions fail loudly when their owner is neither.
do $$
begin
  if not exists (select from pg_catalog.pg_roles where rolname = 'kitchen_owner') then
    raise exception 'kitchen-db: the role kitchen_owner does not exist'
      using errcode = 'undefined_object',
            hint = 'Run sql/roles.sql as a superuser or a role with CREATEROLE (kitchen-db migrate does it when its root connection may), then migrate again.';
  end if;
  if not pg_catalog.pg_has_role(current_user, 'kitchen_owner', 'USAGE') then
    raise exception 'kitchen-db: the migration role % is not a member of kitchen_owner (the stable owner role the owner_access policies name)', current_user
      using errcode = 'insufficient_privilege',
            hint = pg_catalog.format('As a superuser or a role with CREATEROLE run: grant kitchen_owner to %I; then migrate again (docs/operations.md).', current_user);
  end if;
end
$$;

-- Every existing owner_access policy (tables and their partitions): same expressions, new role.
do $$
declare
  p record;
begin
  for p in
    select pol.polrelid::regclass as rel
      from pg_catalog.pg_policy pol
      join pg_catalog.pg_class c on c.oid = pol.polrelid
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
     where pol.polname = 'owner_access' and n.nspname in ('app', 'app_private', 'auth')
     order by 1::text
  loop
    execute pg_catalog.format('alter policy owner_access on %s to kitchen_owner', p.rel);
  end loop;
end
$$;

-- New partitions get the same: the function 000010 defined, with owner_access for kitchen_owner and
-- a comment on every policy it creates.
create or replace function app_private.enable_person_rls(p_table regclass, p_key name default 'user_id') returns void
  language plpgsql
  set search_path = pg_catalog, pg_temp
as $$
declare
  part regclass;
  -- app.current_user_id(), written out (see 000010).
  me constant text := '(select nullif(pg_catalog.current_setting(''app.user_id'', true), '''')::pg_catalog.uuid)';
  on_ constant text := '(pg_catalog.current_setting(''app.owner_access'', true) = ''on'')';
begin
  -- The table itself and, for a partitioned table, every partition: a partition queried directly
  -- uses its own settings, not its parent's.
  for part in
    select p_table
    union
    select relid from pg_catalog.pg_partition_tree(p_table)  -- empty for a plain table
  loop
    execute pg_catalog.format('alter table %s enable row level security, force row level security', part);
    execute pg_catalog.format('drop policy if exists person_select on %s', part);
    execute pg_catalog.format('drop policy if exists person_insert on %s', part);
    execute pg_catalog.format('drop policy if exists person_update on %s', part);
    execute pg_catalog.format('drop policy if exists person_delete on %s', part);
    execute pg_catalog.format('drop policy if exists admin_select on %s', part);
    execute pg_catalog.format('drop policy if exists worker_all on %s', part);
    execute pg_catalog.format('drop policy if exists owner_access on %s', part);
    execute pg_catalog.format('create policy person_select on %s for select to app_user using (%I = %s)', part, p_key, me);
    execute pg_catalog.format('create policy person_insert on %s for insert to app_user with check (%I = %s)', part, p_key, me);
    execute pg_catalog.format('create policy person_update on %s for update to app_user using (%I = %s) with check (%I = %s)', part, p_key, me, p_key, me);
    execute pg_catalog.format('create policy person_delete on %s for delete to app_user using (%I = %s)', part, p_key, me);
    execute pg_catalog.format('create policy admin_select on %s for select to app_admin using (true)', part);
    execute pg_catalog.format('create policy worker_all on %s for all to app_worker using (true) with check (true)', part);
    execute pg_catalog.format('create policy owner_access on %s for all to kitchen_owner using %s with check %s', part, on_, on_);
    execute pg_catalog.format('comment on policy person_select on %s is %L', part, pg_catalog.format('A person (app_user) reads their own rows: %I = app.current_user_id() (the transaction-local app.user_id; unset → no rows).', p_key));
    execute pg_catalog.format('comment on policy person_insert on %s is %L', part, pg_catalog.format('A person (app_user) inserts rows for themselves only: %I = app.current_user_id().', p_key));
    execute pg_catalog.format('comment on policy person_update on %s is %L', part, pg_catalog.format('A person (app_user) updates their own rows and cannot move one to somebody else (%I = app.current_user_id() before and after).', p_key));
    execute pg_catalog.format('comment on policy person_delete on %s is %L', part, pg_catalog.format('A person (app_user) deletes their own rows only: %I = app.current_user_id().', p_key));
    execute pg_catalog.format('comment on policy admin_select on %s is %L', part, 'The admin portal (app_admin) reads every row, read-only (what it may write is decided by its grants and other policies).');
    execute pg_catalog.format('comment on policy worker_all on %s is %L', part, 'The job worker (app_worker) reaches every row; what it may do is limited by its table grants.');
    execute pg_catalog.format('comment on policy owner_access on %s is %L', part, 'The stable owner role kitchen_owner (the owner of the objects is it or a member), only while app.owner_access = ''on'': SECURITY DEFINER functions switch it on in their body (app_private.owner_access_on) and restore it before returning. FORCE row-level security keeps the owner out otherwise.');
  end loop;
end
$$;
comment on function app_private.enable_person_rls(regclass, name) is
  'Enables and FORCEs row-level security on a person-owned table (and each of its partitions) and (re)creates the standard policies, each with a comment: person_select/insert/update/delete for app_user keyed on p_key = (select nullif(current_setting(''app.user_id'', true), '''')::uuid) — app.current_user_id() written out, planned for free —, admin_select for app_admin, worker_all for app_worker, owner_access for the stable owner role kitchen_owner while app.owner_access = ''on''. Idempotent. Every migration that adds a person-owned table calls it; partition maintenance calls it for new partitions.';

comment on policy owner_access on app.recipes is
  'The stable owner role kitchen_owner (the owner of the objects is it or a member), only while app.owner_access = ''on'' (SECURITY DEFINER functions set it in their body and restore it before returning).';
