// appliances area: pairing (proof of possession), heartbeats, the person's appliances, cooking
// sessions, the device's cooking-log upload; firmware (the device's update, the admin portal's
// releases) is in firmware.ts, beside this file. SQL lives in queries/appliances.sql; pairing and upload are SECURITY DEFINER functions
// (migrations 000041, 000042) because they must see pairings of other people.
//
// Rules defined here (see notes/recipes-appliances.md):
// - Pairing proof: a device currently paired to someone else is taken over only with the pairing
//   code it displays (= its current pairing's pairing_code, reported by heartbeat); a device that is
//   not currently paired accepts the code as given (first pairing); pairing your own device again
//   changes nothing.
// - Cooking-log upload: the device's per-session revision counter decides; the highest revision
//   wins, an equal or lower one changes nothing (idempotent, late uploads ignored). A log is filed
//   only under one of the uploader's own pairings of the device (the one covering startedAt); a log
//   started outside them, or a session id that is someone else's, is refused: no upload writes
//   into another person's history (migration 000076).
import type { DbClient } from '../../db/context.ts';
import { ConflictError, NotFoundError } from '../../db/errors.ts';
import {
  completeSession as completeSessionQuery,
  getSession as getSessionQuery,
  heartbeat as heartbeatQuery,
  listAppliances,
  pairAppliance,
  rateSession as rateSessionQuery,
  startSession as startSessionQuery,
  startSessionDiagnosis,
  unpairAppliance,
  updateSession as updateSessionQuery,
  uploadCookingLog as uploadCookingLogQuery,
  type IGetSessionResult,
  type IListAppliancesResult,
} from '../../generated/appliances.queries.ts';
import { assertFiniteJson, assertStorableJson, fail, INT32_MAX, isPlainObject, jsonObject, list, num, oneOf, optionalNum, optionalPastInstant, optionalText, pastInstant, text, uuid } from '../shared/input.ts';
import { runQuery } from '../../db/run-query.ts';
import { markOfflineAppliances } from '../../generated/appliances.queries.ts';
import * as firmware from './firmware.ts';
import { firmwareUpdate, optionalSemver } from './firmware.ts';

export * from './firmware.ts';

