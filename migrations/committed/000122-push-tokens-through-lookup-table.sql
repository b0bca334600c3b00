--! Previous: sha1:5c853d597e125a51dcc56e5f4bd83ee46a806a4c
--! Hash: sha1:036f392d56a1af0ea13c317df664e6f4b846e748
--! Message: accounts: push tokens are owned through app.push_token_owners (register, unregister, stale sweep)

-- Issue 17 (docs/scale-out.md section 4). A token is unique across people through its lookup row in
-- app.push_token_owners (one shard on Citus), not through push_tokens_token_key (dropped in 000130):
-- - app.register_push_token locks the lookup row first (SELECT ... FOR UPDATE by token), or claims
--   it (INSERT ... ON CONFLICT DO NOTHING; the loser of a race waits and then finds the winner's
--   row), then writes the person's row. A token moving to another person is deleted from the
--   previous holder's rows and inserted into the caller's with the same id and created_at (on Citus
--   the rows live on different shards: a distribution column cannot be updated);
-- - removing a token (removePushToken, refreshPushToken) goes through the new SECURITY DEFINER
--   app.unregister_push_token, which deletes the row and its lookup row together: app_user loses
--   DELETE on app.push_tokens, so no token row can disappear without its lookup row;
-- - the worker's stale-token sweep deletes both in one transaction.
-- The lookup row keys on sha256(convert_to(token, 'UTF8')) (000120: the token is a credential).
-- A lookup row whose push_tokens row is gone (none should exist) counts as free.
-- Backfill under a SHARE ROW EXCLUSIVE lock on app.push_tokens, in the same transaction as the new
-- writers.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

lock table app.push_tokens in share row exclusive mode;
select app_private.owner_access_on();
insert into app.push_token_owners (token_sha256, user_id, push_token_id, created_at)
select pg_catalog.sha256(pg_catalog.convert_to(t.token, 'UTF8')), t.user_id, t.id, t.created_at from app.push_tokens as t;
select pg_catalog.set_config('app.owner_access', '', true);

create or replace function app.register_push_token(p_platform text, p_token text)
  returns table (id uuid, platform text, token text, created_at timestamptz, updated_at timestamptz, moved_from_other boolean)
  language plpgsql
  security definer
  set search_path = pg_catalog, pg_temp
as $$
#variable_conflict use_column
declare
  v_access   text := pg_catalog.current_setting('app.owner_access', true);
  v_me       uuid := app.current_user_id();
  v_holder   uuid;
  v_token_id uuid;
  v_claimed  boolean := false;
  v_old      app.push_tokens;
  v_key      bytea := pg_catalog.sha256(pg_catalog.convert_to(p_token, 'UTF8'));
  v_row      app.push_tokens;
begin
  if v_me is null then
    raise exception 'register_push_token needs a person context (app.user_id)'
      using errcode = 'insufficient_privilege';
  end if;
  if p_token is null then
    raise exception 'token is required' using errcode = 'not_null_violation', column = 'token', table = 'push_tokens';
  end if;
  perform app_private.owner_access_on();

  -- The token's lookup row first, locked: who holds it, and every registration of it queues here.
  select o.user_id, o.push_token_id into v_holder, v_token_id
  from app.push_token_owners as o where o.token_sha256 = v_key for update;
  if not found then
    insert into app.push_token_owners as o (token_sha256, user_id, push_token_id)
    values (v_key, v_me, pg_catalog.gen_random_uuid())
    on conflict (token_sha256) do nothing
    returning o.user_id, o.push_token_id into v_holder, v_token_id;
    v_claimed := found;
    if not v_claimed then
      -- A concurrent first registration of the same token claimed it first (ON CONFLICT waited).
      select o.user_id, o.push_token_id into v_holder, v_token_id
      from app.push_token_owners as o where o.token_sha256 = v_key for update;
    end if;
  end if;

  if not v_claimed then
    -- The holder's row (absent only if it was removed without its lookup row: then the token is free).
    delete from app.push_tokens as t
     where v_holder <> v_me and t.user_id = v_holder and t.id = v_token_id and t.token = p_token
    returning t.* into v_old;
    update app.push_tokens as t
       set platform = p_platform
     where v_holder = v_me and t.user_id = v_me and t.id = v_token_id and t.token = p_token
    returning t.* into v_row;
  end if;

  if v_row.id is null then
    insert into app.push_tokens as t (id, user_id, platform, token, created_at)
    values (v_token_id, v_me, p_platform, p_token, coalesce(v_old.created_at, pg_catalog.now()))
    returning t.* into v_row;
    if v_holder <> v_me then
      update app.push_token_owners as o set user_id = v_me where o.token_sha256 = v_key;
    end if;
  end if;

  perform pg_catalog.set_config('app.owner_access', coalesce(v_access, ''), true);
  return query select v_row.id, v_row.platform::text, v_row.token, v_row.created_at, v_row.updated_at,
                      v_old.id is not null;
