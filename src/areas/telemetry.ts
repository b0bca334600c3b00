// telemetry area: appliance events (ingestion and reads) and the partitions that hold them.
//   forUser   (the device acts as its owner: role app_user, row-level security applies):
//             recordEvents, sessionEvents, applianceEvents, latestReadings;
//   forWorker (the job worker, `kitchen-db partitions …`): maintainPartitions, partitionReport;
//   forAdmin  (oversight): partitionReport.
//
// Ingestion path — measured, see bench/telemetry.ts (native PostgreSQL 15, 2 cores, every index of
// the document, the three foreign-key checks per row):
//   one INSERT … SELECT FROM unnest(text[], text[], text[], timestamptz[]) per batch (≤ 10,000 rows
//   a statement) — the path used here;
//   COPY into a temporary staging table, then INSERT … SELECT into app.telemetry_events (COPY FROM
//   is refused on a table with row-level security for a role subject to it) — slower: every row is
//   written twice and the COPY costs an extra round trip and a temp table;
//   unnest with jsonb[] (the driver quotes every payload into an array literal), and one
//   json_to_recordset(json) document — no faster than text[] cast to jsonb.
// Figures (rows/s, medians) are in BENCHMARKS.md / the bench's output; the API reached ≥ 0.8 ×
// `psql \copy` of the same rows as superuser (no row-level security at all).
import type { DbClient } from '../db/context.ts';
import { assertUuid } from '../db/context.ts';
import { ForbiddenError, mapDbError, NotFoundError, ValidationError } from '../db/errors.ts';
import * as q from '../generated/telemetry.queries.ts';
import { assertYearInRange, describe, isUuid, isCursorTime, isPlainObject, jsonTextProblem, nonFinitePath } from './shared/input.ts';
import { runQuery } from '../db/run-query.ts';

// ---------------------------------------------------------------------------------------------
// Shapes
// ---------------------------------------------------------------------------------------------

