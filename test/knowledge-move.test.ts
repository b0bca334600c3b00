// Issue 17: the knowledge base moved out of app.embeddings (rows with user_id NULL) into
// app.knowledge_embeddings (migration 000131). app.search_knowledge must return exactly what it
// returned before the move. Proven on a real upgrade: a scratch database is migrated up to the
// migrations of issue 17 (000119), filled the old way, searched; then migrated to the end and
// searched again with the same queries. The same upgrade backfills the global keys' lookup tables
// (000121-000123) from the rows already there. Native server only (the embedded engine is one database).
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate as gmMigrate } from 'graphile-migrate';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, migrateSettings } from '../src/db/migrate.ts';
import { engine, useTestDatabase } from './support/db.ts';

const db = useTestDatabase();
// The last migration before issue 17's lookup tables (000120) and the knowledge move (000131).
const LAST_BEFORE_MOVE = '000119';
const DIM = 1536;

const scratch = `kdb_knowledge_move_${process.pid}_${Date.now()}`;
let folder: string | undefined;

function urlOf(database: string): string {
  const u = new URL(db().url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** graphile-migrate over the committed migrations up to `last` (all when undefined), as the connecting superuser. */
async function migrateTo(url: string, last?: string): Promise<void> {
  folder ??= mkdtempSync(join(tmpdir(), 'kitchen-db-knowledge-move-'));
  const dir = join(folder, last ?? 'all');
  mkdirSync(join(dir, 'committed'), { recursive: true });
  writeFileSync(join(dir, 'current.sql'), '');
  for (const f of readdirSync(join(MIGRATIONS_FOLDER, 'committed'))) {
    if (f.endsWith('.sql') && (last === undefined || f.slice(0, 6) <= last)) copyFileSync(join(MIGRATIONS_FOLDER, 'committed', f), join(dir, 'committed', f));
  }
  try {
    await gmMigrate({ ...migrateSettings(url), migrationsFolder: dir });
  } finally {
    // graphile-migrate keeps a pool per connection string (as src/db/migrate.ts releases it).
    const pgReal = (await import('graphile-migrate/dist/pgReal.js')) as unknown as { clearAllPools?: () => void; default?: { clearAllPools?: () => void } };
    (pgReal.clearAllPools ?? pgReal.default?.clearAllPools)?.();
  }
}

/** A deterministic dense vector: distinct directions, so no two distances tie. */
function vector(i: number): string {
  return `[${Array.from({ length: DIM }, (_, d) => Math.sin(i * 1.7 + d * 0.013 * (1 + (i % 5))).toFixed(6)).join(',')}]`;
}

async function searches(client: pg.Client): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const [q, filter, limit] of [[3, null, 5], [40, null, 10], [41, { topic: 'rare' }, 3], [7, { topic: 'common' }, 20]] as const) {
    const { rows } = await client.query(
      `select id, content, distance, source_kind, source_id, chunk_index, metadata
         from app.search_knowledge($1::public.vector, 'kb-move', $2, $3::jsonb)`,
      [vector(q), limit, filter === null ? null : JSON.stringify(filter)],
    );
    out.push(rows);
  }
  return out;
}

afterAll(async () => {
  if (folder) rmSync(folder, { recursive: true, force: true });
  if (engine() !== 'embedded') {
    const root = new pg.Client({ connectionString: db().url });
    await root.connect();
    await root.query(`drop database if exists ${scratch} with (force)`);
    await root.end();
  }
});

describe('the knowledge base moves to app.knowledge_embeddings (migration 000131)', () => {
  it.skipIf(engine() === 'embedded')('search_knowledge returns the same rows, ids and distances before and after the move; people\'s chunks stay', async () => {
    const root = new pg.Client({ connectionString: db().url });
    await root.connect();
    await root.query(`create database ${scratch}`);
    await root.end();
    const url = urlOf(scratch);
    await migrateTo(url, LAST_BEFORE_MOVE);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // The old layout: knowledge rows are app.embeddings rows without a person.
      await client.query(
        `insert into app.embeddings (user_id, source_kind, source_id, chunk_index, content, embedding, model, metadata)
         select null, 'knowledge', case when g % 3 = 0 then null else gen_random_uuid() end, g % 4, 'doc ' || g,
                ($1::text[])[g]::public.vector, 'kb-move', jsonb_build_object('topic', case when g % 10 = 0 then 'rare' else 'common' end, 'g', g)
           from generate_series(1, 60) g`,
        [Array.from({ length: 60 }, (_, i) => vector(i + 1))],
      );
      await client.query(`insert into auth."user" (id, name, email) values ('auth-move', 'Mover', 'mover@example.test')`);
      const person = (await client.query(`insert into app.users (auth_id, email, name) values ('auth-move', 'mover@example.test', 'Mover') returning id`)).rows[0].id as string;
      const meal = (await client.query(`insert into app.meal_logs (user_id, meal_time, meal_type) values ($1, now(), 'lunch') returning id`, [person])).rows[0].id as string;
      await client.query(
        `insert into app.embeddings (user_id, source_kind, source_id, content, embedding, model) values ($1, 'meal_log', $2, 'my lunch', $3, 'kb-move')`,
        [person, meal, vector(3)],
      );
      await client.query(`insert into app.push_tokens (user_id, platform, token) values ($1, 'ios', 'tok-move')`, [person]);
      const appliances = (await client.query(
        `insert into app.appliances (user_id, device_id, serial_number, paired_at, unpaired_at)
         values ($1, 'EPIC-MOVE', 'SN-MOVE', now() - interval '2 days', now() - interval '1 day'),
                ($1, 'EPIC-MOVE', 'SN-MOVE', now() - interval '1 day', null)
         returning id, unpaired_at is null as current`, [person])).rows as { id: string; current: boolean }[];
      const before = await searches(client);
      const knowledgeIds = (await client.query(`select id from app.embeddings where user_id is null order by id`)).rows;

      await migrateTo(url);

      const after = await searches(client);
      expect(after).toEqual(before);
      expect((before[0] as unknown[]).length).toBe(5);
      expect((await client.query(`select id from app.knowledge_embeddings order by id`)).rows).toEqual(knowledgeIds);
      expect((await client.query(`select count(*)::int as n from app.embeddings`)).rows[0].n).toBe(1);
      expect((await client.query(`select content from app.embeddings where user_id = $1`, [person])).rows).toEqual([{ content: 'my lunch' }]);
      // The person's lookup rows were backfilled by the same upgrade (000121).
      expect((await client.query(`select email::text, user_id from app.person_emails`)).rows).toEqual([{ email: 'mover@example.test', user_id: person }]);
      expect((await client.query(`select auth_id, user_id from app.person_auth_ids`)).rows).toEqual([{ auth_id: 'auth-move', user_id: person }]);
      const token = (await client.query(`select id from app.push_tokens`)).rows[0].id as string;
      expect((await client.query(`select token_sha256 = sha256('tok-move'::bytea) as key, user_id, push_token_id from app.push_token_owners`)).rows).toEqual([{ key: true, user_id: person, push_token_id: token }]);
      const current = appliances.find((a) => a.current)!.id;
      expect((await client.query(`select device_id, appliance_id from app.appliance_devices`)).rows).toEqual([{ device_id: 'EPIC-MOVE', appliance_id: current }]);
      expect((await client.query(`select serial_number, appliance_id from app.appliance_serials`)).rows).toEqual([{ serial_number: 'SN-MOVE', appliance_id: current }]);
    } finally {
      await client.end();
    }
  });
});
