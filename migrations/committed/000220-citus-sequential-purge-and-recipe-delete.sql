--! Previous: sha1:33fa25257216035b8dc1053760e47a186f8022c5
--! Hash: sha1:7192cc1525c6feebdc01c61b398c9e6b36ae9fb4
--! Message: citus: the GDPR purge and the recipe deletion run their multi-shard work over one connection per node

-- Issue 17 (Citus). The purge nulls app.recipes.created_by and app.recipe_admin_delete deletes from
-- app.recipes: a reference table that the distributed app.cooking_sessions has a foreign key to. After
-- multi-shard work earlier in the same transaction (the due accounts, the person's identity, jobs, the
-- "nothing left" checks) Citus refuses that with XX000 "cannot modify table "recipes" because there
-- was a parallel operation on a distributed table in the transaction" and asks for
-- citus.multi_shard_modify_mode = 'sequential'. Each entry point now sets it first, for the rest of
-- the transaction (set_config(…, true): a SET clause on the function would need a superuser to
-- create on a server without Citus, where the name is an unknown placeholder; here it is a placeholder
-- nobody reads). Only slower multi-shard statements afterwards in the same transaction, never a
-- different result. Redefines app.purge_user, app_private.purge_due_accounts and
-- app.recipe_admin_delete (bodies as after 000299, plus that one line).
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create or replace function app.purge_user(p_user_id uuid)
  returns jsonb
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_prev text := pg_catalog.current_setting('app.owner_access', true);
  v_result jsonb;
begin
  if p_user_id is null then
    raise exception 'p_user_id must not be null' using errcode = 'null_value_not_allowed';
  end if;
  -- Citus: one connection per node before the first multi-shard statement (see the header).
  perform pg_catalog.set_config('citus.multi_shard_modify_mode', 'sequential', true);
  perform app_private.owner_access_on();
  v_result := app_private.purge_user_core(p_user_id, 'compliance');
  perform app_private.owner_access_restore(v_prev);
  return v_result;
end
$$;


create or replace function app_private.purge_due_accounts(p_now timestamptz default pg_catalog.now(), p_limit integer default 100)
  returns jsonb
  language plpgsql
  volatile
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_prev text := pg_catalog.current_setting('app.owner_access', true);
  v_candidate uuid;
  v_locked uuid;
  v_result jsonb;
  v_purged integer := 0;
  v_total bigint := 0;
  v_tables jsonb := '{}';
  v_remaining bigint;
begin
  if p_now is null then
    raise exception 'p_now must not be null' using errcode = 'null_value_not_allowed';
  end if;
  if p_limit is null or p_limit < 1 or p_limit > 1000 then
    raise exception 'p_limit must be between 1 and 1000 (got %)', p_limit using errcode = 'invalid_parameter_value';
  end if;
  -- Citus: one connection per node before the first multi-shard statement (see the header).
  perform pg_catalog.set_config('citus.multi_shard_modify_mode', 'sequential', true);
  perform app_private.owner_access_on();
  -- Candidates without a lock (may include people another worker is purging), then one person at a time.
  for v_candidate in
    select u.id from app.users as u
    where u.deletion_due_at <= p_now
    order by u.deletion_due_at, u.id
    limit p_limit
  loop
    select u.id into v_locked from app.users as u
    where u.id = v_candidate and u.deletion_due_at <= p_now
    for update skip locked;
    continue when not found;
    v_result := app_private.purge_user_core(v_locked, 'deletion_request_due');
    v_purged := v_purged + 1;
    v_total := v_total + (v_result ->> 'total_rows')::bigint;
    select coalesce(pg_catalog.jsonb_object_agg(k, coalesce((v_tables ->> k)::bigint, 0) + (v_result -> 'tables' ->> k)::bigint), '{}')
      into v_tables
    from pg_catalog.jsonb_object_keys(v_result -> 'tables') as k;
  end loop;
  select pg_catalog.count(*) into v_remaining from app.users as u where u.deletion_due_at <= p_now;
  perform app_private.owner_access_restore(v_prev);
  return pg_catalog.jsonb_build_object('now', p_now, 'purged', v_purged, 'remaining', v_remaining, 'tables', v_tables, 'total_rows', v_total);
end
$$;


create or replace function app.recipe_admin_delete(p_id uuid)
  returns setof uuid
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_access text := pg_catalog.current_setting('app.owner_access', true);
  v_old app.recipes;
  v_deleted boolean;
begin
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('app.recipes.sync'));
  -- Citus: one connection per node before the first multi-shard statement (see the header).
  perform pg_catalog.set_config('citus.multi_shard_modify_mode', 'sequential', true);
  perform app_private.owner_access_on();
  delete from app.recipes as r where r.id = p_id returning r.* into v_old;
  v_deleted := found;
  if v_deleted then
    perform app_private.recipe_write_side_tables(v_old, null);
  end if;
  perform app_private.owner_access_restore(v_access);
  if v_deleted then
    return next v_old.id;
  end if;
end
$$;
