// Loads the demo dataset (src/demo/data.ts) as a service would: through the public API only
// (src/index.ts). Better-Auth's users are written as Better-Auth (role auth_service, its own
// schema), each person signs in (kdb.signIn) and writes their own rows as themselves (kdb.asUser:
// app_user, row-level security, the areas' validation); recipes and the knowledge base come from the
// admin portal (kdb.asAdmin); devices upload their cooking logs (uploadCookingLog) and telemetry
// arrives through the ingestion entry point (ingestTelemetry). So the demo also exercises the paths
// a service uses, and cannot write what the API would refuse.
//
// One step is not a service's: the demo's appliances have 90 days of history, and a pairing made
// today cannot hold a cooking log of last month (cooking_sessions_pairing_period). A live system has
// that history because it was paired back then; the demo moves its own pairings' start back
// (backdatePairings), as the owner, and says so. Nothing else is written outside the API.
//
// Not one transaction: each person's rows are their own transaction(s), as in production. A load
// that fails part-way leaves a partial demo, which the next run would take as loaded (the marker is
// Better-Auth's first demo user): start again from an empty database or data folder. Idempotent otherwise: a database that already has the demo people is left as it is.
import type pg from 'pg';
import {
  ingestTelemetry, kitchenDbFromPool, LocalHashEmbedder, withTransaction,
  type Cuisine, type GoalType, type IngestBatch, type KitchenDb, type RecipeData, type TelemetryEventInput,
} from '../index.ts';
import * as d from './data.ts';

export interface LoadReport {
  loaded: boolean;
  anchor: string;
  counts: Record<string, number>;
}

/** The first demo person's auth id: present = the demo is loaded. */
export const DEMO_MARKER = 'demo-001';

/** Persons loaded at once (each a transaction of its own on a pooled connection). */
const CONCURRENCY = 4;

const iso = (x: Date) => x.toISOString();

