--! Previous: sha1:7cc4b57306f945f530d619af85e6cb4640ad646e
--! Hash: sha1:9e46e28f41226ef7bc08a92db64dc5b6c6c2e1da
--! Message: gdpr: purge

-- GDPR erasure (Art. 17): app.purge_user(id) hard-deletes the person from every table of
-- app_private.gdpr_tables() — app and auth, partitions included (through their parent) — in the
-- caller's single transaction, and returns the rows deleted per table. It is the only hard-delete
-- path for meal logs (app_user has no DELETE on them). Running it again returns zeros.
--
-- How: lock the person's app.users row FOR UPDATE first (every insert that references the person
-- checks its foreign key with FOR KEY SHARE on that row, so from here on nobody can add rows for
-- them until we commit; those inserts then fail on the missing person), then delete table by table
-- in the catalog's purge order (children before parents, app.users after every person table, auth
-- after app: app.users.auth_id is ON DELETE RESTRICT), counting with ROW_COUNT; then check that no
-- table still has a row of the person (the foreign keys' cascades would have removed them anyway;
-- the check makes a catalog mistake fail loudly instead of leaving data behind), and audit.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create function app_private.purge_user_core(p_user_id uuid, p_reason text) returns jsonb
  language plpgsql
  volatile
  set search_path = ''
as $$
declare
  v_id record;
  v_table app_private.gdpr_table;
  v_counts jsonb := '{}';
  v_count bigint;
  v_total bigint := 0;
  v_left boolean;
begin
  if pg_catalog.current_setting('app.owner_access', true) is distinct from 'on' then
    raise exception 'app_private.purge_user_core needs app.owner_access on (call app.purge_user)' using errcode = 'insufficient_privilege';
  end if;
  perform from app.users as u where u.id = p_user_id for update;
  v_id := app_private.gdpr_identity(p_user_id);
  for v_table in select g.* from app_private.gdpr_tables() as g order by g.purge_rank, g.name loop
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
    pg_catalog.jsonb_build_object('reason', p_reason, 'found', v_id.known, 'tables', v_counts, 'total_rows', v_total));
  return pg_catalog.jsonb_build_object(
    'user_id', p_user_id,
    'found', v_id.known,
    'purged_at', pg_catalog.now(),
    'reason', p_reason,
    'tables', v_counts,
    'total_rows', v_total);
end
$$;
comment on function app_private.purge_user_core(uuid, text) is
  'The purge itself (see the migration''s header), for app.purge_user and app_private.purge_due_accounts, which switch app.owner_access on first. Returns {"user_id", "found", "purged_at", "reason", "tables": {"<schema.table>": rows deleted}, "total_rows"}; reference tables (e.g. app.recipes(created_by)) count rows whose reference was set to NULL. Writes the audit row (action purge).';

create function app.purge_user(p_user_id uuid) returns jsonb
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  v_prev text := pg_catalog.current_setting('app.owner_access', true);
  v_result jsonb;
begin
  if p_user_id is null then
    raise exception 'p_user_id must not be null' using errcode = 'null_value_not_allowed';
  end if;
  perform pg_catalog.set_config('app.owner_access', 'on', true);
  v_result := app_private.purge_user_core(p_user_id, 'compliance');
  perform pg_catalog.set_config('app.owner_access', coalesce(v_prev, ''), true);
  return v_result;
end
$$;
comment on function app.purge_user(uuid) is
  'Compliance: erases the person — every row of every table of app_private.gdpr_tables() (app and auth, partitions included), in the caller''s one transaction — and returns {"user_id", "found", "purged_at", "reason": "compliance", "tables": {"<schema.table>": rows deleted}, "total_rows"}. '
  'Idempotent: an unknown or already purged id gives found = false and zeros. Audited (action purge). Nothing else hard-deletes meal logs.';

revoke all on function app_private.purge_user_core(uuid, text) from public;
revoke all on function app.purge_user(uuid) from public;
grant execute on function app.purge_user(uuid) to app_compliance;
