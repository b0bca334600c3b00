--! Previous: sha1:3e9a59fed9ec761ac5a294ccda031c9a65fbdd1c
--! Hash: sha1:7cc4b57306f945f530d619af85e6cb4640ad646e
--! Message: gdpr: export (whole, or a table in pages) and person look-up

-- GDPR export (Art. 15 access, Art. 20 portability) for compliance staff (app_compliance, which has
-- no privilege on any table: these SECURITY DEFINER functions are its only way in), audited.
--   app.gdpr_find_user(key)                    the person by id or e-mail address
--   app.gdpr_user_summary(id, purpose)         the manifest: row counts per table, what is left out
--   app.export_user_data(id)                   manifest + every row, one jsonb (ordinary people)
--   app.export_user_table(id, table, after, n) one page of one table, keyset on its primary key
--                                              (people with years of telemetry: the CLI streams pages)
-- Row-level security is FORCEd on the person tables, also for the owner: these functions switch on
-- the owner_access policy with a transaction-local set_config() and switch it back before returning.
-- (A function-level `SET app.owner_access = on` clause would be neater, but PostgreSQL lets only a
-- superuser, or a role granted SET on that parameter, attach a custom setting to a function, and
-- the migration role of a managed server is neither.) If the function fails, the transaction or
-- subtransaction aborts and PostgreSQL restores the setting itself.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create function app_private.gdpr_manifest(p_user_id uuid, p_known boolean, p_counts jsonb) returns jsonb
  language sql
  stable
  set search_path = ''
as $$
  select pg_catalog.jsonb_build_object(
    'format', 'kitchen-db/gdpr-export',
    'format_version', 1,
    'generated_at', pg_catalog.now(),
    'user_id', p_user_id,
    'found', p_known,
    'tables', p_counts,
    'total_rows', coalesce((select pg_catalog.sum(v.value::bigint) from pg_catalog.jsonb_each_text(p_counts) as v), 0),
    'primary_keys', (select pg_catalog.jsonb_object_agg(g.name, pg_catalog.to_jsonb(g.pk_columns)) from app_private.gdpr_tables() as g),
    'left_out', pg_catalog.jsonb_build_object(
      'columns', coalesce((select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('table', r.table_name, 'column', r.column_name, 'reason', r.reason)
                                                order by r.table_name, r.column_name)
                           from app_private.gdpr_redactions as r where r.column_name is not null), '[]'),
      'tables', coalesce((select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('table', r.table_name, 'reason', r.reason) order by r.table_name)
                          from app_private.gdpr_redactions as r where r.column_name is null), '[]')),
    'notes', pg_catalog.jsonb_build_array(
      'Every table that holds data about the person is included, found from the database catalog when the export ran: their account (app.users), every row that belongs to them (user_id), and their sign-in records (auth: user, sessions, linked accounts, two-factor settings, pending verification codes).',
      'Deleted meal logs are included (is_deleted = true): meals are only marked deleted until the account itself is erased.',
      'Credentials are left out (left_out.columns): password hashes, session and provider tokens, two-factor secrets and backup codes, verification codes, device and pairing tokens. Tables in left_out.tables hold no personal data.',
      'Tables that only mention the person (such as recipes they wrote as an administrator) give the row key and that column only.',
      'Rows are JSON objects with the database column names; times are ISO 8601 with their UTC offset; embeddings are vectors of numbers derived from the person''s own text.'))
$$;
comment on function app_private.gdpr_manifest(uuid, boolean, jsonb) is
  'The manifest of a GDPR export: format and format_version (1), generated_at, user_id, found, tables (rows per table), total_rows, primary_keys (per table: the columns rows are ordered and paged by), left_out (columns and tables not exported, with reasons), notes (plain words).';

-- Look-up ---------------------------------------------------------------------------------------
create function app.gdpr_find_user(p_key text)
  returns table (user_id uuid, email text, name text, is_active boolean, created_at timestamptz)
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  v_prev text := pg_catalog.current_setting('app.owner_access', true);
begin
  perform pg_catalog.set_config('app.owner_access', 'on', true);
  if p_key ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    return query select u.id, u.email::text, u.name::text, u.is_active, u.created_at
      from app.users as u where u.id = p_key::uuid;
  else
    return query select u.id, u.email::text, u.name::text, u.is_active, u.created_at
      -- OPERATOR(public.=): with search_path = '' a bare = would compare citext as text, case-sensitively.
      from app.users as u where u.email operator(public.=) p_key::public.citext;
  end if;
  perform pg_catalog.set_config('app.owner_access', coalesce(v_prev, ''), true);
end
$$;
comment on function app.gdpr_find_user(text) is
  'Compliance: the person with this id (a UUID) or e-mail address (case-insensitive): id, e-mail, name, active flag, registration time; no row when there is none. Not audited (no data beyond who the person is); the export and purge that follow are.';

-- Summary (the manifest) ---------------------------------------------------------------------
create function app.gdpr_user_summary(p_user_id uuid, p_purpose text default 'inspect') returns jsonb
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  v_prev text := pg_catalog.current_setting('app.owner_access', true);
  v_id record;
  v_table app_private.gdpr_table;
  v_counts jsonb := '{}';
  v_rows bigint;
  v_manifest jsonb;