export const APPLIANCE_STATUSES = ['online', 'offline', 'cooking', 'error'] as const;
export type ApplianceStatus = (typeof APPLIANCE_STATUSES)[number];
export const SESSION_STATUSES = ['started', 'cooking', 'paused', 'completed', 'aborted', 'error'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
const RUNNING = ['started', 'cooking', 'paused'] as const;
const ENDED = ['completed', 'aborted', 'error'] as const;

/** One pairing of a device with the person. */
export interface Appliance {
  /** The pairing id (appliance_id of sessions and telemetry). */
  id: string;
  deviceId: string;
  serialNumber: string;
  name: string;
  firmwareVersionCm5: string | null;
  firmwareVersionStm32: string | null;
  wifiMac: string | null;
  status: ApplianceStatus;
  lastSeenAt: Date | null;
  pairedAt: Date;
  /** null while the pairing is current. */
  unpairedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One element of a session's stages_log: {stage, duration_s, result, cv_confidence}; other keys are free. */
export interface StageLogEntry {
  stage?: string;
  duration_s?: number;
  result?: string;
  cv_confidence?: number;
  [key: string]: unknown;
}

export interface CookingSession {
  id: string;
  applianceId: string;
  recipeId: string;
  status: SessionStatus;
  startedAt: Date;
  completedAt: Date | null;
  stagesLog: StageLogEntry[] | null;
  customizations: Record<string, unknown> | null;
  peakTemperature: number | null;
  totalDurationS: number | null;
  userRating: number | null;
  notes: string | null;
  /** The device's revision of the log (uploads); null for a session only the app wrote. */
  deviceRevision: number | null;
  createdAt: Date;
  updatedAt: Date;
}

// --- input checks ----------------------------------------------------------------------------------

const DEVICE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const SERIAL = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;
const PAIRING_CODE = /^[0-9A-Z]{6}$/;
const MAC = /^[0-9A-F]{2}(:[0-9A-F]{2}){5}$/;
const JSON_BYTES = 262_144;

function pattern(value: unknown, field: string, max: number, re: RegExp, what: string): string {
  const s = text(value, field, { max, trim: true });
  if (!re.test(s)) fail(field, 'format', `must be ${what}`);
  return s;
}

const deviceId = (v: unknown, field = 'deviceId') => pattern(v, field, 50, DEVICE_ID, 'letters, digits and . _ : - (starting with a letter or digit)');
const serialNumber = (v: unknown) => pattern(v, 'serialNumber', 50, SERIAL, 'letters, digits and . _ : / - (starting with a letter or digit)');
const pairingCode = (v: unknown, field = 'pairingCode') =>
  pattern(typeof v === 'string' ? v.toUpperCase() : v, field, 6, PAIRING_CODE, '6 characters 0-9/A-Z');
const wifiMac = (v: unknown) =>
  v === undefined || v === null ? null : pattern(typeof v === 'string' ? v.toUpperCase() : v, 'wifiMac', 17, MAC, 'six colon-separated hex pairs (AA:BB:CC:DD:EE:FF)');

function stagesLog(value: unknown, field = 'stagesLog'): string {
  const entries = list(value, field, 500);
  entries.forEach((e, i) => {
    if (!isPlainObject(e)) fail(`${field}[${i}]`, 'object', 'must be an object');
  });
  const json = JSON.stringify(entries);
  if (Buffer.byteLength(json) > JSON_BYTES) fail(field, 'size', `must be at most ${JSON_BYTES} bytes of JSON`);
  assertStorableJson(json, field);
  assertFiniteJson(json, entries, field);
  return json;
}

const optionalStagesLog = (v: unknown) => (v === undefined || v === null ? null : stagesLog(v));
const optionalCustomizations = (v: unknown) => (v === undefined || v === null ? null : jsonObject(v, 'customizations', 16_384));
const temperature = (v: unknown) => optionalNum(v, 'peakTemperature', { min: -50, max: 1000 }) ?? null;
const duration = (v: unknown) => optionalNum(v, 'totalDurationS', { min: 0, max: INT32_MAX, integer: true }) ?? null;
const notes = (v: unknown) => optionalText(v, 'notes', { max: 4000 }) ?? null;

function toAppliance(row: IListAppliancesResult): Appliance {
  return { ...row, status: row.status as ApplianceStatus };
}

function toSession(row: IGetSessionResult): CookingSession {
  return {
    ...row,
    status: row.status as SessionStatus,
    stagesLog: row.stagesLog as StageLogEntry[] | null,
    customizations: row.customizations as Record<string, unknown> | null,
  };
}

// --- pairing -----------------------------------------------------------------------------------------

export interface PairInput {
  /** Hardware device id, e.g. EPIC-001 (at most 50 characters). */
  deviceId: string;
  /** Manufacturing serial (at most 50 characters). */
  serialNumber: string;
  /** The 6-character code the device displays (0-9/A-Z; lower case is accepted). */
  pairingCode: string;
  /** At most 100 characters (default "My Epicura"). */
  name?: string | null;
  wifiMac?: string | null;
}

/**
 * Pairs a device with the person (app.pair_appliance). A device paired to someone else needs the
 * code it displays: that pairing ends and a new one starts (history stays with the previous owner).
 * Errors: ForbiddenError (pairingCode) for a wrong code or a device that reported none;
 * ValidationError (serialNumber) when the serial is not the device's; ConflictError (serialNumber)
 * when the serial is paired under another device id.
 */
export async function pair(client: DbClient, input: PairInput): Promise<Appliance> {
  if (!isPlainObject(input)) fail('input', 'object', 'must be an object');
  const params = {
    deviceId: deviceId(input.deviceId),
    serialNumber: serialNumber(input.serialNumber),
    pairingCode: pairingCode(input.pairingCode),
    name: optionalText(input.name, 'name', { max: 100, trim: true }) ?? null,
    wifiMac: wifiMac(input.wifiMac),
  };
  const [row] = await runQuery(pairAppliance, params, client);
  return toAppliance(row!);
}

/** Ends the person's current pairing `applianceId`. NotFoundError if it is not a current pairing of theirs. */
export async function unpair(client: DbClient, applianceId: string): Promise<Appliance> {
  const id = uuid(applianceId, 'applianceId');
  const [row] = await runQuery(unpairAppliance, { id }, client);
  if (!row) throw new NotFoundError('applianceId', 'current_pairing', `applianceId: ${id} is not one of your current appliances`);
  return toAppliance(row);
}

/** The person's appliances (current pairings), oldest pairing first. */
export async function list_(client: DbClient): Promise<Appliance[]> {
  return (await runQuery(listAppliances, undefined, client)).map(toAppliance);
}

export interface HeartbeatInput {
  deviceId: string;
  status: ApplianceStatus;
  firmwareVersionCm5?: string | null;
  firmwareVersionStm32?: string | null;
  /** The code the device displays now (it rotates): what a new owner must enter to take it over. */
  pairingCode?: string | null;
  wifiMac?: string | null;
}

/** The device reports in: status, firmware versions, current pairing code; last_seen_at = now. Versions and code not given are kept. */
export async function heartbeat(client: DbClient, input: HeartbeatInput): Promise<Appliance> {
  if (!isPlainObject(input)) fail('input', 'object', 'must be an object');
  const params = {
    deviceId: deviceId(input.deviceId),
    status: oneOf(input.status, 'status', APPLIANCE_STATUSES),
    firmwareVersionCm5: optionalSemver(input.firmwareVersionCm5, 'firmwareVersionCm5'),
    firmwareVersionStm32: optionalSemver(input.firmwareVersionStm32, 'firmwareVersionStm32'),
    pairingCode: input.pairingCode === undefined || input.pairingCode === null ? null : pairingCode(input.pairingCode),
    wifiMac: wifiMac(input.wifiMac),
  };
  const [row] = await runQuery(heartbeatQuery, params, client);
  if (!row) throw new NotFoundError('deviceId', 'current_pairing', `deviceId: ${params.deviceId} is not currently paired to you`);
  return toAppliance(row);
}

// --- cooking sessions (the app) ------------------------------------------------------------------------

export interface StartSessionInput {
  /** The person's current pairing to cook on. */
  applianceId: string;
  /** A published recipe. */
  recipeId: string;
  /** Optional session id (e.g. chosen together with the device so its later upload updates this row). */
  id?: string;
  /** Default now. */
  startedAt?: Date | string;
  customizations?: Record<string, unknown> | null;
}

/** Starts a cooking session (status started). NotFoundError when the appliance is not a current pairing of the person, or the recipe is not published. */
export async function startSession(client: DbClient, input: StartSessionInput): Promise<CookingSession> {
  if (!isPlainObject(input)) fail('input', 'object', 'must be an object');
  const applianceId = uuid(input.applianceId, 'applianceId');
  const recipeId = uuid(input.recipeId, 'recipeId');
  const params = {
    applianceId,
    recipeId,
    id: input.id === undefined || input.id === null ? null : uuid(input.id, 'id'),
    startedAt: optionalPastInstant(input.startedAt, 'startedAt') ?? null,
    customizations: optionalCustomizations(input.customizations),
  };
  const [row] = await runQuery(startSessionQuery, params, client);
  if (row) return toSession(row);
  const [check] = await runQuery(startSessionDiagnosis, { applianceId, recipeId }, client);
  if (!check?.applianceOk) throw new NotFoundError('applianceId', 'current_pairing', `applianceId: ${applianceId} is not one of your current appliances`);
  throw new NotFoundError('recipeId', 'published_recipe', `recipeId: no published recipe ${recipeId}`);
}

/** One of the person's sessions. */
export async function getSession(client: DbClient, sessionId: string): Promise<CookingSession> {
  const id = uuid(sessionId, 'sessionId');
  const [row] = await runQuery(getSessionQuery, { id }, client);
  if (!row) throw new NotFoundError('sessionId', 'session', `sessionId: no cooking session ${id} of yours`);
  return toSession(row);
}

/** Why a session could not be changed: it does not exist (for the person) or is in the wrong state. */
async function sessionStateError(client: DbClient, id: string, wanted: string): Promise<never> {
  const session = await getSession(client, id);
  throw new ConflictError('sessionId', wanted, `sessionId: session ${id} is ${session.status}; ${wanted === 'session_running' ? 'only a running session (started, cooking, paused) can change' : 'only a completed session can be rated'}`);
}

export interface UpdateSessionInput {
  status?: (typeof RUNNING)[number];
  stagesLog?: StageLogEntry[];
  customizations?: Record<string, unknown>;
  peakTemperature?: number;
  totalDurationS?: number;
  notes?: string;
}

/** Progress of a running session (fields not given are kept). ConflictError once it has ended: use completeSession to end it. */
export async function updateSession(client: DbClient, sessionId: string, input: UpdateSessionInput): Promise<CookingSession> {
  const id = uuid(sessionId, 'sessionId');
  if (!isPlainObject(input)) fail('input', 'object', 'must be an object');
  const params = {
    id,
    status: input.status === undefined || input.status === null ? null : oneOf(input.status, 'status', RUNNING),
    stagesLog: optionalStagesLog(input.stagesLog),
    customizations: optionalCustomizations(input.customizations),
    peakTemperature: temperature(input.peakTemperature),
    totalDurationS: duration(input.totalDurationS),
    notes: notes(input.notes),
  };
  const [row] = await runQuery(updateSessionQuery, params, client);
  return row ? toSession(row) : sessionStateError(client, id, 'session_running');
}

export interface CompleteSessionInput {
  /** Default completed. */
  status?: (typeof ENDED)[number];
  /** Default now; not before startedAt. */
  completedAt?: Date | string;
  stagesLog?: StageLogEntry[];
  peakTemperature?: number;
  /** Default: what the session has, else completedAt - startedAt in whole seconds. */
  totalDurationS?: number;
}

/** Ends a running session (completed, aborted or error). */
export async function completeSession(client: DbClient, sessionId: string, input: CompleteSessionInput = {}): Promise<CookingSession> {
  const id = uuid(sessionId, 'sessionId');
  if (!isPlainObject(input)) fail('input', 'object', 'must be an object');
  const params = {
    id,
    status: input.status === undefined ? 'completed' : oneOf(input.status, 'status', ENDED),
    completedAt: optionalPastInstant(input.completedAt, 'completedAt') ?? null,
    stagesLog: optionalStagesLog(input.stagesLog),
    peakTemperature: temperature(input.peakTemperature),
    totalDurationS: duration(input.totalDurationS),
  };
  const [row] = await runQuery(completeSessionQuery, params, client);
  return row ? toSession(row) : sessionStateError(client, id, 'session_running');
}

export interface RateSessionInput {
  /** 1 to 5 stars. */
  rating: number;
  /** At most 4000 characters; not given = keep. */
  notes?: string | null;
}

/** The person's rating of a completed session (may be changed later). */
export async function rateSession(client: DbClient, sessionId: string, input: RateSessionInput): Promise<CookingSession> {
  const id = uuid(sessionId, 'sessionId');
  if (!isPlainObject(input)) fail('input', 'object', 'must be an object');
  const params = { id, rating: num(input.rating, 'rating', { min: 1, max: 5, integer: true }), notes: notes(input.notes) };
  const [row] = await runQuery(rateSessionQuery, params, client);
  return row ? toSession(row) : sessionStateError(client, id, 'session_completed');
}

// --- cooking-log upload (the device) ---------------------------------------------------------------------

export interface CookingLogUpload {
  /** The uploading device; it must be currently paired to the person. */
  deviceId: string;
  /** The device's own session id (uuid): uploading the same log again updates this row. */
  id: string;
  /**
   * The log's revision on the device: a counter it increments on every local change of this log.
   * The highest revision wins; an upload with an equal or lower one changes nothing.
   */
  revision: number;
  recipeId: string;
  status: SessionStatus;
  startedAt: Date | string;
  completedAt?: Date | string | null;
  stagesLog?: StageLogEntry[] | null;
  customizations?: Record<string, unknown> | null;
  peakTemperature?: number | null;
  totalDurationS?: number | null;
  /** Set when given, never cleared by an upload (the person may rate in the app). */
  userRating?: number | null;
  notes?: string | null;
}

export interface CookingLogUploadResult {
  sessionId: string;
  /** False when the stored log already had this revision or a newer one (nothing changed). */
  applied: boolean;
  /** The revision now stored: the device may mark its log synced when it is >= its own. */
  storedRevision: number;
  /** Always true: a log is filed only under the caller's own pairings (kept for callers of the old result). */
  filedUnderCaller: boolean;
}

/**
 * Cooking-log sync from the device (Epicura "Cooking Log Sync"): idempotent and device-authoritative
 * (app.upload_cooking_log). The same log uploaded twice, or concurrently, leaves one row with the
 * data of the highest revision. Errors: ForbiddenError (deviceId) when the device is not currently
 * paired to the person; ValidationError (startedAt, cooking_sessions_pairing_period) when the log
 * started outside the person's own pairings of the device (before they paired it, or while it was
 * someone else's: the device should drop such logs); ConflictError (id) when the session id is
 * another device's or another person's; NotFoundError (recipeId) for a recipe that does not exist
 * or is not published.
 */
export async function uploadCookingLog(client: DbClient, input: CookingLogUpload): Promise<CookingLogUploadResult> {
  if (!isPlainObject(input)) fail('input', 'object', 'must be an object');
  const params = {
    deviceId: deviceId(input.deviceId),
    id: uuid(input.id, 'id'),
    revision: num(input.revision, 'revision', { min: 0, max: INT32_MAX, integer: true }),
    recipeId: uuid(input.recipeId, 'recipeId'),
    status: oneOf(input.status, 'status', SESSION_STATUSES),
    startedAt: pastInstant(input.startedAt, 'startedAt'),
    completedAt: optionalPastInstant(input.completedAt, 'completedAt') ?? null,
    stagesLog: optionalStagesLog(input.stagesLog),
    customizations: optionalCustomizations(input.customizations),
    peakTemperature: temperature(input.peakTemperature),
    totalDurationS: duration(input.totalDurationS),
    userRating: optionalNum(input.userRating, 'userRating', { min: 1, max: 5, integer: true }) ?? null,
    notes: notes(input.notes),
  };
  const [row] = await runQuery(uploadCookingLogQuery, params, client);
  return row!;
}

export const forUser = {
  pair,
  unpair,
  list: list_,
  heartbeat,
  startSession,
  getSession,
  updateSession,
  completeSession,
  rateSession,
  uploadCookingLog,
  firmwareUpdate,
};

export const forAdmin = firmware.forAdmin;
/** The worker (appliances.offline-sweep): marks appliances silent for `silentForSeconds` offline; returns how many. */
export async function markOffline(client: DbClient, silentForSeconds: number): Promise<number> {
  const seconds = num(silentForSeconds, 'silentForSeconds', { min: 0, exclusive: true });
  const [row] = await runQuery(markOfflineAppliances, { seconds }, client);
  return row?.count ?? 0;
}

export const forWorker = { markOffline };