/** The event types of the Epicura document (CHECK telemetry_events_event_type_check). */
export const EVENT_TYPES = ['temperature', 'status', 'stage_change', 'alert', 'heartbeat'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** How far in the future (device clock ahead of ours) an event's recordedAt may be. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;
/** Most events one recordEvents call accepts. */
export const MAX_BATCH_EVENTS = 100_000;
/**
 * Most bytes of one event's payload (its JSON): a reading, a status or an alert is a few hundred
 * bytes; 16 KiB leaves room for a stage log line or an error report, not for a file.
 */
export const MAX_EVENT_PAYLOAD_BYTES = 16_384;
/**
 * Most payload bytes (JSON) of one recordEvents call: 100,000 typical events are ~10 MB; the cap
 * keeps a batch's statements (and the server's memory for them) bounded: 32 MiB.
 */
export const MAX_BATCH_PAYLOAD_BYTES = 32 * 1024 * 1024;
/** Events per INSERT statement (a larger batch is several statements in the same transaction). */
const ROWS_PER_STATEMENT = 10_000;

export interface TelemetryEventInput {
  eventType: EventType;
  /** A plain JSON object. */
  payload: Record<string, unknown>;
  /** When the appliance recorded it; at most MAX_CLOCK_SKEW_MS ahead of the server's clock. */
  recordedAt: Date;
  /** The cooking session (of the same appliance) the event belongs to; null/absent otherwise. */
  sessionId?: string | null;
}

export interface RecordEventsInput {
  /** The appliance pairing sending the batch: must be one of the person's current pairings. */
  applianceId: string;
  events: readonly TelemetryEventInput[];
}

export interface TelemetryEvent {
  /** bigint, as a string. */
  id: string;
  applianceId: string;
  sessionId: string | null;
  eventType: EventType;
  payload: Record<string, unknown>;
  recordedAt: Date;
  /** Opaque keyset position of this event (exact to the microsecond). */
  cursor: string;
}

export interface EventPage {
  events: TelemetryEvent[];
  /** Pass as `after`/`before` for the next page; null when this page was not full (a full last page is followed by an empty one). */
  nextCursor: string | null;
}

export interface LatestReading {
  applianceId: string;
  deviceId: string;
  applianceName: string | null;
  eventId: string;
  sessionId: string | null;
  eventType: EventType;
  payload: Record<string, unknown>;
  recordedAt: Date;
}

/** What app.maintain_partitions() did (snake_case: it is the SQL function's JSON as is). */
export interface MaintenanceResult {
  /** ISO 8601. */
  ran_at: string;
  /** The time maintenance ran "as of". */
  now: string;
  /** Another run held the lock: nothing was done. */
  busy: boolean;
  tables: TableMaintenance[];
}

export interface TableMaintenance {
  /** The registered parent, e.g. "app.telemetry_events". */
  table: string;
  created: { partition: string; from: string; to: string; moved_rows: number }[];
  /** Rows moved out of the DEFAULT partition into the partitions created for them. */
  moved_rows: number;
  retention_cutoff: string | null;
  dropped: string[];
  detached: string[];
  /** Rows still in DEFAULT after the run (null when the step did not run). */
  default_rows: number | null;
  default: {
    default_partition: string | null;
    oldest?: string | null;
    newest?: string | null;
    /** Rows older than the retention window (never moved). */
    before_window?: number;
    /** Rows beyond the premade months (moved once their month comes within premake). */
    after_window?: number;
  } | null;
  errors: { step: 'create' | 'move' | 'retention' | 'check_default' | 'registry'; month?: string; partition?: string; sqlstate: string; message: string }[];
}

export interface PartitionInfo {
  parentTable: string;
  partitionName: string;
  isDefault: boolean;
  lowerBound: Date | null;
  upperBound: Date | null;
  /** Estimate (pg_class.reltuples; null before the first ANALYZE) unless rowCountExact. */
  rowCount: number | null;
  rowCountExact: boolean;
  totalBytes: number;
  /** When retention retires it (upper bound + retention); null for DEFAULT or without retention. */
  retiresAt: Date | null;
  retentionAction: 'drop' | 'detach' | null;
}

// ---------------------------------------------------------------------------------------------
// Validation (in TypeScript, before anything reaches SQL: a bad event rejects its whole batch)
// ---------------------------------------------------------------------------------------------

const EVENT_TYPE_SET: ReadonlySet<string> = new Set(EVENT_TYPES);

// show(): the one describe() of the input module, by its old name here.
const show = describe;

function bad(field: string, rule: string, message: string): never {
  throw new ValidationError(field, rule, `${field} ${message}`);
}

interface Columns {
  sessionIds: string[];
  eventTypes: string[];
  payloads: string[];
  recordedAts: string[];
  /** Distinct session ids with the index of their first event. */
  sessions: Map<string, number>;
}

/** Validates every event and builds the column arrays; throws on the first bad event. */
export function validateEvents(events: readonly TelemetryEventInput[], now = Date.now()): Columns {
  if (!Array.isArray(events)) bad('events', 'array', `must be an array of events, got ${show(events)}`);
  if (events.length > MAX_BATCH_EVENTS) bad('events', 'max_batch', `has ${events.length} events; one call takes at most ${MAX_BATCH_EVENTS}`);
  const latest = now + MAX_CLOCK_SKEW_MS;
  const n = events.length;
  let batchBytes = 0;
  const cols: Columns = {
    sessionIds: new Array<string>(n),
    eventTypes: new Array<string>(n),
    payloads: new Array<string>(n),
    recordedAts: new Array<string>(n),
    sessions: new Map(),
  };
  for (let i = 0; i < n; i++) {
    const e = events[i] as unknown;
    const at = `events[${i}]`;
    if (!isPlainObject(e)) bad(at, 'object', `must be an event object, got ${show(e)}`);
    const { eventType, payload, recordedAt, sessionId } = e as Partial<TelemetryEventInput>;
    if (typeof eventType !== 'string' || !EVENT_TYPE_SET.has(eventType)) {
      bad(`${at}.eventType`, 'telemetry_events_event_type_check', `must be one of ${EVENT_TYPES.join(', ')}, got ${show(eventType)}`);
    }
    if (!isPlainObject(payload)) bad(`${at}.payload`, 'telemetry_events_payload_check', `must be a plain JSON object, got ${show(payload)}`);
    let json: string;
    try {
      json = JSON.stringify(payload);
    } catch (error) {
      bad(`${at}.payload`, 'json', `cannot be serialised as JSON: ${(error as Error).message}`);
    }
    // jsonb cannot store U+0000 nor a lone surrogate (SQLSTATE 22P05 / 22P02 would reject the whole
    // statement without naming the event). JSON.stringify writes both as \u escapes.
    const problem = jsonTextProblem(json);
    if (problem === 'nul') bad(`${at}.payload`, 'nul_character', 'contains a NUL character (\\u0000), which PostgreSQL cannot store');
    if (problem === 'unicode') bad(`${at}.payload`, 'unicode', 'contains a lone UTF-16 surrogate (not well-formed Unicode), which PostgreSQL cannot store');
    const bytes = Buffer.byteLength(json);
    if (bytes > MAX_EVENT_PAYLOAD_BYTES) bad(`${at}.payload`, 'size', `is ${bytes} bytes of JSON; an event's payload may have at most ${MAX_EVENT_PAYLOAD_BYTES}`);
    batchBytes += bytes;
    if (batchBytes > MAX_BATCH_PAYLOAD_BYTES) {
      bad(`${at}.payload`, 'batch_size', `takes the batch's payloads to ${batchBytes} bytes of JSON; one call takes at most ${MAX_BATCH_PAYLOAD_BYTES} (send the rest in another call)`);
    }
    // NaN and ±Infinity became null in the JSON: refuse them, naming where they are.
    if (json.includes('null')) {
      const path = nonFinitePath(payload, `${at}.payload`);
      if (path) bad(path, 'finite', 'must be a finite number: JSON cannot hold NaN or Infinity');
    }
    if (!(recordedAt instanceof Date) || Number.isNaN(recordedAt.getTime())) {
      bad(`${at}.recordedAt`, 'date', `must be a valid Date, got ${show(recordedAt)}`);
    }
    assertYearInRange(recordedAt, `${at}.recordedAt`);
    if (recordedAt.getTime() > latest) {
      bad(`${at}.recordedAt`, 'not_in_future', `is ${recordedAt.toISOString()}, more than ${MAX_CLOCK_SKEW_MS / 60000} minutes ahead of the server's clock`);
    }
    let session = '';
    if (sessionId !== undefined && sessionId !== null) {
      if (!isUuid(sessionId)) bad(`${at}.sessionId`, 'uuid', `must be a UUID or null, got ${show(sessionId)}`);
      session = sessionId.toLowerCase();
      if (!cols.sessions.has(session)) cols.sessions.set(session, i);
    }
    cols.sessionIds[i] = session;
    cols.eventTypes[i] = eventType;
    cols.payloads[i] = json;
    cols.recordedAts[i] = recordedAt.toISOString();
  }
  return cols;
}

// ---------------------------------------------------------------------------------------------
// forUser: ingestion
// ---------------------------------------------------------------------------------------------

/** An insert routed to DEFAULT while maintenance attached that month's partition (see 000014). */
function isPartitionRace(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === '23514' && /violates partition constraint/.test(e.message ?? '');
}

/**
 * That race, as what it is: a serialization failure. withTransaction (kdb.asUser …) runs the
 * transaction again (SQLSTATE 40001), and the rows then go to the new partition. Cheaper than a
 * savepoint around every batch (two round trips each) for something that happens only while
 * maintenance attaches a month that has rows arriving in DEFAULT.
 */
class PartitionRaceError extends Error {
  readonly code = '40001';
  constructor(cause: unknown) {
    super('telemetry batch raced with partition maintenance (its month was attached meanwhile): retry the transaction', { cause });
  }
}

/**
 * Writes a batch of events from one appliance, all or nothing. Every event is validated first (a bad
 * one rejects the batch with a ValidationError naming `events[i].field`); in SQL the appliance must
 * be one of the person's current pairings, user_id is app.current_user_id() and the composite
 * foreign key (appliance_id, user_id) → appliances enforces ownership.
 */
export async function recordEvents(client: DbClient, input: RecordEventsInput): Promise<{ inserted: number }> {
  if (!isPlainObject(input)) bad('input', 'object', `must be { applianceId, events }, got ${show(input)}`);
  const applianceId = assertUuid(input.applianceId, 'applianceId');
  const cols = validateEvents(input.events);
  const n = cols.eventTypes.length;
  if (n === 0) return { inserted: 0 };

  // The statement itself checks the appliance (the person's current pairing) and the sessions (of
  // that pairing): one round trip in the normal case; only a refused batch pays for the look-ups
  // that say why (explainRefusal).
  const sessionCheck = [...cols.sessions.keys()];
  let inserted = 0;
  for (let start = 0; start < n; start += ROWS_PER_STATEMENT) {
    const end = Math.min(n, start + ROWS_PER_STATEMENT);
    let count: number;
    try {
      const result = await q.insertEvents.runWithCounts(
        {
          applianceId,
          sessionIds: cols.sessionIds.slice(start, end),
          eventTypes: cols.eventTypes.slice(start, end),
          payloads: cols.payloads.slice(start, end),
          recordedAts: cols.recordedAts.slice(start, end),
          sessionCheck,
        },
        client,
      );
      count = result.rowCount ?? 0;
    } catch (error) {
      if (isPartitionRace(error)) throw new PartitionRaceError(error);
      throw mapDbError(error, { field: 'events' });
    }
    // Nothing inserted although there were events: the guard refused the appliance or a session.
    if (count === 0) await explainRefusal(client, applianceId, cols.sessions);
    inserted += count;
  }
  return { inserted };
}

/** Nothing was inserted although there were events: say why (the appliance, else the first bad session). */
async function explainRefusal(client: DbClient, applianceId: string, sessions: Map<string, number>): Promise<never> {
  const [appliance] = await runQuery(q.applianceForIngest, { applianceId }, client);
  if (!appliance) {
    throw new NotFoundError('applianceId', 'appliance_of_person', `applianceId ${applianceId} is not one of your appliances`);
  }
  if (appliance.unpairedAt) {
    throw new ForbiddenError(`applianceId ${applianceId} is a pairing that ended at ${appliance.unpairedAt.toISOString()}: events are only accepted for a current pairing`, {
      field: 'applianceId',
      rule: 'current_pairing',
    });
  }
  const found = new Set((await runQuery(q.sessionsOfAppliance, { applianceId, sessionIds: [...sessions.keys()] }, client)).map((r) => r.id));
  for (const [id, index] of sessions) {
    if (!found.has(id)) {
      throw new NotFoundError(`events[${index}].sessionId`, 'session_of_appliance',
        `events[${index}].sessionId ${id} is not a cooking session of appliance ${applianceId} (or not yours)`);
    }
  }
  throw new ForbiddenError(`the events of appliance ${applianceId} were refused`, { field: 'applianceId', rule: 'current_pairing' });
}

// ---------------------------------------------------------------------------------------------
// forUser: reads
// ---------------------------------------------------------------------------------------------

const DEFAULT_LIMIT = 500;
const MAX_LIMIT = 10_000;
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)~(\d{1,19})$/;

