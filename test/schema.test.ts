// Issue 3 ("the full data model"): catalog-driven checks that the schema is what the two source
// documents and docs/architecture.md specify, plus the behaviour the data model promises.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { engine, useTestDatabase } from './support/db.ts';
import { createPerson } from './support/fixtures.ts';
import { createAppliance } from './support/telemetry.ts';

const db = useTestDatabase();
/** One connection of our own (superuser, the migration role of tests): transactions span calls. */
let client: pg.Client;

const q = async <T extends pg.QueryResultRow = any>(text: string, values: unknown[] = []) =>
  (await client.query<T>(text, values)).rows;

/** Runs fn in a transaction that is always rolled back. */
async function rolledBack<T>(fn: () => Promise<T>): Promise<T> {
  await client.query('begin');
  try {
    return await fn();
  } finally {
    await client.query('rollback');
  }
}

/** Runs one statement under a savepoint; returns the error (or undefined) and keeps the transaction usable. */
async function attempt(text: string, values: unknown[] = []): Promise<(Error & { code?: string; constraint?: string }) | undefined> {
  await client.query('savepoint attempt');
  try {
    await client.query(text, values);
    await client.query('release savepoint attempt');
    return undefined;
  } catch (error) {
    await client.query('rollback to savepoint attempt');
    return error as Error & { code?: string; constraint?: string };
  }
}

