// A person with data in every table that can hold data about them — for GDPR tests and benchmarks,
// and for any suite that needs "a person who has used everything".
//
// BUILDERS has one entry per table of the GDPR catalog (app_private.gdpr_tables(), keyed by the
// export's table name): every app table with a user_id column (partitioned tables by their parent),
// app.users, tables that only reference the person (app.recipes(created_by)), and the auth tables.
// A table added next year makes `missingBuilders()` name it, and test/gdpr.test.ts fails until a
// builder is added here. Rows are written as the superuser (the test pool bypasses row-level
// security), so fixtures never depend on the access layer under test.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Person } from './fixtures.ts';

type Queryable = Pick<pg.Pool, 'query'>;

export interface BuildContext {
  pool: Queryable;
  person: Person;
  /** A published recipe that cooking sessions may refer to (shared, not the person's). */
  recipeId: string;
  /** An appliance pairing of the person (created on first use). */
  appliance(): Promise<string>;
}

type Builder = (ctx: BuildContext) => Promise<void>;

let seq = 0;
const next = () => ++seq;

/** A pgvector literal with `dims` dimensions. */
export const vectorLiteral = (dims: number, seed = 1) =>
  `[${Array.from({ length: dims }, (_, i) => (((i + seed) % 7) + 1) / 100).join(',')}]`;

/** A distinct day (YYYY-MM-DD) for the n-th call, for tables keyed on (user_id, day). */
function day(n: number): string {
  return new Date(Date.UTC(2020, 0, 1) + (n % 3000) * 86_400_000).toISOString().slice(0, 10);
}

async function one(q: Queryable, sql: string, params: unknown[]): Promise<Record<string, unknown>> {
  const { rows } = await q.query(sql, params);
  return rows[0] as Record<string, unknown>;
}

export async function createRecipe(q: Queryable, createdBy: string | null = null): Promise<string> {
  const row = await one(
    q,
    `insert into app.recipes (name, category, recipe_data, difficulty, time_minutes, is_published, created_by)
     values ($1, 'curry', $2, 'easy', 30, true, $3) returning id`,
    [`Dal ${next()}`, JSON.stringify({ stages: [{ name: 'simmer', temp_target: 95, duration_seconds: 600 }] }), createdBy],
  );
  return row.id as string;
}

