--! Previous: sha1:946d186c13803f59f8dfc8a64285b570fb80c8c9
--! Hash: sha1:e7caad17ea55f6b81220dbfc90b024dc0f02cade
--! Message: row-level security

-- Row-level security keyed on user_id, for every table that holds a person's data.
--
-- Who sees what (privileges are granted in the next migration; a policy alone grants nothing):
--   app_user   its own rows: user_id = (select <the person context>) — the scalar subquery makes
--              the setting be read once per statement, not once per row. No setting → no rows.
--              <the person context> is app.current_user_id()'s expression written out
--              (nullif(current_setting('app.user_id', true), '')::uuid), not a call: stored as a
--              parsed tree it costs nothing to plan, where even the inlined function is re-parsed
--              at every planning. Measured on PostgreSQL 15 (plan + execution over an explicit
--              filter): ~50 µs with the original function, ~30 µs inlined, ~15 µs written out —
--              the difference between missing and meeting the 1.2× target of bench/rls.ts.
--   app_admin  every row, read-only (admin_select).
--   app_worker every row; what it may do is limited by its grants (worker_all).
--   the owner  (the migration role) nothing, like everyone else (FORCE), except while
--              app.owner_access is 'on' (owner_access): SECURITY DEFINER functions that must see
--              every person's rows turn it on with set_config('app.owner_access', 'on', true) in
--              their body and restore the previous value before returning. (Not with a
--              `SET app.owner_access = on` clause: PostgreSQL 15+ lets only a superuser, or a role
--              granted SET ON PARAMETER, put a custom placeholder in a function's SET clause, and
--              the migration role of a managed server is neither.) Anyone may set a custom
--              setting, so the policy is also restricted TO the owner role: for app_user & co. the
--              setting changes nothing. Views owned by the owner would therefore be a way in:
--              every view must be security_invoker (static check in test/security.test.ts).
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- The person context, redefined so that the planner can inline it. Queries of the access layer
-- call it (`where user_id = app.current_user_id()`); PostgreSQL inlines a SQL function only when
-- it has no SET clause, and PostgreSQL 15 re-plans a non-inlined SQL function's body on every
-- statement (plus the GUC save/restore of its `set search_path`) — once per row where it ends up
-- in a filter. Inlined it is a plain STABLE expression (usable as an index key, evaluated once).
-- Instead of `set search_path = ''`, every function and type in the body is schema-qualified; the
-- one operator (the `=` inside NULLIF) resolves in pg_catalog first unless a caller puts another
-- schema before it, and no application role can create an operator anywhere (static check in
-- test/security.test.ts, which also keeps this function inlinable and allows it, alone, without
-- search_path).
create or replace function app.current_user_id() returns uuid
  language sql
  stable
  parallel safe
as $$
  select nullif(pg_catalog.current_setting('app.user_id', true), '')::pg_catalog.uuid
$$;
comment on function app.current_user_id() is
  'The person the current transaction acts for: the transaction-local setting app.user_id (set_config(''app.user_id'', id, true)). NULL when unset or empty, so row-level security fails closed. The person policies of app_private.enable_person_rls use the same expression written out, in a scalar subquery. Deliberately without SET search_path (functions and types are schema-qualified) so that the planner inlines it into the queries that call it.';

create function app_private.enable_person_rls(p_table regclass, p_key name default 'user_id') returns void
  language plpgsql
  set search_path = ''
as $$
declare
  part regclass;
  owner_role name;
  -- app.current_user_id(), written out (see the top of this migration).
  me constant text := '(select nullif(pg_catalog.current_setting(''app.user_id'', true), '''')::pg_catalog.uuid)';
begin
  -- The table itself and, for a partitioned table, every partition: a partition queried directly
  -- uses its own settings, not its parent's.
  for part in
    select p_table
    union
    select relid from pg_catalog.pg_partition_tree(p_table)  -- empty for a plain table
  loop
    select r.rolname into owner_role
    from pg_catalog.pg_class c join pg_catalog.pg_roles r on r.oid = c.relowner
    where c.oid = part;
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
    execute pg_catalog.format(
      'create policy owner_access on %s for all to %I using (pg_catalog.current_setting(''app.owner_access'', true) = ''on'') with check (pg_catalog.current_setting(''app.owner_access'', true) = ''on'')',
      part, owner_role);
  end loop;
end
$$;
comment on function app_private.enable_person_rls(regclass, name) is
  'Enables and FORCEs row-level security on a person-owned table (and each of its partitions) and (re)creates the standard policies: person_select/insert/update/delete for app_user keyed on p_key = (select nullif(current_setting(''app.user_id'', true), '''')::uuid) — app.current_user_id() written out, planned for free —, admin_select for app_admin, worker_all for app_worker, owner_access for the owner while app.owner_access = ''on'' (SECURITY DEFINER functions turn it on with set_config in their body). Idempotent. Every migration that adds a person-owned table calls it; partition maintenance calls it for new partitions.';

-- Person-owned tables: one row = one person's data.
select app_private.enable_person_rls(t) from (values
  ('app.user_preferences'::regclass),
  ('app.user_goals'),
  ('app.push_tokens'),
  ('app.meal_logs'),
  ('app.meal_foods'),
  ('app.conversations'),
  ('app.messages'),
  ('app.embeddings'),
  ('app.api_usage'),
  ('app.daily_nutrition'),
  ('app.daily_ai_cost'),
  ('app.appliances'),
  ('app.cooking_sessions'),
  ('app.telemetry_events')
) as v(t);

-- app.users is keyed on its own id.
select app_private.enable_person_rls('app.users', 'id');

-- Embeddings: rows with a NULL user_id are the shared knowledge base, readable by every person and
-- written only by the admin portal and the worker.
drop policy person_select on app.embeddings;
create policy person_select on app.embeddings for select to app_user
  using (user_id is null or user_id = (select nullif(pg_catalog.current_setting('app.user_id', true), '')::pg_catalog.uuid));
create policy admin_knowledge on app.embeddings for all to app_admin
  using (user_id is null) with check (user_id is null);
comment on policy person_select on app.embeddings is
  'A person reads their own embeddings and the shared knowledge base (user_id IS NULL); writes stay limited to their own rows.';
comment on policy admin_knowledge on app.embeddings is
  'The admin portal curates the shared knowledge base (user_id IS NULL) only; people''s embeddings stay read-only to it.';

-- Recipes are shared, not person-owned: people read the published ones, the admin portal manages
-- them all. (firmware_releases and recipe_tombstones hold nothing personal or unpublished: plain
-- grants, no row-level security.)
alter table app.recipes enable row level security, force row level security;
create policy published_select on app.recipes for select to app_user using (is_published);
create policy admin_all on app.recipes for all to app_admin using (true) with check (true);
create policy worker_select on app.recipes for select to app_worker using (true);
create policy owner_access on app.recipes for all to current_user
  using (pg_catalog.current_setting('app.owner_access', true) = 'on')
  with check (pg_catalog.current_setting('app.owner_access', true) = 'on');
comment on policy published_select on app.recipes is 'People (and their devices) see published recipes only.';
comment on policy admin_all on app.recipes is 'The admin portal creates, edits, publishes, unpublishes and deletes recipes.';
comment on policy worker_select on app.recipes is 'The worker reads recipes (e.g. to embed them); it never writes them.';
comment on policy owner_access on app.recipes is 'The owner, only while app.owner_access = ''on'' (SECURITY DEFINER functions set it with set_config in their body and restore it before returning).';
