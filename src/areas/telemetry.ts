// telemetry area: appliance events (ingestion and reads) and the partitions that hold them.
//   forUser   (the device acts as its owner: role app_user, row-level security applies):
//             recordEvents, sessionEvents, applianceEvents, latestReadings;
//   forWorker (the job worker, `kitchen-db partitions …`): maintainPartitions, partitionReport;
//   forAdmin  (oversight): partitionReport.
//
// Ingestion path — measured, see bench/telemetry.ts (native PostgreSQL 15, 2 cores, every index of
// the document, the three foreign-key checks per row):
//   one INSERT … SELECT FROM ROWS FROM (unnest(uuid[]), unnest(text[]), json_array_elements(json),
//   unnest(timestamptz[])) per batch (≤ 10,000 rows a statement; ON CONFLICT DO NOTHING only on Citus,
//   see insertFormOf), each element cast to jsonb — the
//   path used here (json_array_elements only splits the text: 10,000 payloads took 17 ms of the
//   server's time against 23 ms as text[]::jsonb and 43 ms through jsonb_array_elements). The client
//   validates and encodes each event in one pass (encodeEvents): array literals of values that need
//   no escaping, and the payloads' JSON joined into one JSON array as it is (node-postgres would
//   otherwise escape every payload again into a text[] literal);
//   COPY into a temporary staging table, then INSERT … SELECT into app.telemetry_events (COPY FROM
//   is refused on a table with row-level security for a role subject to it) — slower: every row is
//   written twice and the COPY costs an extra round trip and a temp table.
// ingestTelemetry (kdb.telemetry.ingest: a service receiving many appliances' batches) keeps one
// connection per stream for all its batches and pipelines: it encodes the next batch while the
// server inserts the current one, on one or several connections.
// Every person query takes the person's id (`user_id = :userId!`, from the transaction: personOf)
// so that Citus routes it to one shard; row-level security stays the enforcement.
// Figures (rows/s, medians, against `psql \copy` of the same rows) are in BENCHMARKS.md.
import type pg from 'pg';
import type { DbClient } from '../db/context.ts';
import { assertUuid, beginText, personOf } from '../db/context.ts';
import { ForbiddenError, isConnectionFailure, isRetryable, KitchenDbError, mapDbError, NotFoundError } from '../db/errors.ts';
import * as q from '../generated/telemetry.queries.ts';
import {
  assertYearInRange, describe, encodeCursor, fail, instant, isPlainObject, isUuid, jsonTextProblem, nonFinitePath, pageSize, timeBigintCursor,
} from './shared/input.ts';
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

// show(): the one describe() of the input module, by its old name here; bad(): its fail().
const show = describe;
const bad: (field: string, rule: string, message: string) => never = fail;

interface Columns {
  sessionIds: string[];
  eventTypes: string[];
  payloads: string[];
  recordedAts: string[];
  /** Distinct session ids with the index of their first event. */
  sessions: Map<string, number>;
}

/**
 * Where checkEvent writes one checked event (no object per event: a batch of 1,000 events would
 * otherwise leave 1,000 short-lived objects to the garbage collector, which on a 2-core machine
 * takes CPU from the server): its session ('' = none), type, payload JSON and ISO time at `j`.
 */
interface EventColumns {
  sessions: string[];
  types: string[];
  payloads: string[];
  times: string[];
}

/** The last session id seen and its lower-case form: a batch's events mostly share one session. */
const lastSession: { raw: unknown; lower: string } = { raw: null, lower: '' };

function checkBatch(events: readonly TelemetryEventInput[]): void {
  if (!Array.isArray(events)) bad('events', 'array', `must be an array of events, got ${show(events)}`);
  if (events.length > MAX_BATCH_EVENTS) bad('events', 'max_batch', `has ${events.length} events; one call takes at most ${MAX_BATCH_EVENTS}`);
}

/** `events[i]`: built only for an error message (a string per event would be garbage for the collector). */
function ev(i: number): string {
  return `events[${i}]`;
}

