// The main job (`npm start` = `kitchen-db demo`) end to end on the embedded engine, twice: the
// second run reuses the data folder and adds nothing; the tour's figures match the database.
// Runs the full-size demo (≈2–3 min on 2 cores), so it is in the slow suite (KITCHEN_DB_SLOW=1,
// which CI sets on its native run; the demo itself always uses the embedded engine here).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbedded } from '../src/db/embedded.ts';

const slow = process.env.KITCHEN_DB_SLOW === '1';
// Made only when the suite runs: a file whose tests are all skipped runs no afterAll.
const dataDir = slow ? mkdtempSync(join(tmpdir(), 'kitchen-db-demo-')) : '';

interface DemoReport {
  engine: string;
  migrations: number;
  load: { loaded: boolean; counts: Record<string, number> };
  jobs: { ok: boolean; queues: Record<string, { completed: number; failed: number; pending: number }> };
  tour: { title: string; ms: number; data: Record<string, unknown> }[];
}

function demo(): Promise<{ code: number | null; report: DemoReport; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, KITCHEN_DB_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, ['bin/kitchen-db.js', 'demo', '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      try {
        resolve({ code, report: JSON.parse(stdout) as DemoReport, stderr });
      } catch (error) {
        reject(new Error(`demo printed no JSON report (exit ${code}):\n${stderr}\n${stdout}`, { cause: error }));
      }
    });
  });
}

afterAll(() => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(!slow)('the main job (kitchen-db demo) on the embedded engine', () => {
  it('loads the demo once, runs every job, and tells the truth in its tour — twice', { timeout: 900_000 }, async () => {
    const first = await demo();
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/^engine: embedded PostgreSQL 18/m);
    expect(first.report.engine).toBe('embedded');
    expect(first.report.load.loaded).toBe(true);
    const c = first.report.load.counts;
    expect(c['app.users']).toBe(50);
    expect(c['app.meal_logs']).toBe(5000);
    expect(c['app.recipes']).toBe(200);
    expect(c['app.appliances']).toBe(20);
    expect(c['app.telemetry_events']).toBeGreaterThan(80_000);
    expect(first.report.jobs.ok).toBe(true);
    for (const q of ['telemetry.partitions', 'gdpr.purge-due', 'appliances.offline-sweep', 'push-tokens.cleanup']) {
      expect(first.report.jobs.queues[q]?.completed, q).toBe(1);
    }
    expect(first.report.jobs.queues['assistant.embed']!.completed).toBeGreaterThan(5000);

    const second = await demo();
    expect(second.code, second.stderr).toBe(0);
    expect(second.report.migrations).toBe(0);
    expect(second.report.load.loaded).toBe(false);
    expect(second.report.jobs.queues['assistant.embed']?.completed ?? 0).toBe(0);

    // The tour's figures against the database itself (the data folder, opened directly).
    const step = (prefix: string) => second.report.tour.find((s) => s.title.startsWith(prefix))!.data;
    const server = await startEmbedded({ dataDir });
    try {
      const q = async (sql: string, params: unknown[] = []) => (await server.db.query<Record<string, number>>(sql, params)).rows[0]!;
      const asha = (await server.db.query<{ id: string }>(`select id from app.users where auth_id = 'demo-001'`)).rows[0]!.id;
      const rls = step('Row-level security');
      expect(rls.totalMeals).toBe((await q('select count(*)::int as n from app.meal_logs')).n);
      expect(rls.personMeals).toBe((await q('select count(*)::int as n from app.meal_logs where user_id = $1', [asha])).n);
      expect(rls.totalMeals).toBe(5000); // nothing duplicated by the second run
      const search = step('Recipe search');
      expect(search.hits).toBeGreaterThan(0);
      for (const name of search.names as string[]) expect(name.toLowerCase()).toContain('paneer');
      const parts = step('Telemetry partitions');
      expect(parts.rows).toBe((await q('select count(*)::int as n from app.telemetry_events')).n);
      expect(parts.inDefault).toBe(0); // the partition job moved every row out of DEFAULT
      const exported = step('GDPR export');
      const lines = readFileSync(exported.file as string, 'utf8').trim().split('\n');
      expect(lines.length - 1).toBe(exported.rows); // a manifest line, then one line per row
      expect(JSON.parse(lines[0]!).manifest.user_id).toBe(asha);
      const embedded = (await q(`select count(*)::int as n from app.embeddings where user_id = $1`, [asha])).n;
      expect((exported.tables as Record<string, number>)['app.embeddings']).toBe(embedded);
      const sim = step('Similarity search');
      expect(sim.mine).toBe(3);
      expect(sim.knowledge).toBe(2);
      expect(step('Daily nutrition').days).toBe(7);
    } finally {
      await server.stop();
    }
    expect(existsSync(join(dataDir, 'exports'))).toBe(true);
  });
});