/** Whether Better-Auth has the demo's first user (read as Better-Auth, role auth_service). */
export async function isDemoLoaded(pool: pg.Pool): Promise<boolean> {
  return withTransaction(pool, { role: 'auth_service' }, async (client) => {
    const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from auth."user" where id = $1`, [DEMO_MARKER]);
    return rows[0]!.n > 0;
  });
}

export async function loadDemo(pool: pg.Pool, options: { anchor?: Date; log?: (line: string) => void } = {}): Promise<LoadReport> {
  const anchorDay = options.anchor ?? new Date();
  const anchor = new Date(Date.UTC(anchorDay.getUTCFullYear(), anchorDay.getUTCMonth(), anchorDay.getUTCDate()));
  if (await isDemoLoaded(pool)) return { loaded: false, anchor: iso(anchor).slice(0, 10), counts: {} };
  const log = options.log ?? (() => {});
  // The seeded generator is used in this order (people … conversations here, then telemetry and
  // the knowledge base's ids while loading): the same data as every earlier load on this anchor.
  const g = new d.Gen(d.SEED);
  const persons = d.people(g);
  const recipeList = d.recipes(g);
  const mealList = d.meals(g, persons, anchor);
  const devices = d.appliances(g, persons);
  const sessionList = d.sessions(g, devices, recipeList, anchor);
  const talks = d.conversations(g, persons, anchor);
  const s: DemoLoad = {
    kdb: kitchenDbFromPool(pool), pool, g, counts: {}, log, persons, recipeList, mealList, devices, sessionList, talks, anchor,
    userIds: new Map(), applianceIds: new Map(),
  };
  // The error of a failed step goes out as it is (typed: the CLI's exit code depends on it).
  await loadPeople(s);
  await loadRecipes(s);
  await loadPersonsRows(s);
  await backdatePairings(s);
  await loadCookingLogs(s);
  await loadTelemetry(s);
  await loadKnowledge(s);
  // Statistics for the rows just loaded: without them the planner (and `status`, which shows its
  // estimates for large tables) sees empty tables until autovacuum comes by, which PGlite's never does.
  // The counts' keys are tables.
  const tables = [...new Set(Object.keys(s.counts).map((key) => key.split(' ')[0]!))];
  await pool.query(`analyze ${tables.map((t) => t.split('.').map((part) => `"${part}"`).join('.')).join(', ')}`);
  return { loaded: true, anchor: iso(anchor).slice(0, 10), counts: s.counts };
}

/** What the sections of loadDemo share: the API, the seeded generator, the data, the ids the database gave. */
interface DemoLoad {
  kdb: KitchenDb;
  pool: pg.Pool;
  g: d.Gen;
  counts: Record<string, number>;
  log: (line: string) => void;
  persons: ReturnType<typeof d.people>;
  recipeList: ReturnType<typeof d.recipes>;
  mealList: ReturnType<typeof d.meals>;
  devices: ReturnType<typeof d.appliances>;
  sessionList: ReturnType<typeof d.sessions>;
  talks: ReturnType<typeof d.conversations>;
  anchor: Date;
  /** The generator's person id → app.users.id given at sign-in. */
  userIds: Map<string, string>;
  /** The generator's appliance id → app.appliances.id given at pairing. */
  applianceIds: Map<string, string>;
}

const add = (counts: Record<string, number>, key: string, n: number) => (counts[key] = (counts[key] ?? 0) + n);

/** Runs `fn` over `items`, at most `limit` at a time; the first failure rejects. */
async function inParallel<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/** Better-Auth's users (as Better-Auth), then each person's first sign-in (kdb.signIn). */
async function loadPeople(s: DemoLoad): Promise<void> {
  const { kdb, pool, counts, log, persons } = s;
  counts['auth.user'] = await withTransaction(pool, { role: 'auth_service' }, async (client) => {
    const result = await client.query(
      `insert into auth."user" (id, name, email, "emailVerified") select *, true from unnest($1::text[], $2::text[], $3::text[])`,
      [persons.map((p) => p.authId), persons.map((p) => p.name), persons.map((p) => p.email)],
    );
    return result.rowCount ?? 0;
  });
  await inParallel(persons, CONCURRENCY, async (p) => {
    const { userId } = await kdb.signIn({ authId: p.authId, email: p.email, name: p.name, timeZone: p.timeZone });
    s.userIds.set(p.id, userId);
  });
  counts['app.users'] = s.userIds.size;
  log(`people: ${persons.length}`);
}

/** The recipe catalogue, from the admin portal: created with their fixed ids, most of them published. */
async function loadRecipes(s: DemoLoad): Promise<void> {
  const { kdb, counts, log, recipeList } = s;
  await kdb.asAdmin(async (admin) => {
    for (const r of recipeList) {
      await admin.recipes.create({
        id: r.id, name: r.name, category: r.category, cuisine: r.cuisine as Cuisine, recipeData: r.data as unknown as RecipeData, tags: r.tags,
        difficulty: r.difficulty, timeMinutes: r.timeMinutes, servings: r.servings,
        calories: r.nutrition[0], proteinG: r.nutrition[1], carbsG: r.nutrition[2], fatsG: r.nutrition[3], isPublished: r.published,
      });
    }
  });
  counts['app.recipes'] = recipeList.length;
  log(`recipes: ${recipeList.length}`);
}

/**
 * What each person writes as themselves, one transaction per person: preferences, goal, meals (a
 * few then deleted by their owner), conversations with their API usage, and the pairing of their
 * appliance.
 */
async function loadPersonsRows(s: DemoLoad): Promise<void> {
  const { kdb, counts, log, persons, anchor } = s;
  const mealsOf = groupBy(s.mealList, (m) => m.userId);
  const talksOf = groupBy(s.talks, (c) => c.userId);
  const deviceOf = new Map(s.devices.map((a, i) => [a.userId, { device: a, index: i }]));
  const usageOf = usageByAnswer(s.talks);
  const goalStart = iso(new Date(anchor.getTime() - d.DAYS * 86_400_000)).slice(0, 10);
  let done = 0;
  await inParallel(persons, CONCURRENCY, async (p) => {
    const userId = s.userIds.get(p.id)!;
    await kdb.asUser(userId, async (me) => {
      await me.accounts.updatePreferences({
        changes: { diet: p.diet, allergens: p.allergens, cuisines: p.cuisines, spiceLevel: p.spice, defaultServings: p.servings },
        clientUpdatedAt: anchor,
      });
      await me.accounts.setGoal({
        goalType: p.goal.goalType as GoalType, targetCalories: p.goal.calories, targetProteinG: p.goal.protein, targetCarbsG: p.goal.carbs,
        targetFatG: p.goal.fat, targetFiberG: p.goal.fiber, startsOn: goalStart,
      });
      // Their meal history in one call (logMeals: one statement), then the few they deleted.
      const history = mealsOf.get(p.id) ?? [];
      const logged = await me.meals.logMeals(
        history.map((m) => ({
          mealTime: m.mealTime, mealType: m.mealType, nutritionTotals: m.nutrition, notes: m.notes,
          foods: m.foods.map((f) => ({ name: f.name, quantity: f.quantity, unit: f.unit, nutrition: f.nutrition, confidence: f.confidence })),
        })),
      );
      for (const [i, m] of history.entries()) if (m.isDeleted) await me.meals.deleteMeal(logged[i]!.id);
      for (const c of talksOf.get(p.id) ?? []) {
        const conversation = await me.assistant.startConversation({});
        await me.assistant.addMessages(conversation.id, c.messages.map((m) => ({ role: m.role, content: m.content })));
        for (const m of c.messages) {
          const usage = usageOf.get(m.id);
          if (usage) await me.assistant.recordUsage(usage);
        }
      }
    });
    // The pairing in a transaction of its own, as the app does it (a separate request). On Citus it
    // must be: app.pair_appliance (SECURITY DEFINER, kitchen_owner) looks the device up on every
    // shard, and shards this transaction already wrote as app_user cannot be read by another role in
    // it (25001 "cannot perform query on placements that were modified in this transaction by a
    // different user").
    const mine = deviceOf.get(p.id);
    if (mine) {
      const { device: a, index } = mine;
      // First pairing of a device: the code is accepted as given (the one the device displays).
      const pairing = await kdb.asUser(userId, (me) =>
        me.appliances.pair({ deviceId: a.deviceId, serialNumber: a.serial, pairingCode: `D${String(index + 1).padStart(5, '0')}`, name: a.name, wifiMac: a.mac }),
      );
      s.applianceIds.set(a.id, pairing.id);
    }
    if (++done % 10 === 0 || done === persons.length) log(`people's own rows: ${done} of ${persons.length}`);
  });
  const meals = s.mealList;
  counts['app.user_preferences'] = persons.length;
  counts['app.user_goals'] = persons.length;
  counts['app.meal_logs'] = meals.length;
  counts['app.meal_foods'] = meals.reduce((n, m) => n + m.foods.length, 0);
  counts['app.conversations'] = s.talks.length;
  counts['app.messages'] = s.talks.reduce((n, c) => n + c.messages.length, 0);
  counts['app.api_usage'] = usageOf.size;
  counts['app.appliances'] = s.applianceIds.size;
  log(`meals: ${meals.length} with ${counts['app.meal_foods']} foods; conversations: ${s.talks.length} with ${counts['app.messages']} messages, API calls: ${usageOf.size}`);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** One API call per assistant answer (the model that wrote it), tokens and cost as the provider bills. */
function usageByAnswer(talks: readonly d.DemoConversation[]) {
  const answers = talks.flatMap((c) => c.messages).filter((m) => m.role === 'assistant');
  return new Map(
    answers.map((m, i) => {
      const inputTokens = 600 + ((i * 137) % 900);
      const outputTokens = 80 + ((i * 53) % 220);
      const openai = i % 3 !== 0;
      const cost = openai ? (inputTokens * 0.15 + outputTokens * 0.6) / 1e6 : (inputTokens * 0.8 + outputTokens * 4) / 1e6;
      return [
        m.id,
        { provider: openai ? 'openai' : 'anthropic', model: openai ? 'gpt-4o-mini' : 'claude-haiku', inputTokens, outputTokens, costUsd: cost.toFixed(6), feature: 'chat', latencyMs: 400 + ((i * 71) % 1600) },
      ] as const;
    }),
  );
}

/**
 * The demo's one write outside the API (see the top of this file): its pairings began 120 days
 * before the anchor, so that the last 90 days of cooking logs fall inside them. As the owner
 * (app.owner_access for this transaction), only the demo's own pairings.
 */
async function backdatePairings(s: DemoLoad): Promise<void> {
  const ids = [...s.applianceIds.values()];
  await withTransaction(s.pool, { retries: 0 }, async (client) => {
    await client.query(`select pg_catalog.set_config('app.owner_access', 'on', true)`);
    await client.query(`update app.appliances set paired_at = $2 where id = any($1::uuid[])`, [ids, iso(new Date(s.anchor.getTime() - 120 * 86_400_000))]);
  });
}

/** Each device uploads its cooking logs (the device's own session ids, revision 1), then reports in. */
async function loadCookingLogs(s: DemoLoad): Promise<void> {
  const { kdb, counts, log, devices } = s;
  const sessionsOf = groupBy(s.sessionList, (x) => x.applianceId);
  await inParallel(devices, CONCURRENCY, async (a) => {
    await kdb.asUser(s.userIds.get(a.userId)!, async (me) => {
      for (const x of sessionsOf.get(a.id) ?? []) {
        await me.appliances.uploadCookingLog({
          deviceId: a.deviceId, id: x.id, revision: 1, recipeId: x.recipeId, status: x.status,
          startedAt: x.startedAt, completedAt: new Date(x.startedAt.getTime() + x.durationS * 1000), totalDurationS: x.durationS,
          userRating: x.rating, peakTemperature: x.peak,
          stagesLog: [{ stage: 'Heat Oil', duration_s: 120, result: 'ok', cv_confidence: 0.94 }],
        });
        add(counts, 'app.cooking_sessions', 1);
      }
    });
    // The report in a transaction of its own (a separate request of the device; on Citus it must be,
    // as the pairing above: app.heartbeat runs as the owner on shards this transaction wrote as app_user).
    await kdb.asUser(s.userIds.get(a.userId)!, (me) =>
      me.appliances.heartbeat({ deviceId: a.deviceId, status: 'online', firmwareVersionCm5: '1.4.2', firmwareVersionStm32: '2.1.0' }),
    );
  });
  log(`appliances: ${devices.length}, cooking sessions: ${counts['app.cooking_sessions'] ?? 0}`);
}

/** The devices' telemetry through the ingestion entry point: one batch per appliance, two connections. */
async function loadTelemetry(s: DemoLoad): Promise<void> {
  const { pool, g, counts, log, sessionList } = s;
  // Rows of months without a partition land in DEFAULT; the partition job of the worker run moves them out.
  const batches = new Map<string, IngestBatch & { events: TelemetryEventInput[] }>();
  for (const e of d.telemetry(g, sessionList)) {
    const applianceId = s.applianceIds.get(e.applianceId)!;
    let batch = batches.get(applianceId);
    if (!batch) batches.set(applianceId, (batch = { userId: s.userIds.get(e.userId)!, applianceId, events: [] }));
    batch.events.push({ eventType: e.eventType, payload: e.payload, recordedAt: e.recordedAt, sessionId: e.sessionId });
  }
  const result = await ingestTelemetry(pool, [...batches.values()], { connections: 2 });
  if (result.failed.length) throw result.failed[0]!.error;
  counts['app.telemetry_events'] = result.inserted;
  log(`telemetry events: ${result.inserted}`);
}

/** The shared knowledge base, from the admin portal, embedded by the deterministic local embedder. */
async function loadKnowledge(s: DemoLoad): Promise<void> {
  const { kdb, g, counts } = s;
  const embedder = new LocalHashEmbedder();
  const { vectors } = await embedder.embed(d.KNOWLEDGE);
  const { ids } = await kdb.asAdmin((admin) =>
    admin.assistant.storeKnowledge(
      d.KNOWLEDGE.map((content, i) => ({ sourceId: g.uuid(), content, embedding: vectors[i]!, model: embedder.model, metadata: { topic: 'nutrition' } })),
    ),
  );
  counts['app.knowledge_embeddings'] = ids.length;
}
