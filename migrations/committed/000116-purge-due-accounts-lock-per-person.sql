--! Previous: sha1:d7ca1d5c2f157041a0cb7ca13a9688fb1b3f4c86
--! Hash: sha1:f1d90d4cc224d1a13ac50c51bb8a01f13dc70b5f
--! Message: gdpr: app_private.purge_due_accounts locks each due person by id (FOR UPDATE SKIP LOCKED per person)

-- Issue 17 (Citus): FOR UPDATE / SKIP LOCKED needs an equality filter on the distribution column
-- (app.users: id); the due accounts were selected and locked in one statement over every shard
-- ("could not run distributed query with FOR UPDATE/SHARE commands", docs/scale-out.md section 7).
-- Now the candidates are read without a lock (the partial index idx_users_deletion_due), then each
-- is locked on its own, by id, with SKIP LOCKED and the due condition checked again under the lock
-- (a cancelled request or a concurrent purge in between leaves it alone). Same rule as before: two
-- workers never purge the same person, and a person whose row is busy waits for the next run.
-- Same signature: CREATE OR REPLACE keeps its privileges and comment.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create or replace function app_private.purge_due_accounts(p_now timestamp with time zone default pg_catalog.now(), p_limit integer default 100)
  returns jsonb
  language plpgsql
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
  perform pg_catalog.set_config('app.owner_access', coalesce(v_prev, ''), true);
  return pg_catalog.jsonb_build_object('now', p_now, 'purged', v_purged, 'remaining', v_remaining, 'tables', v_tables, 'total_rows', v_total);
end
$$;
