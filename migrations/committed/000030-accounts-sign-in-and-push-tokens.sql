--! Previous: sha1:0528503d52430066ef411c9facbb28e95ca32b49
--! Hash: sha1:60e488ba3f79b9174ea3b1bac0289d8652163347
--! Message: accounts: sign-in upsert and push-token registration (SECURITY DEFINER entry points)

-- Two accounts use cases that row-level security cannot express, each a narrow SECURITY DEFINER
-- entry point in app (search_path empty), executable by app_user only. They turn app.owner_access on
-- with set_config while they run and restore it before returning (a SET clause on a function cannot
-- name a custom setting unless the migration role is a superuser or was granted SET on it; an error
-- aborts the transaction or savepoint, which reverts the setting too):
--   app.sign_in_person        no person context exists yet at sign-in, and app_user may not insert
--                             into app.users;
--   app.register_push_token   a token re-registered by another person must move to them, but the
--                             old row is invisible (and not updatable) to the new person under RLS.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create function app.sign_in_person(
  p_auth_id   text,
  p_email     text,
  p_name      text default null,
  p_time_zone text default null
) returns table (user_id uuid, created boolean, is_active boolean)
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
#variable_conflict use_column
declare
  v_access     text := pg_catalog.current_setting('app.owner_access', true);
  v_auth_email text;
  v_auth_name  text;
  v_name       text;
  v_id         uuid;
  v_created    boolean := false;
  v_active     boolean;
begin
  if p_auth_id is null then
    raise exception 'auth id is required' using errcode = 'not_null_violation', column = 'auth_id', table = 'users';
  end if;
  if p_email is null then
    raise exception 'e-mail is required' using errcode = 'not_null_violation', column = 'email', table = 'users';
  end if;

  perform pg_catalog.set_config('app.owner_access', 'on', true);

  -- The identity must exist in Better-Auth, with the same e-mail: the caller cannot invent one.
  select a.email, a.name into v_auth_email, v_auth_name
  from auth."user" as a
  where a.id = p_auth_id;
  if not found then
    raise exception 'no Better-Auth user with this id'
      using errcode = 'foreign_key_violation', table = 'users', constraint = 'users_auth_id_fkey',
            detail = 'Key (auth_id) is not present in table "user".';
  end if;
  if pg_catalog.lower(v_auth_email) is distinct from pg_catalog.lower(p_email) then
    raise exception 'the e-mail does not match the Better-Auth user'
      using errcode = 'check_violation', table = 'users', column = 'email', constraint = 'users_email_sign_in_check';
  end if;

  -- Returning person: follow an e-mail change made in Better-Auth; never touch the profile name.
  update app.users as u
     set email = v_auth_email::public.citext
   where u.auth_id = p_auth_id
     and u.email is distinct from v_auth_email::public.citext;

  select u.id, u.is_active into v_id, v_active from app.users as u where u.auth_id = p_auth_id;

  if v_id is null then
    -- New person. Better-Auth's name is unbounded and may be blank: trim, fall back to the e-mail's
  -- local part, keep 100 characters (app.users.name is varchar(100)).
    v_name := pg_catalog.left(
      coalesce(
        nullif(pg_catalog.btrim(p_name), ''),
        nullif(pg_catalog.btrim(v_auth_name), ''),
        pg_catalog.split_part(v_auth_email, '@', 1)),
      100);
    insert into app.users as u (auth_id, email, name, time_zone)
    values (p_auth_id, v_auth_email::public.citext, v_name, coalesce(p_time_zone, 'UTC'))
    on conflict (auth_id) do nothing
    returning u.id, u.is_active into v_id, v_active;
    v_created := v_id is not null;
    if v_id is null then
      -- A concurrent sign-in of the same identity inserted it first (ON CONFLICT waited for it).
      select u.id, u.is_active into v_id, v_active from app.users as u where u.auth_id = p_auth_id;
    end if;
  end if;

  perform pg_catalog.set_config('app.owner_access', coalesce(v_access, ''), true);
  return query select v_id, v_created, v_active;
end
$$;
comment on function app.sign_in_person(text, text, text, text) is
  'Sign-in upsert: returns the app.users id of a Better-Auth identity, creating the person on first sign-in (created = true). '
  'Refuses an auth id unknown to auth."user" (23503, users_auth_id_fkey) and an e-mail that differs from Better-Auth''s (23514, users_email_sign_in_check). '
  'A returning person''s e-mail follows Better-Auth''s; name and time zone are only set on creation (name: p_name, else Better-Auth''s, else the e-mail''s local part, cut to 100 characters; '
  'time zone: p_time_zone, else UTC). Concurrent first sign-ins of one identity yield one row. is_active tells the caller whether the account is enabled. '
  'SECURITY DEFINER (app.owner_access on while it runs) because no person context exists yet and app_user may not insert into app.users; executable by app_user only.';
revoke all on function app.sign_in_person(text, text, text, text) from public;
grant execute on function app.sign_in_person(text, text, text, text) to app_user;

create function app.register_push_token(p_platform text, p_token text)
  returns table (
    id                uuid,
    platform          text,
    token             text,
    created_at        timestamptz,
    updated_at        timestamptz,
    moved_from_other  boolean
  )
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
#variable_conflict use_column
declare
  v_access   text := pg_catalog.current_setting('app.owner_access', true);
  v_me       uuid := app.current_user_id();
  v_previous uuid;
  v_row      app.push_tokens;
begin
  if v_me is null then
    raise exception 'register_push_token needs a person context (app.user_id)'
      using errcode = 'insufficient_privilege';
  end if;
  perform pg_catalog.set_config('app.owner_access', 'on', true);

  -- Lock the token's current row, if any, to report whether it changes hands.
  select t.user_id into v_previous
  from app.push_tokens as t
  where t.token = p_token
  for update;

  insert into app.push_tokens as t (user_id, platform, token)
  values (v_me, p_platform, p_token)
  on conflict (token) do update
    set user_id = excluded.user_id,
        platform = excluded.platform
  returning t.* into v_row;

  perform pg_catalog.set_config('app.owner_access', coalesce(v_access, ''), true);
  return query select v_row.id, v_row.platform::text, v_row.token, v_row.created_at, v_row.updated_at,
                      coalesce(v_previous <> v_me, false);
end
$$;
comment on function app.register_push_token(text, text) is
  'Registers (or refreshes) an FCM/APNs token for the current person (app.current_user_id()). The token is unique across people: re-registered by another person, the row moves to them (moved_from_other = true); '
  're-registered by its owner, it is refreshed (updated_at). CHECKs push_tokens_platform_check / push_tokens_token_check apply. '
  'SECURITY DEFINER (app.owner_access on while it runs) because the previous owner''s row is invisible to the new person under row-level security; executable by app_user only.';
revoke all on function app.register_push_token(text, text) from public;
grant execute on function app.register_push_token(text, text) to app_user;
