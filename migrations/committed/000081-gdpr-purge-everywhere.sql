--! Previous: sha1:9b003f90aaa1936dec2267c5bb8e1c471a67c2a5
--! Hash: sha1:f340aad5467a4a5b2ee9d49f9a1124f9a372b847
--! Message: gdpr: the purge also erases the person's pg-boss jobs, export-file paths and every verification row naming them

-- Issue 15. Besides the tables of app_private.gdpr_tables(), a purge now removes, in its one
-- transaction:
--   pgboss.job        every job (any queue, dead-letter queues included, any state: pg-boss 12 keeps
--                     finished jobs in the same table, it has no archive) whose data, output,
--                     singleton key or group names the person (app_private.gdpr_json_names_person
--                     over the row as JSON), and the assistant.embed jobs of their meal logs and
--                     messages (those carry only the row's id);
--   export files      their rows of app_private.gdpr_export_files become pending_deletion and lose
--                     person_id (the files themselves are deleted after the commit, 000080);
--   auth.verification rows whose identifier or value names the person however Better-Auth or a
--                     plugin spells it (app_private.gdpr_text_names_person; JSON values parsed).
-- How a text names the person (app_private.gdpr_text_names_person):
--   * their id (UUID) anywhere in it, any case;
--   * their auth id, as the whole text or as a token (not next to a letter or digit);
--   * one of their e-mail addresses anywhere in it, any case, not glued to more address characters
--     (a '-' before it counts as a separator: Better-Auth writes sign-in-otp-<address>,
--     change-email-otp-<address>…), unless the longer address around it is another person's
--     (mary-jane@x.test is not jane@x.test when mary-jane@x.test is a user).
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create function app_private.gdpr_text_names_person(p_text text, p_user_id uuid, p_auth_id text, p_emails text[]) returns boolean
  language plpgsql
  stable
  parallel safe
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_text text;
  v_email text;
  v_from integer;
  v_pos integer;
  v_len integer;
  v_before text;
  v_after text;
  v_left text;
  v_right text;
  v_cands text[];
begin
  if p_text is null or p_text = '' then
    return false;
  end if;
  v_text := pg_catalog.lower(p_text);
  if p_user_id is not null and pg_catalog.strpos(v_text, p_user_id::text) > 0 then
    return true;
  end if;
  if p_auth_id is not null and p_auth_id <> '' and pg_catalog.strpos(p_text, p_auth_id) > 0 then
    if p_text = p_auth_id or p_text ~ ('(^|[^A-Za-z0-9])'
         || pg_catalog.regexp_replace(p_auth_id, '([^A-Za-z0-9])', '\\\1', 'g') || '($|[^A-Za-z0-9])') then
      return true;
    end if;
  end if;
  foreach v_email in array coalesce(p_emails, '{}'::text[]) loop
    continue when v_email is null or v_email = '';
    v_email := pg_catalog.lower(v_email);
    v_len := pg_catalog.length(v_email);
    v_from := 1;
    loop
      v_pos := pg_catalog.strpos(pg_catalog.substr(v_text, v_from), v_email);
      exit when v_pos = 0;
      v_pos := v_pos + v_from - 1;
      v_from := v_pos + 1;
      v_before := pg_catalog.substr(v_text, v_pos - 1, 1);
      v_after := pg_catalog.substr(v_text, v_pos + v_len, 1);
      -- glued to more of an address on the left (bjane@…) or right (…@x.testing): another address
      continue when v_before ~ '[a-z0-9._%+]' or v_after ~ '[a-z0-9]';
      -- What could make a longer address around it: the address characters before and after.
      v_left := pg_catalog.substring(pg_catalog.right(pg_catalog.substr(v_text, 1, v_pos - 1), 64), '[a-z0-9._%+-]*$');
      v_right := pg_catalog.substring(pg_catalog.left(pg_catalog.substr(v_text, v_pos + v_len), 64), '^[a-z0-9.-]*');
      if coalesce(v_left, '') = '' and coalesce(v_right, '') = '' then
        return true;
      end if;
      select pg_catalog.array_agg(l.s || v_email || r.s)
        into v_cands
      from (select pg_catalog.substr(v_left, i) as s from pg_catalog.generate_series(1, pg_catalog.length(v_left) + 1) as i) as l
      cross join (select pg_catalog.left(v_right, j) as s from pg_catalog.generate_series(0, pg_catalog.length(v_right)) as j) as r
      where l.s || r.s <> '' and l.s !~ '^[-.]' and r.s !~ '[-.]$';
      if not exists (select from app.users as u where u.email operator(public.=) any (v_cands::public.citext[]))
         and not exists (select from auth."user" as au where au.email = any (v_cands)) then
        return true;
      end if;
    end loop;
  end loop;
  return false;
end
$$;
comment on function app_private.gdpr_text_names_person(text, uuid, text, text[]) is
  'True when p_text names the person: contains their id (any case), contains their auth id as a token, or contains one of their e-mail addresses (any case) not glued to more address characters, unless the longer address around it belongs to another person (app.users, auth."user"). '
  'Used on auth.verification identifiers and values and on every string of a pg-boss job. Callers need app.owner_access on (row-level security on app.users).';

create function app_private.gdpr_json_names_person(p_json jsonb, p_user_id uuid, p_auth_id text, p_emails text[]) returns boolean
  language sql
  stable
  parallel safe
  set search_path = pg_catalog, pg_temp
as $$
  select exists (
    select
    from pg_catalog.jsonb_path_query(p_json, 'strict $.**') as v(item)
    where pg_catalog.jsonb_typeof(v.item) = 'string'
      and app_private.gdpr_text_names_person(v.item #>> '{}', p_user_id, p_auth_id, p_emails))
$$;
comment on function app_private.gdpr_json_names_person(jsonb, uuid, text, text[]) is
  'True when any string anywhere in p_json (nested objects and arrays included; escapes decoded) names the person (app_private.gdpr_text_names_person).';

create function app_private.gdpr_value_names_person(p_text text, p_user_id uuid, p_auth_id text, p_emails text[]) returns boolean
  language plpgsql
  stable
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_json jsonb;
begin
  if app_private.gdpr_text_names_person(p_text, p_user_id, p_auth_id, p_emails) then
    return true;
  end if;
  -- A JSON value is matched string by string (e.g. {"email": "…"} however it is spaced or escaped).
  if p_text ~ '^\s*[\[{"]' then
    begin
      v_json := p_text::jsonb;
    exception when invalid_text_representation then
      return false;
    end;
    return app_private.gdpr_json_names_person(v_json, p_user_id, p_auth_id, p_emails);
  end if;
  return false;
end
$$;
comment on function app_private.gdpr_value_names_person(text, uuid, text, text[]) is
  'app_private.gdpr_text_names_person on a text, and, when the text is JSON, on every string inside it (auth.verification.value).';

-- auth.verification, through the catalog's existing condition (app_private.gdpr_sql calls it with
-- the e-mail addresses and the auth id). No user id there: it finds the auth id and addresses.
create or replace function app_private.gdpr_verification_matches(p_identifier text, p_value text, p_emails text[], p_auth_id text)
  returns boolean
  language sql
  stable
  parallel safe
  set search_path = pg_catalog, pg_temp
as $$
  select app_private.gdpr_text_names_person(p_identifier, null, p_auth_id, p_emails)
      or app_private.gdpr_value_names_person(p_value, null, p_auth_id, p_emails)
$$;
comment on function app_private.gdpr_verification_matches(text, text, text[], text) is
  'True when an auth.verification row belongs to the person: its identifier or its value (parsed when JSON) names their auth id or one of their e-mail addresses, however it is prefixed, cased or spaced (app_private.gdpr_text_names_person, migration 000081).';

-- pg-boss jobs ----------------------------------------------------------------------------------
create function app_private.gdpr_purge_jobs(p_user_id uuid, p_auth_id text, p_emails text[]) returns bigint
  language plpgsql
  volatile
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_count bigint;
  v_n text[];
begin
  -- LIKE ANY: the row's text is built once and tried against every needle (an OR of strpos calls
  -- rebuilt it per needle; a subquery over an array per job cost more than the scan itself).
  select pg_catalog.array_agg('%' || pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(n, '\', '\\'), '%', '\%'), '_', '\_') || '%')
    into v_n
  from pg_catalog.unnest(array[p_user_id::text, pg_catalog.lower(p_auth_id)]
                         || coalesce((select pg_catalog.array_agg(pg_catalog.lower(e)) from pg_catalog.unnest(p_emails) as e), '{}')) as u(n)
  where n is not null and n <> '';
  with person_rows as (
    -- assistant.embed jobs (and their dead-letter copies) carry only the id of the meal log or
    -- message: one hash join against the person's ids, not a look-up per job.
    select 'meal_log' as kind, m.id::text as id from app.meal_logs as m where m.user_id = p_user_id
    union all
    select 'message', m.id::text from app.messages as m where m.user_id = p_user_id
  ),
  victims as (
    select j.name, j.id
    from pgboss.job as j
    join person_rows as r on r.kind = j.data ->> 'kind' and r.id = j.data ->> 'id'
    union
    -- Any job whose values name the person: a strpos over the columns that carry caller data picks
    -- candidates cheaply; the exact test runs on the candidates' whole row as JSON.
    select j.name, j.id
    from pgboss.job as j
    cross join lateral (
      select pg_catalog.lower(coalesce(j.data::text, '') || ' ' || coalesce(j.output::text, '') || ' ' || coalesce(j.source_output::text, '')
                              || ' ' || coalesce(j.singleton_key, '') || ' ' || coalesce(j.group_id, '')) as t) as x
    -- CASE fixes the order: the planner would otherwise run the costly exact test on every job.
    where case when x.t like any (v_n)
               then app_private.gdpr_json_names_person(pg_catalog.to_jsonb(j), p_user_id, p_auth_id, p_emails)
               else false end
  )
  delete from pgboss.job as j using victims as v where j.name = v.name and j.id = v.id;
  get diagnostics v_count = row_count;
  return v_count;
end
$$;
comment on function app_private.gdpr_purge_jobs(uuid, text, text[]) is
  'The person''s pg-boss jobs, in every queue and state: jobs any of whose strings (data, output, singleton key, …) name them (app_private.gdpr_json_names_person), and the assistant.embed jobs of their meal logs and messages. '
  'Deletes them and returns how many. Run by the purge before the meal logs and messages go (the embed jobs are found through them). Needs app.owner_access on.';

-- The purge --------------------------------------------------------------------------------------
create or replace function app_private.purge_user_core(p_user_id uuid, p_reason text) returns jsonb
  language plpgsql
  volatile
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_id record;
  v_table app_private.gdpr_table;
  v_counts jsonb := '{}';
  v_count bigint;
  v_total bigint := 0;
  v_jobs bigint;
  v_files bigint;
  v_left boolean;
begin
  if pg_catalog.current_setting('app.owner_access', true) is distinct from 'on' then
    raise exception 'app_private.purge_user_core needs app.owner_access on (call app.purge_user)' using errcode = 'insufficient_privilege';
  end if;
  perform from app.users as u where u.id = p_user_id for update;
  v_id := app_private.gdpr_identity(p_user_id);
  -- Export files: forget who they belong to now; the files go after the commit (000080). Rows
  -- already deleted (retention, failed) lose their path too.
  update app_private.gdpr_export_files as f
     set person_id = null,
         state = case when f.state = 'deleted' then 'deleted' else 'pending_deletion' end,
         delete_reason = case when f.state = 'deleted' then f.delete_reason else 'purge' end,
         delete_requested_at = case when f.state = 'deleted' then f.delete_requested_at else pg_catalog.now() end,
         path = case when f.state = 'deleted' then null else f.path end,
         sha256 = case when f.state = 'deleted' then null else f.sha256 end
   where f.person_id = p_user_id;
  get diagnostics v_files = row_count;
  -- pg-boss jobs, before the meal logs and messages their embedding jobs are found through.
  v_jobs := app_private.gdpr_purge_jobs(p_user_id, v_id.auth_id, v_id.emails);
  -- Within a rank, partitioned tables first: telemetry goes by user_id (an index range per
  -- partition) before the cooking sessions whose deletion would otherwise look for it (000082).
  for v_table in
    select g.* from app_private.gdpr_tables() as g
    order by g.purge_rank, (select c.relkind = 'p' from pg_catalog.pg_class as c where c.oid = g.relation) desc, g.name
  loop
    execute app_private.gdpr_sql(v_table, 'delete') using p_user_id, v_id.auth_id, v_id.emails;
    get diagnostics v_count = row_count;
    v_counts := v_counts || pg_catalog.jsonb_build_object(v_table.name, v_count);
    v_total := v_total + v_count;
  end loop;
  for v_table in select g.* from app_private.gdpr_tables() as g order by g.purge_rank, g.name loop
    execute app_private.gdpr_sql(v_table, 'exists') into v_left using p_user_id, v_id.auth_id, v_id.emails;
    if v_left then
      raise exception 'GDPR purge left rows of the person in % — nothing was deleted', v_table.name
        using errcode = 'internal_error';
    end if;
  end loop;
  perform app_private.gdpr_audit_write('purge', p_user_id,
    pg_catalog.jsonb_build_object('reason', p_reason, 'found', v_id.known, 'tables', v_counts, 'total_rows', v_total,
                                  'jobs', v_jobs, 'export_files', v_files));
  return pg_catalog.jsonb_build_object(
    'user_id', p_user_id,
    'found', v_id.known,
    'purged_at', pg_catalog.now(),
    'reason', p_reason,
    'tables', v_counts,
    'total_rows', v_total,
    'jobs', v_jobs,
    'export_files', v_files);
end
$$;
comment on function app_private.purge_user_core(uuid, text) is
  'The purge itself (migrations 000023 and 000081), for app.purge_user and app_private.purge_due_accounts, which switch app.owner_access on first. In one transaction: locks the person''s row, marks their export files pending deletion (and forgets whose they were), deletes their pg-boss jobs (app_private.gdpr_purge_jobs), '
  'deletes their rows from every table of app_private.gdpr_tables() in purge order (auth.verification by app_private.gdpr_verification_matches), checks nothing is left, audits. '
  'Returns {"user_id", "found", "purged_at", "reason", "tables": {"<schema.table>": rows deleted}, "total_rows", "jobs": pg-boss jobs deleted, "export_files": file records marked}; reference tables count rows whose reference was set to NULL.';

revoke all on function app_private.gdpr_text_names_person(text, uuid, text, text[]), app_private.gdpr_json_names_person(jsonb, uuid, text, text[]),
  app_private.gdpr_value_names_person(text, uuid, text, text[]), app_private.gdpr_purge_jobs(uuid, text, text[]) from public;
