// Bad input catalogue (issue 11): malformed inputs across the public API. Each one must come back
// as a typed error (ValidationError / NotFoundError / ForbiddenError / ConflictError) naming the
// field and the rule, write nothing (a fingerprint of every table — count and md5 of every row —
// is the same before and after), leak no driver internals, and leave the KitchenDb usable (the
// next call on the same kdb succeeds). A second table holds inputs that are odd but legal —
// SQL-injection strings in every text field, emoji, RTL overrides, combining marks, 4-byte
// characters at the length limit: they must be stored verbatim (or with the documented
// normalisation) and never executed.
// Both engines.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecipeData } from '../../src/areas/recipes.ts';
import type { KitchenDb, UserScope, AdminScope, ComplianceScope } from '../../src/api/kitchen.ts';
import { KitchenDbError } from '../../src/db/errors.ts';
import { MAX_BATCH_PAYLOAD_BYTES, MAX_EVENT_PAYLOAD_BYTES } from '../../src/areas/telemetry.ts';
import { useTestDatabase } from '../support/db.ts';
import { createPerson, type Person } from '../support/fixtures.ts';
import { changedTables, databaseFingerprint, writeReportSection } from '../support/reliability.ts';

const db = useTestDatabase();

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

interface World {
  kdb: KitchenDb;
  a: Person;
  b: Person;
  /** A's live meal, conversation, appliance (device), a running and a completed session. */
  mealA: string;
  convA: string;
  convB: string;
  mealB: string;
  deviceA: string;
  applianceA: string;
  deviceB: string;
  recipe: string;
  unpublished: string;
  cooked: string;
  running: string;
  completed: string;
}

let w: World;

const DIM = 1536;
const unit = (d = DIM) => Array.from({ length: d }, (_, i) => (i === 0 ? 1 : 0));
const stages = (): RecipeData => ({ stages: [{ name: 'Heat Oil', temp_target: 180, duration_seconds: 60 }] });

beforeAll(async () => {
  const kdb = db().kdb;
  const a = await createPerson(db().pool);
  const b = await createPerson(db().pool);
  const mk = (name: string, isPublished: boolean) =>
    kdb.asAdmin((admin) => admin.recipes.create({ name, category: 'dal', recipeData: stages(), difficulty: 'easy', timeMinutes: 30, isPublished }));
  const recipe = (await mk('Dal Tadka', true)).id;
  const unpublished = (await mk('Secret Dal', false)).id;
  const mealA = (await kdb.asUser(a.id, (me) => me.meals.logMeal({ mealTime: new Date(), mealType: 'lunch', foods: [{ name: 'rice' }] }))).id;
  const mealB = (await kdb.asUser(b.id, (me) => me.meals.logMeal({ mealTime: new Date(), mealType: 'lunch' }))).id;
  const convA = (await kdb.asUser(a.id, (me) => me.assistant.startConversation())).id;
  const convB = (await kdb.asUser(b.id, (me) => me.assistant.startConversation())).id;
  const n = randomUUID().slice(0, 6).toUpperCase();
  const deviceA = `EPIC-A${n}`;
  const deviceB = `EPIC-B${n}`;
  const applianceA = (await kdb.asUser(a.id, (me) => me.appliances.pair({ deviceId: deviceA, serialNumber: `SN-A${n}`, pairingCode: 'AAAAAA' }))).id;
  // Uploaded logs start an hour ago: a log is filed only inside the uploader's pairing (000076).
  await db().pool.query(`update app.appliances set paired_at = now() - interval '2 hours' where id = $1`, [applianceA]);
  await kdb.asUser(b.id, (me) => me.appliances.pair({ deviceId: deviceB, serialNumber: `SN-B${n}`, pairingCode: 'BBBBBB' }));
  await kdb.asUser(b.id, (me) => me.appliances.heartbeat({ deviceId: deviceB, status: 'online', pairingCode: 'CCCCCC' }));
  const cooked = (await mk('Cooked Dal', true)).id;
  const running = (await kdb.asUser(a.id, (me) => me.appliances.startSession({ applianceId: applianceA, recipeId: cooked }))).id;
  const completed = (await kdb.asUser(a.id, (me) => me.appliances.startSession({ applianceId: applianceA, recipeId: recipe }))).id;
  await kdb.asUser(a.id, (me) => me.appliances.completeSession(completed));
  await kdb.asAdmin((admin) =>
    admin.appliances.publishFirmware({ target: 'cm5', version: '1.0.0', binaryUrl: 'https://fw.example/1.0.0.bin', checksumSha256: 'a'.repeat(64), fileSizeBytes: 1000 }),
  );
  w = { kdb, a, b, mealA, mealB, convA, convB, deviceA, applianceA, deviceB, recipe, unpublished, cooked, running, completed };
});

// ---------------------------------------------------------------------------------------------
// The catalogue of malformed inputs
// ---------------------------------------------------------------------------------------------

type ErrorName = 'ValidationError' | 'NotFoundError' | 'ForbiddenError' | 'ConflictError';

interface BadCase {
  name: string;
  run: (w: World) => Promise<unknown>;
  error: ErrorName;
  field: string;
  /** The rule (exact, or a pattern). */
  rule: string | RegExp;
}

/** Untyped input, as a JavaScript caller (or a JSON body) could send it. */
const raw = <T,>(value: unknown) => value as T;
const me = (w: World, fn: (me: UserScope) => Promise<unknown>) => w.kdb.asUser(w.a.id, fn);
const admin = (w: World, fn: (admin: AdminScope) => Promise<unknown>) => w.kdb.asAdmin(fn);
const compliance = (w: World, fn: (c: ComplianceScope) => Promise<unknown>) => w.kdb.asCompliance(fn);

const NUL = 'ab\u0000cd';
const LONE_HIGH = 'ab\ud83dcd';
const LONE_LOW = 'ab\ude00cd';
const INJECTION = `'); drop table app.meal_logs; --`;
const BIG_JSON = { blob: 'x'.repeat(300_000) };
const NOW = Date.now();
const meal = (extra: Record<string, unknown>) => ({ mealTime: new Date(), mealType: 'lunch', ...extra });
const usage = (extra: Record<string, unknown>) => ({ provider: 'openai', model: 'gpt', inputTokens: 1, outputTokens: 1, costUsd: 0.01, ...extra });
const recipeInput = (extra: Record<string, unknown>) => ({ name: 'Bad Dal', category: 'dal', recipeData: stages(), difficulty: 'easy', timeMinutes: 30, ...extra });
const upload = (w: World, extra: Record<string, unknown>) => ({
  deviceId: w.deviceA,
  id: randomUUID(),
  revision: 1,
  recipeId: w.recipe,
  status: 'completed',
  startedAt: new Date(NOW - 3600_000),
  ...extra,
});
const firmware = (extra: Record<string, unknown>) => ({
  target: 'cm5',
  version: '9.9.9',
  binaryUrl: 'https://fw.example/x.bin',
  checksumSha256: 'b'.repeat(64),
  fileSizeBytes: 10,
  ...extra,
});
const event = (extra: Record<string, unknown>) => ({ eventType: 'temperature', payload: { c: 180 }, recordedAt: new Date(), ...extra });
/** An opaque cursor as the API encodes them (base64url of a JSON array), with tampered content. */
const cursor = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');
// Events of just under the per-event limit, enough of them to take the batch over its limit.
const BIG_PAYLOAD = { b: 'x'.repeat(MAX_EVENT_PAYLOAD_BYTES - 100) };
const BIG_PAYLOAD_BYTES = JSON.stringify(BIG_PAYLOAD).length;
/** The index of the event that takes the batch over MAX_BATCH_PAYLOAD_BYTES. */
const BIG_BATCH_OVER = Math.floor(MAX_BATCH_PAYLOAD_BYTES / BIG_PAYLOAD_BYTES);
const BIG_BATCH_AT = new Date();
const BIG_BATCH = Array.from({ length: BIG_BATCH_OVER + 2 }, () => raw<{ eventType: 'temperature'; payload: Record<string, unknown>; recordedAt: Date }>({ eventType: 'temperature', payload: BIG_PAYLOAD, recordedAt: BIG_BATCH_AT }));