begin
  if p_user_id is null then
    raise exception 'p_user_id must not be null' using errcode = 'null_value_not_allowed';
  end if;
  if p_purpose is null or p_purpose not in ('inspect', 'export', 'purge') then
    raise exception 'p_purpose must be inspect, export or purge (got %)', p_purpose using errcode = 'invalid_parameter_value';
  end if;
  perform pg_catalog.set_config('app.owner_access', 'on', true);
  v_id := app_private.gdpr_identity(p_user_id);
  for v_table in select g.* from app_private.gdpr_tables() as g order by g.export_rank loop
    execute app_private.gdpr_sql(v_table, 'count') into v_rows using p_user_id, v_id.auth_id, v_id.emails;
    v_counts := v_counts || pg_catalog.jsonb_build_object(v_table.name, v_rows);
  end loop;
  v_manifest := app_private.gdpr_manifest(p_user_id, v_id.known, v_counts);
  perform app_private.gdpr_audit_write('summary', p_user_id,
    pg_catalog.jsonb_build_object('purpose', p_purpose, 'found', v_id.known, 'tables', v_counts));
  perform pg_catalog.set_config('app.owner_access', coalesce(v_prev, ''), true);
  return v_manifest;
end
$$;
comment on function app.gdpr_user_summary(uuid, text) is
  'Compliance: the manifest of the person''s export without the rows (rows per table, primary keys, what is left out), e.g. before an export in pages (p_purpose = export) or to show what a purge will delete (purge). An unknown id gives found = false and zero counts. Audited (action summary).';

-- Whole export ------------------------------------------------------------------------------------
create function app.export_user_data(p_user_id uuid) returns jsonb
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  v_prev text := pg_catalog.current_setting('app.owner_access', true);
  v_id record;
  v_table app_private.gdpr_table;
  v_counts jsonb := '{}';
  v_data jsonb := '{}';
  v_rows jsonb;
  v_count bigint;
begin
  if p_user_id is null then
    raise exception 'p_user_id must not be null' using errcode = 'null_value_not_allowed';
  end if;
  perform pg_catalog.set_config('app.owner_access', 'on', true);
  v_id := app_private.gdpr_identity(p_user_id);
  for v_table in select g.* from app_private.gdpr_tables() as g order by g.export_rank loop
    execute app_private.gdpr_sql(v_table, 'rows') into v_rows, v_count using p_user_id, v_id.auth_id, v_id.emails;
    v_counts := v_counts || pg_catalog.jsonb_build_object(v_table.name, v_count);
    v_data := v_data || pg_catalog.jsonb_build_object(v_table.name, v_rows);
  end loop;
  perform app_private.gdpr_audit_write('export', p_user_id, pg_catalog.jsonb_build_object('found', v_id.known, 'tables', v_counts));
  perform pg_catalog.set_config('app.owner_access', coalesce(v_prev, ''), true);
  return pg_catalog.jsonb_build_object('manifest', app_private.gdpr_manifest(p_user_id, v_id.known, v_counts), 'data', v_data);
end
$$;
comment on function app.export_user_data(uuid) is
  'Compliance: everything kitchen-db holds about the person, as {"manifest": …, "data": {"<schema.table>": [rows…]}} (see app_private.gdpr_manifest for the manifest, app_private.gdpr_tables for the tables). '
  'Soft-deleted rows included, credentials left out (and listed). An unknown id gives an empty export (found = false). One jsonb value, so it suits ordinary people; for years of telemetry use app.export_user_table (the CLI does). '
  'Run it in a REPEATABLE READ transaction for a snapshot across tables. Audited (action export).';

-- One page of one table -----------------------------------------------------------------------
create function app.export_user_table(p_user_id uuid, p_table text, p_after jsonb default null, p_limit integer default 1000)
  returns table (row_key jsonb, row_data jsonb)
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  v_prev text := pg_catalog.current_setting('app.owner_access', true);
  v_id record;
  v_sql text;
  v_rows bigint;
begin
  if p_user_id is null then
    raise exception 'p_user_id must not be null' using errcode = 'null_value_not_allowed';
  end if;
  if p_limit is null or p_limit < 1 or p_limit > 10000 then
    raise exception 'p_limit must be between 1 and 10000 (got %)', p_limit using errcode = 'invalid_parameter_value';
  end if;
  if p_after is not null and pg_catalog.jsonb_typeof(p_after) <> 'object' then
    raise exception 'p_after must be the row_key of the last row of the previous page' using errcode = 'invalid_parameter_value';
  end if;
  v_sql := app_private.gdpr_sql(app_private.gdpr_table_named(p_table), 'page', p_after is not null);  -- refuses a table not in the catalog
  perform pg_catalog.set_config('app.owner_access', 'on', true);
  v_id := app_private.gdpr_identity(p_user_id);
  return query execute v_sql using p_user_id, v_id.auth_id, v_id.emails, p_after, p_limit;
  get diagnostics v_rows = row_count;
  perform app_private.gdpr_audit_write('export_page', p_user_id,
    pg_catalog.jsonb_build_object('table', p_table, 'rows', v_rows, 'first_page', p_after is null));
  perform pg_catalog.set_config('app.owner_access', coalesce(v_prev, ''), true);
end
$$;
comment on function app.export_user_table(uuid, text, jsonb, integer) is
  'Compliance: one page (at most p_limit rows, 1–10000) of one table of the person''s export, in primary-key order after p_after (the row_key of the previous page''s last row; NULL for the first page). '
  'p_table is a name from the manifest''s tables (app.gdpr_user_summary); anything else is refused. row_data is the exported row (credentials left out), row_key its primary key. A page shorter than p_limit is the last. '
  'Memory stays bounded on both sides however big the table is; call all pages in one REPEATABLE READ transaction for a consistent export. Audited (action export_page, one row per page).';

revoke all on function app_private.gdpr_manifest(uuid, boolean, jsonb) from public;
revoke all on function app.gdpr_find_user(text), app.gdpr_user_summary(uuid, text), app.export_user_data(uuid),
  app.export_user_table(uuid, text, jsonb, integer) from public;
grant execute on function app.gdpr_find_user(text), app.gdpr_user_summary(uuid, text), app.export_user_data(uuid),
  app.export_user_table(uuid, text, jsonb, integer) to app_compliance;
