// accounts area: sign-in, profile, preferences (last-write-wins), goals, push tokens.
// Every function takes the transaction's client first (see src/api/bind.ts); the person is the
// transaction's (personOf(client), passed as :userId so Citus routes to one shard; row-level security
// enforces it). SQL lives in queries/accounts.sql.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { personOf, withTransaction, type DbClient } from '../db/context.ts';
import { NotFoundError } from '../db/errors.ts';
import {
  deactivateGoals,
  deletePushToken,
  ensurePreferences,
  getActiveGoal as getActiveGoalQuery,
  getPreferences as getPreferencesQuery,
  getProfile as getProfileQuery,
  insertGoal,
  listPushTokens as listPushTokensQuery,
  lockGoals,
  registerPushToken as registerPushTokenQuery,
  signInPerson,
  updatePreferencesIfNewer,
  updateProfile as updateProfileQuery,
  type IGetActiveGoalResult,
  type IGetPreferencesResult,
  type IGetProfileResult,
} from '../generated/accounts.queries.ts';
import { deleteStalePushTokens as deleteStalePushTokensQuery } from '../generated/accounts.queries.ts';
import {
  bool,
  calendarDay,
  fail,
  isPlainObject,
  list,
  INT32_MAX,
  num,
  oneOf,
  optionalCalendarDay,
  optionalNum,
  optionalText,
  pastInstant,
  text,
} from './shared/input.ts';
import { runQuery } from '../db/run-query.ts';

// --- sign-in --------------------------------------------------------------------------------------

export interface SignInInput {
  /** Better-Auth user id (auth."user".id). */
  authId: string;
  /** The e-mail Better-Auth has for that user (checked against it, case-insensitively). */
  email: string;
  /** Display name for a new person (default: Better-Auth's name, else the e-mail's local part); cut to 100 characters. */
  name?: string | null;
  /** IANA time zone for a new person (default UTC), e.g. the device's. */
  timeZone?: string | null;
}

export interface SignInResult {
  /** app.users.id: pass it to kdb.asUser. */
  userId: string;
  /** True when this sign-in created the person. */
  created: boolean;
  /** False for a deactivated account: the caller decides (refuse, or allow a GDPR export). */
  isActive: boolean;
}

/**
 * Sign-in upsert (SECURITY DEFINER app.sign_in_person): the person of a Better-Auth identity,
 * created on first sign-in. Run it as app_user without a person context (none exists yet): use
 * `signIn(kdb, input)` below, or this function inside `withTransaction(pool, { role: 'app_user' }, …)`.
 */
export async function upsertOnSignIn(client: DbClient, input: SignInInput): Promise<SignInResult> {
  if (!isPlainObject(input)) fail('input', 'object', 'must be an object');
  const authId = text(input.authId, 'authId', { max: 255 });
  const email = text(input.email, 'email', { max: 255, trim: true });
  // Better-Auth's names are unbounded: cut (not refuse) a long one, but refuse absurd input.
  const name = input.name === undefined || input.name === null ? null : text(input.name, 'name', { min: 0, max: 100_000 }).slice(0, 400);
  const timeZone = optionalText(input.timeZone, 'timeZone', { max: 64 }) ?? null;
  // users_auth_id_fkey: says which Better-Auth user is missing, and where from (src/db/errors.ts).
  const [row] = await runQuery(signInPerson, { authId, email, name, timeZone }, client);
  return row!;
}

/** Sign-in upsert in its own transaction, as app_user with no person yet. Returns the person's id for kdb.asUser. */
export function signIn(kdb: { pool: pg.Pool }, input: SignInInput): Promise<SignInResult> {
  return withTransaction(kdb.pool, { role: 'app_user' }, (client) => upsertOnSignIn(client, input));
}

// --- profile --------------------------------------------------------------------------------------

export interface Profile {
  id: string;
  authId: string;
  email: string;
  name: string;
  tier: 'free' | 'premium';
  role: 'user' | 'admin';
  isActive: boolean;
  timeZone: string;
  createdAt: Date;
  updatedAt: Date;
}

function toProfile(row: IGetProfileResult): Profile {
  return { ...row, tier: row.tier as Profile['tier'], role: row.role as Profile['role'] };
}

function noPerson(): never {
  throw new NotFoundError('userId', 'person', 'no person with this id (app.users)');
}