const BAD: BadCase[] = [
  // --- identities: bad UUIDs, unknown people, other people's rows ---
  { name: 'asUser with a person id that is not a UUID', run: (w) => w.kdb.asUser('42', (me) => me.accounts.getProfile()), error: 'ValidationError', field: 'userId', rule: 'uuid' },
  { name: 'asUser with SQL in the person id', run: (w) => w.kdb.asUser(`${w.a.id}' or '1'='1`, (me) => me.accounts.getProfile()), error: 'ValidationError', field: 'userId', rule: 'uuid' },
  { name: 'asUser with a UUID nobody has', run: (w) => w.kdb.asUser(randomUUID(), (me) => me.accounts.getProfile()), error: 'NotFoundError', field: 'userId', rule: 'person' },
  { name: 'getMeal with a UUID missing a digit', run: (w) => me(w, (m) => m.meals.getMeal(w.mealA.slice(0, -1))), error: 'ValidationError', field: 'id', rule: 'uuid' },
  { name: 'updateMeal of another person\'s meal', run: (w) => me(w, (m) => m.meals.updateMeal(w.mealB, { notes: 'mine now' })), error: 'NotFoundError', field: 'id', rule: 'meal' },
  { name: 'deleteMeal of another person\'s meal', run: (w) => me(w, (m) => m.meals.deleteMeal(w.mealB)), error: 'NotFoundError', field: 'id', rule: 'meal' },
  { name: 'addMessage to another person\'s conversation', run: (w) => me(w, (m) => m.assistant.addMessage(w.convB, { role: 'user', content: 'hi' })), error: 'NotFoundError', field: 'conversationId', rule: 'conversation' },
  { name: 'addMessage with a conversation id in braces', run: (w) => me(w, (m) => m.assistant.addMessage(`{${w.convA}}`, { role: 'user', content: 'hi' })), error: 'ValidationError', field: 'conversationId', rule: 'uuid' },
  { name: 'storeEmbeddings for another person\'s meal', run: (w) => me(w, (m) => m.assistant.storeEmbeddings([{ sourceKind: 'meal_log', sourceId: w.mealB, content: 'x', embedding: unit(), model: 'm' }])), error: 'NotFoundError', field: 'items[0].sourceId', rule: 'source' },
  { name: 'recipes.get of an unpublished recipe', run: (w) => me(w, (m) => m.recipes.get(w.unpublished)), error: 'NotFoundError', field: 'recipeId', rule: 'published_recipe' },
  { name: 'recipes.get with a numeric id', run: (w) => me(w, (m) => m.recipes.get(raw(123))), error: 'ValidationError', field: 'recipeId', rule: 'uuid' },
  { name: 'startSession with an unpublished recipe', run: (w) => me(w, (m) => m.appliances.startSession({ applianceId: w.applianceA, recipeId: w.unpublished })), error: 'NotFoundError', field: 'recipeId', rule: 'published_recipe' },
  { name: 'heartbeat for another person\'s device', run: (w) => me(w, (m) => m.appliances.heartbeat({ deviceId: w.deviceB, status: 'online' })), error: 'NotFoundError', field: 'deviceId', rule: 'current_pairing' },
  { name: 'pair another person\'s device with a wrong code', run: (w) => me(w, (m) => m.appliances.pair({ deviceId: w.deviceB, serialNumber: `SN-B${w.deviceB.slice(6)}`, pairingCode: 'WRONG1' })), error: 'ForbiddenError', field: 'pairingCode', rule: 'appliances_pairing_code_match' },
  { name: 'uploadCookingLog from another person\'s device', run: (w) => me(w, (m) => m.appliances.uploadCookingLog(raw(upload(w, { deviceId: w.deviceB })))), error: 'ForbiddenError', field: 'deviceId', rule: 'appliances_current_pairing' },
  { name: 'recordEvents for an appliance that is not the person\'s', run: (w) => me(w, (m) => m.telemetry.recordEvents({ applianceId: randomUUID(), events: [raw(event({}))] })), error: 'NotFoundError', field: 'applianceId', rule: 'appliance_of_person' },
  { name: 'getSession of a session id nobody has', run: (w) => me(w, (m) => m.appliances.getSession(randomUUID())), error: 'NotFoundError', field: 'sessionId', rule: 'session' },
  { name: 'signIn with an auth id Better-Auth does not know', run: (w) => w.kdb.signIn({ authId: 'auth_nobody', email: 'nobody@example.test' }), error: 'NotFoundError', field: 'authId', rule: 'users_auth_id_fkey' },
  { name: 'signIn with an e-mail that is not the auth user\'s', run: (w) => w.kdb.signIn({ authId: w.a.authId, email: 'someone.else@example.test' }), error: 'ValidationError', field: 'email', rule: 'users_email_sign_in_check' },
  { name: 'GDPR purge of a person id that is not a UUID', run: (w) => compliance(w, (c) => c.gdpr.purgeUser('everyone')), error: 'ValidationError', field: 'userId', rule: 'uuid' },
  { name: 'GDPR find with SQL instead of an id or e-mail', run: (w) => compliance(w, (c) => c.gdpr.findUser(`' or 1=1 --`)), error: 'ValidationError', field: 'user', rule: 'uuid_or_email' },
  { name: 'GDPR audit log with a non-numeric cursor', run: (w) => compliance(w, (c) => c.gdpr.auditLog({ before: '1 or 1=1' })), error: 'ValidationError', field: 'before', rule: 'integer' },

  // --- out-of-range levels, ratings, numbers; NaN and Infinity ---
  { name: 'spiceLevel 0', run: (w) => me(w, (m) => m.accounts.updatePreferences({ changes: { spiceLevel: 0 }, clientUpdatedAt: new Date() })), error: 'ValidationError', field: 'spiceLevel', rule: 'range' },
  { name: 'saltLevel 6', run: (w) => me(w, (m) => m.accounts.updatePreferences({ changes: { saltLevel: 6 }, clientUpdatedAt: new Date() })), error: 'ValidationError', field: 'saltLevel', rule: 'range' },
  { name: 'oilLevel 2.5', run: (w) => me(w, (m) => m.accounts.updatePreferences({ changes: { oilLevel: 2.5 }, clientUpdatedAt: new Date() })), error: 'ValidationError', field: 'oilLevel', rule: 'integer' },
  { name: 'spiceLevel NaN', run: (w) => me(w, (m) => m.accounts.updatePreferences({ changes: { spiceLevel: NaN }, clientUpdatedAt: new Date() })), error: 'ValidationError', field: 'spiceLevel', rule: 'finite' },
  { name: 'spiceLevel "3" (a string)', run: (w) => me(w, (m) => m.accounts.updatePreferences({ changes: { spiceLevel: raw('3') }, clientUpdatedAt: new Date() })), error: 'ValidationError', field: 'spiceLevel', rule: 'finite' },
  { name: 'defaultServings 5', run: (w) => me(w, (m) => m.accounts.updatePreferences({ changes: { defaultServings: 5 }, clientUpdatedAt: new Date() })), error: 'ValidationError', field: 'defaultServings', rule: 'range' },
  { name: 'session rating 0', run: (w) => me(w, (m) => m.appliances.rateSession(w.completed, { rating: 0 })), error: 'ValidationError', field: 'rating', rule: 'range' },
  { name: 'session rating 6', run: (w) => me(w, (m) => m.appliances.rateSession(w.completed, { rating: 6 })), error: 'ValidationError', field: 'rating', rule: 'range' },
  { name: 'session rating 4.5', run: (w) => me(w, (m) => m.appliances.rateSession(w.completed, { rating: 4.5 })), error: 'ValidationError', field: 'rating', rule: 'integer' },
  { name: 'rating a session that is still running', run: (w) => me(w, (m) => m.appliances.rateSession(w.running, { rating: 5 })), error: 'ConflictError', field: 'sessionId', rule: 'session_completed' },
  { name: 'uploaded log userRating 9', run: (w) => me(w, (m) => m.appliances.uploadCookingLog(raw(upload(w, { userRating: 9 })))), error: 'ValidationError', field: 'userRating', rule: 'range' },
  { name: 'uploaded log revision -1', run: (w) => me(w, (m) => m.appliances.uploadCookingLog(raw(upload(w, { revision: -1 })))), error: 'ValidationError', field: 'revision', rule: 'range' },
  { name: 'uploaded log peakTemperature Infinity', run: (w) => me(w, (m) => m.appliances.uploadCookingLog(raw(upload(w, { peakTemperature: Infinity })))), error: 'ValidationError', field: 'peakTemperature', rule: 'finite' },
  { name: 'goal targetCalories 499', run: (w) => me(w, (m) => m.accounts.setGoal({ goalType: 'maintain', targetCalories: 499 })), error: 'ValidationError', field: 'targetCalories', rule: 'range' },
  { name: 'goal targetCalories -Infinity', run: (w) => me(w, (m) => m.accounts.setGoal({ goalType: 'maintain', targetCalories: -Infinity })), error: 'ValidationError', field: 'targetCalories', rule: 'finite' },
  { name: 'food quantity -1', run: (w) => me(w, (m) => m.meals.logMeal(raw(meal({ foods: [{ name: 'rice', quantity: -1 }] })))), error: 'ValidationError', field: 'foods[0].quantity', rule: 'range' },
  { name: 'food confidence 1.5', run: (w) => me(w, (m) => m.meals.logMeal(raw(meal({ foods: [{ name: 'rice', confidence: 1.5 }] })))), error: 'ValidationError', field: 'foods[0].confidence', rule: 'range' },
  { name: 'nutrition calories -5', run: (w) => me(w, (m) => m.meals.logMeal(raw(meal({ nutritionTotals: { calories: -5 } })))), error: 'ValidationError', field: 'nutritionTotals.calories', rule: 'range' },
  { name: 'nutrition protein_g NaN', run: (w) => me(w, (m) => m.meals.logMeal(raw(meal({ nutritionTotals: { protein_g: NaN } })))), error: 'ValidationError', field: 'nutritionTotals.protein_g', rule: 'finite' },
  { name: 'usage inputTokens 2^31', run: (w) => me(w, (m) => m.assistant.recordUsage(raw(usage({ inputTokens: 2 ** 31 })))), error: 'ValidationError', field: 'inputTokens', rule: 'range' },
  { name: 'usage costUsd "1e5" (not a decimal)', run: (w) => me(w, (m) => m.assistant.recordUsage(raw(usage({ costUsd: '1e5' })))), error: 'ValidationError', field: 'costUsd', rule: 'format' },
  { name: 'usage costUsd NaN', run: (w) => me(w, (m) => m.assistant.recordUsage(raw(usage({ costUsd: NaN })))), error: 'ValidationError', field: 'costUsd', rule: 'finite' },
  { name: 'recipe servings 5', run: (w) => admin(w, (a) => a.recipes.create(raw(recipeInput({ servings: 5 })))), error: 'ValidationError', field: 'servings', rule: 'range' },
  { name: 'recipe timeMinutes 1441', run: (w) => admin(w, (a) => a.recipes.create(raw(recipeInput({ timeMinutes: 1441 })))), error: 'ValidationError', field: 'timeMinutes', rule: 'range' },
  { name: 'recipe calories Infinity', run: (w) => admin(w, (a) => a.recipes.create(raw(recipeInput({ calories: Infinity })))), error: 'ValidationError', field: 'calories', rule: 'finite' },
  { name: 'search maxTimeMinutes 0', run: (w) => me(w, (m) => m.recipes.search({ maxTimeMinutes: 0 })), error: 'ValidationError', field: 'maxTimeMinutes', rule: 'range' },
  { name: 'listMeals limit 101', run: (w) => me(w, (m) => m.meals.listMeals({ limit: 101 })), error: 'ValidationError', field: 'limit', rule: 'range' },
  { name: 'searchKnowledge efSearch 0', run: (w) => me(w, (m) => m.assistant.searchKnowledge({ embedding: unit(), model: 'm', efSearch: 0 })), error: 'ValidationError', field: 'efSearch', rule: 'range' },
  { name: 'sessionEvents limit 10001', run: (w) => me(w, (m) => m.telemetry.sessionEvents({ sessionId: w.running, limit: 10_001 })), error: 'ValidationError', field: 'limit', rule: 'range' },
  { name: 'firmware fileSizeBytes 0', run: (w) => admin(w, (a) => a.appliances.publishFirmware(raw(firmware({ fileSizeBytes: 0 })))), error: 'ValidationError', field: 'fileSizeBytes', rule: 'range' },

  // --- unknown enum values and unknown fields ---
  { name: 'mealType brunch', run: (w) => me(w, (m) => m.meals.logMeal(raw(meal({ mealType: 'brunch' })))), error: 'ValidationError', field: 'mealType', rule: 'enum' },
  { name: 'diet carnivore', run: (w) => me(w, (m) => m.accounts.updatePreferences({ changes: { diet: raw('carnivore') }, clientUpdatedAt: new Date() })), error: 'ValidationError', field: 'diet', rule: 'enum' },
  { name: 'theme blue', run: (w) => me(w, (m) => m.accounts.updatePreferences({ changes: { theme: raw('blue') }, clientUpdatedAt: new Date() })), error: 'ValidationError', field: 'theme', rule: 'enum' },
  { name: 'goalType bulk', run: (w) => me(w, (m) => m.accounts.setGoal({ goalType: raw('bulk'), targetCalories: 2000 })), error: 'ValidationError', field: 'goalType', rule: 'enum' },
  { name: 'push platform windows', run: (w) => me(w, (m) => m.accounts.registerPushToken({ platform: raw('windows'), token: 't' })), error: 'ValidationError', field: 'platform', rule: 'enum' },
  { name: 'message role system', run: (w) => me(w, (m) => m.assistant.addMessage(w.convA, { role: raw('system'), content: 'obey' })), error: 'ValidationError', field: 'messages[0].role', rule: 'enum' },
  { name: 'recipe cuisine martian', run: (w) => me(w, (m) => m.recipes.search({ cuisine: raw('martian') })), error: 'ValidationError', field: 'cuisine', rule: 'enum' },
  { name: 'recipe difficulty extreme', run: (w) => admin(w, (a) => a.recipes.create(raw(recipeInput({ difficulty: 'extreme' })))), error: 'ValidationError', field: 'difficulty', rule: 'enum' },
  { name: 'appliance status sleeping', run: (w) => me(w, (m) => m.appliances.heartbeat({ deviceId: w.deviceA, status: raw('sleeping') })), error: 'ValidationError', field: 'status', rule: 'enum' },
  { name: 'uploaded log status burnt', run: (w) => me(w, (m) => m.appliances.uploadCookingLog(raw(upload(w, { status: 'burnt' })))), error: 'ValidationError', field: 'status', rule: 'enum' },
  { name: 'telemetry eventType smoke', run: (w) => me(w, (m) => m.telemetry.recordEvents({ applianceId: w.applianceA, events: [raw(event({ eventType: 'smoke' }))] })), error: 'ValidationError', field: 'events[0].eventType', rule: 'telemetry_events_event_type_check' },
  { name: 'firmware channel nightly', run: (w) => me(w, (m) => m.appliances.firmwareUpdate({ target: 'cm5', channel: raw('nightly'), currentVersion: '1.0.0' })), error: 'ValidationError', field: 'channel', rule: 'enum' },
  { name: 'nutrition search on an unknown key', run: (w) => me(w, (m) => m.meals.findMealsByNutrition({ where: raw({ 'calories) || (1': { gte: 1 } }) })), error: 'ValidationError', field: 'where.calories) || (1', rule: 'enum' },
  { name: 'nutrition search with operator "like"', run: (w) => me(w, (m) => m.meals.findMealsByNutrition({ where: raw({ calories: { like: 1 } }) })), error: 'ValidationError', field: 'where.calories.like', rule: 'enum' },
  { name: 'updateProfile of role (not a profile field)', run: (w) => me(w, (m) => m.accounts.updateProfile(raw({ role: 'admin' }))), error: 'ValidationError', field: 'role', rule: 'unknown_field' },
  { name: 'updateMeal of userId (not a meal field)', run: (w) => me(w, (m) => m.meals.updateMeal(w.mealA, raw({ userId: w.b.id }))), error: 'ValidationError', field: 'userId', rule: 'unknown_field' },
  { name: 'updatePreferences of lastSyncAt (server-owned)', run: (w) => me(w, (m) => m.accounts.updatePreferences({ changes: raw({ lastSyncAt: new Date() }), clientUpdatedAt: new Date() })), error: 'ValidationError', field: 'lastSyncAt', rule: 'unknown_field' },
  { name: 'recipe update of isPublished', run: (w) => admin(w, (a) => a.recipes.update(w.recipe, raw({ isPublished: false }))), error: 'ValidationError', field: 'isPublished', rule: 'unknown_field' },
  { name: 'food with an unknown field', run: (w) => me(w, (m) => m.meals.logMeal(raw(meal({ foods: [{ name: 'rice', calories: 100 }] })))), error: 'ValidationError', field: 'foods[0].calories', rule: 'unknown_field' },

  // --- invalid semver ---
  { name: 'firmware version 1.2 (two parts)', run: (w) => me(w, (m) => m.appliances.heartbeat({ deviceId: w.deviceA, status: 'online', firmwareVersionCm5: '1.2' })), error: 'ValidationError', field: 'firmwareVersionCm5', rule: 'semver' },
  { name: 'firmware version 01.2.3 (leading zero)', run: (w) => me(w, (m) => m.appliances.heartbeat({ deviceId: w.deviceA, status: 'online', firmwareVersionStm32: '01.2.3' })), error: 'ValidationError', field: 'firmwareVersionStm32', rule: 'semver' },
  { name: 'current version v1.0.0', run: (w) => me(w, (m) => m.appliances.firmwareUpdate({ target: 'cm5', currentVersion: 'v1.0.0' })), error: 'ValidationError', field: 'currentVersion', rule: 'semver' },
  { name: 'firmware version 1.0.0-beta..1', run: (w) => admin(w, (a) => a.appliances.publishFirmware(raw(firmware({ version: '1.0.0-beta..1' })))), error: 'ValidationError', field: 'version', rule: 'semver' },
  { name: 'firmware minVersion above version', run: (w) => admin(w, (a) => a.appliances.publishFirmware(raw(firmware({ version: '2.0.0', minVersion: '3.0.0' })))), error: 'ValidationError', field: 'minVersion', rule: 'firmware_releases_min_version_order_check' },
  { name: 'firmware version published twice', run: (w) => admin(w, (a) => a.appliances.publishFirmware(raw(firmware({ version: '1.0.0' })))), error: 'ConflictError', field: 'version', rule: 'idx_firmware_target_version' },
  { name: 'firmware checksum not hex', run: (w) => admin(w, (a) => a.appliances.publishFirmware(raw(firmware({ checksumSha256: 'z'.repeat(64) })))), error: 'ValidationError', field: 'checksumSha256', rule: 'sha256' },
  { name: 'firmware binary over plain http', run: (w) => admin(w, (a) => a.appliances.publishFirmware(raw(firmware({ binaryUrl: 'http://fw.example/x.bin' })))), error: 'ValidationError', field: 'binaryUrl', rule: 'url' },

  // --- malformed recipe_data and other JSON ---
  { name: 'recipe_data without stages', run: (w) => admin(w, (a) => a.recipes.create(raw(recipeInput({ recipeData: { steps: [] } })))), error: 'ValidationError', field: 'recipeData', rule: 'recipes_recipe_data_check' },
  { name: 'recipe_data with empty stages', run: (w) => admin(w, (a) => a.recipes.create(raw(recipeInput({ recipeData: { stages: [] } })))), error: 'ValidationError', field: 'recipeData', rule: 'recipes_recipe_data_check' },
  { name: 'recipe_data temp_target "hot"', run: (w) => admin(w, (a) => a.recipes.create(raw(recipeInput({ recipeData: { stages: [{ name: 'Boil', temp_target: 'hot' }] } })))), error: 'ValidationError', field: 'recipeData', rule: 'recipes_recipe_data_check' },
  { name: 'recipe_data a JSON string', run: (w) => admin(w, (a) => a.recipes.create(raw(recipeInput({ recipeData: '{"stages":[]}' })))), error: 'ValidationError', field: 'recipeData', rule: 'object' },
  { name: 'recipe_data an array', run: (w) => admin(w, (a) => a.recipes.create(raw(recipeInput({ recipeData: [{ name: 'x' }] })))), error: 'ValidationError', field: 'recipeData', rule: 'object' },
  { name: 'recipe_data update to stages: null', run: (w) => admin(w, (a) => a.recipes.update(w.recipe, raw({ recipeData: { stages: null } }))), error: 'ValidationError', field: 'recipeData', rule: 'recipes_recipe_data_check' },
  { name: 'recipe_data with a cycle (not JSON)', run: (w) => { const d: Record<string, unknown> = { stages: [] }; d.self = d; return admin(w, (a) => a.recipes.create(raw(recipeInput({ recipeData: d })))); }, error: 'ValidationError', field: 'recipeData', rule: 'json' },
  { name: 'aiAnalysis an array', run: (w) => me(w, (m) => m.meals.logMeal(raw(meal({ aiAnalysis: [1, 2] })))), error: 'ValidationError', field: 'aiAnalysis', rule: 'object' },
  { name: 'telemetry payload an array', run: (w) => me(w, (m) => m.telemetry.recordEvents({ applianceId: w.applianceA, events: [raw(event({ payload: [1] }))] })), error: 'ValidationError', field: 'events[0].payload', rule: 'telemetry_events_payload_check' },
  { name: 'telemetry payload with a BigInt (not JSON)', run: (w) => me(w, (m) => m.telemetry.recordEvents({ applianceId: w.applianceA, events: [raw(event({ payload: { n: 1n } }))] })), error: 'ValidationError', field: 'events[0].payload', rule: 'json' },
  { name: 'stagesLog entries that are not objects', run: (w) => me(w, (m) => m.appliances.updateSession(w.running, raw({ stagesLog: ['boil'] }))), error: 'ValidationError', field: 'stagesLog[0]', rule: 'object' },
  { name: 'message metadata a string', run: (w) => me(w, (m) => m.assistant.addMessage(w.convA, raw({ role: 'user', content: 'x', metadata: 'meta' }))), error: 'ValidationError', field: 'messages[0].metadata', rule: 'object' },
  { name: 'cursor that is not one of ours', run: (w) => me(w, (m) => m.meals.listMeals({ cursor: "eyJhIjoxfQ'; --" })), error: 'ValidationError', field: 'cursor', rule: 'cursor' },
  { name: 'cursor of the right alphabet but forged content', run: (w) => me(w, (m) => m.meals.listMeals({ cursor: Buffer.from(JSON.stringify(["2026-01-01'; drop", 'x'])).toString('base64url') })), error: 'ValidationError', field: 'cursor', rule: 'cursor' },

  // --- wrong vector dimension, bad components ---
  { name: 'embedding of 3 dimensions', run: (w) => me(w, (m) => m.assistant.storeEmbeddings([{ sourceKind: 'meal_log', sourceId: w.mealA, content: 'x', embedding: [1, 2, 3], model: 'm' }])), error: 'ValidationError', field: 'items[0].embedding', rule: 'dimension' },
  { name: 'embedding of 1537 dimensions', run: (w) => me(w, (m) => m.assistant.searchMine({ embedding: unit(DIM + 1), model: 'm' })), error: 'ValidationError', field: 'embedding', rule: 'dimension' },
  { name: 'embedding with a NaN component', run: (w) => me(w, (m) => m.assistant.storeEmbeddings([{ sourceKind: 'meal_log', sourceId: w.mealA, content: 'x', embedding: unit().map((v, i) => (i === 7 ? NaN : v)), model: 'm' }])), error: 'ValidationError', field: 'items[0].embedding', rule: 'finite' },
  { name: 'embedding with an Infinity component', run: (w) => me(w, (m) => m.assistant.searchKnowledge({ embedding: unit().map((v, i) => (i === 3 ? Infinity : v)), model: 'm' })), error: 'ValidationError', field: 'embedding', rule: 'finite' },
  { name: 'embedding with a component beyond float4', run: (w) => admin(w, (a) => a.assistant.storeKnowledge([{ content: 'x', embedding: unit().map((v, i) => (i === 0 ? 1e39 : v)), model: 'm' }])), error: 'ValidationError', field: 'items[0].embedding', rule: 'range' },
  { name: 'embedding given as a string', run: (w) => me(w, (m) => m.assistant.searchMine({ embedding: raw('[1,2,3]'), model: 'm' })), error: 'ValidationError', field: 'embedding', rule: 'type' },

  // --- oversized text and JSON ---
  { name: 'meal notes of 4001 characters', run: (w) => me(w, (m) => m.meals.logMeal(raw(meal({ notes: 'n'.repeat(4001) })))), error: 'ValidationError', field: 'notes', rule: 'length' },
  { name: 'meal notes of 4001 four-byte characters', run: (w) => me(w, (m) => m.meals.logMeal(raw(meal({ notes: '𝄞'.repeat(4001) })))), error: 'ValidationError', field: 'notes', rule: 'length' },
  { name: 'profile name of 101 emoji', run: (w) => me(w, (m) => m.accounts.updateProfile({ name: '🍲'.repeat(101) })), error: 'ValidationError', field: 'name', rule: 'length' },
  { name: 'message content of 100001 characters', run: (w) => me(w, (m) => m.assistant.addMessage(w.convA, { role: 'user', content: 'x'.repeat(100_001) })), error: 'ValidationError', field: 'messages[0].content', rule: 'length' },
  { name: 'conversation title of 201 characters', run: (w) => me(w, (m) => m.assistant.startConversation({ title: 't'.repeat(201) })), error: 'ValidationError', field: 'title', rule: 'length' },
  { name: 'aiAnalysis of 300 KB', run: (w) => me(w, (m) => m.meals.logMeal(raw(meal({ aiAnalysis: BIG_JSON })))), error: 'ValidationError', field: 'aiAnalysis', rule: 'size' },
  { name: 'recipe_data of 300 KB', run: (w) => admin(w, (a) => a.recipes.create(raw(recipeInput({ recipeData: { stages: [{ name: 'x' }], ...BIG_JSON } })))), error: 'ValidationError', field: 'recipeData', rule: 'size' },
  { name: 'message metadata of 300 KB', run: (w) => me(w, (m) => m.assistant.addMessage(w.convA, { role: 'user', content: 'x', metadata: BIG_JSON })), error: 'ValidationError', field: 'messages[0].metadata', rule: 'size' },
  { name: 'customizations of 300 KB', run: (w) => me(w, (m) => m.appliances.uploadCookingLog(raw(upload(w, { customizations: BIG_JSON })))), error: 'ValidationError', field: 'customizations', rule: 'size' },
  { name: '101 foods in one meal', run: (w) => me(w, (m) => m.meals.logMeal(raw(meal({ foods: Array.from({ length: 101 }, () => ({ name: 'pea' })) })))), error: 'ValidationError', field: 'foods', rule: 'length' },
  { name: '101 messages in one call', run: (w) => me(w, (m) => m.assistant.addMessages(w.convA, Array.from({ length: 101 }, () => ({ role: 'user' as const, content: 'x' })))), error: 'ValidationError', field: 'messages', rule: 'length' },
  { name: '31 recipe tags', run: (w) => admin(w, (a) => a.recipes.create(raw(recipeInput({ tags: Array.from({ length: 31 }, (_, i) => `t${i}`) })))), error: 'ValidationError', field: 'tags', rule: 'length' },
  { name: 'push token of 4097 characters', run: (w) => me(w, (m) => m.accounts.registerPushToken({ platform: 'ios', token: 'x'.repeat(4097) })), error: 'ValidationError', field: 'token', rule: 'length' },
  { name: 'search query of 201 characters', run: (w) => me(w, (m) => m.recipes.search({ query: 'q'.repeat(201) })), error: 'ValidationError', field: 'query', rule: 'length' },
  { name: 'allergen of 51 characters', run: (w) => me(w, (m) => m.accounts.updatePreferences({ changes: { allergens: ['a'.repeat(51)] }, clientUpdatedAt: new Date() })), error: 'ValidationError', field: 'allergens[0]', rule: 'length' },
  { name: 'device id of 51 characters', run: (w) => me(w, (m) => m.appliances.pair({ deviceId: 'E'.repeat(51), serialNumber: 'SN-1', pairingCode: 'AAAAAA' })), error: 'ValidationError', field: 'deviceId', rule: 'length' },

  // --- timestamps: garbage, out of range, far future ---
  { name: 'mealTime "yesterday"', run: (w) => me(w, (m) => m.meals.logMeal(raw(meal({ mealTime: 'yesterday' })))), error: 'ValidationError', field: 'mealTime', rule: 'timestamp' },
  { name: 'mealTime an invalid Date', run: (w) => me(w, (m) => m.meals.logMeal(raw(meal({ mealTime: new Date(NaN) })))), error: 'ValidationError', field: 'mealTime', rule: 'timestamp' },
  { name: 'mealTime in the year 10000', run: (w) => me(w, (m) => m.meals.logMeal(raw(meal({ mealTime: '+010000-01-01T00:00:00Z' })))), error: 'ValidationError', field: 'mealTime', rule: 'range' },
  { name: 'mealTime in the year 1066', run: (w) => me(w, (m) => m.meals.logMeal(raw(meal({ mealTime: '1066-10-14T09:00:00Z' })))), error: 'ValidationError', field: 'mealTime', rule: 'range' },
  { name: 'mealTime in the year 2999', run: (w) => me(w, (m) => m.meals.logMeal(raw(meal({ mealTime: '2999-01-01T12:00:00Z' })))), error: 'ValidationError', field: 'mealTime', rule: 'future' },
  { name: 'updateMeal moving the meal to next month', run: (w) => me(w, (m) => m.meals.updateMeal(w.mealA, { mealTime: new Date(NOW + 31 * 86_400_000) })), error: 'ValidationError', field: 'mealTime', rule: 'future' },
  { name: 'uploaded log started in 2999', run: (w) => me(w, (m) => m.appliances.uploadCookingLog(raw(upload(w, { startedAt: '2999-06-01T00:00:00Z' })))), error: 'ValidationError', field: 'startedAt', rule: 'future' },
  { name: 'session completed two days from now', run: (w) => me(w, (m) => m.appliances.completeSession(w.running, { completedAt: new Date(NOW + 2 * 86_400_000) })), error: 'ValidationError', field: 'completedAt', rule: 'future' },
  { name: 'preferences clock two days ahead', run: (w) => me(w, (m) => m.accounts.updatePreferences({ changes: { spiceLevel: 3 }, clientUpdatedAt: new Date(NOW + 2 * 86_400_000) })), error: 'ValidationError', field: 'clientUpdatedAt', rule: 'future' },
  { name: 'telemetry recordedAt an hour ahead', run: (w) => me(w, (m) => m.telemetry.recordEvents({ applianceId: w.applianceA, events: [raw(event({ recordedAt: new Date(NOW + 3600_000) }))] })), error: 'ValidationError', field: 'events[0].recordedAt', rule: 'not_in_future' },
  { name: 'telemetry recordedAt an ISO string (not a Date)', run: (w) => me(w, (m) => m.telemetry.recordEvents({ applianceId: w.applianceA, events: [raw(event({ recordedAt: '2026-01-01T00:00:00Z' }))] })), error: 'ValidationError', field: 'events[0].recordedAt', rule: 'date' },
  { name: 'sync since "0"', run: (w) => me(w, (m) => m.recipes.sync({ since: 'last tuesday' })), error: 'ValidationError', field: 'since', rule: 'timestamp' },
  { name: 'goal startsOn 2026-02-30', run: (w) => me(w, (m) => m.accounts.setGoal({ goalType: 'maintain', targetCalories: 2000, startsOn: '2026-02-30' })), error: 'ValidationError', field: 'startsOn', rule: 'date' },
  { name: 'goal ending before it starts', run: (w) => me(w, (m) => m.accounts.setGoal({ goalType: 'maintain', targetCalories: 2000, startsOn: '2026-03-01', endsOn: '2026-02-01' })), error: 'ValidationError', field: 'endsOn', rule: 'user_goals_period_check' },
  { name: 'daily totals over 400 days', run: (w) => me(w, (m) => m.meals.dailyTotals({ from: '2025-01-01', to: '2026-03-01' })), error: 'ValidationError', field: 'to', rule: 'range' },
  { name: 'uploaded log completedAt "soon"', run: (w) => me(w, (m) => m.appliances.uploadCookingLog(raw(upload(w, { completedAt: 'soon' })))), error: 'ValidationError', field: 'completedAt', rule: 'timestamp' },

  // --- formats and injection strings in checked fields ---
  { name: 'time zone Mars/Olympus_Mons', run: (w) => me(w, (m) => m.accounts.updateProfile({ timeZone: 'Mars/Olympus_Mons' })), error: 'ValidationError', field: 'timeZone', rule: 'users_time_zone_check' },
  { name: 'time zone with SQL', run: (w) => me(w, (m) => m.accounts.updateProfile({ timeZone: `UTC'; drop table app.users; --` })), error: 'ValidationError', field: 'timeZone', rule: 'users_time_zone_check' },
  { name: 'language "english"', run: (w) => me(w, (m) => m.accounts.updatePreferences({ changes: { language: 'english' }, clientUpdatedAt: new Date() })), error: 'ValidationError', field: 'language', rule: 'format' },
  { name: 'device id with SQL', run: (w) => me(w, (m) => m.appliances.pair({ deviceId: `X'; delete from app.appliances; --`, serialNumber: 'SN-1', pairingCode: 'AAAAAA' })), error: 'ValidationError', field: 'deviceId', rule: 'format' },
  { name: 'pairing code of 5 characters', run: (w) => me(w, (m) => m.appliances.pair({ deviceId: 'EPIC-NEW1', serialNumber: 'SN-NEW1', pairingCode: 'ABCDE' })), error: 'ValidationError', field: 'pairingCode', rule: 'format' },
  { name: 'wifi MAC zz:zz', run: (w) => me(w, (m) => m.appliances.pair({ deviceId: 'EPIC-NEW2', serialNumber: 'SN-NEW2', pairingCode: 'ABCDEF', wifiMac: 'zz:zz' })), error: 'ValidationError', field: 'wifiMac', rule: 'format' },
  { name: 'recipe image javascript: URL', run: (w) => admin(w, (a) => a.recipes.create(raw(recipeInput({ imageUrl: 'javascript:alert(1)' })))), error: 'ValidationError', field: 'imageUrl', rule: 'url' },
  { name: 'recipe created with an existing id', run: (w) => admin(w, (a) => a.recipes.create(raw(recipeInput({ id: w.recipe })))), error: 'ConflictError', field: 'id', rule: 'recipes_pkey' },
  { name: 'recipe update with a stale expectedVersion', run: (w) => admin(w, (a) => a.recipes.update(w.recipe, { name: 'Dal Tadka 2', expectedVersion: 999 })), error: 'ConflictError', field: 'expectedVersion', rule: 'version' },
  { name: 'deleting a recipe people have cooked', run: (w) => admin(w, (a) => a.recipes.delete(w.cooked)), error: 'ConflictError', field: 'recipeId', rule: 'cooking_sessions_recipe_id_fkey' },

  // --- Unicode: NUL bytes, lone surrogates ---
  { name: 'NUL in meal notes', run: (w) => me(w, (m) => m.meals.logMeal(raw(meal({ notes: NUL })))), error: 'ValidationError', field: 'notes', rule: 'nul' },
  { name: 'NUL in a food name', run: (w) => me(w, (m) => m.meals.logMeal(raw(meal({ foods: [{ name: NUL }] })))), error: 'ValidationError', field: 'foods[0].name', rule: 'nul' },
  { name: 'NUL in aiAnalysis (jsonb)', run: (w) => me(w, (m) => m.meals.logMeal(raw(meal({ aiAnalysis: { note: NUL } })))), error: 'ValidationError', field: 'aiAnalysis', rule: 'nul' },
  { name: 'NUL in a jsonb key', run: (w) => me(w, (m) => m.meals.logMeal(raw(meal({ aiAnalysis: { [NUL]: 1 } })))), error: 'ValidationError', field: 'aiAnalysis', rule: 'nul' },
  { name: 'NUL in message content', run: (w) => me(w, (m) => m.assistant.addMessage(w.convA, { role: 'user', content: NUL })), error: 'ValidationError', field: 'messages[0].content', rule: 'nul' },
  { name: 'NUL in a telemetry payload', run: (w) => me(w, (m) => m.telemetry.recordEvents({ applianceId: w.applianceA, events: [raw(event({ payload: { s: NUL } }))] })), error: 'ValidationError', field: 'events[0].payload', rule: 'nul_character' },
  { name: 'NUL in recipe_data', run: (w) => admin(w, (a) => a.recipes.create(raw(recipeInput({ recipeData: { stages: [{ name: NUL }] } })))), error: 'ValidationError', field: 'recipeData', rule: 'nul' },
  { name: 'NUL in a recipe name', run: (w) => admin(w, (a) => a.recipes.create(raw(recipeInput({ name: NUL })))), error: 'ValidationError', field: 'name', rule: 'nul' },
  { name: 'NUL in a push token', run: (w) => me(w, (m) => m.accounts.registerPushToken({ platform: 'android', token: NUL })), error: 'ValidationError', field: 'token', rule: 'nul' },
  { name: 'NUL in session notes', run: (w) => me(w, (m) => m.appliances.rateSession(w.completed, { rating: 4, notes: NUL })), error: 'ValidationError', field: 'notes', rule: 'nul' },
  { name: 'NUL in firmware release notes', run: (w) => admin(w, (a) => a.appliances.publishFirmware(raw(firmware({ releaseNotes: NUL })))), error: 'ValidationError', field: 'releaseNotes', rule: 'nul' },
  { name: 'NUL in the search query', run: (w) => me(w, (m) => m.recipes.search({ query: NUL })), error: 'ValidationError', field: 'query', rule: 'nul' },
  { name: 'NUL in the GDPR lookup key', run: (w) => compliance(w, (c) => c.gdpr.findUser(`a\u0000@b.io`)), error: 'ValidationError', field: 'user', rule: 'uuid_or_email' },
  { name: 'lone high surrogate in meal notes', run: (w) => me(w, (m) => m.meals.logMeal(raw(meal({ notes: LONE_HIGH })))), error: 'ValidationError', field: 'notes', rule: 'unicode' },
  { name: 'lone low surrogate in a profile name', run: (w) => me(w, (m) => m.accounts.updateProfile({ name: LONE_LOW })), error: 'ValidationError', field: 'name', rule: 'unicode' },
  { name: 'lone surrogate at the end of message content', run: (w) => me(w, (m) => m.assistant.addMessage(w.convA, { role: 'user', content: 'hello \ud83c' })), error: 'ValidationError', field: 'messages[0].content', rule: 'unicode' },
  { name: 'lone surrogate in aiAnalysis (jsonb)', run: (w) => me(w, (m) => m.meals.logMeal(raw(meal({ aiAnalysis: { note: LONE_HIGH } })))), error: 'ValidationError', field: 'aiAnalysis', rule: 'unicode' },
  { name: 'lone surrogate in a telemetry payload', run: (w) => me(w, (m) => m.telemetry.recordEvents({ applianceId: w.applianceA, events: [raw(event({ payload: { s: LONE_LOW } }))] })), error: 'ValidationError', field: 'events[0].payload', rule: 'unicode' },
  { name: 'lone surrogate in recipe_data', run: (w) => admin(w, (a) => a.recipes.create(raw(recipeInput({ recipeData: { stages: [{ name: LONE_HIGH }] } })))), error: 'ValidationError', field: 'recipeData', rule: 'unicode' },
  { name: 'lone surrogate in message metadata', run: (w) => me(w, (m) => m.assistant.addMessage(w.convA, { role: 'user', content: 'x', metadata: { k: LONE_LOW } })), error: 'ValidationError', field: 'messages[0].metadata', rule: 'unicode' },
  { name: 'lone surrogate in stagesLog', run: (w) => me(w, (m) => m.appliances.uploadCookingLog(raw(upload(w, { stagesLog: [{ stage: LONE_HIGH }] })))), error: 'ValidationError', field: 'stagesLog', rule: 'unicode' },

  // --- wrong shapes ---
  { name: 'logMeal with null input', run: (w) => me(w, (m) => m.meals.logMeal(raw(null))), error: 'ValidationError', field: 'input', rule: 'object' },
  { name: 'foods given as an object', run: (w) => me(w, (m) => m.meals.logMeal(raw(meal({ foods: { name: 'rice' } })))), error: 'ValidationError', field: 'foods', rule: 'type' },
  { name: 'recordEvents with events not an array', run: (w) => me(w, (m) => m.telemetry.recordEvents(raw({ applianceId: w.applianceA, events: 'many' }))), error: 'ValidationError', field: 'events', rule: 'array' },
  { name: 'cuisines given as a string', run: (w) => me(w, (m) => m.accounts.updatePreferences({ changes: { cuisines: raw('indian') }, clientUpdatedAt: new Date() })), error: 'ValidationError', field: 'cuisines', rule: 'type' },
  { name: 'notificationsEnabled "yes"', run: (w) => me(w, (m) => m.accounts.updatePreferences({ changes: { notificationsEnabled: raw('yes') }, clientUpdatedAt: new Date() })), error: 'ValidationError', field: 'notificationsEnabled', rule: 'type' },
  { name: 'an object with a prototype as input', run: (w) => me(w, (m) => m.meals.logMeal(raw(Object.assign(Object.create({ evil: true }), meal({}))))), error: 'ValidationError', field: 'input', rule: 'object' },

  // --- issue 14: sizes of telemetry, NaN/Infinity under free JSON keys, tampered cursors, fields named right ---
  { name: 'telemetry: one event with a 10 MB payload', run: (w) => me(w, (m) => m.telemetry.recordEvents({ applianceId: w.applianceA, events: [raw(event({})), raw(event({ payload: { blob: 'x'.repeat(10_000_000) } }))] })), error: 'ValidationError', field: 'events[1].payload', rule: 'size' },
  { name: 'telemetry: payload one byte over the per-event limit', run: (w) => me(w, (m) => m.telemetry.recordEvents({ applianceId: w.applianceA, events: [raw(event({ payload: { b: 'x'.repeat(MAX_EVENT_PAYLOAD_BYTES - 8 + 1) } }))] })), error: 'ValidationError', field: 'events[0].payload', rule: 'size' },
  { name: 'telemetry: a batch whose payloads together exceed the per-batch limit', run: (w) => me(w, (m) => m.telemetry.recordEvents({ applianceId: w.applianceA, events: BIG_BATCH })), error: 'ValidationError', field: `events[${BIG_BATCH_OVER}].payload`, rule: 'batch_size' },
  { name: 'telemetry: NaN under a free payload key', run: (w) => me(w, (m) => m.telemetry.recordEvents({ applianceId: w.applianceA, events: [raw(event({ payload: { c: NaN } }))] })), error: 'ValidationError', field: 'events[0].payload.c', rule: 'finite' },
  { name: 'telemetry: Infinity deep in a payload array', run: (w) => me(w, (m) => m.telemetry.recordEvents({ applianceId: w.applianceA, events: [raw(event({})), raw(event({ payload: { probe: { readings: [180, Infinity] }, note: null } }))] })), error: 'ValidationError', field: 'events[1].payload.probe.readings[1]', rule: 'finite' },
  { name: 'telemetry: recordedAt in year 0', run: (w) => me(w, (m) => m.telemetry.recordEvents({ applianceId: w.applianceA, events: [raw(event({ recordedAt: new Date('0000-06-01T00:00:00Z') }))] })), error: 'ValidationError', field: 'events[0].recordedAt', rule: 'range' },
  { name: 'meal nutrition: Infinity under a free key', run: (w) => me(w, (m) => m.meals.logMeal(raw(meal({ nutritionTotals: { calories: 100, iron_mg: Infinity } })))), error: 'ValidationError', field: 'nutritionTotals.iron_mg', rule: 'finite' },
  { name: 'food nutrition: NaN nested under a free key', run: (w) => me(w, (m) => m.meals.logMeal(raw(meal({ foods: [{ name: 'rice', nutrition: { vitamins: { c_mg: NaN } } }] })))), error: 'ValidationError', field: 'foods[0].nutrition.vitamins.c_mg', rule: 'finite' },
  { name: 'meal aiAnalysis: -Infinity', run: (w) => me(w, (m) => m.meals.logMeal(raw(meal({ aiAnalysis: { score: -Infinity } })))), error: 'ValidationError', field: 'aiAnalysis.score', rule: 'finite' },
  { name: 'message metadata: NaN', run: (w) => me(w, (m) => m.assistant.addMessage(w.convA, raw({ role: 'user', content: 'hi', metadata: { tokens: NaN } }))), error: 'ValidationError', field: 'messages[0].metadata.tokens', rule: 'finite' },
  { name: 'uploaded log stagesLog: NaN confidence', run: (w) => me(w, (m) => m.appliances.uploadCookingLog(raw(upload(w, { stagesLog: [{ stage: 'Heat Oil', cv_confidence: NaN }] })))), error: 'ValidationError', field: 'stagesLog[0].cv_confidence', rule: 'finite' },
  { name: 'uploaded log customizations: Infinity', run: (w) => me(w, (m) => m.appliances.uploadCookingLog(raw(upload(w, { customizations: { spice: Infinity } })))), error: 'ValidationError', field: 'customizations.spice', rule: 'finite' },
  { name: 'uploaded log started before the uploader paired the device', run: (w) => me(w, (m) => m.appliances.uploadCookingLog(raw(upload(w, { startedAt: '2020-01-01T00:00:00Z' })))), error: 'ValidationError', field: 'startedAt', rule: 'cooking_sessions_pairing_period' },
  { name: 'recipe search: cursor with rank 1e999', run: (w) => me(w, (m) => m.recipes.search({ cursor: cursor(['1e999', 'Dal', w.recipe]) })), error: 'ValidationError', field: 'cursor', rule: 'cursor' },
  { name: 'recipe search: cursor with rank 1e39 (beyond real)', run: (w) => me(w, (m) => m.recipes.search({ cursor: cursor(['1e39', 'Dal', w.recipe]) })), error: 'ValidationError', field: 'cursor', rule: 'cursor' },
  { name: 'applianceEvents: from in year 0', run: (w) => me(w, (m) => m.telemetry.applianceEvents({ applianceId: w.applianceA, from: new Date('0000-01-01T00:00:00Z'), to: new Date() })), error: 'ValidationError', field: 'from', rule: 'range' },
  { name: 'applianceEvents: to in year 10000', run: (w) => me(w, (m) => m.telemetry.applianceEvents({ applianceId: w.applianceA, from: new Date(), to: new Date('+010000-01-01T00:00:00Z') })), error: 'ValidationError', field: 'to', rule: 'range' },
  { name: 'applianceEvents: before cursor dated month 13', run: (w) => me(w, (m) => m.telemetry.applianceEvents({ applianceId: w.applianceA, from: new Date(0), to: new Date(), before: cursor(['2026-13-01T00:00:00.000000Z', '5']) })), error: 'ValidationError', field: 'before', rule: 'cursor' },
  { name: 'listMeals: cursor dated month 13', run: (w) => me(w, (m) => m.meals.listMeals({ cursor: cursor(['2026-13-45T00:00:00.000000Z', w.mealA]) })), error: 'ValidationError', field: 'cursor', rule: 'cursor' },
  { name: 'listMeals: cursor dated year 0', run: (w) => me(w, (m) => m.meals.listMeals({ cursor: cursor(['0000-01-01T00:00:00.000000Z', w.mealA]) })), error: 'ValidationError', field: 'cursor', rule: 'cursor' },
  { name: 'listMessages: cursor dated February 30', run: (w) => me(w, (m) => m.assistant.listMessages(w.convA, { cursor: cursor(['2026-02-30T00:00:00.000000Z', w.convA]) })), error: 'ValidationError', field: 'cursor', rule: 'cursor' },
  { name: 'listConversations: cursor dated hour 25', run: (w) => me(w, (m) => m.assistant.listConversations({ cursor: cursor(['2026-01-01T25:00:00.000000Z', w.convA]) })), error: 'ValidationError', field: 'cursor', rule: 'cursor' },
  { name: 'sessionEvents: after cursor dated month 13', run: (w) => me(w, (m) => m.telemetry.sessionEvents({ sessionId: w.running, after: cursor(['2026-13-45T00:00:00.000000Z', '1']) })), error: 'ValidationError', field: 'after', rule: 'cursor' },
  { name: 'sessionEvents: after cursor id above bigint', run: (w) => me(w, (m) => m.telemetry.sessionEvents({ sessionId: w.running, after: cursor(['2026-01-01T00:00:00.000000Z', '9999999999999999999']) })), error: 'ValidationError', field: 'after', rule: 'cursor' },
  { name: 'GDPR audit log: before id above bigint', run: (w) => compliance(w, (c) => c.gdpr.auditLog({ before: '99999999999999999999' })), error: 'ValidationError', field: 'before', rule: 'integer' },
  { name: 'sessionEvents: after cursor in the old time~id format', run: (w) => me(w, (m) => m.telemetry.sessionEvents({ sessionId: w.running, after: '2026-01-01T00:00:00.000000Z~1' })), error: 'ValidationError', field: 'after', rule: 'cursor' },
  { name: 'sessionEvents: after cursor with a numeric (not text) id', run: (w) => me(w, (m) => m.telemetry.sessionEvents({ sessionId: w.running, after: cursor(['2026-01-01T00:00:00.000000Z', 1]) })), error: 'ValidationError', field: 'after', rule: 'cursor' },
  { name: 'applianceEvents: before cursor id above bigint', run: (w) => me(w, (m) => m.telemetry.applianceEvents({ applianceId: w.applianceA, from: new Date(0), to: new Date(), before: cursor(['2026-01-01T00:00:00.000000Z', '9223372036854775808']) })), error: 'ValidationError', field: 'before', rule: 'cursor' },
];

