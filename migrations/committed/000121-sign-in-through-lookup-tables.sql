--! Previous: sha1:ef7efc5a02353eca9f98e4913204975214cc3313
--! Hash: sha1:5c853d597e125a51dcc56e5f4bd83ee46a806a4c
--! Message: accounts: app.sign_in_person claims the auth id and the e-mail in their lookup tables

-- Issue 17 (docs/scale-out.md section 4). The person of a Better-Auth identity is found through
-- app.person_auth_ids (one shard on Citus), not through a unique index on app.users.auth_id, and
-- the e-mail is claimed in app.person_emails, in the same transaction as the app.users row:
-- - the identity's lookup row is locked first (SELECT ... FOR UPDATE), so concurrent sign-ins of
--   one identity queue there; a first sign-in claims it with INSERT ... ON CONFLICT DO NOTHING (the
--   loser of a race waits for the winner, then finds its row), then claims the e-mail (another
--   person's e-mail: 23505 person_emails_pkey), then inserts the person with the id it claimed;
-- - an e-mail changed in Better-Auth reaches app.users only here (a returning person's sign-in
--   follows auth."user".email; nothing else writes app.users.email): the old lookup row is
--   deleted and the new one inserted before app.users changes.
-- The backfill runs under a SHARE ROW EXCLUSIVE lock on app.users (reads go on, writes wait), in
-- the same transaction as the new function, so no sign-in can slip between them.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

lock table app.users in share row exclusive mode;
select app_private.owner_access_on();
insert into app.person_auth_ids (auth_id, user_id, created_at)
select u.auth_id, u.id, u.created_at from app.users as u;
insert into app.person_emails (email, user_id, created_at)
select u.email, u.id, u.created_at from app.users as u;
select pg_catalog.set_config('app.owner_access', '', true);

create or replace function app.sign_in_person(p_auth_id text, p_email text, p_name text default null, p_time_zone text default null)
  returns table (user_id uuid, created boolean, is_active boolean)
  language plpgsql
  security definer
  set search_path = pg_catalog, pg_temp
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
  v_old_email  text;
begin
  if p_auth_id is null then
    raise exception 'auth id is required' using errcode = 'not_null_violation', column = 'auth_id', table = 'users';
  end if;
  if p_email is null then
    raise exception 'e-mail is required' using errcode = 'not_null_violation', column = 'email', table = 'users';
  end if;

  perform app_private.owner_access_on();

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

  -- The identity's lookup row first, locked: every sign-in of this identity queues here.
  select a.user_id into v_id from app.person_auth_ids as a where a.auth_id = p_auth_id for update;
  if v_id is null then
    insert into app.person_auth_ids as a (auth_id, user_id)
    values (p_auth_id, pg_catalog.gen_random_uuid())
    on conflict (auth_id) do nothing
    returning a.user_id into v_id;
    v_created := v_id is not null;
    if not v_created then
      -- A concurrent first sign-in of the same identity claimed it first (ON CONFLICT waited for it).
      select a.user_id into v_id from app.person_auth_ids as a where a.auth_id = p_auth_id for update;
    end if;
  end if;

  if v_created then
    -- New person. Better-Auth's name is unbounded and may be blank: trim, fall back to the e-mail's
    -- local part, keep 100 characters (app.users.name is varchar(100)).
    v_name := pg_catalog.left(
      coalesce(
        nullif(pg_catalog.btrim(p_name), ''),
        nullif(pg_catalog.btrim(v_auth_name), ''),
        pg_catalog.split_part(v_auth_email, '@', 1)),
      100);
    -- Someone else's e-mail: 23505 person_emails_pkey (the global rule, on the e-mail's own shard).
    insert into app.person_emails (email, user_id) values (v_auth_email::public.citext, v_id);
    insert into app.users as u (id, auth_id, email, name, time_zone)
    values (v_id, p_auth_id, v_auth_email::public.citext, v_name, coalesce(p_time_zone, 'UTC'))
    returning u.is_active into v_active;
  else
    -- Returning person: follow an e-mail change made in Better-Auth; never touch the profile name.
    select u.email::text, u.is_active into v_old_email, v_active
    from app.users as u where u.id = v_id for update;
    if v_old_email is distinct from v_auth_email then
      delete from app.person_emails as e
       where e.email operator(public.=) v_old_email::public.citext and e.user_id = v_id;
      insert into app.person_emails (email, user_id) values (v_auth_email::public.citext, v_id);
      update app.users as u set email = v_auth_email::public.citext where u.id = v_id;
    end if;
  end if;

  perform pg_catalog.set_config('app.owner_access', coalesce(v_access, ''), true);
  return query select v_id, v_created, v_active;
end
$$;

comment on function app.sign_in_person(text, text, text, text) is
  'Sign-in upsert: returns the app.users id of a Better-Auth identity, creating the person on first sign-in (created = true). The identity is looked up and locked in app.person_auth_ids (global uniqueness of the auth id; concurrent first sign-ins of one identity yield one person), the e-mail claimed in app.person_emails (another person''s e-mail: 23505 person_emails_pkey), both in the same transaction as app.users. Refuses an auth id unknown to auth."user" (23503, users_auth_id_fkey) and an e-mail that differs from Better-Auth''s (23514, users_email_sign_in_check). A returning person''s e-mail follows Better-Auth''s (the only way an e-mail change reaches app.users: the old lookup row goes, the new one is claimed); name and time zone are only set on creation (name: p_name, else Better-Auth''s, else the e-mail''s local part, cut to 100 characters; time zone: p_time_zone, else UTC). is_active tells the caller whether the account is enabled. SECURITY DEFINER (app.owner_access on while it runs) because no person context exists yet and app_user may not insert into app.users nor read the lookup tables; executable by app_user only.';