/** Checks events[i] (every rule, in this order), naming `events[i].field` in the error; writes it at out[j]; returns its payload's bytes. */
function checkEvent(e: unknown, i: number, latest: number, out: EventColumns, j: number): number {
  if (!isPlainObject(e)) bad(ev(i), 'object', `must be an event object, got ${show(e)}`);
  const { eventType, payload, recordedAt, sessionId } = e as Partial<TelemetryEventInput>;
  if (typeof eventType !== 'string' || !EVENT_TYPE_SET.has(eventType)) {
    bad(`${ev(i)}.eventType`, 'telemetry_events_event_type_check', `must be one of ${EVENT_TYPES.join(', ')}, got ${show(eventType)}`);
  }
  if (!isPlainObject(payload)) bad(`${ev(i)}.payload`, 'telemetry_events_payload_check', `must be a plain JSON object, got ${show(payload)}`);
  let json: string;
  try {
    json = JSON.stringify(payload);
  } catch (error) {
    bad(`${ev(i)}.payload`, 'json', `cannot be serialised as JSON: ${(error as Error).message}`);
  }
  // jsonb cannot store U+0000 nor a lone surrogate (SQLSTATE 22P05 / 22P02 would reject the whole
  // statement without naming the event). JSON.stringify writes both as \u escapes.
  const problem = jsonTextProblem(json);
  if (problem === 'nul') bad(`${ev(i)}.payload`, 'nul_character', 'contains a NUL character (\\u0000), which PostgreSQL cannot store');
  if (problem === 'unicode') bad(`${ev(i)}.payload`, 'unicode', 'contains a lone UTF-16 surrogate (not well-formed Unicode), which PostgreSQL cannot store');
  // JSON text of ASCII only is as many bytes as characters: Buffer.byteLength only when it may differ.
  const bytes = isAscii(json) ? json.length : Buffer.byteLength(json);
  if (bytes > MAX_EVENT_PAYLOAD_BYTES) bad(`${ev(i)}.payload`, 'size', `is ${bytes} bytes of JSON; an event's payload may have at most ${MAX_EVENT_PAYLOAD_BYTES}`);
  // NaN and ±Infinity became null in the JSON: refuse them, naming where they are.
  if (json.includes('null')) {
    const path = nonFinitePath(payload, `${ev(i)}.payload`);
    if (path) bad(path, 'finite', 'must be a finite number: JSON cannot hold NaN or Infinity');
  }
  if (!(recordedAt instanceof Date) || Number.isNaN(recordedAt.getTime())) {
    bad(`${ev(i)}.recordedAt`, 'date', `must be a valid Date, got ${show(recordedAt)}`);
  }
  assertYearInRange(recordedAt, `${ev(i)}.recordedAt`);
  if (recordedAt.getTime() > latest) {
    bad(`${ev(i)}.recordedAt`, 'not_in_future', `is ${recordedAt.toISOString()}, more than ${MAX_CLOCK_SKEW_MS / 60000} minutes ahead of the server's clock`);
  }
  let session = '';
  if (sessionId !== undefined && sessionId !== null) {
    if (sessionId === lastSession.raw) session = lastSession.lower;
    else {
      if (!isUuid(sessionId)) bad(`${ev(i)}.sessionId`, 'uuid', `must be a UUID or null, got ${show(sessionId)}`);
      session = sessionId.toLowerCase();
      lastSession.raw = sessionId;
      lastSession.lower = session;
    }
  }
  out.sessions[j] = session;
  out.types[j] = eventType;
  out.payloads[j] = json;
  out.times[j] = recordedAt.toISOString();
  return bytes;
}

const NON_ASCII = /[^\x00-\x7f]/;
function isAscii(text: string): boolean {
  return !NON_ASCII.test(text);
}

function checkBatchBytes(total: number, i: number): void {
  if (total > MAX_BATCH_PAYLOAD_BYTES) {
    bad(`events[${i}].payload`, 'batch_size', `takes the batch's payloads to ${total} bytes of JSON; one call takes at most ${MAX_BATCH_PAYLOAD_BYTES} (send the rest in another call)`);
  }
}

/** Validates every event and builds the column arrays; throws on the first bad event. */
export function validateEvents(events: readonly TelemetryEventInput[], now = Date.now()): Columns {
  checkBatch(events);
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
  const out: EventColumns = { sessions: cols.sessionIds, types: cols.eventTypes, payloads: cols.payloads, times: cols.recordedAts };
  for (let i = 0; i < n; i++) {
    batchBytes += checkEvent(events[i], i, latest, out, i);
    checkBatchBytes(batchBytes, i);
    const session = out.sessions[i]!;
    if (session && !cols.sessions.has(session)) cols.sessions.set(session, i);
  }
  return cols;
}

/** One INSERT's worth of events, as the statement's four text parameters (see InsertEvents). */
interface EncodedChunk {
  rows: number;
  /** PostgreSQL array literals: uuid[] (NULL for no session), text[], timestamptz[]. */
  sessionIds: string;
  eventTypes: string;
  recordedAts: string;
  /** One JSON array of the payloads (json_array_elements): the payloads' JSON as is, no escaping. */
  payloads: string;
}