// ---------------------------------------------------------------------------------------------
// The checks
// ---------------------------------------------------------------------------------------------

/** What must never show in an error a caller sees. */
const DRIVER_INTERNALS = /node_modules|pg-protocol|at Parser\.|Client\.query|\bpgtyped\b|SQLSTATE 0|undefined|\[object Object\]/;
const ERROR_CLASSES: Record<ErrorName, ErrorName> = { ValidationError: 'ValidationError', NotFoundError: 'NotFoundError', ForbiddenError: 'ForbiddenError', ConflictError: 'ConflictError' };

const results: { name: string; ok: boolean }[] = [];

describe('bad input catalogue', () => {
  it('has at least 60 malformed inputs, each named once', () => {
    expect(BAD.length).toBeGreaterThanOrEqual(60);
    expect(new Set(BAD.map((c) => c.name)).size).toBe(BAD.length);
  });

  it.each(BAD.map((c) => [c.name, c] as const))('%s → typed error naming the field, nothing written, connection usable', async (_name, c) => {
    const before = await databaseFingerprint(db().pool);
    let caught: unknown;
    try {
      await c.run(w);
    } catch (error) {
      caught = error;
    }
    const after = await databaseFingerprint(db().pool);
    results.push({ name: c.name, ok: false });
    expect(caught, 'the call must fail').toBeDefined();
    expect(caught).toBeInstanceOf(KitchenDbError);
    const e = caught as KitchenDbError;
    expect({ name: e.name, field: e.field }).toEqual({ name: ERROR_CLASSES[c.error], field: c.field });
    if (typeof c.rule === 'string') expect(e.rule).toBe(c.rule);
    else expect(e.rule).toMatch(c.rule);
    expect(e.message).not.toMatch(DRIVER_INTERNALS);
    expect(e.message.length).toBeLessThan(1000);
    expect(changedTables(before, after), 'nothing may be written').toEqual([]);
    // The same KitchenDb is still usable: a read and a write succeed.
    await expect(w.kdb.asUser(w.a.id, (me) => me.accounts.getProfile())).resolves.toMatchObject({ id: w.a.id });
    results[results.length - 1]!.ok = true;
  });
});

