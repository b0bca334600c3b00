--! Previous: sha1:03b0e87cc10eb829d4aacd36f21f34ec98423960
--! Hash: sha1:9b003f90aaa1936dec2267c5bb8e1c471a67c2a5
--! Message: gdpr: a record of every export file written, and its deletion

-- An export file is personal data outside the database: the gdpr.export job, the CLI (--out) and
-- the demo tour record every file they write here, BEFORE writing it, so a process that dies
-- half-way still leaves a row that says where to look. The life of a row:
--   writing           begun (app.gdpr_export_file_begin), file not complete yet
--   written           complete (app.gdpr_export_file_written: size, SHA-256)
--   pending_deletion  the person was purged (app_private.purge_user_core, in the purge's own
--                     transaction) or the file is older than the retention (app.gdpr_export_files_expire)
--   deleted           a process on the file's host deleted it (app.gdpr_export_file_deleted)
-- Deletion happens outside the database, after the purge commits: the process that purged (CLI,
-- worker) deletes the pending files of its host at once, and the periodic gdpr.export-files job
-- retries whatever is left, so a crash between the commit and the unlink loses nothing.
-- What survives the person: once purged, person_id is cleared at once, and path and sha256 when the
-- file is gone (paths contain the person's id or whatever name the officer chose); the row keeps
-- the audit's keyed hash (subject), the host, the times, the size and how it ended.
-- The database only says which files; the deleting process decides whether it may delete a path
-- (src/gdpr-files.ts: only under its export folders, or a CLI file whose size and SHA-256 match,
-- never following a symbolic link), so a compliance login that records a made-up row cannot make
-- the worker delete arbitrary files.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create table app_private.gdpr_export_files (
  id            bigint      generated always as identity,
  subject       text        not null,
  person_id     uuid,
  path          text,
  host          text        not null,
  written_by    text        not null,
  state         text        not null default 'writing',
  started_at    timestamptz not null default pg_catalog.now(),
  written_at    timestamptz,
  bytes         bigint,
  sha256        text,
  delete_reason text,
  delete_requested_at timestamptz,
  deleted_at    timestamptz,
  delete_attempts integer   not null default 0,
  last_error    text,
  constraint gdpr_export_files_pkey primary key (id),
  constraint gdpr_export_files_subject_check check (subject ~ '^[0-9a-f]{64}$'),
  constraint gdpr_export_files_written_by_check check (written_by in ('job', 'cli', 'demo')),
  constraint gdpr_export_files_state_check check (state in ('writing', 'written', 'pending_deletion', 'deleted')),
  constraint gdpr_export_files_delete_reason_check check (delete_reason in ('purge', 'retention', 'failed')),
  constraint gdpr_export_files_path_check check (path is null or (char_length(path) between 2 and 4096 and path like '/%')),
  constraint gdpr_export_files_host_check check (char_length(host) between 1 and 255),
  constraint gdpr_export_files_sha256_check check (sha256 ~ '^[0-9a-f]{64}$'),
  constraint gdpr_export_files_bytes_check check (bytes >= 0),
  -- A live file has a path; a purged person's row has no person_id; a deleted file of a purged person no path.
  constraint gdpr_export_files_state_path_check check (state = 'deleted' or path is not null),
  constraint gdpr_export_files_purged_check check (delete_reason is distinct from 'purge' or person_id is null),
  constraint gdpr_export_files_purged_path_check check (not (state = 'deleted' and delete_reason = 'purge') or (path is null and sha256 is null))
);
create index idx_gdpr_export_files_person on app_private.gdpr_export_files (person_id) where person_id is not null;
create index idx_gdpr_export_files_subject on app_private.gdpr_export_files (subject, id);
create index idx_gdpr_export_files_open on app_private.gdpr_export_files (state, started_at) where state <> 'deleted';
comment on table app_private.gdpr_export_files is
  'Every GDPR export file written to disk (by the gdpr.export job, `kitchen-db gdpr export --out`, the demo tour) and what became of it: writing → written → pending_deletion (purge or retention) → deleted. See migration 000080 and docs/gdpr.md. '
  'Rows stay after the file is gone (the audit of the file''s life) without anything identifying: person_id is cleared by the purge, path and sha256 when the file of a purged person is deleted. No application role has any privilege on it: the app.gdpr_export_file* functions are the way in.';
comment on column app_private.gdpr_export_files.id is 'Sequence number (identity).';
comment on column app_private.gdpr_export_files.subject is 'The person as the audit trail names them: app_private.gdpr_subject(user id), kept after the purge.';
comment on column app_private.gdpr_export_files.person_id is 'The person while they exist (no foreign key: the row outlives them; not named user_id because no row-level security applies: no application role reads this table); cleared by the purge.';
comment on column app_private.gdpr_export_files.path is 'Absolute path of the file on host; cleared once a purged person''s file is deleted (paths contain the person''s id or a name chosen by a person).';
comment on column app_private.gdpr_export_files.host is 'Host name of the machine that wrote the file: only a process on that host deletes it.';
comment on column app_private.gdpr_export_files.written_by is 'job (the gdpr.export job), cli (kitchen-db gdpr export --out), demo (the demo tour).';
comment on column app_private.gdpr_export_files.state is 'writing, written, pending_deletion, deleted (see the table comment).';
comment on column app_private.gdpr_export_files.started_at is 'When the writer recorded the file, before writing it.';
comment on column app_private.gdpr_export_files.written_at is 'When the complete file was in place.';
comment on column app_private.gdpr_export_files.bytes is 'Size of the complete file.';
comment on column app_private.gdpr_export_files.sha256 is 'SHA-256 of the complete file (hex): a deleter outside the export folders deletes only a file that still matches it.';
comment on column app_private.gdpr_export_files.delete_reason is 'Why it is (to be) deleted: purge (the person was erased), retention (older than the retention period), failed (the export failed; nothing complete was written).';
comment on column app_private.gdpr_export_files.delete_requested_at is 'When it became pending_deletion.';
comment on column app_private.gdpr_export_files.deleted_at is 'When the file was deleted (or found already gone).';
comment on column app_private.gdpr_export_files.delete_attempts is 'Failed deletion attempts so far.';
comment on column app_private.gdpr_export_files.last_error is 'Why the last deletion attempt failed (no path in it).';

-- Writers -----------------------------------------------------------------------------------------
create function app.gdpr_export_file_begin(p_user_id uuid, p_path text, p_written_by text, p_host text) returns bigint
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_prev text := pg_catalog.current_setting('app.owner_access', true);
  v_id bigint;
begin
  if p_user_id is null then
    raise exception 'p_user_id must not be null' using errcode = 'null_value_not_allowed';
  end if;
  if p_path is null or p_path !~ '^/' or pg_catalog.char_length(p_path) > 4096 or p_path ~ '(^|/)\.\.?(/|$)' then
    raise exception 'p_path must be an absolute, normalised path (got %)', p_path using errcode = 'invalid_parameter_value';
  end if;
  if p_written_by is null or p_written_by not in ('job', 'cli', 'demo') then
    raise exception 'p_written_by must be job, cli or demo (got %)', p_written_by using errcode = 'invalid_parameter_value';
  end if;
  if p_host is null or pg_catalog.char_length(p_host) not between 1 and 255 then
    raise exception 'p_host must be a host name (1 to 255 characters)' using errcode = 'invalid_parameter_value';
  end if;
  perform app_private.owner_access_on();
  -- FOR SHARE: a purge of the person (which locks the row FOR UPDATE) waits for this transaction,
  -- or this one waits for the purge and then finds nobody: no file is begun for an erased person.
  perform from app.users as u where u.id = p_user_id for share;
  if not found then
    raise exception 'no person with id %', p_user_id using errcode = 'foreign_key_violation';
  end if;
  insert into app_private.gdpr_export_files (subject, person_id, path, host, written_by)
  values (app_private.gdpr_subject(p_user_id), p_user_id, p_path, p_host, p_written_by)
  returning id into v_id;
  perform pg_catalog.set_config('app.owner_access', coalesce(v_prev, ''), true);
  return v_id;
end
$$;
comment on function app.gdpr_export_file_begin(uuid, text, text, text) is
  'Records an export file about to be written (state writing): the person, its absolute path, who writes it (job, cli, demo) and the host. Call it and commit BEFORE writing the file, so a crash leaves a row to clean up after. Refuses an unknown person (23503). Returns the row id for app.gdpr_export_file_written.';

create function app.gdpr_export_file_written(p_id bigint, p_bytes bigint, p_sha256 text) returns boolean
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_state text;
begin
  if p_bytes is null or p_bytes < 0 then
    raise exception 'p_bytes must be a size (got %)', p_bytes using errcode = 'invalid_parameter_value';
  end if;
  if p_sha256 is null or p_sha256 !~ '^[0-9a-f]{64}$' then
    raise exception 'p_sha256 must be 64 lower-case hex digits' using errcode = 'invalid_parameter_value';
  end if;
  update app_private.gdpr_export_files as f
     set state = 'written', written_at = pg_catalog.now(), bytes = p_bytes, sha256 = p_sha256
   where f.id = p_id and f.state = 'writing'
  returning f.state into v_state;
  return v_state is not null;
end
$$;
comment on function app.gdpr_export_file_written(bigint, bigint, text) is
  'Marks a begun export file complete (size, SHA-256). Returns false when the row is no longer writing (the person was purged, or the retention expired it, meanwhile): the writer must then delete the file itself and report it with app.gdpr_export_file_deleted.';

-- Deleters ----------------------------------------------------------------------------------------
create function app.gdpr_export_files_to_delete(p_host text, p_limit integer default 100)
  returns table (id bigint, path text, written_by text, state_before text, bytes bigint, sha256 text, delete_reason text)
  language sql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
  select f.id, f.path, f.written_by,
         case when f.written_at is null then 'writing' else 'written' end,
         f.bytes, f.sha256, f.delete_reason
  from app_private.gdpr_export_files as f
  where f.state = 'pending_deletion' and f.host = p_host
  order by f.delete_requested_at, f.id
  limit least(greatest(coalesce(p_limit, 100), 1), 1000)
$$;
comment on function app.gdpr_export_files_to_delete(text, integer) is
  'The export files of host p_host waiting to be deleted (pending_deletion), oldest request first, at most p_limit (1–1000): path, who wrote it, whether it was complete (state_before), size and SHA-256 (NULL if it never completed). The caller decides whether it may delete each path (src/gdpr-files.ts) and reports with app.gdpr_export_file_deleted.';

create function app.gdpr_export_file_deleted(p_id bigint, p_error text default null) returns boolean
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_done boolean;
begin
  if p_error is not null then
    update app_private.gdpr_export_files as f
       set delete_attempts = f.delete_attempts + 1, last_error = pg_catalog.left(p_error, 500)
     where f.id = p_id and f.state = 'pending_deletion';
    return false;
  end if;
  update app_private.gdpr_export_files as f
     set state = 'deleted', deleted_at = pg_catalog.now(), last_error = null,
         -- A purged person's path (their id, or a name someone chose) and file hash go with the file.
         path = case when f.delete_reason = 'purge' then null else f.path end,
         sha256 = case when f.delete_reason = 'purge' then null else f.sha256 end
   where f.id = p_id and f.state in ('pending_deletion', 'writing', 'written')
  returning true into v_done;
  return coalesce(v_done, false);
end
$$;
comment on function app.gdpr_export_file_deleted(bigint, text) is
  'Reports the deletion of an export file (or that it was already gone): state deleted, deleted_at now; for a purged person the path and SHA-256 are cleared. With p_error, records a failed attempt instead (the row stays pending, retried by the gdpr.export-files job). '
  'A writer whose export failed reports its begun row here too (the file never appeared).';

create function app.gdpr_export_file_failed(p_id bigint) returns void
  language sql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
  update app_private.gdpr_export_files as f
     set state = 'deleted', delete_reason = coalesce(f.delete_reason, 'failed'), deleted_at = pg_catalog.now(),
         delete_requested_at = coalesce(f.delete_requested_at, pg_catalog.now()),
         path = case when f.delete_reason = 'purge' then null else f.path end
   where f.id = p_id and f.state in ('writing', 'pending_deletion') and f.written_at is null
$$;
comment on function app.gdpr_export_file_failed(bigint) is
  'A writer reports that its begun export failed and left no file (the partial file is removed by the writer): the row ends as deleted, reason failed (or purge if the person was erased meanwhile).';

create function app.gdpr_export_files_expire(p_retention interval) returns integer
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_count integer;
begin
  if p_retention is null or p_retention < interval '0' or p_retention > interval '365 days' then
    raise exception 'p_retention must be between 0 and 365 days (got %)', p_retention using errcode = 'invalid_parameter_value';
  end if;
  update app_private.gdpr_export_files as f
     set state = 'pending_deletion', delete_reason = 'retention', delete_requested_at = pg_catalog.now()
   where f.state in ('writing', 'written')
     and coalesce(f.written_at, f.started_at) < pg_catalog.now() - p_retention;
  get diagnostics v_count = row_count;
  return v_count;
end
$$;
comment on function app.gdpr_export_files_expire(interval) is
  'The gdpr.export-files job (app_worker): marks every export file written (or begun) longer ago than p_retention (0–365 days; KITCHEN_DB_EXPORT_RETENTION_DAYS, default 7) as pending deletion, reason retention. Returns how many. The job then deletes them.';

-- Reading ----------------------------------------------------------------------------------------
create function app.gdpr_export_file_log(p_limit integer default 100, p_user_id uuid default null)
  returns table (id bigint, subject text, written_by text, host text, path text, state text, started_at timestamptz,
                 written_at timestamptz, bytes bigint, delete_reason text, delete_requested_at timestamptz, deleted_at timestamptz,
                 delete_attempts integer, last_error text)
  language sql
  stable
  security definer
  set search_path = pg_catalog, pg_temp
as $$
  select f.id, f.subject, f.written_by, f.host, f.path, f.state, f.started_at, f.written_at, f.bytes,
         f.delete_reason, f.delete_requested_at, f.deleted_at, f.delete_attempts, f.last_error
  from app_private.gdpr_export_files as f
  where (p_user_id is null or f.subject = app_private.gdpr_subject(p_user_id))
  order by f.id desc
  limit least(greatest(coalesce(p_limit, 100), 1), 10000)
$$;
comment on function app.gdpr_export_file_log(integer, uuid) is
  'Compliance: the export files recorded, newest first (at most p_limit, 1–10000): who wrote each, where, when it was written and deleted, and why; only the person p_user_id''s when given (through the keyed hash, so it works after their purge).';

revoke all on table app_private.gdpr_export_files from public;
revoke all on function app.gdpr_export_file_begin(uuid, text, text, text), app.gdpr_export_file_written(bigint, bigint, text),
  app.gdpr_export_files_to_delete(text, integer), app.gdpr_export_file_deleted(bigint, text), app.gdpr_export_file_failed(bigint),
  app.gdpr_export_files_expire(interval), app.gdpr_export_file_log(integer, uuid) from public;
-- The worker's gdpr.export job writes as app_compliance; the CLI and the demo too. Both delete.
grant execute on function app.gdpr_export_file_begin(uuid, text, text, text), app.gdpr_export_file_written(bigint, bigint, text),
  app.gdpr_export_file_failed(bigint), app.gdpr_export_files_to_delete(text, integer), app.gdpr_export_file_deleted(bigint, text),
  app.gdpr_export_file_log(integer, uuid) to app_compliance;
grant execute on function app.gdpr_export_files_to_delete(text, integer), app.gdpr_export_file_deleted(bigint, text),
  app.gdpr_export_files_expire(interval) to app_worker;