/** A validated batch, ready to send. */
export interface EncodedEvents {
  rows: number;
  chunks: EncodedChunk[];
  /** Distinct session ids with the index of their first event. */
  sessions: Map<string, number>;
}

/**
 * Validates and encodes a batch in one pass: every rule of validateEvents, and the statement's
 * parameters built as it goes. Nothing needs escaping: session ids are checked UUIDs, event types
 * come from EVENT_TYPES, times are toISOString(), and the payloads' JSON goes into one JSON array.
 */
export function encodeEvents(events: readonly TelemetryEventInput[], now = Date.now()): EncodedEvents {
  checkBatch(events);
  const latest = now + MAX_CLOCK_SKEW_MS;
  const n = events.length;
  const chunks: EncodedChunk[] = [];
  const sessions = new Map<string, number>();
  let batchBytes = 0;
  for (let start = 0; start < n; start += ROWS_PER_STATEMENT) {
    const end = Math.min(n, start + ROWS_PER_STATEMENT);
    const out: EventColumns = {
      sessions: new Array<string>(end - start),
      types: new Array<string>(end - start),
      payloads: new Array<string>(end - start),
      times: new Array<string>(end - start),
    };
    let previous = '';
    for (let i = start; i < end; i++) {
      batchBytes += checkEvent(events[i], i, latest, out, i - start);
      checkBatchBytes(batchBytes, i);
      const session = out.sessions[i - start]!;
      if (!session) out.sessions[i - start] = 'NULL';
      else if (session !== previous && !sessions.has(session)) sessions.set(session, i);
      if (session) previous = session;
    }
    chunks.push({
      rows: end - start,
      sessionIds: `{${out.sessions.join(',')}}`,
      eventTypes: `{${out.types.join(',')}}`,
      recordedAts: `{${out.times.join(',')}}`,
      payloads: `[${out.payloads.join(',')}]`,
    });
  }
  return { rows: n, chunks, sessions };
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
  return insertEncoded(client, personOf(client), applianceId, encodeEvents(input.events));
}

/**
 * Which ingest statement a connection uses (queries/telemetry.sql): 'plain' (InsertEvents, no ON
 * CONFLICT) on native PostgreSQL and the embedded engine, 'distributed' (InsertEventsDistributed, ON
 * CONFLICT DO NOTHING) on a database with the citus extension, where the plain form would be written
 * into the shards with COPY, refused under row-level security. The clause costs a speculative
 * insertion per row (~7% more server CPU, bench/telemetry.ts), so it is used only where it is needed.
 * Chosen once per connection from the catalog (one round trip, on its first batch) and kept with it.
 */
export type InsertForm = 'plain' | 'distributed';
const insertForms = new WeakMap<DbClient, InsertForm>();

export async function insertFormOf(client: DbClient): Promise<InsertForm> {
  const known = insertForms.get(client);
  if (known) return known;
  const [r] = await runQuery(q.citusInstalled, undefined, client);
  const form: InsertForm = r?.citus ? 'distributed' : 'plain';
  insertForms.set(client, form);
  return form;
}

/**
 * Sends an encoded batch: one INSERT per chunk. The first INSERT is on the wire when this returns
 * its promise (node-postgres writes a query at once on an idle connection), so a caller may encode
 * the next batch while the server inserts this one (ingestTelemetry).
 */
async function insertEncoded(client: DbClient, userId: string, applianceId: string, encoded: EncodedEvents): Promise<{ inserted: number }> {
  if (encoded.rows === 0) return { inserted: 0 };
  // The statement itself checks the appliance (the person's current pairing) and the sessions (of
  // that pairing): one round trip in the normal case; only a refused batch pays for the look-ups
  // that say why (explainRefusal).
  const sessionCheck = [...encoded.sessions.keys()];
  // Known (every batch but a connection's first): no await before the INSERT, so it is on the wire
  // when this returns (see above).
  const form = insertForms.get(client) ?? (await insertFormOf(client));
  let inserted = 0;
  for (const chunk of encoded.chunks) {
    let count: number;
    try {
      const params = { userId, applianceId, sessionIds: chunk.sessionIds, eventTypes: chunk.eventTypes, payloads: chunk.payloads, recordedAts: chunk.recordedAts, sessionCheck };
      const result = await (form === 'distributed' ? q.insertEventsDistributed : q.insertEvents).runWithCounts(params, client);
      count = result.rowCount ?? 0;
    } catch (error) {
      if (isPartitionRace(error)) throw new PartitionRaceError(error);
      // Citus installed after this connection chose the plain form: choose again on its next batch.
      if ((error as { code?: string }).code === '0A000') insertForms.delete(client);
      throw mapDbError(error, { field: 'events' });
    }
    // Nothing inserted although there were events: the guard refused the appliance or a session.
    if (count === 0) await explainRefusal(client, userId, applianceId, encoded.sessions);
    inserted += count;
  }
  return { inserted };
}