function limitOf(limit: unknown): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    bad('limit', 'range', `must be an integer from 1 to ${MAX_LIMIT}, got ${show(limit)}`);
  }
  return limit;
}

const BIGINT_MAX = 9_223_372_036_854_775_807n;

function cursorOf(cursor: unknown, field: string): { at: string; id: string } | undefined {
  if (cursor === undefined || cursor === null) return undefined;
  const m = typeof cursor === 'string' ? CURSOR.exec(cursor) : null;
  // A tampered date (month 13, year 0) or an id above bigint fails here, naming the cursor.
  if (!m || !isCursorTime(m[1]) || BigInt(m[2]!) > BIGINT_MAX) bad(field, 'cursor', `must be a cursor returned by a previous page, got ${show(cursor)}`);
  return { at: m[1]!, id: m[2]! };
}

/** An optional event-type filter of the reads: null/absent = every type. */
function eventTypeFilter(value: unknown): EventType | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !EVENT_TYPE_SET.has(value)) {
    bad('eventType', 'telemetry_events_event_type_check', `must be one of ${EVENT_TYPES.join(', ')}, got ${show(value)}`);
  }
  return value as EventType;
}

function dateOf(value: unknown, field: string): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) bad(field, 'date', `must be a valid Date, got ${show(value)}`);
  assertYearInRange(value, field);
  return value;
}