/** The signed-in person's profile (app.users): e-mail, name, time zone, tier, role, whether active. */
export async function getProfile(client: DbClient): Promise<Profile> {
  const [row] = await runQuery(getProfileQuery, { userId: personOf(client) }, client);
  return row ? toProfile(row) : noPerson();
}

export interface ProfileChanges {
  /** 1 to 100 characters, surrounding whitespace removed. */
  name?: string;
  /** Canonical IANA zone (e.g. Asia/Kolkata); checked by the database (rule users_time_zone_check). */
  timeZone?: string;
}

/** Changes the person's name and/or time zone (a time-zone change recomputes their daily totals); returns the profile. */
export async function updateProfile(client: DbClient, changes: ProfileChanges): Promise<Profile> {
  if (!isPlainObject(changes)) fail('changes', 'object', 'must be an object');
  for (const key of Object.keys(changes)) if (key !== 'name' && key !== 'timeZone') fail(key, 'unknown_field', 'is not a profile field');
  const name = changes.name === undefined ? null : text(changes.name, 'name', { max: 100, trim: true });
  const timeZone = changes.timeZone === undefined ? null : text(changes.timeZone, 'timeZone', { max: 64 });
  const [row] = await runQuery(updateProfileQuery, { userId: personOf(client), name, timeZone }, client);
  return row ? toProfile(row) : noPerson();
}

// --- preferences (last-write-wins) ------------------------------------------------------------------

// Diet is shared with recipes (the search applies it): defined in the shared input module.
export { DIETS, type Diet } from './shared/input.ts';
import { DIETS, type Diet } from './shared/input.ts';
export type Theme = 'light' | 'dark';

/** Stored preferences; null means "use the default" (the Epicura document's nullability). */
export interface Preferences {
  language: string | null;
  spiceLevel: number | null;
  saltLevel: number | null;
  oilLevel: number | null;
  diet: Diet | null;
  cuisines: string[] | null;
  defaultServings: number | null;
  allergens: string[] | null;
  theme: Theme | null;
  notificationsEnabled: boolean | null;
  /** Server time of the appliance's last recipe sync (written by recipe sync, not by this API). */
  lastSyncAt: Date | null;
  /** The client timestamp of the write currently stored (the last-write-wins clock). */
  clientUpdatedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type PreferenceChanges = Partial<
  Pick<
    Preferences,
    'language' | 'spiceLevel' | 'saltLevel' | 'oilLevel' | 'diet' | 'cuisines' | 'defaultServings' | 'allergens' | 'theme' | 'notificationsEnabled'
  >
>;

export interface PreferencesWrite {
  /** False when the stored write is as new as or newer than this one (then nothing changed). */
  applied: boolean;
  /** The preferences as stored after the call. */
  current: Preferences;
}

function toPreferences(row: IGetPreferencesResult): Preferences {
  return { ...row, diet: row.diet as Diet | null, theme: row.theme as Theme | null };
}

/** The stored preferences, or null when the person never saved any (every default applies). */
export async function getPreferences(client: DbClient): Promise<Preferences | null> {
  const [row] = await runQuery(getPreferencesQuery, { userId: personOf(client) }, client);
  return row ? toPreferences(row) : null;
}

const LEVEL = { min: 1, max: 5, integer: true };
const LANGUAGE = /^[a-z]{2,3}([_-][A-Z][a-z]{3})?([_-]([A-Z]{2}|[0-9]{3}))?$/;

function tags(value: unknown, field: string, max: number): string[] | null {
  if (value === null) return null;
  return list(value, field, max).map((v, i) => text(v, `${field}[${i}]`, { max: 50, trim: true }));
}

/** Column name → value, for the fields present in `changes` (null included). */
function preferencePatch(changes: PreferenceChanges): Record<string, unknown> {
  if (!isPlainObject(changes)) fail('changes', 'object', 'must be an object');
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    switch (key) {
      case 'language': {
        const v = optionalText(value, key, { max: 10 });
        if (v && !LANGUAGE.test(v)) fail(key, 'format', `must look like en, en_IN or zh_Hant_TW, got ${JSON.stringify(v)}`);
        patch.language = v;
        break;
      }
      case 'spiceLevel':
      case 'saltLevel':
      case 'oilLevel':
        patch[key.replace('Level', '_level')] = optionalNum(value, key, LEVEL);
        break;
      case 'defaultServings':
        patch.default_servings = optionalNum(value, key, { min: 1, max: 4, integer: true });
        break;
      case 'diet':
        patch.diet = value === null ? null : oneOf(value, key, DIETS);
        break;
      case 'theme':
        patch.theme = value === null ? null : oneOf(value, key, ['light', 'dark'] as const);
        break;
      case 'notificationsEnabled':
        patch.notifications_enabled = value === null ? null : bool(value, key);
        break;
      case 'cuisines':
        patch.cuisines = tags(value, key, 50);
        break;
      case 'allergens':
        patch.allergens = tags(value, key, 100);
        break;
      default:
        fail(key, 'unknown_field', 'is not a preference a client may write');
    }
  }
  return patch;
}

