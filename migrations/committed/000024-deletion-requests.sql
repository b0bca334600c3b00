--! Previous: sha1:9e46e28f41226ef7bc08a92db64dc5b6c6c2e1da
--! Hash: sha1:dd270b4f5874a7c0f5fb28cbdccd00ef0da4a959
--! Message: gdpr: deletion requests with a grace period

-- A person asks for their account to be erased (app.request_account_deletion(), as themselves):
-- the account is deactivated at once and the purge is due after a grace period (default 30 days,
-- app_private.gdpr_settings), during which they may change their mind
-- (app.cancel_account_deletion()). The job worker calls app.purge_due_accounts() (daily, say):
-- every account past its due time is purged (app_private.purge_user_core, audited as any purge).
-- The due time is fixed when the person asks: changing the setting later does not move promises
-- already made.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Settings --------------------------------------------------------------------------------------
create table app_private.gdpr_settings (
  id                    boolean  not null default true,
  deletion_grace_period interval not null default interval '30 days',
  constraint gdpr_settings_pkey primary key (id),
  constraint gdpr_settings_id_check check (id),
  constraint gdpr_settings_deletion_grace_period_check check (
    deletion_grace_period >= interval '0' and deletion_grace_period <= interval '90 days')
);
insert into app_private.gdpr_settings default values;
comment on table app_private.gdpr_settings is
  'GDPR settings (one row). Changed by the owner in a reviewed migration or by a DBA: update app_private.gdpr_settings set deletion_grace_period = interval ''14 days'';';
comment on column app_private.gdpr_settings.id is 'Always true: at most one row.';
comment on column app_private.gdpr_settings.deletion_grace_period is
  'Time between a deletion request and the purge, during which the person may cancel (default 30 days; 0 to 90 days: erasure must happen without undue delay). Applies to requests made after the change.';

-- The request on the person's row ---------------------------------------------------------------
-- Nullable columns without default: no table rewrite. The CHECK is added NOT VALID (no scan under
-- an exclusive lock) and validated by the next migration.
alter table app.users
  add column deletion_requested_at timestamptz,
  add column deletion_due_at timestamptz,
  add column deletion_was_active boolean;
alter table app.users
  add constraint users_deletion_request_check check (
    (deletion_requested_at is null) = (deletion_due_at is null)
    and (deletion_requested_at is null) = (deletion_was_active is null)
    and deletion_due_at >= deletion_requested_at) not valid;
comment on column app.users.deletion_requested_at is 'When the person asked for their account to be erased (app.request_account_deletion); NULL = no pending request.';
comment on column app.users.deletion_due_at is 'When the purge becomes due: the request time plus the grace period in force then. The worker''s app.purge_due_accounts() erases the account after it; until then the person may cancel.';
comment on column app.users.deletion_was_active is 'is_active before the request (the request deactivates the account); a cancellation restores it, so cancelling never re-enables an account an administrator had disabled.';
comment on constraint users_deletion_request_check on app.users is 'The three deletion-request columns are set and cleared together; the due time is not before the request.';

-- The person asks, or changes their mind -------------------------------------------------------
create function app.request_account_deletion()
  returns table (deletion_requested_at timestamptz, deletion_due_at timestamptz)
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  v_prev text := pg_catalog.current_setting('app.owner_access', true);
  v_me uuid := app.current_user_id();
  v_user record;
  v_grace interval;
begin
  if v_me is null then
    raise exception 'no person in this transaction (app.user_id is not set)' using errcode = 'insufficient_privilege';
  end if;
  perform pg_catalog.set_config('app.owner_access', 'on', true);
  select u.deletion_requested_at, u.deletion_due_at into v_user from app.users as u where u.id = v_me for update;
  if not found then
    raise exception 'no account for this person' using errcode = 'insufficient_privilege';
  end if;
  if v_user.deletion_requested_at is null then
    select s.deletion_grace_period into v_grace from app_private.gdpr_settings as s;
    update app.users as u
       set deletion_requested_at = pg_catalog.now(),
           deletion_due_at = pg_catalog.now() + coalesce(v_grace, interval '30 days'),
           deletion_was_active = u.is_active,
           is_active = false
     where u.id = v_me
    returning u.deletion_requested_at, u.deletion_due_at into v_user;
    perform app_private.gdpr_audit_write('deletion_requested', v_me,
      pg_catalog.jsonb_build_object('due_at', v_user.deletion_due_at, 'grace_period', coalesce(v_grace, interval '30 days')::text));
  end if;
  perform pg_catalog.set_config('app.owner_access', coalesce(v_prev, ''), true);
  deletion_requested_at := v_user.deletion_requested_at;
  deletion_due_at := v_user.deletion_due_at;
  return next;
end
$$;
comment on function app.request_account_deletion() is
  'The person of the transaction (app.current_user_id(), role app_user) asks for their account to be erased: the account is deactivated (is_active = false) and the purge is due after the grace period (app_private.gdpr_settings). '
  'Returns the request time and the due time. Asking again changes nothing and returns the pending request. Audited (action deletion_requested).';

