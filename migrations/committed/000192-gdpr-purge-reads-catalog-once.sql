--! Previous: sha1:2184073b855871cdd60184d07750d1d8e46629b2
--! Hash: sha1:33fa25257216035b8dc1053760e47a186f8022c5
--! Message: gdpr: the purge reads the catalog once, and deletes the job outbox before the pg-boss jobs (a concurrent drain is waited for)

-- Issue 15 (purge speed). app_private.purge_user_core (000081) ran app_private.gdpr_tables() — a
-- query over pg_catalog — twice, once for the deletes and once for the "nothing left" checks; it now
-- reads it once into an array used by both loops. Within a rank, partitioned tables go first, so the
-- person's telemetry is deleted by user_id (an index range per partition) before the cooking sessions
-- whose statement trigger (cooking_sessions_delete_events) would otherwise look for their events.
-- It also deletes the person's app.job_outbox rows before their pg-boss jobs, so a job a concurrent
-- drain (app.drain_job_outbox) moves into pg-boss while the purge runs is waited for and deleted too.
-- Redefines app_private.purge_user_core only; nothing else of it changes.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create or replace function app_private.purge_user_core(p_user_id uuid, p_reason text) returns jsonb
  language plpgsql
  volatile
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_id record;
  v_table app_private.gdpr_table;
  v_tables app_private.gdpr_table[];
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
  -- The person's job outbox rows (000140) first: a drain that is moving some of them into pg-boss
  -- holds their row locks, so this waits for it to commit; the next statement (a new snapshot) then
  -- sees the jobs it made. Without it a job drained during the purge would outlive the person.
  delete from app.job_outbox as o where o.user_id = p_user_id;
  get diagnostics v_count = row_count;
  -- Counted as the catalog's app.job_outbox (the loop below finds none left and adds 0).
  v_counts := pg_catalog.jsonb_build_object('app.job_outbox', v_count);
  v_total := v_count;
  -- pg-boss jobs, before the meal logs and messages their embedding jobs are found through.
  v_jobs := app_private.gdpr_purge_jobs(p_user_id, v_id.auth_id, v_id.emails);
  -- The catalog is read once (it is a query over pg_catalog) and used by both loops.
  -- Within a rank, partitioned tables first: telemetry goes by user_id (an index range per
  -- partition) before the cooking sessions whose deletion would otherwise look for it (000082).
  select pg_catalog.array_agg(g order by g.purge_rank, (select c.relkind = 'p' from pg_catalog.pg_class as c where c.oid = g.relation) desc, g.name)
    into v_tables
  from app_private.gdpr_tables() as g;
  foreach v_table in array coalesce(v_tables, '{}')
  loop
    execute app_private.gdpr_sql(v_table, 'delete') using p_user_id, v_id.auth_id, v_id.emails;
    get diagnostics v_count = row_count;
    v_counts := v_counts || pg_catalog.jsonb_build_object(v_table.name, v_count + coalesce((v_counts ->> v_table.name)::bigint, 0));
    v_total := v_total + v_count;
  end loop;
  foreach v_table in array coalesce(v_tables, '{}') loop
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
  'The purge itself (migrations 000023, 000081 and 000192), for app.purge_user and app_private.purge_due_accounts, which switch app.owner_access on first. In one transaction: locks the person''s row, marks their export files pending deletion (and forgets whose they were), deletes their job outbox rows (waiting for a drain that is moving them) and then their pg-boss jobs (app_private.gdpr_purge_jobs), '
  'deletes their rows from every table of app_private.gdpr_tables() in purge order (auth.verification by app_private.gdpr_verification_matches), checks nothing is left, audits. '
  'Returns {"user_id", "found", "purged_at", "reason", "tables": {"<schema.table>": rows deleted}, "total_rows", "jobs": pg-boss jobs deleted, "export_files": file records marked}; reference tables count rows whose reference was set to NULL.';