end
$$;

comment on function app.register_push_token(text, text) is
  'Registers (or refreshes) an FCM/APNs token for the current person (app.current_user_id()). The token is unique across people through app.push_token_owners, whose row is locked (or claimed) first: re-registered by another person, the token''s row moves to them with its id and created_at (deleted from the previous holder, inserted for the caller; moved_from_other = true); re-registered by its holder, it is refreshed (updated_at, platform). CHECKs push_tokens_platform_check / push_tokens_token_check apply. SECURITY DEFINER (app.owner_access on while it runs) because the previous holder''s row and the lookup table are invisible to the person; executable by app_user only.';

create function app.unregister_push_token(p_token text)
  returns uuid
  language plpgsql
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_access text := pg_catalog.current_setting('app.owner_access', true);
  v_me     uuid := app.current_user_id();
  v_id     uuid;
  v_key    bytea := pg_catalog.sha256(pg_catalog.convert_to(p_token, 'UTF8'));
begin
  if v_me is null then
    raise exception 'unregister_push_token needs a person context (app.user_id)'
      using errcode = 'insufficient_privilege';
  end if;
  perform app_private.owner_access_on();
  -- Same lock order as app.register_push_token: the lookup row, then the person's row.
  perform from app.push_token_owners as o where o.token_sha256 = v_key for update;
  delete from app.push_tokens as t where t.user_id = v_me and t.token = p_token returning t.id into v_id;
  delete from app.push_token_owners as o where o.token_sha256 = v_key and o.user_id = v_me;
  perform pg_catalog.set_config('app.owner_access', coalesce(v_access, ''), true);
  return v_id;
end
$$;

comment on function app.unregister_push_token(text) is
  'Removes the current person''s push token p_token (sign-out on a device, a rotated token) and its lookup row in app.push_token_owners, in one transaction; returns the removed row''s id, or NULL when the person holds no such token (someone else''s token is left alone and not revealed). SECURITY DEFINER (the lookup table is invisible to app_user, who has no DELETE on app.push_tokens either); executable by app_user only.';

revoke all on function app.unregister_push_token(text) from public;
grant execute on function app.unregister_push_token(text) to app_user;

revoke delete on table app.push_tokens from app_user;

create or replace function app.delete_stale_push_tokens(p_not_refreshed_for interval default '60 days')
  returns integer
  language plpgsql
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_count integer;
  v_keys  bytea[];
  v_ids   uuid[];
begin
  if p_not_refreshed_for is null or p_not_refreshed_for < interval '1 day' then
    raise exception 'delete_stale_push_tokens: the age must be at least one day (got %)', p_not_refreshed_for
      using errcode = 'invalid_parameter_value';
  end if;
  -- The token rows, then their lookup rows, in this transaction. Two statements rather than one
  -- with two data-modifying CTEs: on Citus the tables are distributed by different keys, and the
  -- second delete is then routed by its primary key values.
  with gone as (
    delete from app.push_tokens as t
     where t.updated_at < pg_catalog.now() - p_not_refreshed_for
    returning t.id, t.token
  )
  select pg_catalog.count(*)::integer,
         pg_catalog.array_agg(pg_catalog.sha256(pg_catalog.convert_to(g.token, 'UTF8'))),
         pg_catalog.array_agg(g.id)
    into v_count, v_keys, v_ids
  from gone as g;
  if v_count > 0 then
    delete from app.push_token_owners as o
     where o.token_sha256 = any (v_keys) and o.push_token_id = any (v_ids);
  end if;
  return v_count;
end
$$;

comment on function app.delete_stale_push_tokens(interval) is
  'Push-token cleanup (job push-tokens.cleanup, daily): deletes the FCM/APNs tokens not refreshed (updated_at; a phone re-registering its token refreshes it) for longer than p_not_refreshed_for (default 60 days): FCM treats such tokens as stale. Their lookup rows in app.push_token_owners go in the same transaction. Returns how many tokens were deleted; idempotent. SECURITY INVOKER, executable by app_worker only. Errors: an age under one day (22023).';

comment on table app.push_tokens is
  'FCM/APNs device tokens of a person''s phones (Epicura). A token is unique across people through app.push_token_owners (its lookup row, locked by every writer): when a phone changes hands the row moves to the new person. app_user writes tokens only through app.register_push_token / app.unregister_push_token (no INSERT, UPDATE or DELETE privilege), so registering a token never fails because someone else holds it (no existence oracle) and no token row leaves without its lookup row. Deleted with the person (ON DELETE CASCADE).';
