// Loads the demo dataset (src/demo/data.ts) in bulk: one INSERT … SELECT FROM unnest(…) per table
// and batch, all in one transaction, as the connecting role (the embedded engine's superuser, or on
// a real server the migration role: it owns the tables, and `app.owner_access` opens its policy for
// this transaction). The access layer's one-call-per-row path would take minutes for 100k rows; the
// tour afterwards goes through the typed API. Idempotent: a database that already has the demo
// people is left as it is.
import type pg from 'pg';
import pgvector from 'pgvector';
import { withTransaction } from '../index.ts';
import { LocalHashEmbedder } from '../jobs/embedder.ts';
import * as d from './data.ts';

export interface LoadReport {
  loaded: boolean;
  anchor: string;
  counts: Record<string, number>;
}

/** The first demo person's auth id: present = the demo is loaded. */
export const DEMO_MARKER = 'demo-001';

async function insert(client: pg.PoolClient, sql: string, params: unknown[]): Promise<number> {
  const result = await client.query(sql, params);
  return result.rowCount ?? 0;
}

const iso = (x: Date) => x.toISOString();
const json = (x: unknown) => JSON.stringify(x);

export async function isDemoLoaded(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ n: number }>(
    `select count(*)::int as n from auth."user" where id = $1`,
    [DEMO_MARKER],
  );
  return rows[0]!.n > 0;
}

export async function loadDemo(pool: pg.Pool, options: { anchor?: Date; log?: (line: string) => void } = {}): Promise<LoadReport> {
  const anchorDay = options.anchor ?? new Date();
  const anchor = new Date(Date.UTC(anchorDay.getUTCFullYear(), anchorDay.getUTCMonth(), anchorDay.getUTCDate()));
  if (await isDemoLoaded(pool)) return { loaded: false, anchor: iso(anchor).slice(0, 10), counts: {} };
  const log = options.log ?? (() => {});
  const g = new d.Gen(d.SEED);
  const persons = d.people(g);
  const recipeList = d.recipes(g);
  const mealList = d.meals(g, persons, anchor);
  const devices = d.appliances(g, persons);
  const sessionList = d.sessions(g, devices, recipeList, anchor);
  const talks = d.conversations(g, persons, anchor);
  const counts: Record<string, number> = {};
  // withTransaction: one transaction, a dropped connection discarded rather than crashing the process
  // or going back to the pool. No retry: the seeded generator would not give the same rows twice.
  await withTransaction(pool, { retries: 0 }, async (client) => {
    await client.query(`select pg_catalog.set_config('app.owner_access', 'on', true)`);
    const s: DemoLoad = { client, g, counts, log, persons, recipeList, mealList, devices, sessionList, talks, anchor };
    await loadPeople(s);
    await loadRecipes(s);
    await loadMeals(s);
    await loadAppliances(s);
    await loadTelemetry(s);
    await loadConversations(s);
    await loadKnowledge(s);
  });
  // Statistics for the rows just loaded: without them the planner (and `status`, which shows its
  // estimates for large tables) sees empty tables until autovacuum comes by, which PGlite's never does.
  // The counts' keys are tables.
  const tables = [...new Set(Object.keys(counts).map((key) => key.split(' ')[0]!))];
  await pool.query(`analyze ${tables.map((t) => t.split('.').map((part) => `"${part}"`).join('.')).join(', ')}`);
  return { loaded: true, anchor: iso(anchor).slice(0, 10), counts };
}

/** What the sections of loadDemo share: the transaction, the seeded generator (used in this order), the data. */
interface DemoLoad {
  client: pg.PoolClient;
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
}

