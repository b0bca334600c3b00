/** Types generated for queries found in "queries/telemetry.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type DateOrString = Date | string;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type NumberOrString = number | string;

export type stringArray = (string)[];

/** 'InsertEvents' parameters type */
export interface IInsertEventsParams {
  applianceId: string;
  eventTypes: string;
  payloads: string;
  recordedAts: string;
  sessionCheck: stringArray;
  sessionIds: string;
  userId: string;
}

/** 'InsertEvents' return type */
export type IInsertEventsResult = void;

/** 'InsertEvents' query type */
export interface IInsertEventsQuery {
  params: IInsertEventsParams;
  result: IInsertEventsResult;
}

const insertEventsIR: any = {"usedParamSet":{"applianceId":true,"userId":true,"sessionIds":true,"eventTypes":true,"payloads":true,"recordedAts":true,"sessionCheck":true},"params":[{"name":"applianceId","required":true,"transform":{"type":"scalar"},"locs":[{"a":610,"b":622},{"a":1032,"b":1044},{"a":1220,"b":1232}]},{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":645,"b":652},{"a":1062,"b":1069},{"a":1250,"b":1257}]},{"name":"sessionIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":738,"b":749}]},{"name":"eventTypes","required":true,"transform":{"type":"scalar"},"locs":[{"a":781,"b":792}]},{"name":"payloads","required":true,"transform":{"type":"scalar"},"locs":[{"a":837,"b":846}]},{"name":"recordedAts","required":true,"transform":{"type":"scalar"},"locs":[{"a":876,"b":888}]},{"name":"sessionCheck","required":true,"transform":{"type":"scalar"},"locs":[{"a":1175,"b":1188},{"a":1280,"b":1293}]}],"statement":"-- The ingest statement where app.telemetry_events is a plain (partitioned) table: native PostgreSQL,\n-- the embedded engine. No ON CONFLICT: the clause makes every row a speculative insertion (a probe\n-- of the unique index before the insert, then the insert's own check), measured at ~7% more server\n-- CPU per row (bench/telemetry.ts); it could never meet a conflict here (the only unique key holds\n-- the identity id). insertFormOf (src/areas/telemetry.ts) picks this or InsertEventsDistributed.\nINSERT INTO app.telemetry_events (appliance_id, session_id, user_id, event_type, payload, recorded_at)\nSELECT :applianceId!::uuid, e.session_id, :userId!::uuid, e.event_type, e.payload::jsonb, e.recorded_at\nFROM ROWS FROM (\n       unnest(:sessionIds!::text::uuid[]),\n       unnest(:eventTypes!::text::text[]),\n       json_array_elements(:payloads!::text::json),\n       unnest(:recordedAts!::text::timestamptz[])\n     ) AS e (session_id, event_type, payload, recorded_at)\nWHERE EXISTS (\n  SELECT FROM app.appliances a\n  WHERE a.id = :applianceId! AND a.user_id = :userId! AND a.unpaired_at IS NULL\n)\n  AND (SELECT count(*) FROM app.cooking_sessions s\n       WHERE s.id = ANY (:sessionCheck!::uuid[]) AND s.appliance_id = :applianceId! AND s.user_id = :userId!)\n      = cardinality(:sessionCheck!::uuid[])"};

/**
 * Query generated from SQL:
 * ```
 * -- The ingest statement where app.telemetry_events is a plain (partitioned) table: native PostgreSQL,
 * -- the embedded engine. No ON CONFLICT: the clause makes every row a speculative insertion (a probe
 * -- of the unique index before the insert, then the insert's own check), measured at ~7% more server
 * -- CPU per row (bench/telemetry.ts); it could never meet a conflict here (the only unique key holds
 * -- the identity id). insertFormOf (src/areas/telemetry.ts) picks this or InsertEventsDistributed.
 * INSERT INTO app.telemetry_events (appliance_id, session_id, user_id, event_type, payload, recorded_at)
 * SELECT :applianceId!::uuid, e.session_id, :userId!::uuid, e.event_type, e.payload::jsonb, e.recorded_at
 * FROM ROWS FROM (
 *        unnest(:sessionIds!::text::uuid[]),
 *        unnest(:eventTypes!::text::text[]),
 *        json_array_elements(:payloads!::text::json),
 *        unnest(:recordedAts!::text::timestamptz[])
 *      ) AS e (session_id, event_type, payload, recorded_at)
 * WHERE EXISTS (
 *   SELECT FROM app.appliances a
 *   WHERE a.id = :applianceId! AND a.user_id = :userId! AND a.unpaired_at IS NULL
 * )
 *   AND (SELECT count(*) FROM app.cooking_sessions s
 *        WHERE s.id = ANY (:sessionCheck!::uuid[]) AND s.appliance_id = :applianceId! AND s.user_id = :userId!)
 *       = cardinality(:sessionCheck!::uuid[])
 * ```
 */
export const insertEvents = new PreparedQuery<IInsertEventsParams,IInsertEventsResult>(insertEventsIR);


/** 'InsertEventsDistributed' parameters type */
export interface IInsertEventsDistributedParams {
  applianceId: string;
  eventTypes: string;
  payloads: string;
  recordedAts: string;
  sessionCheck: stringArray;
  sessionIds: string;
  userId: string;
}

/** 'InsertEventsDistributed' return type */
export type IInsertEventsDistributedResult = void;

/** 'InsertEventsDistributed' query type */
export interface IInsertEventsDistributedQuery {
  params: IInsertEventsDistributedParams;
  result: IInsertEventsDistributedResult;
}

const insertEventsDistributedIR: any = {"usedParamSet":{"applianceId":true,"userId":true,"sessionIds":true,"eventTypes":true,"payloads":true,"recordedAts":true,"sessionCheck":true},"params":[{"name":"applianceId","required":true,"transform":{"type":"scalar"},"locs":[{"a":702,"b":714},{"a":1124,"b":1136},{"a":1312,"b":1324}]},{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":737,"b":744},{"a":1154,"b":1161},{"a":1342,"b":1349}]},{"name":"sessionIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":830,"b":841}]},{"name":"eventTypes","required":true,"transform":{"type":"scalar"},"locs":[{"a":873,"b":884}]},{"name":"payloads","required":true,"transform":{"type":"scalar"},"locs":[{"a":929,"b":938}]},{"name":"recordedAts","required":true,"transform":{"type":"scalar"},"locs":[{"a":968,"b":980}]},{"name":"sessionCheck","required":true,"transform":{"type":"scalar"},"locs":[{"a":1267,"b":1280},{"a":1372,"b":1385}]}],"statement":"-- The same statement for a database with Citus (insertFormOf). ON CONFLICT DO NOTHING never meets a\n-- conflict (the only unique key contains the identity id). It is there for Citus: an INSERT … SELECT\n-- into a distributed table with an identity column is pulled to the coordinator and, without ON\n-- CONFLICT, written into the shards with COPY, which PostgreSQL refuses on a table with row-level\n-- security (0A000 \"COPY FROM not supported with row-level security\"); with ON CONFLICT Citus sends\n-- the rows as INSERT … SELECT from an intermediate result, checked by the policies as here.\nINSERT INTO app.telemetry_events (appliance_id, session_id, user_id, event_type, payload, recorded_at)\nSELECT :applianceId!::uuid, e.session_id, :userId!::uuid, e.event_type, e.payload::jsonb, e.recorded_at\nFROM ROWS FROM (\n       unnest(:sessionIds!::text::uuid[]),\n       unnest(:eventTypes!::text::text[]),\n       json_array_elements(:payloads!::text::json),\n       unnest(:recordedAts!::text::timestamptz[])\n     ) AS e (session_id, event_type, payload, recorded_at)\nWHERE EXISTS (\n  SELECT FROM app.appliances a\n  WHERE a.id = :applianceId! AND a.user_id = :userId! AND a.unpaired_at IS NULL\n)\n  AND (SELECT count(*) FROM app.cooking_sessions s\n       WHERE s.id = ANY (:sessionCheck!::uuid[]) AND s.appliance_id = :applianceId! AND s.user_id = :userId!)\n      = cardinality(:sessionCheck!::uuid[])\nON CONFLICT DO NOTHING"};

/**
 * Query generated from SQL:
 * ```
 * -- The same statement for a database with Citus (insertFormOf). ON CONFLICT DO NOTHING never meets a
 * -- conflict (the only unique key contains the identity id). It is there for Citus: an INSERT … SELECT
 * -- into a distributed table with an identity column is pulled to the coordinator and, without ON
 * -- CONFLICT, written into the shards with COPY, which PostgreSQL refuses on a table with row-level
 * -- security (0A000 "COPY FROM not supported with row-level security"); with ON CONFLICT Citus sends
 * -- the rows as INSERT … SELECT from an intermediate result, checked by the policies as here.
 * INSERT INTO app.telemetry_events (appliance_id, session_id, user_id, event_type, payload, recorded_at)
 * SELECT :applianceId!::uuid, e.session_id, :userId!::uuid, e.event_type, e.payload::jsonb, e.recorded_at
 * FROM ROWS FROM (
 *        unnest(:sessionIds!::text::uuid[]),
 *        unnest(:eventTypes!::text::text[]),
 *        json_array_elements(:payloads!::text::json),
 *        unnest(:recordedAts!::text::timestamptz[])
 *      ) AS e (session_id, event_type, payload, recorded_at)
 * WHERE EXISTS (
 *   SELECT FROM app.appliances a
 *   WHERE a.id = :applianceId! AND a.user_id = :userId! AND a.unpaired_at IS NULL
 * )
 *   AND (SELECT count(*) FROM app.cooking_sessions s
 *        WHERE s.id = ANY (:sessionCheck!::uuid[]) AND s.appliance_id = :applianceId! AND s.user_id = :userId!)
 *       = cardinality(:sessionCheck!::uuid[])
 * ON CONFLICT DO NOTHING
 * ```
 */
export const insertEventsDistributed = new PreparedQuery<IInsertEventsDistributedParams,IInsertEventsDistributedResult>(insertEventsDistributedIR);


/** 'CitusInstalled' parameters type */
export type ICitusInstalledParams = void;

/** 'CitusInstalled' return type */
export interface ICitusInstalledResult {
  citus: boolean;
}

/** 'CitusInstalled' query type */
export interface ICitusInstalledQuery {
  params: ICitusInstalledParams;
  result: ICitusInstalledResult;
}

const citusInstalledIR: any = {"usedParamSet":{},"params":[],"statement":"-- The catalog fact insertFormOf chooses the ingest statement by (once per connection).\nSELECT EXISTS (SELECT FROM pg_catalog.pg_extension WHERE extname = 'citus') AS \"citus!\""};

/**
 * Query generated from SQL:
 * ```
 * -- The catalog fact insertFormOf chooses the ingest statement by (once per connection).
 * SELECT EXISTS (SELECT FROM pg_catalog.pg_extension WHERE extname = 'citus') AS "citus!"
 * ```
 */
export const citusInstalled = new PreparedQuery<ICitusInstalledParams,ICitusInstalledResult>(citusInstalledIR);


/** 'ApplianceForIngest' parameters type */
export interface IApplianceForIngestParams {
  applianceId: string;
  userId: string;
}

/** 'ApplianceForIngest' return type */
export interface IApplianceForIngestResult {
  /** Pairing record id (the appliance_id of sessions and telemetry). */
  id: string;
  /** When this pairing ended (device removed or re-paired to someone else); NULL = the device's current pairing. Added to the Epicura columns so that history survives re-pairing. */
  unpairedAt: Date | null;
}

/** 'ApplianceForIngest' query type */
export interface IApplianceForIngestQuery {
  params: IApplianceForIngestParams;
  result: IApplianceForIngestResult;
}

const applianceForIngestIR: any = {"usedParamSet":{"applianceId":true,"userId":true},"params":[{"name":"applianceId","required":true,"transform":{"type":"scalar"},"locs":[{"a":87,"b":99}]},{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":117,"b":124}]}],"statement":"SELECT a.id AS \"id!\", a.unpaired_at AS \"unpairedAt\"\nFROM app.appliances a\nWHERE a.id = :applianceId! AND a.user_id = :userId!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT a.id AS "id!", a.unpaired_at AS "unpairedAt"
 * FROM app.appliances a
 * WHERE a.id = :applianceId! AND a.user_id = :userId!
 * ```
 */
export const applianceForIngest = new PreparedQuery<IApplianceForIngestParams,IApplianceForIngestResult>(applianceForIngestIR);


/** 'SessionsOfAppliance' parameters type */
export interface ISessionsOfApplianceParams {
  applianceId: string;
  sessionIds: stringArray;
  userId: string;
}

/** 'SessionsOfAppliance' return type */
export interface ISessionsOfApplianceResult {
  /** Session id; the device may choose it (uuid) so that re-uploading a log does not duplicate it. */
  id: string;
}

/** 'SessionsOfAppliance' query type */
export interface ISessionsOfApplianceQuery {
  params: ISessionsOfApplianceParams;
  result: ISessionsOfApplianceResult;
}

const sessionsOfApplianceIR: any = {"usedParamSet":{"sessionIds":true,"applianceId":true,"userId":true},"params":[{"name":"sessionIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":67,"b":78}]},{"name":"applianceId","required":true,"transform":{"type":"scalar"},"locs":[{"a":110,"b":122}]},{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":140,"b":147}]}],"statement":"SELECT s.id AS \"id!\"\nFROM app.cooking_sessions s\nWHERE s.id = ANY (:sessionIds!::uuid[]) AND s.appliance_id = :applianceId! AND s.user_id = :userId!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT s.id AS "id!"
 * FROM app.cooking_sessions s
 * WHERE s.id = ANY (:sessionIds!::uuid[]) AND s.appliance_id = :applianceId! AND s.user_id = :userId!
 * ```
 */
export const sessionsOfAppliance = new PreparedQuery<ISessionsOfApplianceParams,ISessionsOfApplianceResult>(sessionsOfApplianceIR);


/** 'SessionEvents' parameters type */
export interface ISessionEventsParams {
  afterId?: NumberOrString | null | void;
  afterRecordedAt?: DateOrString | null | void;
  limit: NumberOrString;
  sessionId: string;
  userId: string;
}

/** 'SessionEvents' return type */
export interface ISessionEventsResult {
  /** Source appliance pairing. */
  applianceId: string;
  cursorTime: string;
  /** temperature, status, stage_change, alert or heartbeat. */
  eventType: string;
  id: string;
  /** Event-specific data, a JSON object (GIN index idx_telemetry_payload, jsonb_path_ops). */
  payload: Json;
  /** Event timestamp (the partition key). An event outside every monthly partition lands in the DEFAULT partition. */
  recordedAt: Date;
  /** Cooking session the event belongs to; NULL for non-cooking events (heartbeats, idle status). Same owner as the event: (session_id, user_id) must be a row of app.cooking_sessions (statement trigger telemetry_events_check_sessions_*, migration 000082); deleting the session deletes its events (trigger cooking_sessions_delete_events). */
  sessionId: string | null;
}

/** 'SessionEvents' query type */
export interface ISessionEventsQuery {
  params: ISessionEventsParams;
  result: ISessionEventsResult;
}

const sessionEventsIR: any = {"usedParamSet":{"userId":true,"sessionId":true,"afterRecordedAt":true,"afterId":true,"limit":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":341,"b":348}]},{"name":"sessionId","required":true,"transform":{"type":"scalar"},"locs":[{"a":371,"b":381}]},{"name":"afterRecordedAt","required":false,"transform":{"type":"scalar"},"locs":[{"a":390,"b":405},{"a":454,"b":469},{"a":498,"b":513}]},{"name":"afterId","required":false,"transform":{"type":"scalar"},"locs":[{"a":526,"b":533}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":580,"b":586}]}],"statement":"SELECT e.id::text AS \"id!\", e.appliance_id AS \"applianceId!\", e.session_id AS \"sessionId\",\n       e.event_type AS \"eventType!\", e.payload AS \"payload!\", e.recorded_at AS \"recordedAt!\",\n       pg_catalog.to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS \"cursorTime!\"\nFROM app.telemetry_events e\nWHERE e.user_id = :userId!\n  AND e.session_id = :sessionId!\n  AND (:afterRecordedAt::timestamptz IS NULL\n       OR e.recorded_at > :afterRecordedAt\n       OR (e.recorded_at = :afterRecordedAt AND e.id > :afterId::bigint))\nORDER BY e.recorded_at, e.id\nLIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT e.id::text AS "id!", e.appliance_id AS "applianceId!", e.session_id AS "sessionId",
 *        e.event_type AS "eventType!", e.payload AS "payload!", e.recorded_at AS "recordedAt!",
 *        pg_catalog.to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorTime!"
 * FROM app.telemetry_events e
 * WHERE e.user_id = :userId!
 *   AND e.session_id = :sessionId!
 *   AND (:afterRecordedAt::timestamptz IS NULL
 *        OR e.recorded_at > :afterRecordedAt
 *        OR (e.recorded_at = :afterRecordedAt AND e.id > :afterId::bigint))
 * ORDER BY e.recorded_at, e.id
 * LIMIT :limit!
 * ```
 */
export const sessionEvents = new PreparedQuery<ISessionEventsParams,ISessionEventsResult>(sessionEventsIR);


/** 'ApplianceEvents' parameters type */
export interface IApplianceEventsParams {
  applianceId: string;
  beforeId?: NumberOrString | null | void;
  beforeRecordedAt?: DateOrString | null | void;
  eventType?: string | null | void;
  from: DateOrString;
  limit: NumberOrString;
  to: DateOrString;
  userId: string;
}

/** 'ApplianceEvents' return type */
export interface IApplianceEventsResult {
  /** Source appliance pairing. */
  applianceId: string;
  cursorTime: string;
  /** temperature, status, stage_change, alert or heartbeat. */
  eventType: string;
  id: string;
  /** Event-specific data, a JSON object (GIN index idx_telemetry_payload, jsonb_path_ops). */
  payload: Json;
  /** Event timestamp (the partition key). An event outside every monthly partition lands in the DEFAULT partition. */
  recordedAt: Date;
  /** Cooking session the event belongs to; NULL for non-cooking events (heartbeats, idle status). Same owner as the event: (session_id, user_id) must be a row of app.cooking_sessions (statement trigger telemetry_events_check_sessions_*, migration 000082); deleting the session deletes its events (trigger cooking_sessions_delete_events). */
  sessionId: string | null;
}

/** 'ApplianceEvents' query type */
export interface IApplianceEventsQuery {
  params: IApplianceEventsParams;
  result: IApplianceEventsResult;
}

const applianceEventsIR: any = {"usedParamSet":{"userId":true,"applianceId":true,"from":true,"to":true,"beforeRecordedAt":true,"beforeId":true,"eventType":true,"limit":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":341,"b":348}]},{"name":"applianceId","required":true,"transform":{"type":"scalar"},"locs":[{"a":373,"b":385}]},{"name":"from","required":true,"transform":{"type":"scalar"},"locs":[{"a":410,"b":415}]},{"name":"to","required":true,"transform":{"type":"scalar"},"locs":[{"a":452,"b":455}]},{"name":"beforeRecordedAt","required":false,"transform":{"type":"scalar"},"locs":[{"a":477,"b":493},{"a":542,"b":558},{"a":587,"b":603}]},{"name":"beforeId","required":false,"transform":{"type":"scalar"},"locs":[{"a":616,"b":624}]},{"name":"eventType","required":false,"transform":{"type":"scalar"},"locs":[{"a":643,"b":652},{"a":686,"b":695}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":743,"b":749}]}],"statement":"SELECT e.id::text AS \"id!\", e.appliance_id AS \"applianceId!\", e.session_id AS \"sessionId\",\n       e.event_type AS \"eventType!\", e.payload AS \"payload!\", e.recorded_at AS \"recordedAt!\",\n       pg_catalog.to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS \"cursorTime!\"\nFROM app.telemetry_events e\nWHERE e.user_id = :userId!\n  AND e.appliance_id = :applianceId!\n  AND e.recorded_at >= :from!::timestamptz\n  AND e.recorded_at < :to!::timestamptz\n  AND (:beforeRecordedAt::timestamptz IS NULL\n       OR e.recorded_at < :beforeRecordedAt\n       OR (e.recorded_at = :beforeRecordedAt AND e.id < :beforeId::bigint))\n  AND (:eventType::text IS NULL OR e.event_type = :eventType)\nORDER BY e.recorded_at DESC, e.id DESC\nLIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT e.id::text AS "id!", e.appliance_id AS "applianceId!", e.session_id AS "sessionId",
 *        e.event_type AS "eventType!", e.payload AS "payload!", e.recorded_at AS "recordedAt!",
 *        pg_catalog.to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorTime!"
 * FROM app.telemetry_events e
 * WHERE e.user_id = :userId!
 *   AND e.appliance_id = :applianceId!
 *   AND e.recorded_at >= :from!::timestamptz
 *   AND e.recorded_at < :to!::timestamptz
 *   AND (:beforeRecordedAt::timestamptz IS NULL
 *        OR e.recorded_at < :beforeRecordedAt
 *        OR (e.recorded_at = :beforeRecordedAt AND e.id < :beforeId::bigint))
 *   AND (:eventType::text IS NULL OR e.event_type = :eventType)
 * ORDER BY e.recorded_at DESC, e.id DESC
 * LIMIT :limit!
 * ```
 */
export const applianceEvents = new PreparedQuery<IApplianceEventsParams,IApplianceEventsResult>(applianceEventsIR);


/** 'LatestReadings' parameters type */
export interface ILatestReadingsParams {
  eventType?: string | null | void;
  userId: string;
}

/** 'LatestReadings' return type */
export interface ILatestReadingsResult {
  /** Pairing record id (the appliance_id of sessions and telemetry). */
  applianceId: string;
  /** Name the person gave the appliance. */
  applianceName: string | null;
  /** Hardware device id (e.g. EPIC-001). Unique among current pairings (idx_appliances_device_id, partial on unpaired_at IS NULL): a re-paired device appears once per pairing. */
  deviceId: string;
  eventId: string;
  /** temperature, status, stage_change, alert or heartbeat. */
  eventType: string;
  /** Event-specific data, a JSON object (GIN index idx_telemetry_payload, jsonb_path_ops). */
  payload: Json;
  /** Event timestamp (the partition key). An event outside every monthly partition lands in the DEFAULT partition. */
  recordedAt: Date;
  /** Cooking session the event belongs to; NULL for non-cooking events (heartbeats, idle status). Same owner as the event: (session_id, user_id) must be a row of app.cooking_sessions (statement trigger telemetry_events_check_sessions_*, migration 000082); deleting the session deletes its events (trigger cooking_sessions_delete_events). */
  sessionId: string | null;
}

/** 'LatestReadings' query type */
export interface ILatestReadingsQuery {
  params: ILatestReadingsParams;
  result: ILatestReadingsResult;
}

const latestReadingsIR: any = {"usedParamSet":{"userId":true,"eventType":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":428,"b":435},{"a":604,"b":611}]},{"name":"eventType","required":false,"transform":{"type":"scalar"},"locs":[{"a":476,"b":485},{"a":519,"b":528}]}],"statement":"SELECT a.id AS \"applianceId!\", a.device_id AS \"deviceId!\", a.name AS \"applianceName\",\n       e.id::text AS \"eventId!\", e.session_id AS \"sessionId\", e.event_type AS \"eventType!\",\n       e.payload AS \"payload!\", e.recorded_at AS \"recordedAt!\"\nFROM app.appliances a\nCROSS JOIN LATERAL (\n  SELECT t.id, t.session_id, t.event_type, t.payload, t.recorded_at\n  FROM app.telemetry_events t\n  WHERE t.user_id = a.user_id AND t.user_id = :userId!\n    AND t.appliance_id = a.id\n    AND (:eventType::text IS NULL OR t.event_type = :eventType)\n  ORDER BY t.recorded_at DESC, t.id DESC\n  LIMIT 1\n) e\nWHERE a.user_id = :userId! AND a.unpaired_at IS NULL\nORDER BY a.paired_at, a.id"};

/**
 * Query generated from SQL:
 * ```
 * SELECT a.id AS "applianceId!", a.device_id AS "deviceId!", a.name AS "applianceName",
 *        e.id::text AS "eventId!", e.session_id AS "sessionId", e.event_type AS "eventType!",
 *        e.payload AS "payload!", e.recorded_at AS "recordedAt!"
 * FROM app.appliances a
 * CROSS JOIN LATERAL (
 *   SELECT t.id, t.session_id, t.event_type, t.payload, t.recorded_at
 *   FROM app.telemetry_events t
 *   WHERE t.user_id = a.user_id AND t.user_id = :userId!
 *     AND t.appliance_id = a.id
 *     AND (:eventType::text IS NULL OR t.event_type = :eventType)
 *   ORDER BY t.recorded_at DESC, t.id DESC
 *   LIMIT 1
 * ) e
 * WHERE a.user_id = :userId! AND a.unpaired_at IS NULL
 * ORDER BY a.paired_at, a.id
 * ```
 */
export const latestReadings = new PreparedQuery<ILatestReadingsParams,ILatestReadingsResult>(latestReadingsIR);


/** 'MaintainPartitions' parameters type */
export type IMaintainPartitionsParams = void;

/** 'MaintainPartitions' return type */
export interface IMaintainPartitionsResult {
  result: Json;
}

/** 'MaintainPartitions' query type */
export interface IMaintainPartitionsQuery {
  params: IMaintainPartitionsParams;
  result: IMaintainPartitionsResult;
}

const maintainPartitionsIR: any = {"usedParamSet":{},"params":[],"statement":"SELECT app.maintain_partitions() AS \"result!\""};

/**
 * Query generated from SQL:
 * ```
 * SELECT app.maintain_partitions() AS "result!"
 * ```
 */
export const maintainPartitions = new PreparedQuery<IMaintainPartitionsParams,IMaintainPartitionsResult>(maintainPartitionsIR);


/** 'PartitionReport' parameters type */
export interface IPartitionReportParams {
  exact: boolean;
}

/** 'PartitionReport' return type */
export interface IPartitionReportResult {
  isDefault: boolean;
  lowerBound: Date | null;
  parentTable: string;
  partitionName: string;
  retentionAction: string | null;
  retiresAt: Date | null;
  rowCount: number | null;
  rowCountExact: boolean;
  totalBytes: number;
  upperBound: Date | null;
}

/** 'PartitionReport' query type */
export interface IPartitionReportQuery {
  params: IPartitionReportParams;
  result: IPartitionReportResult;
}

const partitionReportIR: any = {"usedParamSet":{"exact":true},"params":[{"name":"exact","required":true,"transform":{"type":"scalar"},"locs":[{"a":401,"b":407}]}],"statement":"SELECT r.parent_table AS \"parentTable!\", r.partition_name AS \"partitionName!\", r.is_default AS \"isDefault!\",\n       r.lower_bound AS \"lowerBound\", r.upper_bound AS \"upperBound\",\n       r.row_count::float8 AS \"rowCount\", r.row_count_exact AS \"rowCountExact!\", r.total_bytes::float8 AS \"totalBytes!\",\n       r.retires_at AS \"retiresAt\", r.retention_action AS \"retentionAction\"\nFROM app.partition_report(:exact!) r"};

/**
 * Query generated from SQL:
 * ```
 * SELECT r.parent_table AS "parentTable!", r.partition_name AS "partitionName!", r.is_default AS "isDefault!",
 *        r.lower_bound AS "lowerBound", r.upper_bound AS "upperBound",
 *        r.row_count::float8 AS "rowCount", r.row_count_exact AS "rowCountExact!", r.total_bytes::float8 AS "totalBytes!",
 *        r.retires_at AS "retiresAt", r.retention_action AS "retentionAction"
 * FROM app.partition_report(:exact!) r
 * ```
 */
export const partitionReport = new PreparedQuery<IPartitionReportParams,IPartitionReportResult>(partitionReportIR);