create function app.cancel_account_deletion() returns boolean
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  v_prev text := pg_catalog.current_setting('app.owner_access', true);
  v_me uuid := app.current_user_id();
  v_user record;
begin
  if v_me is null then
    raise exception 'no person in this transaction (app.user_id is not set)' using errcode = 'insufficient_privilege';
  end if;
  perform pg_catalog.set_config('app.owner_access', 'on', true);
  select u.deletion_requested_at, u.deletion_due_at into v_user from app.users as u where u.id = v_me for update;
  if not found or v_user.deletion_requested_at is null then
    perform pg_catalog.set_config('app.owner_access', coalesce(v_prev, ''), true);
    return false;
  end if;
  if v_user.deletion_due_at <= pg_catalog.now() then
    raise exception 'the grace period ended at %: the account is being erased and the request can no longer be cancelled', v_user.deletion_due_at
      using errcode = 'object_not_in_prerequisite_state';
  end if;
  update app.users as u
     set is_active = u.deletion_was_active,
         deletion_requested_at = null,
         deletion_due_at = null,
         deletion_was_active = null
   where u.id = v_me;
  perform app_private.gdpr_audit_write('deletion_cancelled', v_me,
    pg_catalog.jsonb_build_object('requested_at', v_user.deletion_requested_at, 'due_at', v_user.deletion_due_at));
  perform pg_catalog.set_config('app.owner_access', coalesce(v_prev, ''), true);
  return true;
end
$$;
comment on function app.cancel_account_deletion() is
  'The person of the transaction withdraws their pending deletion request within the grace period: the account is active again (if it was before the request). Returns true when a request was cancelled, false when none was pending; '
  'refuses (SQLSTATE 55000) once the due time has passed. Audited (action deletion_cancelled).';

-- The worker purges what is due -------------------------------------------------------------------
create function app_private.purge_due_accounts(p_now timestamptz default pg_catalog.now(), p_limit integer default 100) returns jsonb
  language plpgsql
  volatile
  set search_path = ''
as $$
declare
  v_prev text := pg_catalog.current_setting('app.owner_access', true);
  v_user record;
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
  perform pg_catalog.set_config('app.owner_access', 'on', true);
  -- SKIP LOCKED: two workers never purge the same person, and a person whose row is busy waits for the next run.
  for v_user in
    select u.id from app.users as u
    where u.deletion_due_at <= p_now
    order by u.deletion_due_at, u.id
    limit p_limit
    for update skip locked
  loop
    v_result := app_private.purge_user_core(v_user.id, 'deletion_request_due');
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
comment on function app_private.purge_due_accounts(timestamptz, integer) is
  'Purges (app_private.purge_user_core, reason deletion_request_due, audited) up to p_limit accounts whose deletion is due at p_now, oldest first, skipping rows another transaction holds. '
  'Returns {"now", "purged", "remaining" (still due: call again), "tables": rows deleted per table summed, "total_rows"}. p_now exists for tests (an injected clock); the worker''s entry point is app.purge_due_accounts(), which always uses now().';

create function app.purge_due_accounts(p_limit integer default 100) returns jsonb
  language sql
  volatile
  security definer
  set search_path = ''
as $$
  select app_private.purge_due_accounts(pg_catalog.now(), p_limit)
$$;
comment on function app.purge_due_accounts(integer) is
  'The job worker (app_worker): erases up to p_limit (1–1000, default 100) accounts whose deletion request is past its grace period, as of now() (no clock parameter: nobody can purge early). '
  'Returns {"now", "purged", "remaining", "tables", "total_rows"}; call again while remaining > 0. Each purge is audited.';

-- Compliance: the pending requests -----------------------------------------------------------------
create function app.gdpr_pending_deletions()
  returns table (user_id uuid, email text, deletion_requested_at timestamptz, deletion_due_at timestamptz, is_due boolean)
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  v_prev text := pg_catalog.current_setting('app.owner_access', true);
begin
  perform pg_catalog.set_config('app.owner_access', 'on', true);
  return query
    select u.id, u.email::text, u.deletion_requested_at, u.deletion_due_at, u.deletion_due_at <= pg_catalog.now()
    from app.users as u
    where u.deletion_due_at is not null
    order by u.deletion_due_at, u.id;
  perform pg_catalog.set_config('app.owner_access', coalesce(v_prev, ''), true);
end
$$;
comment on function app.gdpr_pending_deletions() is
  'Compliance: pending deletion requests, soonest due first: person id, e-mail address, when they asked, when the purge is due, and whether it is due now (the worker has not run since).';

revoke all on table app_private.gdpr_settings from public;
revoke all on function app.request_account_deletion(), app.cancel_account_deletion(),
  app_private.purge_due_accounts(timestamptz, integer), app.purge_due_accounts(integer),
  app.gdpr_pending_deletions() from public;
grant execute on function app.request_account_deletion(), app.cancel_account_deletion() to app_user;
grant execute on function app.purge_due_accounts(integer) to app_worker;
grant execute on function app.gdpr_pending_deletions() to app_compliance;
