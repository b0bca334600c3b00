// The migration pipeline: committed migrations are well-formed, re-running is a no-op, and
// graphile-migrate's own `status` is clean after `migrate` (what a DBA runs).
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrateDatabase, MIGRATIONS_FOLDER, OWNER_ROLE, pendingMigrations } from '../src/db/migrate.ts';
import { engine, useTestDatabase } from './support/db.ts';

const db = useTestDatabase();
const committed = readdirSync(`${MIGRATIONS_FOLDER}/committed`).filter((f) => f.endsWith('.sql')).sort();

describe('committed migrations', () => {
  it.each(committed)('%s is safe to run on a live database (lock_timeout first) and LF-only', (file) => {
    const text = readFileSync(`${MIGRATIONS_FOLDER}/committed/${file}`, 'utf8');
    expect(text).not.toContain('\r');
    const body = text.split('\n').filter((l) => !l.startsWith('--') && l.trim() !== '');
    const first = body[0] === '--! no-transaction' ? body[1] : body[0];
    // A no-transaction migration holds a single statement (e.g. CREATE INDEX CONCURRENTLY).
    if (!text.includes('--! no-transaction')) expect(first).toMatch(/^set local lock_timeout = '\d+s';$/);
  });

  it('current.sql holds no work in progress on main', () => {
    const current = readFileSync(`${MIGRATIONS_FOLDER}/current.sql`, 'utf8');
    expect(current.split('\n').filter((l) => l.trim() && !l.trim().startsWith('--'))).toEqual([]);
  });

  it('a migrated database has nothing pending and migrating again applies nothing', async () => {
    expect(await pendingMigrations(db().url)).toEqual([]);
    const again = await migrateDatabase(db().url, { owner: OWNER_ROLE });
    expect(again).toEqual({ applied: [], rolesCreated: [] });
  });

  it.skipIf(engine() === 'embedded')('`npx graphile-migrate status` is clean after migrate (native server)', async () => {
    const base = new URL(db().url);
    const shadow = new URL(db().url);
    shadow.pathname = `${base.pathname}_shadow`; // status does not touch the shadow database
    const root = new URL(db().url);
    root.pathname = '/postgres';
    const result = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn('npx', ['graphile-migrate', 'status'], {
        env: { ...process.env, DATABASE_URL: base.toString(), SHADOW_DATABASE_URL: shadow.toString(), ROOT_DATABASE_URL: root.toString() },
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
