// Resolves the engine once for the whole run, builds a migrated template, prints the engine line
// first, and hands the template to every test file (test/support/db.ts).
//
// The run gets a temporary folder of its own (TMPDIR, inherited by the test processes and every
// process they start): whatever a test leaves there (GDPR exports are personal data) fails the run
// at teardown, named, and the folder is removed either way.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { withClient } from '../../src/db/migrate.ts';
import { prepareTestTemplate, type PreparedTemplate, type TestTemplate } from '../../src/testing.ts';
import { citusNodes, startCitusPool, type CitusPool } from './citus.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    kitchenTemplate: TestTemplate;
    /** TEST_CITUS=1: the run's pool of prepared Citus databases (test/support/citus.ts). */
    kitchenCitusPool: string;
  }
}

let template: PreparedTemplate | undefined;
let citusPool: CitusPool | undefined;
let runTmp: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  runTmp = mkdtempSync(join(tmpdir(), 'kitchen-db-run-'));
  process.env.TMPDIR = runTmp;
  const t0 = Date.now();
  if (process.env.TEST_CITUS === '1') {
    // Citus: no template (a Citus database cannot be copied); each file builds its own (test/support/citus.ts).
    const { coordinator, workers } = citusNodes();
    const version = await withClient(coordinator, 'TEST_DATABASE_URL', async (c) => (await c.query('show server_version')).rows[0].server_version as string);
    const line = `engine: Citus cluster, coordinator ${new URL(coordinator).host} + ${workers.length} workers (PostgreSQL ${version}; a fresh database per test file)`;
    console.log(line);
    project.provide('kitchenTemplate', { kind: 'server', line, version, serverUrl: coordinator });
    // The databases are built while the files run, as many as there are files, KITCHEN_DB_CITUS_AHEAD
    // of them (default 2) ready or being built at a time. Counting the files uses the run's file
    // filters (Vitest's filenamePattern, not public); without a count the pool builds on demand.
    let files: number | undefined;
    try {
      const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern ?? [];
      files = (await project.globTestFiles(filters)).testFiles.length || undefined;
    } catch {
      files = undefined;
    }
    citusPool = await startCitusPool({ files, ahead: Number(process.env.KITCHEN_DB_CITUS_AHEAD ?? 2), log: (l) => console.log(l) });
    project.provide('kitchenCitusPool', citusPool.run);
    return;
  }
  template = await prepareTestTemplate({ log: (line) => console.log(line) });
  console.log(`migrated template ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const { dispose: _dispose, ...data } = template;
  project.provide('kitchenTemplate', data);
}

export async function teardown(): Promise<void> {
  await template?.dispose();
  await citusPool?.stop();
  if (!runTmp) return;
  // Node's and npm's own caches (the CLI processes' compile cache) are not the tests' files.
  const left = readdirSync(runTmp).filter((f) => !/^(node-compile-cache|v8-compile-cache)/.test(f));
  rmSync(runTmp, { recursive: true, force: true });
  if (left.length) throw new Error(`the tests left files in their temporary folder (each test removes what it creates): ${left.join(', ')}`);
}
