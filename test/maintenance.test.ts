// Operations a DBA expects (issue 18): the worker reclaims the DEFAULT partition after moving rows
// out of it (a function cannot VACUUM), and the README's graphile-migrate status command works as written.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { JobContext } from '../src/jobs/context.ts';
import { runPartitionMaintenance } from '../src/jobs/partitions.ts';
import { engine, useTestDatabase } from './support/db.ts';
import { createPerson } from './support/fixtures.ts';
import { createAppliance, monthStart, suffix } from './support/telemetry.ts';

const db = useTestDatabase();

describe('telemetry.partitions', () => {
  it('VACUUMs the DEFAULT partition after moving rows out of it: its dead rows are reclaimed', async () => {
    const person = await createPerson(db().pool);
    const oven = await createAppliance(db().pool, person.id);
    // A month without a partition (the migrations premade the current month and later ones).
    const month = monthStart(-3);
    await db().pool.query(
      `insert into app.telemetry_events (appliance_id, user_id, event_type, payload, recorded_at)
       select $1, $2, 'temperature', jsonb_build_object('celsius', g), $3::timestamptz + make_interval(secs => g) from generate_series(1, 3000) g`,
      [oven.id, person.id, month],
    );
    const size = async () => (await db().pool.query<{ b: number }>(`select pg_relation_size('app.telemetry_events_default')::int as b`)).rows[0]!.b;
    expect(await size()).toBeGreaterThan(100_000);

    const ctx = { pool: db().pool, log: pino({ level: 'silent' }) } as unknown as JobContext;
    const output = await runPartitionMaintenance(ctx);
    expect(output).toMatchObject({ vacuumed: ['app.telemetry_events_default'], skipped: [] });
    const { rows } = await db().pool.query<{ part: string; n: number }>(
      `select tableoid::regclass::text as part, count(*)::int as n from app.telemetry_events where appliance_id = $1 group by 1`,
      [oven.id],
    );
    expect(rows).toEqual([{ part: `app.telemetry_events_${suffix(month)}`, n: 3000 }]);
    // The moved rows' dead versions are gone: VACUUM truncated the now empty pages.
    expect(await size()).toBe(0);

    // Nothing moved: nothing to vacuum.
    expect(await runPartitionMaintenance(ctx)).toMatchObject({ vacuumed: [], skipped: [] });
  });
});

describe('the README', () => {
  it.skipIf(engine() === 'embedded')('gives a `graphile-migrate status` command that works as written (native server)', async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const line = readme.split('\n').find((l) => /^DATABASE_URL=\S+ SHADOW_DATABASE_URL=\S+ npx graphile-migrate status$/.test(l));
    expect(line, 'the README line `DATABASE_URL=… SHADOW_DATABASE_URL=… npx graphile-migrate status`').toBeDefined();
    // The README's placeholders, filled in: postgres://…/kitchen is this test's database.
    const command = line!.replace('postgres://…/kitchen_shadow', `${db().url}_shadow`).replace('postgres://…/kitchen', db().url);
    const result = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn('bash', ['-c', command], {
        cwd: fileURLToPath(new URL('..', import.meta.url)),
        env: { ...process.env, DATABASE_URL: '', SHADOW_DATABASE_URL: '', ROOT_DATABASE_URL: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.on('close', (code) => resolve({ code, out }));
    });
    expect(result.out).toContain('Up to date');
    expect(result.code).toBe(0);
  });
});