function eventOf(r: q.ISessionEventsResult): TelemetryEvent {
  return {
    id: r.id,
    applianceId: r.applianceId,
    sessionId: r.sessionId,
    eventType: r.eventType as EventType,
    payload: r.payload as Record<string, unknown>,
    recordedAt: r.recordedAt,
    cursor: r.cursor,
  };
}

function page(rows: q.ISessionEventsResult[], limit: number): EventPage {
  const events = rows.map(eventOf);
  return { events, nextCursor: events.length === limit ? events[events.length - 1]!.cursor : null };
}

/** Events of one of the person's cooking sessions, oldest first (keyset pages: pass nextCursor as `after`). */
export async function sessionEvents(client: DbClient, input: { sessionId: string; after?: string | null; limit?: number }): Promise<EventPage> {
  const sessionId = assertUuid(input?.sessionId, 'sessionId');
  const limit = limitOf(input.limit);
  const after = cursorOf(input.after, 'after');
  const rows = await runQuery(q.sessionEvents,
    { sessionId, afterRecordedAt: after?.at ?? null, afterId: after?.id ?? null, limit },
    client,
  );
  return page(rows, limit);
}

/**
 * Events of one of the person's appliances with from <= recordedAt < to, newest first (keyset
 * pages: pass nextCursor as `before`). Reads only the partitions of that range (partition pruning
 * on recorded_at, then the (appliance_id, recorded_at desc) index of each).
 */