/** One appliance's batch for ingestTelemetry: whose it is, and its events. */
export interface IngestBatch {
  /** The person (the appliance's owner): the batch is written as them (app_user, row-level security). */
  userId: string;
  applianceId: string;
  events: readonly TelemetryEventInput[];
}

export interface IngestResult {
  /** Events written (of the batches that succeeded). */
  inserted: number;
  /** Batches written. */
  batches: number;
  /** Batches refused, each with its typed error (its field names `events[i].…` of that batch); nothing of them was written. */
  failed: { index: number; error: KitchenDbError }[];
}

/**
 * The ingestion entry point of a service that receives telemetry from many appliances (many people)
 * at once (also `kdb.telemetry.ingest`). Each batch is its own transaction as its person (role
 * app_user, `app.user_id`: row-level security, all or nothing), over `connections` connections of
 * the pool (default 1; at most the pool's size). Each connection is taken once for all the batches
 * of its stream (no pool round trip and no session reset per batch: the transaction sets only SET
 * LOCAL state, and the session is reset once, when the stream ends). On each connection the batches
 * are pipelined: the next batch is validated and encoded while the server inserts the current one,
 * so a stream costs max(client, server) per batch rather than their sum. A refused batch does not
 * stop the others: it is reported in `failed` with its index and typed error. A batch that raced
 * with partition maintenance (SQLSTATE 40001) is retried up to 3 times, as withTransaction does.
 */
export async function ingestTelemetry(pool: pg.Pool, batches: readonly IngestBatch[], options: { connections?: number } = {}): Promise<IngestResult> {
  if (!Array.isArray(batches)) bad('batches', 'array', `must be an array of { userId, applianceId, events }, got ${show(batches)}`);
  if (!isPlainObject(options)) bad('options', 'object', `must be { connections? }, got ${show(options)}`);
  const connections = options.connections ?? 1;
  if (!Number.isInteger(connections) || connections < 1 || connections > 64) bad('connections', 'range', `must be an integer from 1 to 64, got ${show(connections)}`);
  const result: IngestResult = { inserted: 0, batches: 0, failed: [] };
  type Prepared = { index: number; userId: string; applianceId: string; encoded: EncodedEvents } | { index: number; error: KitchenDbError };
  let next = 0;
  /** Takes the next batch and validates and encodes it (a bad batch becomes its error). */
  const prepare = (): Prepared | undefined => {
    if (next >= batches.length) return undefined;
    const index = next++;
    const batch = batches[index] as unknown;
    try {
      if (!isPlainObject(batch)) bad('batch', 'object', `must be { userId, applianceId, events }, got ${show(batch)}`);
      const { userId, applianceId, events } = batch as Partial<IngestBatch>;
      return { index, userId: assertUuid(userId, 'userId'), applianceId: assertUuid(applianceId, 'applianceId'), encoded: encodeEvents(events as readonly TelemetryEventInput[]) };
    } catch (error) {
      return { index, error: error instanceof KitchenDbError ? error : mapDbError(error) };
    }
  };
  /** A connection of the pool for a stream's batches; `broken` once it failed (then it is discarded). */
  type Connection = { client: pg.PoolClient; broken?: Error; onError: (error: Error) => void };
  const open = async (): Promise<Connection> => {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw mapDbError(error);
    }
    const c: Connection = {
      client,
      // A checked-out client whose connection drops emits 'error': record it (see withTransaction).
      onError: (error: Error) => {
        c.broken ??= error;
      },
    };
    client.on('error', c.onError);
    return c;
  };
  const close = async (c: Connection): Promise<void> => {
    c.client.removeListener('error', c.onError);
    if (c.broken) return c.client.release(c.broken);
    // Once per stream: the session back to its connection-time state before the pool has it.
    await c.client.query('discard all').then(
      () => c.client.release(),
      (e: Error) => c.client.release(e),
    );
  };
  const stream = async () => {
    let current = prepare();
    let conn: Connection | undefined;
    try {
      while (current) {
        if ('error' in current) {
          result.failed.push({ index: current.index, error: current.error });
          current = prepare();
          continue;
        }
        const { index, userId, applianceId, encoded } = current;
        let upcoming: Prepared | undefined;
        let prepared = false;
        for (let attempt = 0; ; attempt++) {
          conn ??= await open();
          const { client } = conn;
          let began = false;
          try {
            // withTransaction's own BEGIN message (src/db/context.ts): the role, then app.act_as(person),
            // which sets the person the way Citus replays on its workers. One round trip.
            await client.query(beginText({ role: 'app_user' }, userId));
            began = true;
            const sent = insertEncoded(client, userId, applianceId, encoded);
            // While the server inserts this batch: validate and encode the next (once, even if this
            // batch is retried).
            if (!prepared) {
              prepared = true;
              upcoming = prepare();
            }
            const { inserted } = await sent;
            await client.query('commit');
            result.inserted += inserted;
            result.batches++;
            break;
          } catch (error) {
            if (!conn.broken && isConnectionFailure(error)) conn.broken = error as Error;
            if (began && !conn.broken) {
              await client.query('rollback').catch((e: Error) => {
                conn!.broken = e;
              });
            }
            if (conn.broken) {
              // This batch is reported (as withTransaction would: a ConnectionError); the stream goes
              // on with the next batch on a new connection.
              await close(conn);
              conn = undefined;
            } else if (isRetryable(error) && attempt < 3) {
              await new Promise((r) => setTimeout(r, 5 * 2 ** attempt + Math.random() * 10));
              continue;
            }
            result.failed.push({ index, error: error instanceof KitchenDbError ? error : mapDbError(error) });
            break;
          }
        }
        current = prepared ? upcoming : prepare();
      }
    } finally {
      if (conn) await close(conn);
    }
  };
  await Promise.all(Array.from({ length: Math.min(connections, Math.max(1, batches.length)) }, stream));
  result.failed.sort((a, b) => a.index - b.index);
  return result;
}

