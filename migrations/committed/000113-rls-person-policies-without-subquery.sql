--! Previous: sha1:8ab273335c678dd826015f87fdbc6b57263c9935
--! Hash: sha1:cfd2a954456c83149d8b1cd5ba91ce7df391c934
--! Message: rls: person policies without the scalar subquery (Citus refuses subqueries in policies of distributed tables)

-- Issue 17 (Citus): "cannot create policy" / "Subqueries are not supported in policies on
-- distributed tables" (docs/scale-out.md section 5). The person policies compared the key with
-- (select nullif(current_setting('app.user_id', true), '')::uuid), a scalar subquery chosen in
-- 000010 so that the setting is read once per statement (an init plan). Without the subquery the
-- comparison is with a STABLE expression: as an index condition (every person query: the key leads
-- an index) it is still evaluated once per scan, and it can be pushed to the shards as it is.
-- Measured with bench/rls.ts before and after (the figures are in the report of issue 17).
--
-- Catalog-driven: every policy of app whose expressions contain a subquery (a SubLink) is
-- rewritten with ALTER POLICY, which keeps its roles and its comment; the key is the column the
-- policy compares (id on app.users, user_id elsewhere). app.embeddings' person_select keeps its
-- knowledge-base arm (user_id IS NULL). Any other policy with a subquery stops the migration.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

do $$
declare
  pol record;
  me constant text := 'nullif(pg_catalog.current_setting(''app.user_id'', true), '''')::pg_catalog.uuid';
  key name;
  expr text;
begin
  for pol in
    select p.polname, p.polrelid::regclass as rel, p.polcmd, p.polrelid
    from pg_catalog.pg_policy as p
    join pg_catalog.pg_class as c on c.oid = p.polrelid
    where c.relnamespace = 'app'::regnamespace
      and (p.polqual::text ~ '\{SUBLINK ' or p.polwithcheck::text ~ '\{SUBLINK ')
    order by 2::text, 1
  loop
    if pol.polname not in ('person_select', 'person_insert', 'person_update', 'person_delete') then
      raise exception 'policy % on % has a subquery and is not a person policy: rewrite it by hand', pol.polname, pol.rel;
    end if;
    key := case when pol.rel = 'app.users'::regclass then 'id' else 'user_id' end;
    expr := pg_catalog.format('%I = %s', key, me);
    if pol.rel = 'app.embeddings'::regclass and pol.polname = 'person_select' then
      expr := pg_catalog.format('user_id is null or %s', expr);  -- the shared knowledge base (000032)
    end if;
    execute pg_catalog.format('alter policy %I on %s %s', pol.polname, pol.rel,
      case pol.polname
        when 'person_insert' then pg_catalog.format('with check (%s)', expr)
        when 'person_update' then pg_catalog.format('using (%s) with check (%s)', expr, expr)
        else pg_catalog.format('using (%s)', expr)
      end);
  end loop;
  if exists (select from pg_catalog.pg_policy as p join pg_catalog.pg_class as c on c.oid = p.polrelid
             where c.relnamespace = 'app'::regnamespace
               and (p.polqual::text ~ '\{SUBLINK ' or p.polwithcheck::text ~ '\{SUBLINK ')) then
    raise exception 'a policy of app still has a subquery';
  end if;
end
$$;

-- New partitions (partition maintenance) and new person tables get the same form.
create or replace function app_private.enable_person_rls(p_table regclass, p_key name default 'user_id') returns void
  language plpgsql
  set search_path = pg_catalog, pg_temp
as $$
declare
  part regclass;
  -- app.current_user_id(), written out, without a scalar subquery (Citus refuses subqueries in
  -- policies of distributed tables; see 000113).
  me constant text := 'nullif(pg_catalog.current_setting(''app.user_id'', true), '''')::pg_catalog.uuid';
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
  'Enables and FORCEs row-level security on a person-owned table (and each of its partitions) and (re)creates the standard policies, each with a comment: person_select/insert/update/delete for app_user keyed on p_key = nullif(current_setting(''app.user_id'', true), '''')::uuid — app.current_user_id() written out, without a subquery (Citus refuses subqueries in policies of distributed tables; the value is a stable expression, so an index scan on p_key still evaluates it once per scan) —, admin_select for app_admin, worker_all for app_worker, owner_access for the stable owner role kitchen_owner while app.owner_access = ''on''. Idempotent. Every migration that adds a person-owned table calls it; partition maintenance calls it for new partitions.';


comment on function app.current_user_id() is
  'The person the current transaction acts for: the transaction-local setting app.user_id (set_config(''app.user_id'', id, true)). NULL when unset or empty, so row-level security fails closed. The person policies of app_private.enable_person_rls use the same expression written out, without a subquery (000113: Citus refuses subqueries in policies of distributed tables). Deliberately without SET search_path (functions and types are schema-qualified) so that the planner inlines it into the queries that call it.';
