/* @name InsertEvents */
-- The ingest statement where app.telemetry_events is a plain (partitioned) table: native PostgreSQL,
-- the embedded engine. No ON CONFLICT: the clause makes every row a speculative insertion (a probe
-- of the unique index before the insert, then the insert's own check), measured at ~7% more server
-- CPU per row (bench/telemetry.ts); it could never meet a conflict here (the only unique key holds
-- the identity id). insertFormOf (src/areas/telemetry.ts) picks this or InsertEventsDistributed.
INSERT INTO app.telemetry_events (appliance_id, session_id, user_id, event_type, payload, recorded_at)
SELECT :applianceId!::uuid, e.session_id, :userId!::uuid, e.event_type, e.payload::jsonb, e.recorded_at
FROM ROWS FROM (
       unnest(:sessionIds!::text::uuid[]),
       unnest(:eventTypes!::text::text[]),
       json_array_elements(:payloads!::text::json),
       unnest(:recordedAts!::text::timestamptz[])
     ) AS e (session_id, event_type, payload, recorded_at)
WHERE EXISTS (
  SELECT FROM app.appliances a
  WHERE a.id = :applianceId! AND a.user_id = :userId! AND a.unpaired_at IS NULL
)
  AND (SELECT count(*) FROM app.cooking_sessions s
       WHERE s.id = ANY (:sessionCheck!::uuid[]) AND s.appliance_id = :applianceId! AND s.user_id = :userId!)
      = cardinality(:sessionCheck!::uuid[]);

/* @name InsertEventsDistributed */
-- The same statement for a database with Citus (insertFormOf). ON CONFLICT DO NOTHING never meets a
-- conflict (the only unique key contains the identity id). It is there for Citus: an INSERT … SELECT
-- into a distributed table with an identity column is pulled to the coordinator and, without ON
-- CONFLICT, written into the shards with COPY, which PostgreSQL refuses on a table with row-level
-- security (0A000 "COPY FROM not supported with row-level security"); with ON CONFLICT Citus sends
-- the rows as INSERT … SELECT from an intermediate result, checked by the policies as here.
INSERT INTO app.telemetry_events (appliance_id, session_id, user_id, event_type, payload, recorded_at)
SELECT :applianceId!::uuid, e.session_id, :userId!::uuid, e.event_type, e.payload::jsonb, e.recorded_at
FROM ROWS FROM (
       unnest(:sessionIds!::text::uuid[]),
       unnest(:eventTypes!::text::text[]),
       json_array_elements(:payloads!::text::json),
       unnest(:recordedAts!::text::timestamptz[])
     ) AS e (session_id, event_type, payload, recorded_at)
WHERE EXISTS (
  SELECT FROM app.appliances a
  WHERE a.id = :applianceId! AND a.user_id = :userId! AND a.unpaired_at IS NULL
)
  AND (SELECT count(*) FROM app.cooking_sessions s
       WHERE s.id = ANY (:sessionCheck!::uuid[]) AND s.appliance_id = :applianceId! AND s.user_id = :userId!)
      = cardinality(:sessionCheck!::uuid[])
ON CONFLICT DO NOTHING;

/* @name CitusInstalled */
-- The catalog fact insertFormOf chooses the ingest statement by (once per connection).
SELECT EXISTS (SELECT FROM pg_catalog.pg_extension WHERE extname = 'citus') AS "citus!";

/* @name ApplianceForIngest */
SELECT a.id AS "id!", a.unpaired_at AS "unpairedAt"
FROM app.appliances a
WHERE a.id = :applianceId! AND a.user_id = :userId!;

/* @name SessionsOfAppliance */
SELECT s.id AS "id!"
FROM app.cooking_sessions s
WHERE s.id = ANY (:sessionIds!::uuid[]) AND s.appliance_id = :applianceId! AND s.user_id = :userId!;

/* @name SessionEvents */
SELECT e.id::text AS "id!", e.appliance_id AS "applianceId!", e.session_id AS "sessionId",
       e.event_type AS "eventType!", e.payload AS "payload!", e.recorded_at AS "recordedAt!",
       pg_catalog.to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorTime!"
FROM app.telemetry_events e
WHERE e.user_id = :userId!
  AND e.session_id = :sessionId!
  AND (:afterRecordedAt::timestamptz IS NULL
       OR e.recorded_at > :afterRecordedAt
       OR (e.recorded_at = :afterRecordedAt AND e.id > :afterId::bigint))
ORDER BY e.recorded_at, e.id
LIMIT :limit!;

/* @name ApplianceEvents */
SELECT e.id::text AS "id!", e.appliance_id AS "applianceId!", e.session_id AS "sessionId",
       e.event_type AS "eventType!", e.payload AS "payload!", e.recorded_at AS "recordedAt!",
       pg_catalog.to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorTime!"
FROM app.telemetry_events e
WHERE e.user_id = :userId!
  AND e.appliance_id = :applianceId!
  AND e.recorded_at >= :from!::timestamptz
  AND e.recorded_at < :to!::timestamptz
  AND (:beforeRecordedAt::timestamptz IS NULL
       OR e.recorded_at < :beforeRecordedAt
       OR (e.recorded_at = :beforeRecordedAt AND e.id < :beforeId::bigint))
  AND (:eventType::text IS NULL OR e.event_type = :eventType)
ORDER BY e.recorded_at DESC, e.id DESC
LIMIT :limit!;

/* @name LatestReadings */
SELECT a.id AS "applianceId!", a.device_id AS "deviceId!", a.name AS "applianceName",
       e.id::text AS "eventId!", e.session_id AS "sessionId", e.event_type AS "eventType!",
       e.payload AS "payload!", e.recorded_at AS "recordedAt!"
FROM app.appliances a
CROSS JOIN LATERAL (
  SELECT t.id, t.session_id, t.event_type, t.payload, t.recorded_at
  FROM app.telemetry_events t
  WHERE t.user_id = a.user_id AND t.user_id = :userId!
    AND t.appliance_id = a.id
    AND (:eventType::text IS NULL OR t.event_type = :eventType)
  ORDER BY t.recorded_at DESC, t.id DESC
  LIMIT 1
) e
WHERE a.user_id = :userId! AND a.unpaired_at IS NULL
ORDER BY a.paired_at, a.id;

/* @name MaintainPartitions */
SELECT app.maintain_partitions() AS "result!";

/* @name PartitionReport */
SELECT r.parent_table AS "parentTable!", r.partition_name AS "partitionName!", r.is_default AS "isDefault!",
       r.lower_bound AS "lowerBound", r.upper_bound AS "upperBound",
       r.row_count::float8 AS "rowCount", r.row_count_exact AS "rowCountExact!", r.total_bytes::float8 AS "totalBytes!",
       r.retires_at AS "retiresAt", r.retention_action AS "retentionAction"
FROM app.partition_report(:exact!) r;
