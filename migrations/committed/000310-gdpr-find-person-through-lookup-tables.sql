--! Previous: sha1:8d561d3bced70a38b405ab1b5933f0267bedc6fd
--! Hash: sha1:271cc16a38a870dce2aa2632fd09b6379ef2f1c9
--! Message: gdpr: find a person through the global-key lookup tables (e-mail, auth id, device id, serial number, push token), one shard each on Citus

set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Issue 17. app.gdpr_find_user looked a person up by e-mail with `app.users where email = …`: on a
-- Citus cluster app.users is distributed by id, so that read visited every shard (and, being a
-- parallel multi-shard access, later stopped the purge in the same transaction from updating the
-- reference table app.recipes). The lookup tables of migration 000120 are distributed by the key
-- itself: one key is one shard, and the row names the person, whose app.users row is then read by
-- id (one shard). Same answer on every engine: each lookup table holds exactly the current keys of
-- every person (the writers keep them in step in the same transaction).

create function app.gdpr_find_person(p_kind text, p_key text)
  returns table (user_id uuid, email text, name text, is_active boolean, created_at timestamptz)
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_prev text := pg_catalog.current_setting('app.owner_access', true);
  v_user_id uuid;
begin
  if p_kind is null or p_kind not in ('id', 'email', 'auth_id', 'device_id', 'serial_number', 'push_token') then
    raise exception 'p_kind must be one of id, email, auth_id, device_id, serial_number, push_token (got %)', coalesce(p_kind, 'null')
      using errcode = 'invalid_parameter_value';
  end if;
  if p_key is null or p_key = '' then
    raise exception 'p_key must not be empty' using errcode = 'invalid_parameter_value';
  end if;
  if p_kind = 'id' and p_key !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    raise exception 'p_key must be a person id (a UUID) for p_kind id' using errcode = 'invalid_text_representation';
  end if;
  perform app_private.owner_access_on();
  -- Each statement names its table's distribution column with the key: one shard on Citus.
  case p_kind
    when 'id' then
      v_user_id := p_key::uuid;
    when 'email' then
      -- OPERATOR(public.=): a bare = would compare citext as text, case-sensitively.
      select e.user_id into v_user_id from app.person_emails as e where e.email operator(public.=) p_key::public.citext;
    when 'auth_id' then
      select a.user_id into v_user_id from app.person_auth_ids as a where a.auth_id = p_key;
    when 'device_id' then
      select d.user_id into v_user_id from app.appliance_devices as d where d.device_id = p_key;
    when 'serial_number' then
      select s.user_id into v_user_id from app.appliance_serials as s where s.serial_number = p_key;
    else
      -- Tokens are kept only as their SHA-256 (they are credentials), as app.register_push_token stores them.
      select o.user_id into v_user_id from app.push_token_owners as o
       where o.token_sha256 = pg_catalog.sha256(pg_catalog.convert_to(p_key, 'UTF8'));
  end case;
  if v_user_id is not null then
    return query select u.id, u.email::text, u.name::text, u.is_active, u.created_at
      from app.users as u where u.id = v_user_id;
  end if;
  perform app_private.owner_access_restore(v_prev);
end
$$;
comment on function app.gdpr_find_person(text, text) is
  'Compliance: the person a key names — p_kind id (a UUID), email (case-insensitive), auth_id (the Better-Auth user id), device_id or serial_number (of an appliance paired now; an unpaired one names nobody any more), push_token (a registered token, compared by its SHA-256) — as id, e-mail, name, active flag, registration time; no row when nobody holds it. Looks the key up in its lookup table (app.person_emails, app.person_auth_ids, app.appliance_devices, app.appliance_serials, app.push_token_owners) and then reads app.users by id: on Citus each is one shard, never a scan of every shard. Not audited (nothing beyond who the person is); the export and purge that follow are. Errors: another p_kind or an empty key (22023), a p_kind id that is not a UUID (22P02).';

revoke all on function app.gdpr_find_person(text, text) from public;
grant execute on function app.gdpr_find_person(text, text) to app_compliance;

create or replace function app.gdpr_find_user(p_key text)
  returns table (user_id uuid, email text, name text, is_active boolean, created_at timestamptz)
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
begin
  -- A UUID is a person id, anything else an e-mail address (as since 000022).
  return query select f.user_id, f.email, f.name, f.is_active, f.created_at
    from app.gdpr_find_person(
      case when p_key ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then 'id' else 'email' end,
      p_key) as f;
end
$$;
comment on function app.gdpr_find_user(text) is
  'Compliance: the person with this id (a UUID) or e-mail address (case-insensitive): id, e-mail, name, active flag, registration time; no row when there is none. app.gdpr_find_person with p_kind id or email: the e-mail through app.person_emails, so on Citus one shard, not every shard of app.users (000310). Not audited (no data beyond who the person is); the export and purge that follow are.';
