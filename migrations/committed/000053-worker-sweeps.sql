--! Previous: sha1:13bd272eb5fec3dd879c9e996cdc01dbc7ee9b94
--! Hash: sha1:90b84ff46a07bdc7786ce2e44468bd782383b745
--! Message: worker sweeps: offline appliances, stale push tokens

-- Two periodic sweeps of the job worker (queues appliances.offline-sweep and push-tokens.cleanup).
-- SECURITY INVOKER: app_worker's grants (UPDATE (status) on appliances, DELETE on push_tokens) and
-- its worker_all policy already allow exactly this, so no definer rights are needed. Both are
-- idempotent: a second run finds nothing left to do.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create function app.mark_offline_appliances(p_silent_for interval) returns integer
  language plpgsql
  volatile
  set search_path = ''
as $$
declare
  v_count integer;
begin
  if p_silent_for is null or p_silent_for < interval '1 second' then
    raise exception 'mark_offline_appliances: the silence threshold must be at least one second (got %)', p_silent_for
      using errcode = 'invalid_parameter_value';
  end if;
  update app.appliances as a
     set status = 'offline'
   where a.unpaired_at is null
     and a.status is distinct from 'offline'
     and coalesce(a.last_seen_at, a.paired_at) < pg_catalog.now() - p_silent_for;
  get diagnostics v_count = row_count;
  return v_count;
end
$$;
comment on function app.mark_offline_appliances(interval) is
  'Offline sweep (job appliances.offline-sweep, every minute): every current pairing (unpaired_at IS NULL) not already offline whose device was last heard from (last_seen_at, or paired_at if never) more than p_silent_for ago becomes status offline, whatever it was (online, cooking, error: a silent device''s state is unknown). '
  'Returns how many changed; idempotent. SECURITY INVOKER, executable by app_worker only. Errors: a threshold under one second (22023).';

create function app.delete_stale_push_tokens(p_not_refreshed_for interval default interval '60 days') returns integer
  language plpgsql
  volatile
  set search_path = ''
as $$
declare
  v_count integer;
begin
  if p_not_refreshed_for is null or p_not_refreshed_for < interval '1 day' then
    raise exception 'delete_stale_push_tokens: the age must be at least one day (got %)', p_not_refreshed_for
      using errcode = 'invalid_parameter_value';
  end if;
  delete from app.push_tokens as t
   where t.updated_at < pg_catalog.now() - p_not_refreshed_for;
  get diagnostics v_count = row_count;
  return v_count;
end
$$;
comment on function app.delete_stale_push_tokens(interval) is
  'Push-token cleanup (job push-tokens.cleanup, daily): deletes the FCM/APNs tokens not refreshed (updated_at; a phone re-registering its token refreshes it) for longer than p_not_refreshed_for (default 60 days): FCM treats such tokens as stale. '
  'Returns how many were deleted; idempotent. SECURITY INVOKER, executable by app_worker only. Errors: an age under one day (22023).';

revoke all on function app.mark_offline_appliances(interval), app.delete_stale_push_tokens(interval) from public;
grant execute on function app.mark_offline_appliances(interval), app.delete_stale_push_tokens(interval) to app_worker;
