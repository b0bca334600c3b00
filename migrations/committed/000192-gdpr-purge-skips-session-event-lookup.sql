--! Previous: sha1:7f9c1d6d54a74260b71a88770d3808d9bda8995a
--! Hash: sha1:af45a07555f27bf4229bfd9969e06219bec825fb
--! Message: gdpr: a purge no longer looks for the events of each deleted cooking session (it deletes all of the person's events anyway)

-- Issue 15 (purge speed). After 000082 the statement trigger cooking_sessions_delete_events deletes
-- the events of deleted sessions in one statement; in a purge that statement still cost ~0.2–0.5 s:
-- the person's million events are already deleted by then (telemetry goes first), and finding that
-- out means visiting each of them again through the index (deleted by this very transaction, so not
-- yet skippable). The purge needs none of it: it deletes every event of the person, and an event of
-- a session always belongs to the session's owner (trigger telemetry_events_check_sessions_*), and
-- it then checks that no event of the person is left.
-- So the purge announces itself in app_private.gdpr_purges_running — a row it inserts after locking
-- the person and deletes before it returns, in its own transaction, so no other transaction ever
-- sees it — and the trigger leaves out the sessions of a person being purged. Nobody else can write
-- that table (app_private: no grant to any application role), so no one can make a session's
-- deletion keep its events. Also: the purge reads the catalog (app_private.gdpr_tables()) once
-- instead of twice.
-- Redefines app_private.purge_user_core (000081) and app_private.cooking_sessions_delete_events
-- (000082); nothing else of either changes.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create table app_private.gdpr_purges_running (
  person_id uuid not null,
  constraint gdpr_purges_running_pkey primary key (person_id)
);
comment on table app_private.gdpr_purges_running is
  'The person a purge is erasing, while it runs: inserted by app_private.purge_user_core after it locks the person and deleted before it returns, in the same transaction — never committed, so never seen by another transaction (always empty to everyone else). Tells app_private.cooking_sessions_delete_events that the purge deletes every event of that person itself. No application role may read or write it.';
comment on column app_private.gdpr_purges_running.person_id is 'app.users.id of the person being purged (no foreign key: the row never outlives the purge, which deletes the person).';
revoke all on table app_private.gdpr_purges_running from public;

create or replace function app_private.cooking_sessions_delete_events() returns trigger
  language plpgsql
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_access text := pg_catalog.current_setting('app.owner_access', true);
  v_ids uuid[];
  v_users uuid[];
begin
  -- Sessions of a person being purged are left out: the purge deletes all of that person's events
  -- and checks none is left (app_private.purge_user_core, 000192).
  select pg_catalog.array_agg(o.id), pg_catalog.array_agg(distinct o.user_id) into v_ids, v_users
  from old_rows as o
  where not exists (select from app_private.gdpr_purges_running as r where r.person_id = o.user_id);
  if v_ids is null then
    return null;
  end if;
  perform app_private.owner_access_on();
  -- user_id in the condition as well: one person's rows (Citus routes it to one shard).
  delete from app.telemetry_events as t where t.user_id = any (v_users) and t.session_id = any (v_ids);
  perform pg_catalog.set_config('app.owner_access', coalesce(v_access, ''), true);
  return null;
end
$$;
comment on function app_private.cooking_sessions_delete_events() is
  'Statement trigger on app.cooking_sessions (DELETE): deletes the events of the deleted sessions in one statement — the ON DELETE CASCADE of the former foreign key telemetry_events_session_id_user_id_fkey (migration 000082), without visiting every partition once per session. '
  'Sessions of a person being purged (app_private.gdpr_purges_running, migration 000192) are left out: the purge deletes all their events itself. SECURITY DEFINER.';

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
  -- Seen only by this transaction (inserted and deleted in it): tells the session trigger that every
  -- event of this person goes anyway (000192).
  insert into app_private.gdpr_purges_running (person_id) values (p_user_id);
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
    v_counts := v_counts || pg_catalog.jsonb_build_object(v_table.name, v_count);
    v_total := v_total + v_count;
  end loop;
  foreach v_table in array coalesce(v_tables, '{}') loop
    execute app_private.gdpr_sql(v_table, 'exists') into v_left using p_user_id, v_id.auth_id, v_id.emails;
    if v_left then
      raise exception 'GDPR purge left rows of the person in % — nothing was deleted', v_table.name
        using errcode = 'internal_error';
    end if;
  end loop;
  delete from app_private.gdpr_purges_running as r where r.person_id = p_user_id;
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
  'The purge itself (migrations 000023, 000081 and 000192), for app.purge_user and app_private.purge_due_accounts, which switch app.owner_access on first. In one transaction: locks the person''s row, marks itself in app_private.gdpr_purges_running (until it returns), marks their export files pending deletion (and forgets whose they were), deletes their pg-boss jobs (app_private.gdpr_purge_jobs), '
  'deletes their rows from every table of app_private.gdpr_tables() in purge order (auth.verification by app_private.gdpr_verification_matches), checks nothing is left, audits. '
  'Returns {"user_id", "found", "purged_at", "reason", "tables": {"<schema.table>": rows deleted}, "total_rows", "jobs": pg-boss jobs deleted, "export_files": file records marked}; reference tables count rows whose reference was set to NULL.';