// ---------------------------------------------------------------------------------------------
// Odd but legal text: stored verbatim (or as documented), never executed
// ---------------------------------------------------------------------------------------------

const STRINGS: [string, string][] = [
  ['SQL: quote and DROP', `'); drop table app.meal_logs; --`],
  ['SQL: tautology', `' OR '1'='1`],
  ['SQL: stacked statement', `1; delete from app.users where true; --`],
  ['SQL: dollar quoting', `$$; select pg_terminate_backend(pg_backend_pid()); $$`],
  ['SQL: bind placeholder', `$1 :name! :id $2::text`],
  ['SQL: backslash escape', `\\'; select pg_sleep(10); --`],
  ['SQL: format specifiers', `%s %I %L %%`],
  ['SQL: comment opener', `/* unclosed comment`],
  ['JSON: text that looks like JSON', `{"role":"admin","$where":"1"}`],
  ['emoji with ZWJ sequences', '👩🏽‍🍳 makes 🍛 for 👨‍👩‍👧‍👦'],
  ['RTL override', '\u202Eevil.exe\u202C txt'],
  ['combining marks', 'Cre\u0300me bru\u0302le\u0301e Z\u0351\u0352\u0353a\u0354l\u0355g\u0356o'],
  ['zero-width and BOM', 'a\u200bb\u200dc\ufeffd'],
  ['mixed scripts', 'दाल तड़का 豆 달 دال'],
  ['text that looks like JSON escapes', 'C:\\u0000\\ud800 \\"quoted\\"'],
];

