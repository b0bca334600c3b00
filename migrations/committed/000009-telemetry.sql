--! Previous: sha1:b98b5a0c5418b760d8e3a0c5e883ac1850648d19
--! Hash: sha1:946d186c13803f59f8dfc8a64285b570fb80c8c9
--! Message: telemetry: monthly-partitioned telemetry events

-- telemetry area (Epicura): app.telemetry_events, partitioned by range on recorded_at exactly as
-- the document's DDL (bigserial id, PK (id, recorded_at)), plus user_id. Monthly partitions are
-- named app.telemetry_events_YYYY_MM and bounded by UTC month starts; a DEFAULT partition catches
-- anything no monthly partition covers. This migration creates the partitions of the current and
-- the next UTC month; partition maintenance (premake, moving rows out of DEFAULT, retention) is a
-- later migration.
-- squawk-ignore-file prefer-text-field, prefer-identity
--   prefer-text-field: varchar(n) is the type the source documents specify.
--   prefer-identity: bigserial is the type the Epicura document's DDL specifies.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create table app.telemetry_events (
  id           bigserial,
  appliance_id uuid        not null,
  session_id   uuid,
  user_id      uuid        not null,
  event_type   varchar(50) not null,
  payload      jsonb       not null,
  recorded_at  timestamptz not null default now(),
  constraint telemetry_events_pkey primary key (id, recorded_at),
  constraint telemetry_events_user_id_fkey foreign key (user_id) references app.users (id) on delete cascade,
  constraint telemetry_events_appliance_id_user_id_fkey foreign key (appliance_id, user_id)
    references app.appliances (id, user_id),
  constraint telemetry_events_session_id_user_id_fkey foreign key (session_id, user_id)
    references app.cooking_sessions (id, user_id) on delete cascade,
  constraint telemetry_events_event_type_check check (event_type in ('temperature', 'status', 'stage_change', 'alert', 'heartbeat')),
  constraint telemetry_events_payload_check check (jsonb_typeof(payload) = 'object')
) partition by range (recorded_at);

create index idx_telemetry_appliance_time on app.telemetry_events (appliance_id, recorded_at desc);
create index idx_telemetry_session on app.telemetry_events (session_id) where session_id is not null;
create index idx_telemetry_payload on app.telemetry_events using gin (payload jsonb_path_ops);
create index idx_telemetry_user on app.telemetry_events (user_id);

comment on table app.telemetry_events is
  'Time-series events from appliances (Epicura), partitioned by month on recorded_at (partitions app.telemetry_events_YYYY_MM over UTC months, plus app.telemetry_events_default). Indexes are defined on the parent and propagate to every partition. '
  'user_id is the owner of the appliance pairing when the event was recorded (composite FK (appliance_id, user_id) -> appliances(id, user_id)); a re-paired device''s history stays with the old pairing and the old owner. '
  'Deletion: with the person (ON DELETE CASCADE from app.users, the GDPR purge); with the cooking session (ON DELETE CASCADE: a cook''s temperature curve is part of that cook''s record); '
  'a pairing with events cannot be deleted on its own (NO ACTION; pairings end with unpaired_at). Retention drops or detaches whole partitions.';
comment on column app.telemetry_events.id is 'Event sequence id (bigserial; unique together with recorded_at, the partition key).';
comment on column app.telemetry_events.appliance_id is 'Source appliance pairing.';
comment on column app.telemetry_events.session_id is 'Cooking session the event belongs to; NULL for non-cooking events (heartbeats, idle status). Same owner as the event (composite FK).';
comment on column app.telemetry_events.user_id is 'Owner of the appliance pairing when the event was recorded (for row-level security and GDPR export/purge).';
comment on column app.telemetry_events.event_type is 'temperature, status, stage_change, alert or heartbeat.';
comment on column app.telemetry_events.payload is 'Event-specific data, a JSON object (GIN index idx_telemetry_payload, jsonb_path_ops).';
comment on column app.telemetry_events.recorded_at is 'Event timestamp (the partition key). An event outside every monthly partition lands in the DEFAULT partition.';
comment on index app.idx_telemetry_appliance_time is 'An appliance''s events over a time range (per partition, with partition pruning on recorded_at).';
comment on index app.idx_telemetry_session is 'Events of a cooking session; also serves the ON DELETE CASCADE from cooking_sessions.';
comment on index app.idx_telemetry_user is 'A person''s events: row-level security, GDPR export and purge.';

create table app.telemetry_events_default partition of app.telemetry_events default;
comment on table app.telemetry_events_default is
  'DEFAULT partition of app.telemetry_events: rows no monthly partition covers (clock skew, far-future or very old timestamps, a missing premade month), so an insert never fails. Should stay nearly empty; partition maintenance moves its rows into proper partitions.';

-- Partitions of the current and the next month (UTC), computed when the migration runs.
do $partitions$
declare
  v_month timestamp := pg_catalog.date_trunc('month', pg_catalog.timezone('UTC', pg_catalog.now()));
  v_start timestamp;
  v_name  text;
begin
  for i in 0..1 loop
    v_start := v_month + pg_catalog.make_interval(months => i);
    v_name := 'telemetry_events_' || pg_catalog.to_char(v_start, 'YYYY_MM');
    execute pg_catalog.format(
      'create table app.%I partition of app.telemetry_events for values from (%L) to (%L)',
      v_name,
      pg_catalog.to_char(v_start, 'YYYY-MM-DD') || ' 00:00:00+00',
      pg_catalog.to_char(v_start + interval '1 month', 'YYYY-MM-DD') || ' 00:00:00+00');
    execute pg_catalog.format(
      'comment on table app.%I is %L',
      v_name,
      pg_catalog.format('Monthly partition of app.telemetry_events: recorded_at in [%s, %s) UTC.',
        pg_catalog.to_char(v_start, 'YYYY-MM-DD'), pg_catalog.to_char(v_start + interval '1 month', 'YYYY-MM-DD')));
  end loop;
end
$partitions$;