export const BUILDERS: Record<string, Builder> = {
  // createPerson made the app.users and auth."user" rows.
  'app.users': async () => {},
  'auth.user': async () => {},

  'app.user_preferences': async ({ pool, person }) => {
    await pool.query(`insert into app.user_preferences (user_id, diet, spice_level, allergens) values ($1, 'vegetarian', 4, '{peanut}')`, [person.id]);
  },
  'app.user_goals': async ({ pool, person }) => {
    await pool.query(`insert into app.user_goals (user_id, goal_type, target_calories, is_active) values ($1, 'maintain', 2000, false), ($1, 'lose_weight', 1800, true)`, [person.id]);
  },
  'app.push_tokens': async ({ pool, person }) => {
    // The token row and its lookup row (app.register_push_token writes both).
    await pool.query(
      `with t as (insert into app.push_tokens (user_id, platform, token) values ($1, 'ios', $2) returning id)
       insert into app.push_token_owners (token_sha256, user_id, push_token_id) select sha256(convert_to($2, 'UTF8')), $1, id from t`,
      [person.id, `apns-${randomUUID()}`],
    );
  },
  // The global keys' lookup tables (issue 17): createPerson claims the e-mail and the auth id; the
  // push-token and appliance builders write the others with their rows.
  'app.person_emails': async () => {},
  'app.person_auth_ids': async () => {},
  'app.push_token_owners': async ({ pool, person }) => {
    const { rows } = await pool.query(`select 1 from app.push_token_owners where user_id = $1`, [person.id]);
    if (rows.length === 0) await BUILDERS['app.push_tokens']!({ pool, person } as BuildContext);
  },
  'app.appliance_devices': async ({ appliance }) => {
    await appliance();
  },
  'app.appliance_serials': async ({ appliance }) => {
    await appliance();
  },
  'app.meal_logs': async ({ pool, person }) => {
    // One kept, one soft-deleted: exports include both.
    await pool.query(
      `insert into app.meal_logs (user_id, meal_time, meal_type, nutrition_totals, notes)
       values ($1, now() - interval '2 hours', 'lunch', '{"calories": 520, "protein_g": 20}', 'dal and rice'),
              ($1, now() - interval '1 day', 'snack', '{"calories": 150}', 'biscuits')`,
      [person.id],
    );
    await pool.query(`update app.meal_logs set is_deleted = true where user_id = $1 and meal_type = 'snack'`, [person.id]);
  },
  'app.meal_foods': async ({ pool, person }) => {
    const meal = await one(pool, `insert into app.meal_logs (user_id, meal_time, meal_type) values ($1, now() - interval '3 hours', 'dinner') returning id`, [person.id]);
    await pool.query(
      `insert into app.meal_foods (meal_log_id, user_id, name, quantity, unit, nutrition) values ($1, $2, 'Dal', 1, 'bowl', '{"calories": 250}'), ($1, $2, 'Rice', 150, 'g', '{"calories": 200}')`,
      [meal.id, person.id],
    );
  },
  'app.conversations': async ({ pool, person }) => {
    await pool.query(`insert into app.conversations (user_id, title) values ($1, $2)`, [person.id, `Chat ${next()}`]);
  },
  'app.messages': async ({ pool, person }) => {
    const c = await one(pool, `insert into app.conversations (user_id) values ($1) returning id`, [person.id]);
    await pool.query(
      `insert into app.messages (conversation_id, user_id, role, content) values ($1, $2, 'user', 'How much protein is in dal?'), ($1, $2, 'assistant', 'About 9 g per 100 g.')`,
      [c.id, person.id],
    );
  },
  'app.embeddings': async ({ pool, person }) => {
    // The source must be a meal log of the same person (trigger embeddings_check_source_*).
    const meal = await one(pool, `insert into app.meal_logs (user_id, meal_time, meal_type) values ($1, now(), 'lunch') returning id`, [person.id]);
    await pool.query(
      `insert into app.embeddings (user_id, source_kind, source_id, content, embedding, model) values ($1, 'meal_log', $2, 'lunch: dal and rice', $3, 'test-embedding')`,
      [person.id, meal.id, vectorLiteral(1536, next())],
    );
  },
  'app.job_outbox': async ({ pool, person }) => {
    await pool.query(
      `insert into app.job_outbox (user_id, queue, data, singleton_key) values ($1, 'metrics.rollup', jsonb_build_object('userId', $1::uuid, 'rebuild', true), 'metrics:' || $1 || ':all')`,
      [person.id],
    );
  },
  'app.api_usage': async ({ pool, person }) => {
    await pool.query(
      `insert into app.api_usage (user_id, provider, model, input_tokens, output_tokens, cost_usd, feature) values ($1, 'openai', 'gpt-test', 12, 34, 0.001, 'chat')`,
      [person.id],
    );
  },
  'app.daily_nutrition': async ({ pool, person }) => {
    await pool.query(`insert into app.daily_nutrition (user_id, day, meal_count, calories) values ($1, $2, 2, 1500)`, [person.id, day(next())]);
  },
  'app.daily_ai_cost': async ({ pool, person }) => {
    await pool.query(
      `insert into app.daily_ai_cost (user_id, day, provider, model, requests, input_tokens, output_tokens, cost_usd) values ($1, $2, 'openai', 'gpt-test', 3, 100, 200, 0.01)`,
      [person.id, day(next())],
    );
  },
  'app.appliances': async ({ appliance }) => {
    await appliance();
  },
  'app.cooking_sessions': async ({ pool, person, recipeId, appliance }) => {
    await pool.query(
      `insert into app.cooking_sessions (user_id, appliance_id, recipe_id, status, user_rating, completed_at, started_at) values ($1, $2, $3, 'completed', 5, now(), now() - interval '40 minutes')`,
      [person.id, await appliance(), recipeId],
    );
  },
  'app.telemetry_events': async ({ pool, person, recipeId, appliance }) => {
    const applianceId = await appliance();
    const session = await one(
      pool,
      `insert into app.cooking_sessions (user_id, appliance_id, recipe_id, status) values ($1, $2, $3, 'cooking') returning id`,
      [person.id, applianceId, recipeId],
    );
    // Rows in several partitions: this month's, next month's (premade), and the DEFAULT one (2001).
    await pool.query(
      `insert into app.telemetry_events (appliance_id, session_id, user_id, event_type, payload, recorded_at) values
         ($1, $2, $3, 'temperature', '{"celsius": 92.5}', now()),
         ($1, null, $3, 'heartbeat', '{}', date_trunc('month', now()) + interval '1 month 2 days'),
         ($1, null, $3, 'status', '{"status": "offline"}', '2001-01-15T00:00:00Z')`,
      [applianceId, session.id, person.id],
    );
  },
  'app.recipes(created_by)': async ({ pool, person }) => {
    await createRecipe(pool, person.id);
  },
  'auth.session': async ({ pool, person }) => {
    await pool.query(
      `insert into auth.session (id, "expiresAt", token, "ipAddress", "userAgent", "userId") values ($1, now() + interval '7 days', $2, '203.0.113.7', 'MealPal/1.0', $3)`,
      [`sess_${randomUUID()}`, `secret-session-token-${randomUUID()}`, person.authId],
    );
  },
  'auth.account': async ({ pool, person }) => {
    await pool.query(
      `insert into auth.account (id, "accountId", "providerId", "userId", password) values ($1, $2, 'credential', $2, 'scrypt$secret-password-hash')`,
      [`acc_${randomUUID()}`, person.authId],
    );
    await pool.query(
      `insert into auth.account (id, "accountId", "providerId", "userId", "accessToken", "refreshToken", "idToken", scope)
       values ($1, $2, 'google', $3, 'secret-access-token', 'secret-refresh-token', 'secret-id-token', 'openid email')`,
      [`acc_${randomUUID()}`, `google-${next()}`, person.authId],
    );
  },
  'auth.twoFactor': async ({ pool, person }) => {
    await pool.query(`insert into auth."twoFactor" (id, secret, "backupCodes", "userId") values ($1, 'secret-totp', 'secret-backup-codes', $2)`, [
      `tf_${randomUUID()}`,
      person.authId,
    ]);
  },
  'auth.verification': async ({ pool, person }) => {
    // The shapes Better-Auth writes: the address itself, an e-mail OTP, a password-reset token whose
    // value is the user id, a magic link whose value is JSON with the address.
    await pool.query(
      `insert into auth.verification (id, identifier, value, "expiresAt") values
         ($1, $5, 'secret-code-1', now() + interval '1 hour'),
         ($2, 'sign-in-otp-' || $5, 'secret-otp:0', now() + interval '1 hour'),
         ($3, 'reset-password:' || $6, $7, now() + interval '1 hour'),
         ($4, 'magic-' || $6, $8, now() + interval '1 hour')`,
      [
        `ver_${randomUUID()}`,
        `ver_${randomUUID()}`,
        `ver_${randomUUID()}`,
        `ver_${randomUUID()}`,
        person.email,
        randomUUID(),
        person.authId,
        JSON.stringify({ email: person.email, name: person.name }),
      ],
    );
  },
};