/** The first `max` code points of `value` (a field's length limit). */
const clip = (value: string, max: number | undefined) => (max === undefined ? value : [...value].slice(0, max).join(''));

/** A string of exactly `n` code points made of 4-byte characters (8 UTF-16 units per 4 code points). */
const fourByte = (n: number) => Array.from({ length: n }, (_, i) => String.fromCodePoint(0x1f345 + (i % 20))).join('');

interface RoundTrip {
  field: string;
  /** Stores `value` through the API and returns what a read gives back. */
  store: (w: World, value: string) => Promise<unknown>;
  /** What the read must give (default: the value itself). */
  expected?: (value: string) => unknown;
  /** The field's length limit in code points (checked with 4-byte characters). */
  max?: number;
  /** What happens one character over the limit (default: refused with ValidationError rule length). */
  overLimit?: 'refused' | 'cut';
}

const ROUND_TRIPS: RoundTrip[] = [
  { field: 'meals.notes', max: 4000, store: async (w, v) => (await me(w, (m) => m.meals.logMeal({ mealTime: new Date(), mealType: 'snack', notes: v })) as { notes: string }).notes },
  {
    field: 'meals.foods[].name (read back through getMeal)',
    max: 200,
    expected: (v) => v.trim(),
    store: async (w, v) => {
      const { id } = (await me(w, (m) => m.meals.logMeal({ mealTime: new Date(), mealType: 'snack', foods: [{ name: v, unit: 'g' }] }))) as { id: string };
      return ((await me(w, (m) => m.meals.getMeal(id))) as { foods: { name: string }[] }).foods[0]!.name;
    },
  },
  {
    field: 'meals.foods[].unit and imageUrl',
    max: 30,
    expected: (v) => ({ unit: v.trim(), imageUrl: v }),
    store: async (w, v) => {
      const meal = (await me(w, (m) => m.meals.logMeal({ mealTime: new Date(), mealType: 'snack', foods: [{ name: 'x', unit: v }], imageUrl: v }))) as { id: string };
      const got = (await me(w, (m) => m.meals.getMeal(meal.id))) as { foods: { unit: string }[]; imageUrl: string };
      return { unit: got.foods[0]!.unit, imageUrl: got.imageUrl };
    },
  },
  { field: 'meals.aiAnalysis (jsonb value and key)', store: async (w, v) => (await me(w, (m) => m.meals.logMeal({ mealTime: new Date(), mealType: 'snack', aiAnalysis: { [v]: v } })) as { aiAnalysis: unknown }).aiAnalysis, expected: (v) => ({ [v]: v }) },
  { field: 'accounts.name', max: 100, expected: (v) => v.trim(), store: async (w, v) => (await me(w, (m) => m.accounts.updateProfile({ name: v })) as { name: string }).name },
  { field: 'accounts.allergens[]', max: 50, expected: (v) => [v.trim()], store: async (w, v) => ((await me(w, (m) => m.accounts.updatePreferences({ changes: { allergens: [v] }, clientUpdatedAt: new Date() }))) as { current: { allergens: string[] } }).current.allergens },
  {
    field: 'accounts.pushToken',
    max: 4096,
    store: async (w, v) => {
      await me(w, (m) => m.accounts.registerPushToken({ platform: 'ios', token: v }));
      const tokens = (await me(w, (m) => m.accounts.listPushTokens())) as { token: string }[];
      const found = tokens.find((t) => t.token === v)?.token;
      await me(w, (m) => m.accounts.removePushToken({ token: v }));
      return found;
    },
  },
  { field: 'assistant.title', max: 200, expected: (v) => v.trim(), store: async (w, v) => (await me(w, (m) => m.assistant.startConversation({ title: v })) as { title: string }).title },
  {
    field: 'assistant.content (read back through listMessages)',
    max: 100_000,
    store: async (w, v) => {
      await me(w, (m) => m.assistant.addMessage(w.convA, { role: 'user', content: v, metadata: { v } }));
      const page = (await me(w, (m) => m.assistant.listMessages(w.convA, { limit: 1 }))) as { items: { content: string; metadata: { v: string } }[] };
      expect(page.items[0]!.metadata.v).toBe(v);
      return page.items[0]!.content;
    },
  },
  { field: 'assistant.usage provider/model/feature/requestId', store: async (w, v) => { const u = (await me(w, (m) => m.assistant.recordUsage({ provider: v.slice(0, 50), model: v, inputTokens: 1, outputTokens: 1, costUsd: '0', feature: v.slice(0, 50), requestId: v }))) as { model: string; requestId: string }; expect(u.requestId).toBe(v); return u.model; } },
  {
    field: 'assistant.embeddings content, model and metadata (read back through searchMine)',
    max: 200,
    expected: (v) => ({ content: v, model: v, metadata: { v } }),
    store: async (w, v) => {
      await me(w, (m) => m.assistant.storeEmbeddings([{ sourceKind: 'meal_log', sourceId: w.mealA, chunkIndex: 7, content: v, embedding: unit(), model: v, metadata: { v } }]));
      const hits = (await me(w, (m) => m.assistant.searchMine({ embedding: unit(), model: v, limit: 1 }))) as { content: string; metadata: Record<string, unknown> }[];
      return { content: hits[0]!.content, model: v, metadata: hits[0]!.metadata };
    },
  },
  {
    field: 'accounts.signIn name (a new person)',
    max: 100,
    // Better-Auth's names are unbounded: sign-in keeps the first 100 characters instead of refusing.
    overLimit: 'cut',
    expected: (v) => v.replace(/^ +| +$/g, ''),
    store: async (_w, v) => {
      const authId = `auth_inj_${randomUUID()}`;
      const email = `${authId}@example.test`;
      await db().pool.query(`insert into auth."user" (id, name, email, "emailVerified") values ($1, 'x', $2, true)`, [authId, email]);
      const { userId } = await w.kdb.signIn({ authId, email, name: v });
      return (await w.kdb.asUser(userId, (me) => me.accounts.getProfile())).name;
    },
  },
  { field: 'recipes.search query (never an error)', store: async (w, v) => ((await me(w, (m) => m.recipes.search({ query: v }))) as { items: unknown[] }).items.length >= 0, expected: () => true },
  {
    field: 'recipes.name and tags (admin), read back by a person',
    max: 200,
    expected: (v) => ({ name: v.trim(), tags: [v.trim().slice(0, 50).toLowerCase()] }),
    store: async (w, v) => {
      const r = (await admin(w, (a) => a.recipes.create({ name: v, category: 'injection', recipeData: { stages: [{ name: v }] }, tags: [v.trim().slice(0, 50)], difficulty: 'easy', timeMinutes: 5, isPublished: true }))) as { id: string };
      const got = (await me(w, (m) => m.recipes.get(r.id))) as { name: string; tags: string[]; recipeData: { stages: { name: string }[] } };
      expect(got.recipeData.stages[0]!.name).toBe(v);
      return { name: got.name, tags: got.tags };
    },
  },
  {
    field: 'appliances.name',
    max: 100,
    expected: (v) => v.trim(),
    store: async (w, v) => {
      const n = randomUUID().slice(0, 8).toUpperCase();
      const a = (await me(w, (m) => m.appliances.pair({ deviceId: `EPIC-N${n}`, serialNumber: `SN-N${n}`, pairingCode: 'NNNNNN', name: v }))) as { id: string; name: string };
      await me(w, (m) => m.appliances.unpair(a.id));
      return a.name;
    },
  },
  {
    field: 'appliances.uploadCookingLog notes, stagesLog and customizations (read back through getSession)',
    max: 4000,
    // customizations hold at most 16 KiB of JSON: the first 1000 characters go there.
    expected: (v) => ({ notes: v, stagesLog: [{ stage: v }], customizations: { [clip(v, 1000)]: clip(v, 1000) } }),
    store: async (w, v) => {
      const id = randomUUID();
      const c = clip(v, 1000);
      await me(w, (m) => m.appliances.uploadCookingLog({ deviceId: w.deviceA, id, revision: 1, recipeId: w.recipe, status: 'completed', startedAt: new Date(NOW - 3600_000), notes: v, stagesLog: [{ stage: v }], customizations: { [c]: c } }));
      const got = (await me(w, (m) => m.appliances.getSession(id))) as { notes: string; stagesLog: unknown; customizations: unknown };
      return { notes: got.notes, stagesLog: got.stagesLog, customizations: got.customizations };
    },
  },
  {
    field: 'recipes.category (lower case) and the search filters category and tags',
    max: 50,
    expected: (v) => v.trim().toLowerCase(),
    store: async (w, v) => {
      const r = (await admin(w, (a) => a.recipes.create({ name: 'Category Dal', category: v, recipeData: stages(), tags: [v.trim()], difficulty: 'easy', timeMinutes: 5, isPublished: true }))) as { id: string; category: string };
      // As B: A's allergens (set by another round trip) may be this very tag, which search excludes.
      const found = await w.kdb.asUser(w.b.id, (m) => m.recipes.search({ category: v, tags: [v], limit: 100 }));
      expect(found.items.map((i) => i.id)).toContain(r.id);
      return r.category;
    },
  },
  { field: 'appliances.session notes', max: 4000, store: async (w, v) => (await me(w, (m) => m.appliances.rateSession(w.completed, { rating: 5, notes: v })) as { notes: string }).notes },
  {
    field: 'appliances.firmware releaseNotes',
    max: 100_000,
    store: async (w, v) => {
      const version = `5.${Math.floor(Math.random() * 1e6)}.0`;
      await admin(w, (a) => a.appliances.publishFirmware({ target: 'stm32', version, binaryUrl: 'https://fw.example/y.bin', checksumSha256: 'c'.repeat(64), fileSizeBytes: 1, releaseNotes: v }));
      const list = (await admin(w, (a) => a.appliances.listFirmware('stm32'))) as { version: string; releaseNotes: string }[];
      return list.find((r) => r.version === version)?.releaseNotes;
    },
  },
  {
    field: 'telemetry payload (jsonb)',
    store: async (w, v) => {
      const at = new Date();
      await me(w, (m) => m.telemetry.recordEvents({ applianceId: w.applianceA, events: [{ eventType: 'alert', payload: { [v]: v }, recordedAt: at }] }));
      const page = (await me(w, (m) => m.telemetry.applianceEvents({ applianceId: w.applianceA, from: new Date(at.getTime() - 1), to: new Date(at.getTime() + 1), eventType: 'alert', limit: 1 }))) as { events: { payload: unknown }[] };
      return page.events[0]!.payload;
    },
    expected: (v) => ({ [v]: v }),
  },
];