/** INSERT of an object (column -> value; arrays as PostgreSQL literals or JS arrays, JSON as text). */
function insertSql(table: string, row: Record<string, unknown>): [string, unknown[]] {
  const cols = Object.keys(row);
  return [
    `insert into ${table} (${cols.map((c) => `"${c}"`).join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
    cols.map((c) => row[c]),
  ];
}
const insert = (table: string, row: Record<string, unknown>) => q(...insertSql(table, row));

// ---------------------------------------------------------------------------------------------
// The specification, as data. [column, type (format_type), NOT NULL, default (pg_get_expr) or null]
// Columns marked "+" are kitchen-db additions decided in issue 3 (docs/architecture.md); the rest come from the
// documents (Epicura tables with their types; MealPal `string` → text, `timestamp` → timestamptz).
// ---------------------------------------------------------------------------------------------
type Col = [name: string, type: string, notNull: boolean, def: string | null];
const TZ = 'timestamp with time zone';
const NOW: [string, boolean, string] = [TZ, true, 'now()'];
const UUID_PK: Col = ['id', 'uuid', true, 'gen_random_uuid()'];

const SPEC: Record<string, Col[]> = {
  'app.users': [
    UUID_PK,
    ['auth_id', 'text', true, null], // MealPal: string UK, from Better-Auth
    ['email', 'citext', true, null], // Epicura varchar(255) → citext (+ CHECK length <= 255), see its COMMENT
    ['name', 'character varying(100)', true, null],
    ['tier', 'text', true, "'free'::text"], // MealPal
    ['role', 'character varying(20)', true, "'user'::character varying"],
    ['is_active', 'boolean', true, 'true'],
    ['time_zone', 'text', true, "'UTC'::text"], // +
    ['created_at', ...NOW],
    ['updated_at', ...NOW],
  ],
  'app.user_preferences': [
    UUID_PK,
    ['user_id', 'uuid', true, null],
    ['language', 'character varying(10)', false, "'en_IN'::character varying"],
    ['spice_level', 'integer', false, '3'],
    ['salt_level', 'integer', false, '3'],
    ['oil_level', 'integer', false, '3'],
    ['diet', 'character varying(20)', false, "'no_restrictions'::character varying"],
    ['cuisines', 'text[]', false, "'{indian,italian,thai,mexican}'::text[]"],
    ['default_servings', 'integer', false, '2'],
    ['allergens', 'text[]', false, "'{}'::text[]"],
    ['theme', 'character varying(10)', false, "'light'::character varying"],
    ['notifications_enabled', 'boolean', false, 'true'],
    ['last_sync_at', TZ, false, null], // + (the sync section stores it here)
    ['client_updated_at', TZ, false, null], // + last-write-wins clock
    ['updated_at', ...NOW],
  ],
  'app.user_goals': [
    UUID_PK,
    ['user_id', 'uuid', true, null],
    ['goal_type', 'text', true, "'maintain'::text"],
    ['target_calories', 'integer', true, null],
    ['target_protein_g', 'numeric(6,1)', false, null],
    ['target_carbs_g', 'numeric(6,1)', false, null],
    ['target_fat_g', 'numeric(6,1)', false, null],
    ['starts_on', 'date', true, 'CURRENT_DATE'],
    ['ends_on', 'date', false, null],
    ['is_active', 'boolean', true, 'true'],
    ['created_at', ...NOW],
    ['updated_at', ...NOW],
  ],
  'app.push_tokens': [
    UUID_PK,
    ['user_id', 'uuid', true, null],
    ['platform', 'character varying(10)', true, null],
    ['token', 'text', true, null],
    ['created_at', ...NOW],
    ['updated_at', ...NOW],
  ],
  'app.meal_logs': [
    UUID_PK,
    ['user_id', 'uuid', true, null],
    ['meal_time', TZ, true, null],
    ['meal_type', 'text', true, null],
    ['nutrition_totals', 'jsonb', true, "'{}'::jsonb"],
    ['ai_analysis', 'jsonb', false, null],
    ['image_url', 'text', false, null],
    ['is_deleted', 'boolean', true, 'false'],
    ['deleted_at', TZ, false, null],
    ['created_at', ...NOW],
    ['updated_at', ...NOW],
  ],
  'app.meal_foods': [
    UUID_PK,
    ['meal_log_id', 'uuid', true, null],
    ['user_id', 'uuid', true, null],
    ['name', 'text', true, null],
    ['quantity', 'numeric', false, null],
    ['unit', 'text', false, null],
    ['nutrition', 'jsonb', true, "'{}'::jsonb"],
    ['confidence', 'real', false, null],
    ['created_at', ...NOW],
  ],
  'app.conversations': [
    UUID_PK,
    ['user_id', 'uuid', true, null],
    ['title', 'text', false, null],
    ['created_at', ...NOW],
    ['updated_at', ...NOW],
    ['last_message_at', TZ, false, null],
  ],
  'app.messages': [
    UUID_PK,
    ['conversation_id', 'uuid', true, null],
    ['user_id', 'uuid', true, null],
    ['role', 'text', true, null],
    ['content', 'text', true, null],
    ['message_metadata', 'jsonb', true, "'{}'::jsonb"],
    ['created_at', TZ, true, 'clock_timestamp()'],
  ],
  'app.embeddings': [
    UUID_PK,
    ['user_id', 'uuid', true, null], // NOT NULL since issue 17: the knowledge base is app.knowledge_embeddings
    ['source_kind', 'text', true, null],
    ['source_id', 'uuid', false, null],
    ['chunk_index', 'integer', true, '0'],
    ['content', 'text', true, null],
    ['embedding', 'vector(1536)', true, null],
    ['model', 'text', true, null],
    ['metadata', 'jsonb', true, "'{}'::jsonb"],
    ['created_at', ...NOW],
  ],
  'app.knowledge_embeddings': [
    UUID_PK,
    ['source_id', 'uuid', false, null],
    ['chunk_index', 'integer', true, '0'],
    ['content', 'text', true, null],
    ['embedding', 'vector(1536)', true, null],
    ['model', 'text', true, null],
    ['metadata', 'jsonb', true, "'{}'::jsonb"],
    ['created_at', ...NOW],
  ],
  'app.api_usage': [
    UUID_PK,
    ['user_id', 'uuid', true, null],
    ['provider', 'text', true, null],
    ['model', 'text', true, null],
    ['input_tokens', 'integer', true, '0'],
    ['output_tokens', 'integer', true, '0'],
    ['cost_usd', 'numeric(12,6)', true, '0'],
    ['feature', 'text', false, null],
    ['latency_ms', 'integer', false, null],
    ['request_id', 'text', false, null],
    ['created_at', ...NOW],
  ],
  'app.daily_nutrition': [
    ['user_id', 'uuid', true, null],
    ['day', 'date', true, null],
    ['meal_count', 'integer', true, null],
    ['calories', 'numeric', true, '0'],
    ['protein_g', 'numeric', true, '0'],
    ['carbs_g', 'numeric', true, '0'],
    ['fat_g', 'numeric', true, '0'],
    ['updated_at', ...NOW],
  ],
  'app.daily_ai_cost': [
    ['user_id', 'uuid', true, null],
    ['day', 'date', true, null],
    ['provider', 'text', true, null],
    ['model', 'text', true, null],
    ['requests', 'integer', true, null],
    ['input_tokens', 'bigint', true, null],
    ['output_tokens', 'bigint', true, null],
    ['cost_usd', 'numeric(14,6)', true, null],
    ['updated_at', ...NOW],
  ],
  'app.recipes': [
    UUID_PK,
    ['name', 'character varying(200)', true, null],
    ['category', 'character varying(50)', true, null],
    ['cuisine', 'character varying(50)', false, "'indian'::character varying"],
    ['recipe_data', 'jsonb', true, null],
    ['tags', 'text[]', false, "'{}'::text[]"],
    ['difficulty', 'character varying(10)', true, null],
    ['time_minutes', 'integer', true, null],
    ['servings', 'integer', true, '4'],
    ['calories', 'real', false, null],
    ['protein_g', 'real', false, null],
    ['carbs_g', 'real', false, null],
    ['fats_g', 'real', false, null],
    ['image_url', 'text', false, null],
    ['version', 'integer', true, '1'],
    ['is_published', 'boolean', true, 'false'],
    ['created_by', 'uuid', false, null],
    ['created_at', ...NOW],
    ['updated_at', ...NOW],
  ],
  'app.recipe_tombstones': [
    ['recipe_id', 'uuid', true, null],
    ['removed_at', TZ, true, 'clock_timestamp()'],
    ['reason', 'text', true, null],
  ],
  'app.appliances': [
    UUID_PK,
    ['user_id', 'uuid', true, null],
    ['device_id', 'character varying(50)', true, null],
    ['serial_number', 'character varying(50)', true, null],
    ['name', 'character varying(100)', false, "'My Epicura'::character varying"],
    ['firmware_version_cm5', 'character varying(20)', false, null],
    ['firmware_version_stm32', 'character varying(20)', false, null],
    ['wifi_mac', 'character varying(17)', false, null],
    ['pairing_code', 'character varying(6)', false, null],
    ['status', 'character varying(20)', false, "'offline'::character varying"],
    ['last_seen_at', TZ, false, null],
    ['paired_at', ...NOW],
    ['unpaired_at', TZ, false, null], // + pairings (re-pairing keeps history)
    ['created_at', ...NOW],
    ['updated_at', ...NOW], // +
  ],
  'app.cooking_sessions': [
    UUID_PK,
    ['user_id', 'uuid', true, null],
    ['appliance_id', 'uuid', true, null],
    ['recipe_id', 'uuid', true, null],
    ['status', 'character varying(20)', true, "'started'::character varying"],
    ['started_at', ...NOW],
    ['completed_at', TZ, false, null],
    ['stages_log', 'jsonb', false, null],
    ['customizations', 'jsonb', false, null],
    ['peak_temperature', 'real', false, null],
    ['total_duration_s', 'integer', false, null],
    ['user_rating', 'integer', false, null],
    ['notes', 'text', false, null],
    ['created_at', ...NOW], // +
    ['updated_at', ...NOW], // +
  ],
  'app.firmware_releases': [
    UUID_PK,
    ['target', 'character varying(10)', true, null],
    ['version', 'character varying(20)', true, null],
    ['channel', 'character varying(20)', true, "'stable'::character varying"],
    ['binary_url', 'text', true, null],
    ['checksum_sha256', 'character varying(64)', true, null],
    ['file_size_bytes', 'integer', true, null],
    ['release_notes', 'text', false, null],
    ['is_mandatory', 'boolean', true, 'false'],
    ['min_version', 'character varying(20)', false, null],
    ['created_at', ...NOW],
  ],
  'app.telemetry_events': [
    ['id', 'bigint', true, "nextval('app.telemetry_events_id_seq'::regclass)"], // bigserial
    ['appliance_id', 'uuid', true, null],
    ['session_id', 'uuid', false, null],
    ['user_id', 'uuid', true, null], // +
    ['event_type', 'character varying(50)', true, null],
    ['payload', 'jsonb', true, null],
    ['recorded_at', ...NOW],
  ],
  // Better-Auth (core + jwt + two-factor plugins), camelCase as Better-Auth names them.
  'auth."user"': [
    ['id', 'text', true, null],
    ['name', 'text', true, null],
    ['email', 'text', true, null],
    ['emailVerified', 'boolean', true, 'false'],
    ['image', 'text', false, null],
    ['createdAt', ...NOW],
    ['updatedAt', ...NOW],
    ['twoFactorEnabled', 'boolean', false, 'false'],
  ],
  'auth.session': [
    ['id', 'text', true, null],
    ['expiresAt', TZ, true, null],
    ['token', 'text', true, null],
    ['createdAt', ...NOW],
    ['updatedAt', ...NOW],
    ['ipAddress', 'text', false, null],
    ['userAgent', 'text', false, null],
    ['userId', 'text', true, null],
  ],
  'auth.account': [
    ['id', 'text', true, null],
    ['accountId', 'text', true, null],
    ['providerId', 'text', true, null],
    ['userId', 'text', true, null],
    ['accessToken', 'text', false, null],
    ['refreshToken', 'text', false, null],
    ['idToken', 'text', false, null],
    ['accessTokenExpiresAt', TZ, false, null],
    ['refreshTokenExpiresAt', TZ, false, null],
    ['scope', 'text', false, null],
    ['password', 'text', false, null],
    ['createdAt', ...NOW],
    ['updatedAt', ...NOW],
  ],
  'auth.verification': [
    ['id', 'text', true, null],
    ['identifier', 'text', true, null],
    ['value', 'text', true, null],
    ['expiresAt', TZ, true, null],
    ['createdAt', ...NOW],
    ['updatedAt', ...NOW],
  ],
  'auth.jwks': [
    ['id', 'text', true, null],
    ['publicKey', 'text', true, null],
    ['privateKey', 'text', true, null],
    ['createdAt', ...NOW],
    ['expiresAt', TZ, false, null],
    ['alg', 'text', false, null],
    ['crv', 'text', false, null],
  ],
  'auth."twoFactor"': [
    ['id', 'text', true, null],
    ['secret', 'text', true, null],
    ['backupCodes', 'text', true, null],
    ['userId', 'text', true, null],
    ['verified', 'boolean', false, 'true'],
    ['failedVerificationCount', 'integer', false, '0'],
    ['lockedUntil', TZ, false, null],
  ],
};

/** Every index the documents list (verbatim names), and the ones issue 3 adds, as pg_get_indexdef prints them. */
const INDEXES: Record<string, string> = {
  // Epicura "Primary Indexes"
  // Not unique since issue 17: the e-mail's uniqueness is app.person_emails' primary key (Citus).
  idx_users_email: 'CREATE INDEX idx_users_email ON app.users USING btree (email)',
  idx_recipes_category: 'CREATE INDEX idx_recipes_category ON app.recipes USING btree (category)',
  idx_recipes_cuisine: 'CREATE INDEX idx_recipes_cuisine ON app.recipes USING btree (cuisine)',
  idx_recipes_published: 'CREATE INDEX idx_recipes_published ON app.recipes USING btree (is_published) WHERE (is_published = true)',
  // current pairings; unique among them through app.appliance_devices (issue 17, Citus)
  idx_appliances_device_id: 'CREATE INDEX idx_appliances_device_id ON app.appliances USING btree (device_id) WHERE (unpaired_at IS NULL)',
  idx_appliances_user: 'CREATE INDEX idx_appliances_user ON app.appliances USING btree (user_id)',
  idx_sessions_user: 'CREATE INDEX idx_sessions_user ON app.cooking_sessions USING btree (user_id)',
  idx_sessions_appliance: 'CREATE INDEX idx_sessions_appliance ON app.cooking_sessions USING btree (appliance_id)',
  idx_sessions_started: 'CREATE INDEX idx_sessions_started ON app.cooking_sessions USING btree (started_at DESC)',
  idx_telemetry_appliance_time: 'CREATE INDEX idx_telemetry_appliance_time ON ONLY app.telemetry_events USING btree (appliance_id, recorded_at DESC)',
  idx_telemetry_session: 'CREATE INDEX idx_telemetry_session ON ONLY app.telemetry_events USING btree (session_id) WHERE (session_id IS NOT NULL)',
  idx_firmware_target_version: 'CREATE UNIQUE INDEX idx_firmware_target_version ON app.firmware_releases USING btree (target, version)',
  idx_firmware_channel: 'CREATE INDEX idx_firmware_channel ON app.firmware_releases USING btree (target, channel, created_at DESC)',
  // Epicura "GIN Indexes"
  idx_recipes_data: 'CREATE INDEX idx_recipes_data ON app.recipes USING gin (recipe_data jsonb_path_ops)',
  idx_recipes_tags: 'CREATE INDEX idx_recipes_tags ON app.recipes USING gin (tags)',
  idx_prefs_allergens: 'CREATE INDEX idx_prefs_allergens ON app.user_preferences USING gin (allergens)',
  idx_prefs_cuisines: 'CREATE INDEX idx_prefs_cuisines ON app.user_preferences USING gin (cuisines)',
  idx_telemetry_payload: 'CREATE INDEX idx_telemetry_payload ON ONLY app.telemetry_events USING gin (payload jsonb_path_ops)',
  // Epicura "Full-Text Search"
  idx_recipes_fts: 'CREATE INDEX idx_recipes_fts ON app.recipes USING gin (search_vector)',
  // MealPal
  idx_meal_logs_user_time: 'CREATE INDEX idx_meal_logs_user_time ON app.meal_logs USING btree (user_id, meal_time DESC)',
  idx_meal_logs_deleted: 'CREATE INDEX idx_meal_logs_deleted ON app.meal_logs USING btree (user_id, is_deleted) WHERE (is_deleted = false)',
  idx_api_usage_user_date: 'CREATE INDEX idx_api_usage_user_date ON app.api_usage USING btree (user_id, created_at DESC)',
  // issue 3
  idx_meal_logs_nutrition: 'CREATE INDEX idx_meal_logs_nutrition ON app.meal_logs USING gin (nutrition_totals jsonb_path_ops)',
  // issue 17: the knowledge base is its own table (a Citus reference table)
  idx_knowledge_embeddings_hnsw:
    "CREATE INDEX idx_knowledge_embeddings_hnsw ON app.knowledge_embeddings USING hnsw (embedding vector_cosine_ops) WITH (m='16', ef_construction='64')",
  idx_embeddings_user: 'CREATE INDEX idx_embeddings_user ON app.embeddings USING btree (user_id) WHERE (user_id IS NOT NULL)',
  idx_user_goals_one_active: 'CREATE UNIQUE INDEX idx_user_goals_one_active ON app.user_goals USING btree (user_id) WHERE is_active',
  idx_telemetry_user: 'CREATE INDEX idx_telemetry_user ON ONLY app.telemetry_events USING btree (user_id)',
  // issue 14: user_id in a person's chunk key; the knowledge base keeps its own.
  idx_embeddings_person_chunk:
    'CREATE UNIQUE INDEX idx_embeddings_person_chunk ON app.embeddings USING btree (user_id, source_kind, source_id, chunk_index, model) WHERE (user_id IS NOT NULL)',
  idx_knowledge_embeddings_chunk:
    'CREATE UNIQUE INDEX idx_knowledge_embeddings_chunk ON app.knowledge_embeddings USING btree (source_id, chunk_index, model)',
  // Better-Auth
  session_userId_idx: 'CREATE INDEX "session_userId_idx" ON auth.session USING btree ("userId")',
  account_userId_idx: 'CREATE INDEX "account_userId_idx" ON auth.account USING btree ("userId")',
  verification_identifier_idx: 'CREATE INDEX verification_identifier_idx ON auth.verification USING btree (identifier)',
  twoFactor_secret_idx: 'CREATE INDEX "twoFactor_secret_idx" ON auth."twoFactor" USING btree (secret)',
  twoFactor_userId_idx: 'CREATE INDEX "twoFactor_userId_idx" ON auth."twoFactor" USING btree ("userId")',
  user_email_key: 'CREATE UNIQUE INDEX user_email_key ON auth."user" USING btree (email)',
  session_token_key: 'CREATE UNIQUE INDEX session_token_key ON auth.session USING btree (token)',
};

// ---------------------------------------------------------------------------------------------
// Fixtures: two people, and valid rows each CHECK case starts from.
// ---------------------------------------------------------------------------------------------
const ASHA = '00000000-0000-4000-8000-000000000001';
const BEN = '00000000-0000-4000-8000-000000000002';
const MEAL = '10000000-0000-4000-8000-000000000001';
const CONV = '20000000-0000-4000-8000-000000000001';
const RECIPE = '40000000-0000-4000-8000-000000000001';
const APPLIANCE = '50000000-0000-4000-8000-000000000001';
const SESSION = '60000000-0000-4000-8000-000000000001';
const STAGES = JSON.stringify({ name: 'Dal Tadka', stages: [{ name: 'Heat Oil', temp_target: 180, duration_seconds: 120, ingredients: [{ name: 'oil', amount_g: 30 }] }] });
const vec = (x: number) => `[${Array.from({ length: 1536 }, () => x).join(',')}]`;

const VALID: Record<string, () => Record<string, unknown>> = {
  'app.users': () => ({ auth_id: 'auth-x', email: 'x@example.com', name: 'X' }),
  'app.user_preferences': () => ({ user_id: BEN }),
  'app.user_goals': () => ({ user_id: BEN, target_calories: 2000, is_active: false }),
  'app.push_tokens': () => ({ user_id: ASHA, platform: 'ios', token: 'tok-x' }),
  'app.meal_logs': () => ({ user_id: ASHA, meal_time: '2026-03-10T12:00:00Z', meal_type: 'lunch' }),
  'app.meal_foods': () => ({ meal_log_id: MEAL, user_id: ASHA, name: 'rice' }),
  'app.conversations': () => ({ user_id: ASHA }),
  'app.messages': () => ({ conversation_id: CONV, user_id: ASHA, role: 'user', content: 'hi' }),
  'app.embeddings': () => ({ user_id: ASHA, source_kind: 'meal_log', source_id: MEAL, chunk_index: 5, content: 'c', embedding: vec(0.3), model: 'm-x' }),
  'app.api_usage': () => ({ user_id: ASHA, provider: 'openai', model: 'gpt' }),
  'app.daily_nutrition': () => ({ user_id: ASHA, day: '2000-01-01', meal_count: 1 }),
  'app.daily_ai_cost': () => ({ user_id: ASHA, day: '2000-01-01', provider: 'p', model: 'm', requests: 1, input_tokens: 1, output_tokens: 1, cost_usd: 0 }),
  'app.job_outbox': () => ({ user_id: ASHA, queue: 'assistant.embed', data: '{}' }),
  'app.recipes': () => ({ name: 'Soup', category: 'soup', recipe_data: STAGES, difficulty: 'easy', time_minutes: 20 }),
  'app.appliances': () => ({ user_id: BEN, device_id: 'EPIC-999', serial_number: 'SN-999' }),
  'app.cooking_sessions': () => ({ user_id: ASHA, appliance_id: APPLIANCE, recipe_id: RECIPE }),
  'app.knowledge_embeddings': () => ({ content: 'c', embedding: vec(0.3), model: 'm-x' }),
  'app.push_token_owners': () => ({ token_sha256: '\\x' + 'ab'.repeat(32), user_id: ASHA, push_token_id: ASHA }),
  'app.firmware_releases': () => ({ target: 'cm5', version: '9.9.9', binary_url: 'https://cdn.example.com/fw.bin', checksum_sha256: 'a'.repeat(64), file_size_bytes: 1024 }),
  'app.telemetry_events': () => ({ appliance_id: APPLIANCE, user_id: ASHA, event_type: 'heartbeat', payload: '{}' }),
};

function valid(table: string): Record<string, unknown> {
  const row = VALID[table];
  if (!row) throw new Error(`no valid base row for ${table}`);
  return row();
}

/** [table, override, expected constraint] — each must be rejected by exactly that CHECK. */
const CHECK_CASES: [string, Record<string, unknown>, string][] = [
  ['app.users', { email: `${'a'.repeat(250)}@example.com` }, 'users_email_length_check'],
  ['app.job_outbox', { queue: 'gdpr.export' }, 'job_outbox_queue_check'],
  ['app.job_outbox', { data: '[]' }, 'job_outbox_data_check'],
  ['app.job_outbox', { start_after: '2 days' }, 'job_outbox_start_after_check'],
  ['app.users', { email: 'not-an-address' }, 'users_email_format_check'],
  ['app.users', { tier: 'gold' }, 'users_tier_check'],
  ['app.users', { role: 'root' }, 'users_role_check'],
  ['app.users', { time_zone: 'IST' }, 'users_time_zone_check'],
  ['app.users', { time_zone: 'Mars/Olympus_Mons' }, 'users_time_zone_check'],
  ['app.users', { deletion_requested_at: '2026-01-01T00:00:00Z' }, 'users_deletion_request_check'],
  ['app.users', { deletion_requested_at: '2026-01-02T00:00:00Z', deletion_due_at: '2026-01-01T00:00:00Z', deletion_was_active: true }, 'users_deletion_request_check'],
  ['app.user_preferences', { language: 'english' }, 'user_preferences_language_check'],
  ['app.user_preferences', { spice_level: 0 }, 'user_preferences_spice_level_check'],
  ['app.user_preferences', { spice_level: 6 }, 'user_preferences_spice_level_check'],
  ['app.user_preferences', { salt_level: 6 }, 'user_preferences_salt_level_check'],
  ['app.user_preferences', { oil_level: 0 }, 'user_preferences_oil_level_check'],
  ['app.user_preferences', { diet: 'keto' }, 'user_preferences_diet_check'],
  ['app.user_preferences', { cuisines: '{indian,NULL}' }, 'user_preferences_cuisines_check'],
  ['app.user_preferences', { default_servings: 0 }, 'user_preferences_default_servings_check'],
  ['app.user_preferences', { default_servings: 5 }, 'user_preferences_default_servings_check'],
  ['app.user_preferences', { allergens: '{NULL}' }, 'user_preferences_allergens_check'],
  ['app.user_preferences', { theme: 'blue' }, 'user_preferences_theme_check'],
  ['app.user_goals', { goal_type: 'bulk' }, 'user_goals_goal_type_check'],
  ['app.user_goals', { target_calories: 100 }, 'user_goals_target_calories_check'],
  ['app.user_goals', { target_protein_g: -1 }, 'user_goals_target_protein_g_check'],
  ['app.user_goals', { target_carbs_g: -1 }, 'user_goals_target_carbs_g_check'],
  ['app.user_goals', { target_fat_g: -1 }, 'user_goals_target_fat_g_check'],
  ['app.user_goals', { target_fiber_g: -1 }, 'user_goals_target_fiber_g_check'],
  ['app.user_goals', { target_sugar_g: -1 }, 'user_goals_target_sugar_g_check'],
  ['app.user_goals', { target_sodium_mg: -1 }, 'user_goals_target_sodium_mg_check'],
  ['app.user_goals', { target_weight_kg: 5 }, 'user_goals_target_weight_kg_check'],
  ['app.user_goals', { starts_on: '2026-02-01', ends_on: '2026-01-31' }, 'user_goals_period_check'],
  ['app.push_tokens', { platform: 'web' }, 'push_tokens_platform_check'],
  ['app.push_tokens', { token: '' }, 'push_tokens_token_check'],
  ['app.meal_logs', { meal_type: 'brunch' }, 'meal_logs_meal_type_check'],
  ['app.meal_logs', { nutrition_totals: '[]' }, 'meal_logs_nutrition_totals_check'],
  ['app.meal_logs', { nutrition_totals: '{"calories": -1}' }, 'meal_logs_nutrition_totals_check'],
  ['app.meal_logs', { nutrition_totals: '{"protein_g": "20"}' }, 'meal_logs_nutrition_totals_check'],
  ['app.meal_logs', { ai_analysis: '"text"' }, 'meal_logs_ai_analysis_check'],
  ['app.meal_logs', { image_url: '' }, 'meal_logs_image_url_check'],
  ['app.meal_logs', { notes: 'x'.repeat(4001) }, 'meal_logs_notes_check'],
  ['app.meal_foods', { name: ' ' }, 'meal_foods_name_check'],
  ['app.meal_foods', { quantity: 0 }, 'meal_foods_quantity_check'],
  ['app.meal_foods', { unit: '' }, 'meal_foods_unit_check'],
  ['app.meal_foods', { nutrition: '{"fat_g": -2}' }, 'meal_foods_nutrition_check'],
  ['app.meal_foods', { confidence: 1.5 }, 'meal_foods_confidence_check'],
  ['app.meal_foods', { confidence: -0.1 }, 'meal_foods_confidence_check'],
  ['app.conversations', { title: '   ' }, 'conversations_title_check'],
  ['app.messages', { role: 'system' }, 'messages_role_check'],
  ['app.messages', { content: '' }, 'messages_content_check'],
  ['app.messages', { message_metadata: '[]' }, 'messages_message_metadata_check'],
  ['app.embeddings', { source_kind: 'web' }, 'embeddings_source_kind_check'],
  ['app.embeddings', { source_id: null }, 'embeddings_source_check'],
  ['app.embeddings', { source_kind: 'knowledge' }, 'embeddings_source_check'],
  ['app.embeddings', { chunk_index: -1 }, 'embeddings_chunk_index_check'],
  ['app.embeddings', { content: '' }, 'embeddings_content_check'],
  ['app.embeddings', { model: '' }, 'embeddings_model_check'],
  ['app.embeddings', { metadata: '[]' }, 'embeddings_metadata_check'],
  ['app.push_token_owners', { token_sha256: '\\x0102' }, 'push_token_owners_token_sha256_check'],
  ['app.knowledge_embeddings', { chunk_index: -1 }, 'knowledge_embeddings_chunk_index_check'],
  ['app.knowledge_embeddings', { content: '' }, 'knowledge_embeddings_content_check'],
  ['app.knowledge_embeddings', { model: '' }, 'knowledge_embeddings_model_check'],
  ['app.knowledge_embeddings', { metadata: '[]' }, 'knowledge_embeddings_metadata_check'],
  ['app.api_usage', { provider: '' }, 'api_usage_provider_check'],
  ['app.api_usage', { model: '' }, 'api_usage_model_check'],
  ['app.api_usage', { input_tokens: -1 }, 'api_usage_input_tokens_check'],
  ['app.api_usage', { output_tokens: -1 }, 'api_usage_output_tokens_check'],
  ['app.api_usage', { cost_usd: -0.000001 }, 'api_usage_cost_usd_check'],
  ['app.api_usage', { feature: '' }, 'api_usage_feature_check'],
  ['app.api_usage', { latency_ms: -1 }, 'api_usage_latency_ms_check'],
  ['app.api_usage', { request_id: '' }, 'api_usage_request_id_check'],
  ['app.daily_nutrition', { meal_count: 0 }, 'daily_nutrition_meal_count_check'],
  ['app.daily_nutrition', { calories: -1 }, 'daily_nutrition_totals_check'],
  ['app.daily_ai_cost', { requests: 0 }, 'daily_ai_cost_requests_check'],
  ['app.daily_ai_cost', { output_tokens: -1 }, 'daily_ai_cost_tokens_check'],
  ['app.daily_ai_cost', { cost_usd: -1 }, 'daily_ai_cost_cost_usd_check'],
  ['app.recipes', { name: ' ' }, 'recipes_name_check'],
  ['app.recipes', { category: '' }, 'recipes_category_check'],
  ['app.recipes', { cuisine: 'french' }, 'recipes_cuisine_check'],
  ['app.recipes', { recipe_data: '[]' }, 'recipes_recipe_data_check'],
  ['app.recipes', { recipe_data: '{"stages": []}' }, 'recipes_recipe_data_check'],
  ['app.recipes', { recipe_data: '{"stages": [{"temp_target": 100}]}' }, 'recipes_recipe_data_check'],
  ['app.recipes', { recipe_data: '{"stages": [{"name": "a", "temp_target": "hot"}]}' }, 'recipes_recipe_data_check'],
  ['app.recipes', { recipe_data: '{"stages": [{"name": "a", "duration_seconds": "2m"}]}' }, 'recipes_recipe_data_check'],
  ['app.recipes', { recipe_data: '{"stages": [{"name": "a", "ingredients": {}}]}' }, 'recipes_recipe_data_check'],
  ['app.recipes', { recipe_data: '{"stages": [{"name": "a", "ingredients": [{"amount_g": "5"}]}]}' }, 'recipes_recipe_data_check'],
  ['app.recipes', { tags: '{vegan,NULL}' }, 'recipes_tags_check'],
  ['app.recipes', { difficulty: 'expert' }, 'recipes_difficulty_check'],
  ['app.recipes', { time_minutes: 0 }, 'recipes_time_minutes_check'],
  ['app.recipes', { servings: 0 }, 'recipes_servings_check'],
  ['app.recipes', { servings: 5 }, 'recipes_servings_check'],
  ['app.recipes', { calories: -1 }, 'recipes_nutrition_check'],
  ['app.recipes', { fats_g: -1 }, 'recipes_nutrition_check'],
  ['app.recipes', { version: 0 }, 'recipes_version_check'],
  ['app.appliances', { device_id: 'EPIC 001' }, 'appliances_device_id_check'],
  ['app.appliances', { serial_number: '-' }, 'appliances_serial_number_check'],
  ['app.appliances', { name: ' ' }, 'appliances_name_check'],
  ['app.appliances', { firmware_version_cm5: '1.2' }, 'appliances_firmware_version_cm5_check'],
  ['app.appliances', { firmware_version_stm32: 'v1.2.0' }, 'appliances_firmware_version_stm32_check'],
  ['app.appliances', { wifi_mac: 'AA:BB:CC:DD:EE' }, 'appliances_wifi_mac_check'],
  ['app.appliances', { pairing_code: '12345' }, 'appliances_pairing_code_check'],
  ['app.appliances', { status: 'sleeping' }, 'appliances_status_check'],
  ['app.appliances', { paired_at: '2026-02-01T00:00:00Z', unpaired_at: '2026-01-01T00:00:00Z' }, 'appliances_unpaired_at_check'],
  ['app.cooking_sessions', { status: 'burnt' }, 'cooking_sessions_status_check'],
  ['app.cooking_sessions', { started_at: '2026-02-01T00:00:00Z', completed_at: '2026-01-01T00:00:00Z' }, 'cooking_sessions_completed_at_check'],
  ['app.cooking_sessions', { stages_log: '{}' }, 'cooking_sessions_stages_log_check'],
  ['app.cooking_sessions', { customizations: '[]' }, 'cooking_sessions_customizations_check'],
  ['app.cooking_sessions', { total_duration_s: -1 }, 'cooking_sessions_total_duration_s_check'],
  ['app.cooking_sessions', { user_rating: 0 }, 'cooking_sessions_user_rating_check'],
  ['app.cooking_sessions', { user_rating: 6 }, 'cooking_sessions_user_rating_check'],
  ['app.cooking_sessions', { notes: 'x'.repeat(4001) }, 'cooking_sessions_notes_check'],
  ['app.firmware_releases', { target: 'esp32' }, 'firmware_releases_target_check'],
  ['app.firmware_releases', { version: '1.2' }, 'firmware_releases_version_check'],
  ['app.firmware_releases', { version: '01.2.3' }, 'firmware_releases_version_check'],
  ['app.firmware_releases', { channel: 'nightly' }, 'firmware_releases_channel_check'],
  ['app.firmware_releases', { binary_url: 'ftp://example.com/fw.bin' }, 'firmware_releases_binary_url_check'],
  ['app.firmware_releases', { checksum_sha256: 'A'.repeat(64) }, 'firmware_releases_checksum_sha256_check'],
  ['app.firmware_releases', { checksum_sha256: 'a'.repeat(63) }, 'firmware_releases_checksum_sha256_check'],
  ['app.firmware_releases', { file_size_bytes: 0 }, 'firmware_releases_file_size_bytes_check'],
  ['app.firmware_releases', { min_version: 'latest' }, 'firmware_releases_min_version_check'],
  ['app.firmware_releases', { min_version: '10.0.0' }, 'firmware_releases_min_version_order_check'],
  ['app.telemetry_events', { event_type: 'noise' }, 'telemetry_events_event_type_check'],
  ['app.telemetry_events', { payload: '[1]' }, 'telemetry_events_payload_check'],
];

beforeAll(async () => {
  client = new pg.Client({ connectionString: db().url });
  await client.connect();
  // Fixture data (committed: the EXPLAIN and behaviour tests read it).
  await q(`insert into auth."user" (id, name, email) values ('auth-asha', 'Asha', 'asha@example.com'), ('auth-ben', 'Ben', 'ben@example.com')`);
  await insert('app.users', { id: ASHA, auth_id: 'auth-asha', email: 'asha@example.com', name: 'Asha', time_zone: 'Asia/Kolkata' });
  await insert('app.users', { id: BEN, auth_id: 'auth-ben', email: 'ben@example.com', name: 'Ben', role: 'admin' });
  await insert('app.user_preferences', { user_id: ASHA, allergens: '{peanut}' });
  await insert('app.meal_logs', { id: MEAL, user_id: ASHA, meal_time: '2026-03-10T07:00:00Z', meal_type: 'lunch', nutrition_totals: '{"calories": 500, "protein_g": 20}' });
  await insert('app.conversations', { id: CONV, user_id: ASHA });
  await insert('app.recipes', { id: RECIPE, name: 'Dal Tadka', category: 'dal', recipe_data: STAGES, difficulty: 'easy', time_minutes: 35, is_published: true, tags: '{vegan,healthy}', created_by: BEN });
  await insert('app.appliances', { id: APPLIANCE, user_id: ASHA, device_id: 'EPIC-001', serial_number: 'SN-001' });
  // The global keys' lookup rows, as app.sign_in_person / app.pair_appliance write them (issue 17).
  await insert('app.person_emails', { email: 'asha@example.com', user_id: ASHA });
  await insert('app.person_emails', { email: 'ben@example.com', user_id: BEN });
  await insert('app.person_auth_ids', { auth_id: 'auth-asha', user_id: ASHA });
  await insert('app.person_auth_ids', { auth_id: 'auth-ben', user_id: BEN });
  await insert('app.appliance_devices', { device_id: 'EPIC-001', user_id: ASHA, appliance_id: APPLIANCE });
  await insert('app.appliance_serials', { serial_number: 'SN-001', user_id: ASHA, appliance_id: APPLIANCE });
  await insert('app.cooking_sessions', { id: SESSION, user_id: ASHA, appliance_id: APPLIANCE, recipe_id: RECIPE });
  await insert('app.telemetry_events', { appliance_id: APPLIANCE, session_id: SESSION, user_id: ASHA, event_type: 'temperature', payload: '{"celsius": 180}' });
  await insert('app.knowledge_embeddings', { content: 'Lentils are rich in protein', embedding: vec(0.1), model: 'm' });
  await insert('app.api_usage', { user_id: ASHA, provider: 'openai', model: 'gpt', input_tokens: 10, output_tokens: 5, cost_usd: 0.001 });
  await insert('app.firmware_releases', { target: 'cm5', version: '1.2.0', binary_url: 'https://cdn.example.com/1.2.0.bin', checksum_sha256: 'b'.repeat(64), file_size_bytes: 2048 });
  await q(`insert into auth."user" (id, name, email) values ('auth-x', 'X', 'x@example.com')`);
  // Bulk rows so that the planner's choices below reflect selectivity, not ties between tiny tables.
  await q(`insert into app.meal_logs (user_id, meal_time, meal_type, nutrition_totals)
           select case when g % 2 = 0 then $1::uuid else $2::uuid end, timestamptz '2023-01-01' + g * interval '7 hours',
                  (array['breakfast','lunch','dinner','snack'])[1 + g % 4], jsonb_build_object('calories', g)
             from generate_series(1, 2000) g`, [ASHA, BEN]);
  await q(`insert into app.api_usage (user_id, provider, model, input_tokens, output_tokens, cost_usd, created_at)
           select case when g % 2 = 0 then $1::uuid else $2::uuid end, 'openai', 'gpt', g, g, 0.0001, timestamptz '2023-01-01' + g * interval '1 hour'
             from generate_series(1, 2000) g`, [ASHA, BEN]);
  await q(`insert into app.recipes (name, category, cuisine, recipe_data, difficulty, time_minutes, is_published, tags)
           select 'Recipe ' || g, 'category-' || (g % 50), (array['indian','italian','american','chinese','mexican','korean','thai','asian','global'])[1 + g % 9],
                  $1::jsonb, 'medium', 30, g % 10 = 0, array['tag-' || (g % 40)]
             from generate_series(1, 1000) g`, [STAGES]);
  await q(`insert into app.appliances (user_id, device_id, serial_number, unpaired_at)
           select $1::uuid, 'BULK-' || g, 'SNB-' || g, case when g % 3 = 0 then now() end from generate_series(1, 1000) g`, [BEN]);
  await q(`insert into app.cooking_sessions (user_id, appliance_id, recipe_id, started_at)
           select $1::uuid, $2::uuid, $3::uuid, timestamptz '2025-01-01' + g * interval '1 day' from generate_series(1, 500) g`, [ASHA, APPLIANCE, RECIPE]);
  await q(`insert into app.telemetry_events (appliance_id, user_id, event_type, payload, recorded_at)
           select $1::uuid, $2::uuid, 'heartbeat', jsonb_build_object('seq', g), now() - g * interval '1 second' from generate_series(1, 3000) g`, [APPLIANCE, ASHA]);
  await q(`insert into app.firmware_releases (target, version, channel, binary_url, checksum_sha256, file_size_bytes)
           select (array['cm5','stm32'])[1 + g % 2], '2.' || g || '.0', (array['stable','beta','alpha'])[1 + g % 3],
                  'https://cdn.example.com/' || g || '.bin', repeat('c', 64), 4096
             from generate_series(1, 1000) g`);
  // A person's chunks point at that person's meal logs (trigger embeddings_check_source_*); the
  // knowledge base gets as many.
  await q(`with ml as (select array_agg(id order by id) as ids from app.meal_logs where user_id = $1::uuid)
           insert into app.embeddings (user_id, source_kind, source_id, chunk_index, content, embedding, model)
           select $1::uuid, 'meal_log', (select ml.ids[g] from ml), 0,
                  'chunk ' || g, (select array_agg(random())::real[] from generate_series(1, 1536) d where g > 0)::public.vector, 'm'
             from generate_series(1, 400) g where g % 2 = 1`, [BEN]);
  await q(`insert into app.knowledge_embeddings (source_id, chunk_index, content, embedding, model)
           select gen_random_uuid(), 0, 'chunk ' || g, (select array_agg(random())::real[] from generate_series(1, 1536) d where g > 0)::public.vector, 'm'
             from generate_series(1, 400) g where g % 2 = 0`);
  await q(`insert into auth."user" (id, name, email) select 'auth-bulk-' || g, 'P' || g, 'p' || g || '@example.com' from generate_series(1, 1000) g`);
  await q(`insert into app.users (auth_id, email, name) select 'auth-bulk-' || g, 'p' || g || '@example.com', 'P' || g from generate_series(1, 1000) g`);
  await q(`insert into app.user_preferences (user_id, allergens, cuisines)
           select id, array['allergen-' || (row_number() over () % 30)], array['indian'] from app.users where auth_id like 'auth-bulk-%'`);
  await q('analyze');
}, 120_000);

afterAll(async () => {
  await client?.end();
});

// ---------------------------------------------------------------------------------------------
describe('tables and columns of the documents', () => {
  it.each(Object.keys(SPEC))('%s has every specified column with its type, nullability and default', async (table) => {
    const rows = await q<{ name: string; type: string; not_null: boolean; def: string | null }>(
      `select a.attname as name, pg_catalog.format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null,
              pg_catalog.pg_get_expr(d.adbin, d.adrelid) as def
         from pg_catalog.pg_attribute a
         left join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
        where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped`,
      [table],
    );
    const actual = Object.fromEntries(rows.map((r) => [r.name, [r.name, r.type, r.not_null, r.def]]));
    for (const col of SPEC[table] ?? []) expect(actual[col[0]], `${table}.${col[0]}`).toEqual(col);
  });

  it('app.users has no password column (credentials live in auth.account)', async () => {
    const rows = await q(`select attname from pg_catalog.pg_attribute where attrelid = 'app.users'::regclass and attname ilike '%password%'`);
    expect(rows).toEqual([]);
  });

  it('recipes.search_vector is the STORED generated expression of the document', async () => {
    const [row] = await q(
      `select a.attgenerated, pg_catalog.format_type(a.atttypid, a.atttypmod) as type, pg_catalog.pg_get_expr(d.adbin, d.adrelid) as expr
         from pg_catalog.pg_attribute a join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
        where a.attrelid = 'app.recipes'::regclass and a.attname = 'search_vector'`,
    );
    expect(row.attgenerated).toBe('s');
    expect(row.type).toBe('tsvector');
    expect(row.expr.replace(/::(text|regconfig|character varying)/g, '')).toBe(
      "to_tsvector('english', (((((COALESCE(name, '')) || ' ') || (COALESCE(category, ''))) || ' ') || (COALESCE(cuisine, ''))))",
    );
    const differing = await q(
      `select id from app.recipes
        where search_vector is distinct from to_tsvector('english', coalesce(name, '') || ' ' || coalesce(category, '') || ' ' || coalesce(cuisine, ''))`,
    );
    expect(differing).toEqual([]);
  });

  it('telemetry_events is partitioned by range on recorded_at with PK (user_id, id, recorded_at) and a DEFAULT partition', async () => {
    const [p] = await q(`select pg_catalog.pg_get_partkeydef('app.telemetry_events'::regclass) as key`);
    expect(p.key).toBe('RANGE (recorded_at)');
    const [pk] = await q(`select pg_catalog.pg_get_constraintdef(oid) as def from pg_catalog.pg_constraint where conname = 'telemetry_events_pkey'`);
    expect(pk.def).toBe('PRIMARY KEY (user_id, id, recorded_at)');
    const parts = await q<{ name: string; bound: string }>(
      `select c.relname as name, pg_catalog.pg_get_expr(c.relpartbound, c.oid) as bound
         from pg_catalog.pg_inherits i join pg_catalog.pg_class c on c.oid = i.inhrelid
        where i.inhparent = 'app.telemetry_events'::regclass order by 1`,
    );
    expect(parts.find((r) => r.name === 'telemetry_events_default')?.bound).toBe('DEFAULT');
    const monthly = parts.filter((r) => /^telemetry_events_\d{4}_\d{2}$/.test(r.name));
    expect(monthly.length).toBeGreaterThanOrEqual(2);
    const [now] = await q(`select to_char(now() at time zone 'UTC', 'YYYY_MM') as cur, to_char((now() at time zone 'UTC') + interval '1 month', 'YYYY_MM') as nxt`);
    expect(monthly.map((r) => r.name)).toEqual(expect.arrayContaining([`telemetry_events_${now.cur}`, `telemetry_events_${now.nxt}`]));
  });

  it('every documented enumeration is a CHECK with exactly the listed values', async () => {
    const defs = Object.fromEntries(
      (await q<{ conname: string; def: string }>(
        `select conname, pg_catalog.pg_get_constraintdef(oid) as def from pg_catalog.pg_constraint
          where contype = 'c' and connamespace = 'app'::regnamespace`,
      )).map((r) => [r.conname, r.def]),
    );
    const values = (name: string) => [...(defs[name] ?? '').matchAll(/'([^']*)'::/g)].map((m) => m[1]).sort();
    const expected: Record<string, string[]> = {
      users_role_check: ['admin', 'user'],
      users_tier_check: ['free', 'premium'],
      user_preferences_diet_check: ['no_restrictions', 'pescatarian', 'vegan', 'vegetarian'],
      user_preferences_theme_check: ['dark', 'light'],
      push_tokens_platform_check: ['android', 'ios'],
      meal_logs_meal_type_check: ['breakfast', 'dinner', 'lunch', 'snack'],
      messages_role_check: ['assistant', 'user'],
      recipes_cuisine_check: ['american', 'asian', 'chinese', 'global', 'indian', 'italian', 'korean', 'mexican', 'thai'],
      recipes_difficulty_check: ['easy', 'hard', 'medium'],
      appliances_status_check: ['cooking', 'error', 'offline', 'online'],
      cooking_sessions_status_check: ['aborted', 'completed', 'cooking', 'error', 'paused', 'started'],
      firmware_releases_target_check: ['cm5', 'stm32'],
      firmware_releases_channel_check: ['alpha', 'beta', 'stable'],
      telemetry_events_event_type_check: ['alert', 'heartbeat', 'stage_change', 'status', 'temperature'],
    };
    for (const [name, list] of Object.entries(expected)) expect(values(name), name).toEqual([...list].sort());
  });
});

// ---------------------------------------------------------------------------------------------
describe('indexes', () => {
  it.each(Object.keys(INDEXES))('%s exists as specified', async (name) => {
    const rows = await q<{ def: string }>(
      `select pg_catalog.pg_get_indexdef(c.oid) as def from pg_catalog.pg_class c
        where c.relkind in ('i', 'I') and c.relname = $1 and c.relnamespace in ('app'::regnamespace, 'auth'::regnamespace)`,
      [name],
    );
    expect(rows.map((r) => r.def)).toEqual([INDEXES[name]]);
  });

  it('every table with a user_id column has an index whose first column is user_id', async () => {
    const rows = await q(
      `select c.oid::regclass::text as t from pg_catalog.pg_class c
         join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attname = 'user_id'
        where c.relnamespace = 'app'::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
          and not exists (select 1 from pg_catalog.pg_index i where i.indrelid = c.oid and i.indkey[0] = a.attnum)`,
    );
    expect(rows).toEqual([]);
  });

  /** The index names a plan may show for `index`: itself, or its partitions' indexes. */
  async function indexFamily(index: string): Promise<string[]> {
    const rows = await q<{ name: string }>(
      `select c.relname as name from pg_catalog.pg_partition_tree($1::regclass) t join pg_catalog.pg_class c on c.oid = t.relid`,
      [`app.${index}`],
    );
    return rows.map((r) => r.name);
  }

  async function plan(sql: string, params: unknown[] = []): Promise<string> {
    return rolledBack(async () => {
      await q('set local enable_seqscan = off');
      const rows = await q<{ 'QUERY PLAN': string }>(`explain (costs off) ${sql}`, params);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
  }

  const PATTERNS: [string, string, string, unknown[]][] = [
    ['meals by user and time', 'idx_meal_logs_user_time', 'select * from app.meal_logs where user_id = $1 order by meal_time desc limit 20', [ASHA]],
    ['live meals of a person', 'idx_meal_logs_deleted', 'select count(*) from app.meal_logs where user_id = $1 and is_deleted = false', [ASHA]],
    ['meals by nutrition', 'idx_meal_logs_nutrition', `select id from app.meal_logs where nutrition_totals @> '{"calories": 500}'`, []],
    ['API usage by user and date', 'idx_api_usage_user_date', 'select * from app.api_usage where user_id = $1 order by created_at desc limit 50', [ASHA]],
    ['published recipes', 'idx_recipes_published', 'select id from app.recipes where is_published = true', []],
    ['published recipes by category', 'idx_recipes_category', `select id from app.recipes where is_published and category = 'dal'`, []],
    ['recipes by cuisine', 'idx_recipes_cuisine', `select id from app.recipes where cuisine = 'thai'`, []],
    ['recipes by tag', 'idx_recipes_tags', `select id from app.recipes where tags @> array['vegan']`, []],
    ['recipes by recipe_data', 'idx_recipes_data', `select id from app.recipes where recipe_data @> '{"stages": [{"name": "Heat Oil"}]}'`, []],
    ['recipe full-text search', 'idx_recipes_fts', `select id from app.recipes where search_vector @@ to_tsquery('english', 'dal | lentil')`, []],
    ['preferences by allergen', 'idx_prefs_allergens', `select user_id from app.user_preferences where allergens @> array['peanut']`, []],
    ['preferences by cuisine', 'idx_prefs_cuisines', `select user_id from app.user_preferences where cuisines @> array['thai']`, []],
    ['user by e-mail', 'idx_users_email', `select id from app.users where email = 'ASHA@example.com'`, []],
    ['appliance by device id', 'idx_appliances_device_id', `select id from app.appliances where device_id = 'EPIC-001' and unpaired_at is null`, []],
    ['appliances of a person', 'idx_appliances_user', 'select id from app.appliances where user_id = $1', [ASHA]],
    ['sessions of a person', 'idx_sessions_user', 'select id from app.cooking_sessions where user_id = $1', [ASHA]],
    ['sessions of an appliance', 'idx_sessions_appliance', 'select id from app.cooking_sessions where appliance_id = $1', [APPLIANCE]],
    ['recent sessions', 'idx_sessions_started', 'select id from app.cooking_sessions order by started_at desc limit 10', []],
    ['firmware by target and version', 'idx_firmware_target_version', `select id from app.firmware_releases where target = 'cm5' and version = '1.2.0'`, []],
    ['latest firmware of a channel', 'idx_firmware_channel', `select id from app.firmware_releases where target = 'cm5' and channel = 'stable' order by created_at desc limit 1`, []],
    ['knowledge-base vector search', 'idx_knowledge_embeddings_hnsw', `select id from app.knowledge_embeddings order by embedding <=> '${vec(0.2)}' limit 5`, []],
    ['a person’s embeddings', 'idx_embeddings_user', 'select id from app.embeddings where user_id = $1', [ASHA]],
  ];
  it.each(PATTERNS)('%s uses %s', async (_label, index, sql, params) => {
    expect(await plan(sql, params)).toContain(index);
  });

  const TELEMETRY: [string, string, string, unknown[]][] = [
    ['telemetry by appliance and time range', 'idx_telemetry_appliance_time',
      `select * from app.telemetry_events where appliance_id = $1 and recorded_at >= date_trunc('month', now()) and recorded_at < now() + interval '1 hour' order by recorded_at desc`, [APPLIANCE]],
    ['telemetry of a session', 'idx_telemetry_session', 'select * from app.telemetry_events where session_id = $1', [SESSION]],
    ['telemetry by payload', 'idx_telemetry_payload', `select id from app.telemetry_events where payload @> '{"celsius": 180}'`, []],
    ['telemetry of a person', 'idx_telemetry_user', 'select id from app.telemetry_events where user_id = $1', [ASHA]],
  ];
  it.each(TELEMETRY)('%s uses a partition of %s', async (_label, index, sql, params) => {
    const text = await plan(sql, params);
    const family = await indexFamily(index);
    expect(family.some((name) => name !== index && text.includes(name)), text).toBe(true);
  });

  it('a time-range query on telemetry prunes the other partitions', async () => {
    const text = await plan(
      `select * from app.telemetry_events where appliance_id = $1 and recorded_at >= '2026-01-05T00:00:00Z' and recorded_at < '2026-01-06T00:00:00Z'`,
      [APPLIANCE],
    );
    expect(text).not.toMatch(/telemetry_events_\d{4}_\d{2} /);
  });
});

// ---------------------------------------------------------------------------------------------
describe('CHECK constraints reject out-of-range values by name', () => {
  it('every CHECK constraint of app is exercised by a case below', async () => {
    const names = await q<{ conname: string }>(
      `select distinct conname from pg_catalog.pg_constraint c join pg_catalog.pg_class t on t.oid = c.conrelid
        where c.contype = 'c' and t.relnamespace = 'app'::regnamespace and not t.relispartition`,
    );
    const covered = new Set(CHECK_CASES.map((c) => c[2]).concat(['meal_logs_deleted_check', 'recipe_tombstones_reason_check']));
    expect(names.map((r) => r.conname).filter((n) => !covered.has(n))).toEqual([]);
  });

  it.each(CHECK_CASES)('%s %j → %s', async (table, override, constraint) => {
    await rolledBack(async () => {
      const error = await attempt(...insertSql(table, { ...valid(table), ...override }));
      expect(error?.message).toBeDefined();
      expect({ code: error?.code, constraint: error?.constraint }).toEqual({ code: '23514', constraint });
    });
  });

  it('each valid base row is accepted (so the cases above fail for their override only)', async () => {
    await rolledBack(async () => {
      for (const table of Object.keys(VALID)) {
        const error = await attempt(...insertSql(table, valid(table)));
        expect(error, `${table}: ${error?.message}`).toBeUndefined();
      }
    });
  });

  it('meal_logs_deleted_check ties is_deleted and deleted_at; setting is_deleted stamps deleted_at', async () => {
    await rolledBack(async () => {
      const error = await attempt(`update app.meal_logs set deleted_at = now() where id = $1`, [MEAL]);
      expect(error?.constraint).toBe('meal_logs_deleted_check');
      const [deleted] = await q(`update app.meal_logs set is_deleted = true where id = $1 returning deleted_at`, [MEAL]);
      expect(deleted.deleted_at).toBeInstanceOf(Date);
      const [restored] = await q(`update app.meal_logs set is_deleted = false where id = $1 returning deleted_at`, [MEAL]);
      expect(restored.deleted_at).toBeNull();
    });
  });

  it('recipe_tombstones_reason_check', async () => {
    await rolledBack(async () => {
      const error = await attempt(`insert into app.recipe_tombstones (recipe_id, reason) values (gen_random_uuid(), 'lost')`);
      expect(error?.constraint).toBe('recipe_tombstones_reason_check');
    });
  });

  it('unique and foreign keys keep user_id consistent', async () => {
    await rolledBack(async () => {
      // The global keys live in lookup tables (issue 17): an e-mail in another case, a current device id.
      expect((await attempt(`insert into app.person_emails (email, user_id) values ('ASHA@EXAMPLE.COM', $1)`, [BEN]))?.constraint).toBe('person_emails_pkey');
      expect((await attempt(`insert into app.appliance_devices (device_id, user_id, appliance_id) values ('EPIC-001', $1, $2)`, [BEN, APPLIANCE]))?.constraint).toBe('appliance_devices_pkey');
      expect((await attempt(...insertSql('app.user_goals', { ...valid('app.user_goals'), is_active: true })))).toBeUndefined();
      expect((await attempt(...insertSql('app.user_goals', { ...valid('app.user_goals'), is_active: true })))?.constraint).toBe('idx_user_goals_one_active');
      expect((await attempt(...insertSql('app.meal_foods', { ...valid('app.meal_foods'), user_id: BEN })))?.constraint).toBe('meal_foods_meal_log_id_user_id_fkey');
      expect((await attempt(...insertSql('app.messages', { ...valid('app.messages'), user_id: BEN })))?.constraint).toBe('messages_conversation_id_user_id_fkey');
      expect((await attempt(...insertSql('app.cooking_sessions', { ...valid('app.cooking_sessions'), user_id: BEN })))?.constraint).toBe('cooking_sessions_appliance_id_user_id_fkey');
      expect((await attempt(...insertSql('app.telemetry_events', { ...valid('app.telemetry_events'), user_id: BEN })))?.constraint).toBe('telemetry_events_appliance_id_user_id_fkey');
    });
  });
});

// ---------------------------------------------------------------------------------------------
describe('distribution by person (issue 17: every person table can be distributed by user_id on Citus)', () => {
  /**
   * Keys that do not contain the person: global rules that hold across people, which move to lookup
   * tables distributed by their own key, and the knowledge base's rows (user_id NULL) in
   * app.embeddings, which move to a table of their own (docs/scale-out.md sections 2 and 4). Each
   * entry must still exist: the change that removes one removes it here too, until the list is empty.
   */
  const GLOBAL_KEYS: Record<string, string> = {
    'app.person_emails person_emails_pkey': 'lookup table (issue 17): e-mail, unique across people, distributed by the e-mail itself',
    'app.person_auth_ids person_auth_ids_pkey': 'lookup table: Better-Auth id, one person per identity',
    'app.push_token_owners push_token_owners_pkey': 'lookup table: a phone token (its SHA-256) belongs to one person',
    'app.appliance_devices appliance_devices_pkey': 'lookup table: a device has one current pairing',
    'app.appliance_serials appliance_serials_pkey': 'lookup table: a serial number has one current pairing',
  };

  /** Every unique key (constraint or index) of app's tables with a person column, with that column (id on app.users). */
  const keysSql = `
    select c.oid::regclass::text || ' ' || ic.relname as key,
           pg_catalog.pg_get_indexdef(i.indexrelid) as def,
           a.attnum = any (i.indkey::int2[]) as has_person
      from pg_catalog.pg_class c
      join pg_catalog.pg_attribute a
        on a.attrelid = c.oid and a.attname = case when c.oid = 'app.users'::regclass then 'id' else 'user_id' end and not a.attisdropped
      join pg_catalog.pg_index i on i.indrelid = c.oid and i.indisunique
      join pg_catalog.pg_class ic on ic.oid = i.indexrelid
     where c.relnamespace = 'app'::regnamespace and c.relkind in ('r', 'p')
     order by 1`;

  it('every PRIMARY KEY and UNIQUE key (constraint or index, partitions included) of a person table contains user_id (app.users: id), except the listed global keys', async () => {
    const keys = await q<{ key: string; def: string; has_person: boolean }>(keysSql);
    expect(keys.length).toBeGreaterThan(20);
    const without = keys.filter((k) => !k.has_person).map((k) => k.key);
    expect(without.filter((k) => !(k in GLOBAL_KEYS))).toEqual([]);
    // The list shrinks with the schema: an entry whose key is gone must go.
    expect(Object.keys(GLOBAL_KEYS).filter((k) => !without.includes(k))).toEqual([]);
  });

  it('the primary key of every person table leads with user_id (telemetry: (user_id, id, recorded_at))', async () => {
    const rows = await q<{ t: string; def: string }>(
      `select k.conrelid::regclass::text as t, pg_catalog.pg_get_constraintdef(k.oid) as def
         from pg_catalog.pg_constraint k join pg_catalog.pg_class c on c.oid = k.conrelid
        where k.contype = 'p' and c.relnamespace = 'app'::regnamespace and not c.relispartition
          and exists (select from pg_catalog.pg_attribute a where a.attrelid = c.oid and a.attname = 'user_id' and not a.attisdropped)
        order by 1`,
    );
    const wrong = rows.filter((r) => !r.def.startsWith('PRIMARY KEY (user_id') && !(`${r.t} ${r.t.slice(4)}_pkey` in GLOBAL_KEYS));
    expect(wrong).toEqual([]);
    expect(rows.find((r) => r.t === 'app.telemetry_events')?.def).toBe('PRIMARY KEY (user_id, id, recorded_at)');
  });

  it('every foreign key between person tables carries the person in the same position on both sides (co-located on Citus)', async () => {
    const rows = await q<{ fk: string; def: string }>(
      `select k.conrelid::regclass::text || ' ' || k.conname as fk, pg_catalog.pg_get_constraintdef(k.oid) as def
         from pg_catalog.pg_constraint k
         join pg_catalog.pg_class c on c.oid = k.conrelid
         join pg_catalog.pg_attribute ua on ua.attrelid = k.conrelid and ua.attname = 'user_id'
         join pg_catalog.pg_attribute ra on ra.attrelid = k.confrelid
              and ra.attname = case when k.confrelid = 'app.users'::regclass then 'id' else 'user_id' end
        where k.contype = 'f' and c.relnamespace = 'app'::regnamespace
          and pg_catalog.array_position(k.conkey, ua.attnum) is distinct from pg_catalog.array_position(k.confkey, ra.attnum)
        order by 1`,
    );
    expect(rows).toEqual([]);
  });

  it('no row-level security policy of app contains a subquery (Citus refuses them on distributed tables), also those enable_person_rls makes for a new table', async () => {
    const sublinks = `select c.oid::regclass::text || ' ' || p.polname as policy
                        from pg_catalog.pg_policy p join pg_catalog.pg_class c on c.oid = p.polrelid
                       where c.relnamespace = 'app'::regnamespace
                         and (coalesce(p.polqual::text, '') like '%{SUBLINK %' or coalesce(p.polwithcheck::text, '') like '%{SUBLINK %')
                       order by 1`;
    expect(await q(sublinks)).toEqual([]);
    await rolledBack(async () => {
      await client.query(`create table app.scratch_person (id uuid primary key, user_id uuid not null)`);
      await client.query(`select app_private.enable_person_rls('app.scratch_person')`);
      const made = await q(`select count(*)::int as n from pg_catalog.pg_policy where polrelid = 'app.scratch_person'::regclass and polname like 'person_%'`);
      expect(made).toEqual([{ n: 4 }]);
      expect(await q(sublinks)).toEqual([]);
    });
  });

  it('a person policy still reads app.user_id: rows of the person only, none without the setting', async () => {
    const asha = await createPerson(db().pool);
    const ben = await createPerson(db().pool);
    await rolledBack(async () => {
      for (const p of [asha, ben]) {
        await client.query(`insert into app.conversations (user_id, title) values ($1, 'mine')`, [p.id]);
      }
      await client.query('set local role app_user');
      const seen = async () => (await q<{ user_id: string }>(`select user_id from app.conversations where title = 'mine'`)).map((r) => r.user_id);
      expect(await seen()).toEqual([]);
      await client.query(`select pg_catalog.set_config('app.user_id', $1, true)`, [asha.id]);
      expect(await seen()).toEqual([asha.id]);
      expect((await attempt(`insert into app.conversations (user_id, title) values ($1, 'not mine')`, [ben.id]))?.code).toBe('42501');
    });
  });
});

describe('behaviour', () => {
  it('search_vector finds "dal" in "Dal Tadka"', async () => {
    const rows = await q(`select name from app.recipes where search_vector @@ to_tsquery('english', 'dal | lentil')`);
    expect(rows.map((r) => r.name)).toContain('Dal Tadka');
  });

  it('editing a recipe bumps version and updated_at; an UPDATE that changes nothing keeps both', async () => {
    await rolledBack(async () => {
      const [before] = await q(`select version, updated_at from app.recipes where id = $1`, [RECIPE]);
      const [same] = await q(`update app.recipes set name = name, tags = tags where id = $1 returning version, updated_at`, [RECIPE]);
      expect(same).toEqual(before);
      const [edited] = await q(`update app.recipes set time_minutes = time_minutes + 5 where id = $1 returning version, updated_at`, [RECIPE]);
      expect(edited.version).toBe(before.version + 1);
      expect(edited.updated_at.getTime()).toBeGreaterThan(before.updated_at.getTime());
      const [forced] = await q(`update app.recipes set version = 99, servings = 2 where id = $1 returning version`, [RECIPE]);
      expect(forced.version).toBe(before.version + 2);
    });
  });

  it('unpublishing and deleting a recipe leave tombstones; republishing removes them', async () => {
    await rolledBack(async () => {
      // The admin functions write the tombstones (migration 000143: no trigger writes another table).
      await q(`select * from app.recipe_admin_update($1, '{"is_published": false}')`, [RECIPE]);
      expect(await q(`select reason from app.recipe_tombstones where recipe_id = $1`, [RECIPE])).toEqual([{ reason: 'unpublished' }]);
      await q(`select * from app.recipe_admin_update($1, '{"is_published": true}')`, [RECIPE]);
      expect(await q(`select reason from app.recipe_tombstones where recipe_id = $1`, [RECIPE])).toEqual([]);
      const [{ id }] = await q(`select id from app.recipe_admin_create(jsonb_build_object('name', 'Soup', 'category', 'soup', 'recipe_data', $1::jsonb, 'difficulty', 'easy', 'time_minutes', 10, 'is_published', true))`, [STAGES]);
      await q(`select * from app.recipe_admin_delete($1)`, [id]);
      expect(await q(`select reason from app.recipe_tombstones where recipe_id = $1`, [id])).toEqual([{ reason: 'deleted' }]);
      const error = await attempt(`select * from app.recipe_admin_delete($1)`, [RECIPE]);
      expect(error?.constraint).toBe('cooking_sessions_recipe_id_fkey'); // cooked: unpublish, never delete
    });
  });

  // The embedded engine runs one transaction at a time, so the race cannot be staged there.
  it.skipIf(engine() === 'embedded')('a recipe sync waits for an uncommitted edit and then sees it (app.recipe_sync_lock)', async () => {
    const writer = new pg.Client({ connectionString: db().url });
    const reader = new pg.Client({ connectionString: db().url });
    await Promise.all([writer.connect(), reader.connect()]);
    try {
      await writer.query('begin');
      const { rows: [w] } = await writer.query(`update app.recipes set time_minutes = time_minutes + 1 where id = $1 returning version, updated_at`, [RECIPE]);
      await reader.query('begin');
      let synced = false;
      const sync = reader.query('select app.recipe_sync_lock() as server_time').then((r) => ((synced = true), r.rows[0].server_time as Date));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(synced).toBe(false); // blocked by the writer's exclusive lock
      await writer.query('commit');
      const serverTime = await sync;
      const { rows: [seen] } = await reader.query(`select version from app.recipes where id = $1`, [RECIPE]);
      await reader.query('commit');
      expect(seen.version).toBe(w.version);
      expect(serverTime.getTime()).toBeGreaterThan(w.updated_at.getTime());
      // refused where the snapshot would predate the wait
      await reader.query('begin isolation level repeatable read');
      await expect(reader.query('select app.recipe_sync_lock()')).rejects.toThrow(/READ COMMITTED/);
      await reader.query('rollback');
    } finally {
      await writer.query('rollback').catch(() => {});
      await Promise.all([writer.end(), reader.end()]);
    }
  });

  it('the DEFAULT partition catches a far-future event', async () => {
    await rolledBack(async () => {
      const [row] = await q(
        `insert into app.telemetry_events (appliance_id, user_id, event_type, payload, recorded_at)
         values ($1, $2, 'heartbeat', '{}', '2999-01-01T00:00:00Z') returning tableoid::regclass::text as part`,
        [APPLIANCE, ASHA],
      );
      expect(row.part).toBe('app.telemetry_events_default');
      const [now] = await q(
        `insert into app.telemetry_events (appliance_id, user_id, event_type, payload) values ($1, $2, 'heartbeat', '{}')
         returning tableoid::regclass::text as part, to_char(recorded_at at time zone 'UTC', 'YYYY_MM') as month`,
        [APPLIANCE, ASHA],
      );
      expect(now.part).toBe(`app.telemetry_events_${now.month}`);
    });
  });

  it('the first user message titles the conversation and moves last_message_at', async () => {
    await rolledBack(async () => {
      const text = '  How   much protein\n did I eat yesterday compared with my goal of one hundred grams?';
      await q(
        `insert into app.messages (conversation_id, user_id, role, content) values ($1, $2, 'user', $3), ($1, $2, 'assistant', 'About 20 g.')`,
        [CONV, ASHA, text],
      );
      const [c] = await q(`select title, last_message_at, (select max(created_at) from app.messages where conversation_id = $1) as newest from app.conversations where id = $1`, [CONV]);
      expect(c.title).toBe('How much protein did I eat yesterday compared with my goal…');
      expect(c.last_message_at).toEqual(c.newest);
      await q(`insert into app.messages (conversation_id, user_id, role, content) values ($1, $2, 'user', 'second question')`, [CONV, ASHA]);
      expect((await q(`select title from app.conversations where id = $1`, [CONV]))[0].title).toBe(c.title);
      const [t] = await q(`select app.conversation_title('Short one') as a, app.conversation_title('   ') as b, app.conversation_title(repeat('x', 80)) as c`);
      expect(t).toEqual({ a: 'Short one', b: null, c: 'x'.repeat(60) + '…' });
    });
  });

  it('deleting a message deletes its embeddings', async () => {
    await rolledBack(async () => {
      const [m] = await q(`insert into app.messages (conversation_id, user_id, role, content) values ($1, $2, 'user', 'lentils?') returning id`, [CONV, ASHA]);
      await insert('app.embeddings', { user_id: ASHA, source_kind: 'message', source_id: m.id, content: 'lentils?', embedding: vec(0.5), model: 'm' });
      await q(`delete from app.messages where id = $1`, [m.id]);
      expect(await q(`select id from app.embeddings where source_id = $1`, [m.id])).toEqual([]);
    });
  });

  it('refresh_daily_metrics recomputes one person-day in the person’s time zone, idempotently', async () => {
    await rolledBack(async () => {
      // Asha is in Asia/Kolkata (UTC+05:30): 2026-03-10 19:00Z is 2026-03-11 00:30 local.
      await insert('app.meal_logs', { user_id: ASHA, meal_time: '2026-03-10T19:00:00Z', meal_type: 'snack', nutrition_totals: '{"calories": 200, "fat_g": 10}' });
      await insert('app.meal_logs', { user_id: ASHA, meal_time: '2026-03-10T10:00:00Z', meal_type: 'dinner', nutrition_totals: '{"calories": 900}', is_deleted: true });
      await insert('app.api_usage', { user_id: ASHA, provider: 'openai', model: 'gpt', input_tokens: 100, output_tokens: 50, cost_usd: 0.002, created_at: '2026-03-10T20:00:00Z' });
      for (let i = 0; i < 2; i++) {
        await q(`select app_private.refresh_daily_metrics($1, '2026-03-10')`, [ASHA]);
        await q(`select app_private.refresh_daily_metrics($1, '2026-03-11')`, [ASHA]);
      }
      const days = await q(`select day::text, meal_count, calories::float8, protein_g::float8, fat_g::float8 from app.daily_nutrition where user_id = $1 order by day`, [ASHA]);
      expect(days).toEqual([
        { day: '2026-03-10', meal_count: 1, calories: 500, protein_g: 20, fat_g: 0 },
        { day: '2026-03-11', meal_count: 1, calories: 200, protein_g: 0, fat_g: 10 },
      ]);
      const cost = await q(`select day::text, provider, model, requests, input_tokens::int, cost_usd::float8 from app.daily_ai_cost where user_id = $1 and day = '2026-03-11'`, [ASHA]);
      expect(cost).toEqual([{ day: '2026-03-11', provider: 'openai', model: 'gpt', requests: 1, input_tokens: 100, cost_usd: 0.002 }]);
      await q(`select app_private.refresh_daily_metrics($1, '2026-03-12')`, [ASHA]);
      expect(await q(`select * from app.daily_nutrition where user_id = $1 and day = '2026-03-12'`, [ASHA])).toEqual([]);
    });
  });

  it('semver_sort_key orders by Semantic Versioning precedence', async () => {
    const ordered = ['0.9.99', '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.9.0', '1.10.0', '2.0.0'];
    const shuffled = [...ordered].reverse();
    const rows = await q<{ v: string }>(`select v from unnest($1::text[]) v order by app.semver_sort_key(v)`, [shuffled]);
    expect(rows.map((r) => r.v)).toEqual(ordered);
    const [eq] = await q(`select app.semver_sort_key('1.0.0+build.7') = app.semver_sort_key('1.0.0') as same, app.semver_sort_key('1.2') is null as invalid`);
    expect(eq).toEqual({ same: true, invalid: true });
  });

  it('a re-paired appliance keeps its history under the old owner', async () => {
    await rolledBack(async () => {
      await q(`update app.appliances set unpaired_at = now() where id = $1`, [APPLIANCE]);
      await insert('app.appliances', { user_id: BEN, device_id: 'EPIC-001', serial_number: 'SN-001' });
      const rows = await q(`select distinct user_id from app.cooking_sessions where appliance_id = $1`, [APPLIANCE]);
      expect(rows).toEqual([{ user_id: ASHA }]);
      const error = await attempt(`delete from app.appliances where id = $1`, [APPLIANCE]);
      expect(error?.constraint).toBe('cooking_sessions_appliance_id_user_id_fkey');
    });
  });

  it('deleting a person (the GDPR purge) leaves none of their rows; Better-Auth cannot delete them first', async () => {
    await rolledBack(async () => {
      const blocked = await attempt(`delete from auth."user" where id = 'auth-asha'`);
      expect(blocked?.constraint).toBe('users_auth_id_fkey');
      await q(`delete from app.users where id = $1`, [ASHA]);
      await q(`delete from auth."user" where id = 'auth-asha'`);
      // Every person table whose user_id references app.users: the cascade empties it. The global
      // keys' lookup tables cannot have that key (Citus: not co-located with app.users); the GDPR
      // purge deletes their rows through the catalogue (test/gdpr.test.ts, "purges the person from every table").
      const tables = await q<{ t: string; fk: boolean }>(
        `select c.oid::regclass::text as t,
                exists (select from pg_catalog.pg_constraint k where k.conrelid = c.oid and k.contype = 'f'
                          and k.confrelid = 'app.users'::regclass and k.conkey = array[a.attnum]) as fk
           from pg_catalog.pg_class c join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attname = 'user_id'
          where c.relnamespace = 'app'::regnamespace and c.relkind in ('r', 'p') and not c.relispartition`,
      );
      expect(tables.filter((t) => !t.fk).map((t) => t.t).sort()).toEqual(
        ['app.appliance_devices', 'app.appliance_serials', 'app.person_auth_ids', 'app.person_emails', 'app.push_token_owners'],
      );
      expect(tables.length).toBeGreaterThan(10);
      for (const { t } of tables.filter((x) => x.fk)) expect((await q(`select count(*)::int as n from ${t} where user_id = $1`, [ASHA]))[0].n, t).toBe(0);
      expect((await q(`select created_by from app.recipes where id = $1`, [RECIPE]))).toEqual([{ created_by: BEN }]);
    });
  });

  it('every user_id references app.users ON DELETE CASCADE (the purge rule)', async () => {
    const rows = await q(
      `select c.conrelid::regclass::text as t, c.confdeltype from pg_catalog.pg_constraint c
         join pg_catalog.pg_class r on r.oid = c.conrelid
        where c.contype = 'f' and c.confrelid = 'app.users'::regclass and not r.relispartition
          and c.conkey = array[(select attnum from pg_catalog.pg_attribute where attrelid = c.conrelid and attname = 'user_id')]::int2[]
          and c.confdeltype <> 'c'`,
    );
    expect(rows).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
describe('comments', () => {
  it('every table and column of app and auth has a COMMENT (partitions: the table only)', async () => {
    const missing = await q(
      `select c.oid::regclass::text || coalesce('.' || a.attname, '') as object
         from pg_catalog.pg_class c
         left join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and not c.relispartition
        where c.relnamespace in ('app'::regnamespace, 'auth'::regnamespace) and c.relkind in ('r', 'p')
          and ((a.attname is null and pg_catalog.obj_description(c.oid, 'pg_class') is null)
            or (a.attname is not null and pg_catalog.col_description(c.oid, a.attnum) is null))
       union all
       select c.oid::regclass::text from pg_catalog.pg_class c
        where c.relnamespace in ('app'::regnamespace, 'auth'::regnamespace) and c.relkind in ('r', 'p')
          and pg_catalog.obj_description(c.oid, 'pg_class') is null
        order by 1`,
    );
    expect(missing).toEqual([]);
  });

  it('every function of app, app_private and auth has a COMMENT', async () => {
    const missing = await q(
      `select p.oid::regprocedure::text as fn from pg_catalog.pg_proc p
        where p.pronamespace in ('app'::regnamespace, 'app_private'::regnamespace, 'auth'::regnamespace)
          and pg_catalog.obj_description(p.oid, 'pg_proc') is null`,
    );
    expect(missing).toEqual([]);
  });

  // What a DBA reads in \d+ and docs/schema.md: what each rule protects and which query uses an index.
  const SCHEMAS = `('app'::regnamespace, 'app_private'::regnamespace, 'auth'::regnamespace)`;

  it('every row-level security policy has a COMMENT', async () => {
    const missing = await q(
      `select pol.polrelid::regclass::text || ' ' || pol.polname as policy from pg_catalog.pg_policy pol
         join pg_catalog.pg_class c on c.oid = pol.polrelid
        where c.relnamespace in ${SCHEMAS} and pg_catalog.obj_description(pol.oid, 'pg_policy') is null order by 1`,
    );
    expect(missing).toEqual([]);
  });

  it('the policies app_private.enable_person_rls gives a partition created later have a COMMENT too', async () => {
    // A month with no partition (the migrations premade the current month and later ones): an event
    // there lands in DEFAULT, and maintenance creates the month's partition with its policies.
    const person = await createPerson(db().pool);
    const oven = await createAppliance(db().pool, person.id);
    await client.query(
      `insert into app.telemetry_events (appliance_id, user_id, event_type, payload, recorded_at)
       values ($1, $2, 'heartbeat', '{}', date_trunc('month', now() - interval '3 months') + interval '1 day')`,
      [oven.id, person.id],
    );
    await client.query(`select app.maintain_partitions()`);
    const created = await q(
      `select c.oid::regclass::text as part, count(pol.oid)::int as policies, count(pol.oid) filter (where pg_catalog.obj_description(pol.oid, 'pg_policy') is null)::int as uncommented
         from pg_catalog.pg_class c left join pg_catalog.pg_policy pol on pol.polrelid = c.oid
        where c.oid = pg_catalog.to_regclass('app.telemetry_events_' || to_char(now() - interval '3 months', 'YYYY_MM')) group by 1`,
    );
    expect(created).toHaveLength(1);
    expect(created[0]!.policies).toBeGreaterThan(0);
    expect(created[0]).toMatchObject({ uncommented: 0 });
  });

  it('every trigger has a COMMENT (clones on partitions follow their parent)', async () => {
    const missing = await q(
      `select t.tgrelid::regclass::text || ' ' || t.tgname as trigger from pg_catalog.pg_trigger t
         join pg_catalog.pg_class c on c.oid = t.tgrelid
        where c.relnamespace in ${SCHEMAS} and not t.tgisinternal and t.tgparentid = 0
          and pg_catalog.obj_description(t.oid, 'pg_trigger') is null order by 1`,
    );
    expect(missing).toEqual([]);
  });

  it('every index that backs no constraint has a COMMENT saying which query uses it (partition clones follow their parent)', async () => {
    const missing = await q(
      `select i.indexrelid::regclass::text as index from pg_catalog.pg_index i
         join pg_catalog.pg_class ic on ic.oid = i.indexrelid
        where ic.relnamespace in ${SCHEMAS} and not ic.relispartition
          and not exists (select from pg_catalog.pg_constraint k where k.conindid = i.indexrelid and k.conrelid = i.indrelid)
          and pg_catalog.obj_description(i.indexrelid, 'pg_class') is null order by 1`,
    );
    expect(missing).toEqual([]);
  });

  it('every constraint that is not obvious has a COMMENT (obvious: a primary key; a one-column foreign key, unique or CHECK with the default name <table>_<column>_fkey/_key/_check)', async () => {
    const missing = await q(
      `select k.conrelid::regclass::text || ' ' || k.conname as constraint
         from pg_catalog.pg_constraint k
         join pg_catalog.pg_class c on c.oid = k.conrelid
         cross join lateral (select pg_catalog.string_agg(a.attname, '_' order by u.ord) as cols
                               from unnest(k.conkey) with ordinality as u(attnum, ord)
                               join pg_catalog.pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum) as kc
        where c.relnamespace in ${SCHEMAS} and not c.relispartition and k.contype in ('c', 'f', 'u', 'x')
          and not (cardinality(k.conkey) = 1 and k.conname = c.relname || '_' || kc.cols || case k.contype when 'f' then '_fkey' when 'u' then '_key' when 'c' then '_check' end)
          and pg_catalog.obj_description(k.oid, 'pg_constraint') is null order by 1`,
    );
    expect(missing).toEqual([]);
  });
});
