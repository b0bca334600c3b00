// The engine resolver and the one-line errors of issue 2.
import { spawn } from 'node:child_process';
import { describe, expect, inject, it } from 'vitest';
import { startEmbedded } from '../src/db/embedded.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { chooseEngine, resolveDatabase, serverVersion } from '../src/db/resolve.ts';
import { ConnectionError, KitchenDbError } from '../src/db/errors.ts';
import { engine } from './support/db.ts';

const template = inject('kitchenTemplate');

function runCli(args: string[], env: Record<string, string | undefined>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/kitchen-db.js', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('chooseEngine (the decision, for every case)', () => {
  it('tests: TEST_DATABASE_URL first, then a Docker engine, then the embedded engine', () => {
    expect(chooseEngine('test', { TEST_DATABASE_URL: 'postgres://h/db' }, true)).toMatchObject({ kind: 'server', url: 'postgres://h/db', source: 'TEST_DATABASE_URL' });
    expect(chooseEngine('test', {}, true)).toMatchObject({ kind: 'docker' });
    expect(chooseEngine('test', {}, false)).toMatchObject({ kind: 'embedded' });
    expect(chooseEngine('test', { TEST_DATABASE_URL: '  ' }, false)).toMatchObject({ kind: 'embedded' });
    expect(chooseEngine('test', { KITCHEN_DB_ENGINE: 'embedded' }, true)).toMatchObject({ kind: 'embedded' });
  });

  it('tests ignore DATABASE_URL; the CLI and code generation use DATABASE_URL and never Docker', () => {
    expect(chooseEngine('test', { DATABASE_URL: 'postgres://prod/db' }, false)).toMatchObject({ kind: 'embedded' });
    expect(chooseEngine('cli', { DATABASE_URL: 'postgres://h/db', TEST_DATABASE_URL: 'postgres://t/db' }, true)).toMatchObject({ kind: 'server', source: 'DATABASE_URL' });
    expect(chooseEngine('cli', { TEST_DATABASE_URL: 'postgres://t/db' }, true)).toMatchObject({ kind: 'embedded' });
    expect(chooseEngine('generate', {}, true)).toMatchObject({ kind: 'embedded' });
  });
});

describe('resolveDatabase', () => {
  it('picks the server named by TEST_DATABASE_URL and says so in one line', async () => {
    if (!template.serverUrl) return expect(engine()).toBe('embedded');
    const lines: string[] = [];
    const db = await resolveDatabase({ purpose: 'test', env: { TEST_DATABASE_URL: template.serverUrl }, log: (l) => lines.push(l) });
    await db.close();
    expect(db.kind).toBe('server');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^engine: native PostgreSQL \d+\.\d+ at .* \(from TEST_DATABASE_URL\)$/);
  });

  it('picks the embedded engine when nothing else is configured, and says which version', async () => {
    const lines: string[] = [];
    const db = await resolveDatabase({ purpose: 'test', env: { KITCHEN_DB_ENGINE: 'embedded' }, log: (l) => lines.push(l) });
    try {
      expect(db.kind).toBe('embedded');
      expect(lines).toEqual([expect.stringMatching(/^engine: embedded PostgreSQL 18\.\d+ \(PGlite 0\.5\.\d+\), in memory, at 127\.0\.0\.1:\d+/)]);
      expect(await serverVersion(db.url, 'embedded', 'test')).toMatch(/^18\./);
    } finally {
      await db.close();
    }
  });
});

describe('one-line errors that say what is wrong and what to do', () => {
  it('a connection string that is not a URL', async () => {
    const error = await resolveDatabase({ purpose: 'cli', env: { DATABASE_URL: 'host=localhost dbname=kitchen' }, log: () => {} }).catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toMatch(/DATABASE_URL is not a URL: expected postgres:\/\/.* — fix DATABASE_URL, or unset it/);
    expect(error.message).not.toContain('\n');
  });

  it('a URL with the wrong scheme', async () => {
    const error = await resolveDatabase({ purpose: 'cli', env: { DATABASE_URL: 'mysql://u@h/db' }, log: () => {} }).catch((e) => e);
    expect(error.message).toMatch(/scheme "mysql:" but must start with postgres:\/\//);
  });

  it('a server that does not answer names the engine, the address and what to try', async () => {
    const error = await resolveDatabase({ purpose: 'cli', env: { DATABASE_URL: 'postgres://u@127.0.0.1:1/kitchen' }, log: () => {} }).catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toMatch(/^cannot connect to native PostgreSQL at 127\.0\.0\.1:1\/kitchen \(from DATABASE_URL\): .*ECONNREFUSED.* — is the server running/);
    expect(error.message).not.toContain('\n');
  });

  it.skipIf(engine() === 'embedded')('a role or database that does not exist (native server)', async () => {
    const url = new URL(template.serverUrl!);
    url.username = 'kitchen_no_such_role';
    const roleError = await resolveDatabase({ purpose: 'cli', env: { DATABASE_URL: url.toString() }, log: () => {} }).catch((e) => e);
    expect(roleError.message).toMatch(/role "kitchen_no_such_role" does not exist — that role does not exist or may not connect; create it/);
    const dbUrl = new URL(template.serverUrl!);
    dbUrl.pathname = '/kitchen_no_such_database';
    const dbError = await resolveDatabase({ purpose: 'cli', env: { DATABASE_URL: dbUrl.toString() }, log: () => {} }).catch((e) => e);
    expect(dbError.message).toMatch(/database "kitchen_no_such_database" does not exist — that database does not exist; create it/);
  });

  it('a server without pgvector', async () => {
    const bare = await startEmbedded({ withoutExtensions: true });
    try {
      const error = await migrateDatabase(bare.url).catch((e) => e);
      expect(error).toBeInstanceOf(KitchenDbError);
      expect(error.rule).toBe('pgvector');
      expect(error.message).toMatch(/has no pgvector extension — install it .*or unset DATABASE_URL to use the embedded engine/);
      expect(error.message).not.toContain('\n');
      // Nothing was migrated.
      const { rows } = await bare.db.query(`select count(*)::int as n from pg_namespace where nspname = 'app'`);
      expect(rows).toEqual([{ n: 0 }]);
    } finally {
      await bare.stop();
    }
  });

  it('the CLI prints one line and exits 3 for a connection problem, 2 for a usage error', async () => {
    const bad = await runCli(['status'], { DATABASE_URL: 'postgres://u@127.0.0.1:1/kitchen' });
    expect(bad.code).toBe(3);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^kitchen-db: cannot connect to native PostgreSQL at 127\.0\.0\.1:1\/kitchen/);
    const usage = await runCli(['no-such-command'], {});
    expect(usage.code).toBe(2);
  });
});