/** Nothing was inserted although there were events: say why (the appliance, else the first bad session). */
async function explainRefusal(client: DbClient, userId: string, applianceId: string, sessions: Map<string, number>): Promise<never> {
  const [appliance] = await runQuery(q.applianceForIngest, { userId, applianceId }, client);
  if (!appliance) {
    throw new NotFoundError('applianceId', 'appliance_of_person', `applianceId ${applianceId} is not one of your appliances`);
  }
  if (appliance.unpairedAt) {
    throw new ForbiddenError(`applianceId ${applianceId} is a pairing that ended at ${appliance.unpairedAt.toISOString()}: events are only accepted for a current pairing`, {
      field: 'applianceId',
      rule: 'current_pairing',
    });
  }
  const found = new Set((await runQuery(q.sessionsOfAppliance, { userId, applianceId, sessionIds: [...sessions.keys()] }, client)).map((r) => r.id));
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

/** The page size of the reads: an integer from 1 to MAX_LIMIT, DEFAULT_LIMIT when absent. */
function limitOf(limit: unknown): number {
  return pageSize(limit, 'limit', DEFAULT_LIMIT, MAX_LIMIT);
}

/** An optional event-type filter of the reads: null/absent = every type. */
function eventTypeFilter(value: unknown): EventType | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !EVENT_TYPE_SET.has(value)) {
    bad('eventType', 'telemetry_events_event_type_check', `must be one of ${EVENT_TYPES.join(', ')}, got ${show(value)}`);
  }
  return value as EventType;
}

function eventOf(r: q.ISessionEventsResult): TelemetryEvent {
  return {
    id: r.id,
    applianceId: r.applianceId,
    sessionId: r.sessionId,
    eventType: r.eventType as EventType,
    payload: r.payload as Record<string, unknown>,
    recordedAt: r.recordedAt,
    // The one cursor format of the API (src/areas/shared/input.ts): base64url JSON [time, id].
    cursor: encodeCursor([r.cursorTime, r.id]),
  };
}

/** A cursor of a previous page (timeBigintCursor), absent → undefined. */
function cursorOf(cursor: unknown, field: string): { time: string; id: string } | undefined {
  if (cursor === undefined || cursor === null) return undefined;
  return timeBigintCursor(cursor, field);
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
    { userId: personOf(client), sessionId, afterRecordedAt: after?.time ?? null, afterId: after?.id ?? null, limit },
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
  const from = instant(input.from, 'from');
  const to = instant(input.to, 'to');
  if (from.getTime() >= to.getTime()) bad('to', 'after_from', `must be later than from (${from.toISOString()}), got ${to.toISOString()}`);
  const eventType = eventTypeFilter(input.eventType);
  const limit = limitOf(input.limit);
  const before = cursorOf(input.before, 'before');
  const rows = await runQuery(q.applianceEvents,
    {
      userId: personOf(client),
      applianceId,
      from: from.toISOString(),
      to: to.toISOString(),
      eventType,
      beforeRecordedAt: before?.time ?? null,
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
  const rows = await runQuery(q.latestReadings, { userId: personOf(client), eventType }, client);
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