/**
 * Last-write-wins update: `changes` (fields present are written, null = back to the default) is
 * applied only when `clientUpdatedAt` (the client's clock at the time of the change) is newer than
 * the stored write's; otherwise nothing changes and `applied` is false. Creates the row on first use.
 */
export async function updatePreferences(
  client: DbClient,
  input: { changes: PreferenceChanges; clientUpdatedAt: Date | string },
): Promise<PreferencesWrite> {
  if (!isPlainObject(input)) fail('input', 'object', 'must be an object');
  const patch = preferencePatch(input.changes);
  // A client clock far ahead would win every later write: pastInstant refuses more than a day ahead.
  const clientUpdatedAt = pastInstant(input.clientUpdatedAt, 'clientUpdatedAt');
  await runQuery(ensurePreferences, { userId: personOf(client) }, client);
  const [row] = await runQuery(updatePreferencesIfNewer, { userId: personOf(client), patch: JSON.stringify(patch), clientUpdatedAt }, client);
  if (!row) noPerson();
  const { applied, ...current } = row;
  return { applied, current: toPreferences(current) };
}

// --- goals ----------------------------------------------------------------------------------------

export type GoalType = 'lose_weight' | 'maintain' | 'gain_weight' | 'build_muscle';
export const GOAL_TYPES: readonly GoalType[] = ['lose_weight', 'maintain', 'gain_weight', 'build_muscle'];