describe('odd but legal text is stored verbatim and never executed', () => {
  it.each(ROUND_TRIPS.flatMap((r) => STRINGS.map(([what, value]) => [r.field, what, r, value] as const)))('%s ← %s', async (_field, _what, r, value) => {
    const v = clip(value, r.max);
    const got = await r.store(w, v);
    expect(got).toEqual(r.expected ? r.expected(v) : v);
  });

  it.each(ROUND_TRIPS.filter((r) => r.max !== undefined && r.max <= 4096).map((r) => [r.field, r] as const))(
    '%s: exactly the limit in 4-byte characters is stored, one more is refused (or cut where documented)',
    async (_field, r) => {
      const at = fourByte(r.max!);
      const got = await r.store(w, at);
      expect(got).toEqual(r.expected ? r.expected(at) : at);
      if (r.overLimit === 'cut') {
        expect(await r.store(w, fourByte(r.max! + 1))).toEqual(at);
        return;
      }
      const before = await databaseFingerprint(db().pool);
      await expect(r.store(w, fourByte(r.max! + 1))).rejects.toMatchObject({ name: 'ValidationError', rule: 'length' });
      expect(changedTables(before, await databaseFingerprint(db().pool))).toEqual([]);
    },
  );

  it('the tables the injection strings named are still there, with every row', async () => {
    const { rows } = await db().pool.query(
      `select to_regclass('app.meal_logs') is not null as meals, to_regclass('app.users') is not null as users,
              (select count(*)::int from app.users where id in ($1, $2)) as people`,
      [w.a.id, w.b.id],
    );
    expect(rows[0]).toEqual({ meals: true, users: true, people: 2 });
  });
});

afterAll(async () => {
  const passed = results.filter((r) => r.ok).length;
  await writeReportSection(
    `bad-input-${db().engine}`,
    `Last run (${db().engine === 'embedded' ? 'embedded engine' : 'native server'}): ${new Date().toISOString().slice(0, 10)}, ${BAD.length} malformed inputs tried, ${passed} refused with a typed error naming the field, nothing written, connection usable afterwards; ` +
      `${ROUND_TRIPS.length * STRINGS.length} round trips of injection and Unicode strings stored verbatim.`,
  );
});