export async function applianceEvents(
  client: DbClient,
  input: { applianceId: string; from: Date; to: Date; eventType?: EventType | null; before?: string | null; limit?: number },
): Promise<EventPage> {
  const applianceId = assertUuid(input?.applianceId, 'applianceId');
  const from = dateOf(input.from, 'from');
  const to = dateOf(input.to, 'to');
  if (from.getTime() >= to.getTime()) bad('to', 'after_from', `must be later than from (${from.toISOString()}), got ${to.toISOString()}`);
  const eventType = eventTypeFilter(input.eventType);
  const limit = limitOf(input.limit);
  const before = cursorOf(input.before, 'before');
  const rows = await runQuery(q.applianceEvents,
    {
      applianceId,
      from: from.toISOString(),
      to: to.toISOString(),
      eventType,
      beforeRecordedAt: before?.at ?? null,
      beforeId: before?.id ?? null,
      limit,
    },
    client,
  );
  return page(rows, limit);
}

/** The latest event (optionally of one type) of each of the person's current appliances that has one. */
export async function latestReadings(client: DbClient, input: { eventType?: EventType | null } = {}): Promise<LatestReading[]> {
  const eventType = eventTypeFilter(input.eventType);
  const rows = await runQuery(q.latestReadings, { eventType }, client);
  return rows.map((r) => ({
    applianceId: r.applianceId,
    deviceId: r.deviceId,
    applianceName: r.applianceName,
    eventId: r.eventId,
    sessionId: r.sessionId,
    eventType: r.eventType as EventType,
    payload: r.payload as Record<string, unknown>,
    recordedAt: r.recordedAt,
  }));
}

// ---------------------------------------------------------------------------------------------
// forWorker / forAdmin: partitions
// ---------------------------------------------------------------------------------------------

/** Runs app.maintain_partitions() (app_worker): premake, DEFAULT rows, retention. */
export async function maintainPartitions(client: DbClient): Promise<MaintenanceResult> {
  const [row] = await runQuery(q.maintainPartitions, undefined, client);
  return row!.result as unknown as MaintenanceResult;
}

/** Every partition of every registered table (app.partition_report). */
export async function partitionReport(client: DbClient, input: { exact?: boolean } = {}): Promise<PartitionInfo[]> {
  const rows = await runQuery(q.partitionReport, { exact: input.exact === true }, client);
  return rows.map((r) => ({ ...r, retentionAction: r.retentionAction as PartitionInfo['retentionAction'] }));
}

export const forUser = { recordEvents, sessionEvents, applianceEvents, latestReadings };
export const forAdmin = { partitionReport };
export const forWorker = { maintainPartitions, partitionReport };