export interface Goal {
  id: string;
  goalType: GoalType;
  targetCalories: number;
  targetProteinG: number | null;
  targetCarbsG: number | null;
  targetFatG: number | null;
  targetFiberG: number | null;
  targetSugarG: number | null;
  targetSodiumMg: number | null;
  targetWeightKg: number | null;
  /** 'YYYY-MM-DD', a day in the person's time zone. */
  startsOn: string;
  endsOn: string | null;
  isActive: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface GoalInput {
  goalType: GoalType;
  /** kcal per day, 500 to 10000. */
  targetCalories: number;
  targetProteinG?: number | null;
  targetCarbsG?: number | null;
  targetFatG?: number | null;
  targetFiberG?: number | null;
  targetSugarG?: number | null;
  targetSodiumMg?: number | null;
  targetWeightKg?: number | null;
  /** First day (YYYY-MM-DD); default: today in the person's time zone. */
  startsOn?: string | null;
  endsOn?: string | null;
}

function toGoal(row: IGetActiveGoalResult): Goal {
  return { ...row, goalType: row.goalType as GoalType };
}

/** The person's current nutrition goal (the latest that has started), or null. */
export async function getActiveGoal(client: DbClient): Promise<Goal | null> {
  const [row] = await runQuery(getActiveGoalQuery, { userId: personOf(client) }, client);
  return row ? toGoal(row) : null;
}

/** Makes `input` the active goal: the previous active goal is kept as history (is_active false), in the same transaction. */
export async function setGoal(client: DbClient, input: GoalInput): Promise<Goal> {
  if (!isPlainObject(input)) fail('input', 'object', 'must be an object');
  const macro = (key: keyof GoalInput, max: number) => optionalNum(input[key], key, { min: 0, max }) ?? null;
  const params = {
    goalType: oneOf(input.goalType, 'goalType', GOAL_TYPES),
    targetCalories: num(input.targetCalories, 'targetCalories', { min: 500, max: 10_000, integer: true }),
    targetProteinG: macro('targetProteinG', 1000),
    targetCarbsG: macro('targetCarbsG', 2000),
    targetFatG: macro('targetFatG', 1000),
    targetFiberG: macro('targetFiberG', 500),
    targetSugarG: macro('targetSugarG', 1000),
    targetSodiumMg: optionalNum(input.targetSodiumMg, 'targetSodiumMg', { min: 0, max: 20_000, integer: true }) ?? null,
    targetWeightKg: optionalNum(input.targetWeightKg, 'targetWeightKg', { min: 20, max: 400 }) ?? null,
    startsOn: optionalCalendarDay(input.startsOn, 'startsOn') ?? null,
    endsOn: input.endsOn === undefined || input.endsOn === null ? null : calendarDay(input.endsOn, 'endsOn'),
  };
  if (params.startsOn && params.endsOn && params.endsOn < params.startsOn) fail('endsOn', 'user_goals_period_check', 'must not be before startsOn');
  await runQuery(lockGoals, undefined, client);
  await runQuery(deactivateGoals, { userId: personOf(client) }, client);
  // The id is made here: a gen_random_uuid() default would keep Citus from running the insert on the shard.
  const [row] = await runQuery(insertGoal, { ...params, id: randomUUID(), userId: personOf(client) }, client);
  return toGoal(row!);
}

// --- push tokens ------------------------------------------------------------------------------------

export type Platform = 'ios' | 'android';
const PLATFORMS: readonly Platform[] = ['ios', 'android'];

export interface PushToken {
  id: string;
  platform: Platform;
  token: string;
  createdAt: Date;
  /** Last registration or refresh. */
  updatedAt: Date;
}

export interface PushTokenRegistration extends PushToken {
  /** True when the token belonged to another person and moved to this one. */
  movedFromOther: boolean;
}

function tokenText(value: unknown, field: string): string {
  return text(value, field, { max: 4096 });
}

/** Registers a device token, or refreshes it (updatedAt); a token another person registered moves to this person. */
export async function registerPushToken(client: DbClient, input: { platform: Platform; token: string }): Promise<PushTokenRegistration> {
  if (!isPlainObject(input)) fail('input', 'object', 'must be an object');
  const platform = oneOf(input.platform, 'platform', PLATFORMS);
  const token = tokenText(input.token, 'token');
  const [row] = await runQuery(registerPushTokenQuery, { platform, token }, client);
  return { ...row!, platform: row!.platform as Platform };
}

/** A rotated token (FCM/APNs issued a new one): the old one is removed, the new one registered. */
export async function refreshPushToken(
  client: DbClient,
  input: { oldToken: string; newToken: string; platform: Platform },
): Promise<PushTokenRegistration> {
  if (!isPlainObject(input)) fail('input', 'object', 'must be an object');
  const oldToken = tokenText(input.oldToken, 'oldToken');
  const registration = { platform: input.platform, token: input.newToken };
  oneOf(input.platform, 'platform', PLATFORMS);
  tokenText(input.newToken, 'newToken');
  if (oldToken !== input.newToken) await runQuery(deletePushToken, { userId: personOf(client), token: oldToken }, client);
  return registerPushToken(client, registration);
}

/** Removes one of the person's tokens (sign-out on a device). `removed` is false when it was not theirs or did not exist. */
export async function removePushToken(client: DbClient, input: { token: string }): Promise<{ removed: boolean }> {
  if (!isPlainObject(input)) fail('input', 'object', 'must be an object');
  const rows = await runQuery(deletePushToken, { userId: personOf(client), token: tokenText(input.token, 'token') }, client);
  return { removed: rows.length > 0 };
}

/** The person's registered push tokens, for sending notifications to their devices. */
export async function listPushTokens(client: DbClient): Promise<PushToken[]> {
  const rows = await runQuery(listPushTokensQuery, { userId: personOf(client) }, client);
  return rows.map((r) => ({ ...r, platform: r.platform as Platform }));
}

export const forUser = {
  getProfile,
  updateProfile,
  getPreferences,
  updatePreferences,
  getActiveGoal,
  setGoal,
  registerPushToken,
  refreshPushToken,
  removePushToken,
  listPushTokens,
};
/** The worker (push-tokens.cleanup): deletes push tokens not seen for `olderThanDays` days; returns how many. */
export async function deleteStalePushTokens(client: DbClient, olderThanDays: number): Promise<number> {
  const days = num(olderThanDays, 'olderThanDays', { min: 1, max: INT32_MAX, integer: true });
  const [row] = await runQuery(deleteStalePushTokensQuery, { days }, client);
  return row?.count ?? 0;
}

export const forWorker = { deleteStalePushTokens };