/** The demo's people: Better-Auth users, app.users, preferences, goals, push tokens. */
async function loadPeople(s: DemoLoad): Promise<void> {
  const { client, counts, log, persons, anchor } = s;
  counts['auth.user'] = await insert(
    client,
    `insert into auth."user" (id, name, email, "emailVerified")
     select * , true from unnest($1::text[], $2::text[], $3::text[])`,
    [persons.map((p) => p.authId), persons.map((p) => p.name), persons.map((p) => p.email)],
  );
  counts['app.users'] = await insert(
    client,
    `insert into app.users (id, auth_id, email, name, time_zone, tier)
     select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
    [persons.map((p) => p.id), persons.map((p) => p.authId), persons.map((p) => p.email), persons.map((p) => p.name), persons.map((p) => p.timeZone), persons.map((p) => p.tier)],
  );
  // The global keys' lookup rows (e-mail, auth id), as app.sign_in_person writes them.
  await client.query(
    `with e as (insert into app.person_emails (email, user_id) select * from unnest($2::text[], $1::uuid[]))
     insert into app.person_auth_ids (auth_id, user_id) select * from unnest($3::text[], $1::uuid[])`,
    [persons.map((p) => p.id), persons.map((p) => p.email), persons.map((p) => p.authId)],
  );
  counts['app.user_preferences'] = await insert(
    client,
    `insert into app.user_preferences (user_id, diet, allergens, cuisines, spice_level, default_servings)
     select u, diet, array(select jsonb_array_elements_text(a)), array(select jsonb_array_elements_text(c)), s, n
     from unnest($1::uuid[], $2::text[], $3::jsonb[], $4::jsonb[], $5::int[], $6::int[]) as t(u, diet, a, c, s, n)`,
    [persons.map((p) => p.id), persons.map((p) => p.diet), persons.map((p) => json(p.allergens)), persons.map((p) => json(p.cuisines)), persons.map((p) => p.spice), persons.map((p) => p.servings)],
  );
  counts['app.user_goals'] = await insert(
    client,
    `insert into app.user_goals (user_id, goal_type, target_calories, target_protein_g, target_carbs_g, target_fat_g, target_fiber_g, starts_on)
     select u, t, c, p, cb, f, fb, $8::date from unnest($1::uuid[], $2::text[], $3::int[], $4::numeric[], $5::numeric[], $6::numeric[], $7::numeric[]) as x(u, t, c, p, cb, f, fb)`,
    [
      persons.map((p) => p.id), persons.map((p) => p.goal.goalType), persons.map((p) => p.goal.calories), persons.map((p) => p.goal.protein),
      persons.map((p) => p.goal.carbs), persons.map((p) => p.goal.fat), persons.map((p) => p.goal.fiber), iso(new Date(anchor.getTime() - d.DAYS * 86_400_000)).slice(0, 10),
    ],
  );
  log(`people: ${persons.length}`);
}

/** The demo's the recipe catalogue. */
async function loadRecipes(s: DemoLoad): Promise<void> {
  const { client, counts, log, recipeList } = s;
  counts['app.recipes'] = await insert(
    client,
    `insert into app.recipes (id, name, category, cuisine, recipe_data, tags, difficulty, time_minutes, servings, calories, protein_g, carbs_g, fats_g, is_published)
     select id, n, cat, cu, data, array(select jsonb_array_elements_text(tg)), diff, tm, sv, k, p, cb, f, pub
     from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[], $7::text[], $8::int[], $9::int[], $10::real[], $11::real[], $12::real[], $13::real[], $14::bool[])
       as t(id, n, cat, cu, data, tg, diff, tm, sv, k, p, cb, f, pub)`,
    [
      recipeList.map((r) => r.id), recipeList.map((r) => r.name), recipeList.map((r) => r.category), recipeList.map((r) => r.cuisine),
      recipeList.map((r) => json(r.data)), recipeList.map((r) => json(r.tags)), recipeList.map((r) => r.difficulty), recipeList.map((r) => r.timeMinutes),
      recipeList.map((r) => r.servings), recipeList.map((r) => r.nutrition[0]), recipeList.map((r) => r.nutrition[1]), recipeList.map((r) => r.nutrition[2]),
      recipeList.map((r) => r.nutrition[3]), recipeList.map((r) => r.published),
    ],
  );
  log(`recipes: ${recipeList.length}`);
}

/** The demo's meal logs and their foods. */
async function loadMeals(s: DemoLoad): Promise<void> {
  const { client, counts, log, mealList } = s;
  counts['app.meal_logs'] = await insert(
    client,
    `insert into app.meal_logs (id, user_id, meal_time, meal_type, nutrition_totals, notes, is_deleted, created_at)
     select id, u, t, mt, n, nt, del, t from unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::text[], $5::jsonb[], $6::text[], $7::bool[]) as x(id, u, t, mt, n, nt, del)`,
    [mealList.map((m) => m.id), mealList.map((m) => m.userId), mealList.map((m) => iso(m.mealTime)), mealList.map((m) => m.mealType), mealList.map((m) => json(m.nutrition)), mealList.map((m) => m.notes), mealList.map((m) => m.isDeleted)],
  );
  const foods = mealList.flatMap((m) => m.foods.map((f) => ({ ...f, mealId: m.id, userId: m.userId })));
  counts['app.meal_foods'] = await insert(
    client,
    `insert into app.meal_foods (id, meal_log_id, user_id, name, quantity, unit, nutrition, confidence)
     select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::numeric[], $6::text[], $7::jsonb[], $8::real[])`,
    [foods.map((f) => f.id), foods.map((f) => f.mealId), foods.map((f) => f.userId), foods.map((f) => f.name), foods.map((f) => f.quantity), foods.map((f) => f.unit), foods.map((f) => json(f.nutrition)), foods.map((f) => f.confidence)],
  );
  log(`meals: ${mealList.length} with ${foods.length} foods`);
}

/** The demo's appliances (pairings) and cooking sessions. */
async function loadAppliances(s: DemoLoad): Promise<void> {
  const { client, counts, log, devices, sessionList, anchor } = s;
  counts['app.appliances'] = await insert(
    client,
    `insert into app.appliances (id, user_id, device_id, serial_number, wifi_mac, name, firmware_version_cm5, firmware_version_stm32, status, last_seen_at, paired_at)
     select id, u, dv, sn, mac, nm, '1.4.2', '2.1.0', 'offline', $7::timestamptz, $8::timestamptz from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[]) as t(id, u, dv, sn, mac, nm)`,
    [devices.map((a) => a.id), devices.map((a) => a.userId), devices.map((a) => a.deviceId), devices.map((a) => a.serial), devices.map((a) => a.mac), devices.map((a) => a.name), iso(anchor), iso(new Date(anchor.getTime() - 120 * 86_400_000))],
  );
  // Current pairings own their device id and serial number (lookup rows), as app.pair_appliance writes them.
  await client.query(
    `with d as (insert into app.appliance_devices (device_id, user_id, appliance_id) select dv, u, id from unnest($1::uuid[], $2::uuid[], $3::text[]) as t(id, u, dv))
     insert into app.appliance_serials (serial_number, user_id, appliance_id) select sn, u, id from unnest($1::uuid[], $2::uuid[], $4::text[]) as t(id, u, sn)`,
    [devices.map((a) => a.id), devices.map((a) => a.userId), devices.map((a) => a.deviceId), devices.map((a) => a.serial)],
  );
  counts['app.cooking_sessions'] = await insert(
    client,
    `insert into app.cooking_sessions (id, user_id, appliance_id, recipe_id, status, started_at, completed_at, total_duration_s, user_rating, peak_temperature, stages_log)
     select id, u, a, r, st, t0, t0 + make_interval(secs => dur), dur, rating, peak,
            jsonb_build_array(jsonb_build_object('stage', 'Heat Oil', 'duration_s', 120, 'result', 'ok', 'cv_confidence', 0.94))
     from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::timestamptz[], $7::int[], $8::int[], $9::real[]) as x(id, u, a, r, st, t0, dur, rating, peak)`,
    [
      sessionList.map((s) => s.id), sessionList.map((s) => s.userId), sessionList.map((s) => s.applianceId), sessionList.map((s) => s.recipeId),
      sessionList.map((s) => s.status), sessionList.map((s) => iso(s.startedAt)), sessionList.map((s) => s.durationS), sessionList.map((s) => s.rating), sessionList.map((s) => s.peak),
    ],
  );
  log(`appliances: ${devices.length}, cooking sessions: ${sessionList.length}`);
}

/** The demo's telemetry events, in batches. */
async function loadTelemetry(s: DemoLoad): Promise<void> {
  const { client, g, counts, log, sessionList } = s;
  // Telemetry in batches of 20,000 rows (rows of months without a partition land in DEFAULT;
  // the partition job of the worker run moves them out).
  counts['app.telemetry_events'] = 0;
  let batch: d.DemoEvent[] = [];
  const flush = async () => {
    counts['app.telemetry_events']! += await insert(
      client,
      `insert into app.telemetry_events (user_id, appliance_id, session_id, event_type, payload, recorded_at)
       select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::jsonb[], $6::timestamptz[])`,
      [batch.map((e) => e.userId), batch.map((e) => e.applianceId), batch.map((e) => e.sessionId), batch.map((e) => e.eventType), batch.map((e) => json(e.payload)), batch.map((e) => iso(e.recordedAt))],
    );
    batch = [];
  };
  for (const event of d.telemetry(g, sessionList)) {
    batch.push(event);
    if (batch.length === 20_000) await flush();
  }
  if (batch.length) await flush();
  log(`telemetry events: ${counts['app.telemetry_events']}`);
}

/** The demo's conversations, messages and their API usage. */
async function loadConversations(s: DemoLoad): Promise<void> {
  const { client, counts, log, talks } = s;
  counts['app.conversations'] = await insert(
    client,
    `insert into app.conversations (id, user_id, created_at) select * from unnest($1::uuid[], $2::uuid[], $3::timestamptz[])`,
    [talks.map((c) => c.id), talks.map((c) => c.userId), talks.map((c) => iso(c.messages[0]!.createdAt))],
  );
  const messages = talks.flatMap((c) => c.messages.map((m) => ({ ...m, conversationId: c.id, userId: c.userId })));
  counts['app.messages'] = await insert(
    client,
    `insert into app.messages (id, conversation_id, user_id, role, content, created_at)
     select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[])`,
    [messages.map((m) => m.id), messages.map((m) => m.conversationId), messages.map((m) => m.userId), messages.map((m) => m.role), messages.map((m) => m.content), messages.map((m) => iso(m.createdAt))],
  );
  // One API call per assistant answer (the model that wrote it), tokens and cost as the provider bills.
  const answers = messages.filter((m) => m.role === 'assistant');
  const usage = answers.map((m, i) => {
    const input = 600 + ((i * 137) % 900);
    const output = 80 + ((i * 53) % 220);
    const openai = i % 3 !== 0;
    return {
      userId: m.userId,
      provider: openai ? 'openai' : 'anthropic',
      model: openai ? 'gpt-4o-mini' : 'claude-haiku',
      input,
      output,
      cost: openai ? (input * 0.15 + output * 0.6) / 1e6 : (input * 0.8 + output * 4) / 1e6,
      latency: 400 + ((i * 71) % 1600),
      at: m.createdAt,
    };
  });
  counts['app.api_usage'] = await insert(
    client,
    `insert into app.api_usage (user_id, provider, model, input_tokens, output_tokens, cost_usd, feature, latency_ms, created_at)
     select u, p, m, i, o, c, 'chat', l, t from unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::int[], $6::numeric[], $7::int[], $8::timestamptz[]) as x(u, p, m, i, o, c, l, t)`,
    [usage.map((u) => u.userId), usage.map((u) => u.provider), usage.map((u) => u.model), usage.map((u) => u.input), usage.map((u) => u.output), usage.map((u) => u.cost.toFixed(6)), usage.map((u) => u.latency), usage.map((u) => iso(u.at))],
  );
  log(`conversations: ${talks.length} with ${messages.length} messages, API calls: ${usage.length}`);
}

/** The demo's the shared knowledge base, embedded by the deterministic local embedder. */
async function loadKnowledge(s: DemoLoad): Promise<void> {
  const { client, g, counts } = s;
  // The shared knowledge base, embedded by the deterministic local embedder.
  const embedder = new LocalHashEmbedder();
  const { vectors } = await embedder.embed(d.KNOWLEDGE);
  counts['app.knowledge_embeddings'] = await insert(
    client,
    `insert into app.knowledge_embeddings (source_id, chunk_index, content, embedding, model, metadata)
     select id, 0, c, e::public.vector, $4, '{"topic": "nutrition"}'::jsonb
     from unnest($1::uuid[], $2::text[], $3::text[]) as t(id, c, e)`,
    [d.KNOWLEDGE.map(() => g.uuid()), d.KNOWLEDGE, vectors.map((v) => pgvector.toSql(v) as string), embedder.model],
  );
}