/** Catalog tables without a builder (a new table must get one in BUILDERS). */
export function missingBuilders(tables: string[]): string[] {
  return tables.filter((t) => !(t in BUILDERS));
}

/** The export names of every table of the GDPR catalog. */
export async function catalogTables(pool: Queryable): Promise<string[]> {
  const { rows } = await pool.query<{ name: string }>(`select name from app_private.gdpr_tables() order by export_rank`);
  return rows.map((r) => r.name);
}

/**
 * Gives `person` rows in every table of the GDPR catalog (at least one each; several in some).
 * Throws, naming them, when tables have no builder.
 */
export async function buildPersonData(pool: Queryable, person: Person): Promise<void> {
  const tables = await catalogTables(pool);
  const missing = missingBuilders(tables);
  if (missing.length) throw new Error(`no fixture builder for ${missing.join(', ')}: add one to BUILDERS in test/support/person-data.ts`);
  const recipeId = await createRecipe(pool);
  let applianceId: string | undefined;
  const ctx: BuildContext = {
    pool,
    person,
    recipeId,
    appliance: async () => {
      if (!applianceId) {
        const n = next();
        // The current pairing and the lookup rows that own its device id and serial (app.pair_appliance writes both).
        const row = await one(
          pool,
          `with a as (insert into app.appliances (user_id, device_id, serial_number, pairing_code, wifi_mac) values ($1, $2, $3, 'AB12CD', '00:11:22:33:44:55') returning id),
                d as (insert into app.appliance_devices (device_id, user_id, appliance_id) select $2, $1, id from a),
                s as (insert into app.appliance_serials (serial_number, user_id, appliance_id) select $3, $1, id from a)
           select id from a`,
          [person.id, `dev-${n}-${randomUUID()}`, `SN-${n}-${randomUUID()}`],
        );
        applianceId = row.id as string;
      }
      return applianceId;
    },
  };
  for (const table of tables) await BUILDERS[table]!(ctx);
}
