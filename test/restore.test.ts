// Restore under another owner (issue 14, high; docs/operations.md). A database migrated by one
// non-superuser login, dumped, and restored with `pg_restore --no-owner` by ANOTHER non-superuser
// login (what a DBA does on a managed server) must keep working: the owner_access policies name the
// stable role kitchen_owner, and the restoring login is a member of it. A restoring login that is
// not a member gets a loud error from the functions, not empty answers. Native server only: it runs
// the server's own pg_dump / pg_restore and needs logins of its own.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { asAdmin, asCompliance, asWorker } from '../src/db/context.ts';
import { migrateDatabase, OWNER_ROLE, withClient } from '../src/db/migrate.ts';
import { createPool } from '../src/db/pool.ts';
import { engine } from './support/db.ts';
import { createPerson, type Person } from './support/fixtures.ts';
import { buildPersonData } from './support/person-data.ts';

const run = promisify(execFile);
const serverOnly = engine() !== 'server';
const suffix = randomBytes(3).toString('hex');
const names = {
  migrator: `kdb_migrator_${suffix}`,
  restorer: `kdb_restorer_${suffix}`,
  stranger: `kdb_stranger_${suffix}`,
  source: `kdb_restore_src_${suffix}`,
  copy: `kdb_restore_copy_${suffix}`,
  strangerCopy: `kdb_restore_stranger_${suffix}`,
};

function urlFor(base: string, database: string, user?: string): string {
  const u = new URL(base);
  u.pathname = `/${database}`;
  if (user) u.username = user;
  return u.toString();
}

/**
 * pg_restore's error lines, without the ones a restore by another non-superuser login always has:
 * COMMENT ON EXTENSION of the extensions a superuser created beforehand, and ALTER DEFAULT
 * PRIVILEGES FOR ROLE <the old login> (kitchen-db migrate re-states them for the new owner).
 */
function unexpectedErrors(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((l) => /error:/i.test(l))
    .filter((l) => !/must be owner of extension (vector|citext)$/.test(l) && !l.includes(`must be member of role "${names.migrator}"`));
}

describe.skipIf(serverOnly)('restore under another owner (pg_dump, pg_restore --no-owner as a different non-superuser login)', () => {
  const root = serverOnly ? '' : inject('kitchenTemplate').serverUrl!;
  let bin = '';
  let dir = '';
  let person: Person;
  const pools: pg.Pool[] = [];
  const admin = <T>(fn: (c: pg.Client) => Promise<T>, database = 'postgres') => withClient(urlFor(root, database), 'the test server', fn);

  /** A new database owned by `owner` with the extensions a non-superuser cannot create. */
  async function createDatabase(name: string, owner: string): Promise<void> {
    await admin((c) => c.query(`create database ${name} owner ${owner}`));
    await admin(async (c) => {
      await c.query('create extension if not exists vector with schema public');
      await c.query('create extension if not exists citext with schema public');
    }, name);
  }

  async function restoreAs(login: string, database: string): Promise<string[]> {
    await createDatabase(database, login);
    const result = await run(`${bin}/pg_restore`, ['--no-owner', '--dbname', urlFor(root, database, login), join(dir, 'kitchen.dump')]).then(
      (r) => r.stderr,
      (e: { stderr?: string }) => e.stderr ?? String(e),
    );
    return unexpectedErrors(result);
  }

  beforeAll(async () => {
    const major = await admin(async (c) => Math.floor(Number((await c.query(`select current_setting('server_version_num') as v`)).rows[0].v) / 10000));
    bin = `/usr/lib/postgresql/${major}/bin`;
    if (!existsSync(`${bin}/pg_dump`)) throw new Error(`no pg_dump ${major} at ${bin} (the server's own client binaries are needed)`);
    dir = mkdtempSync(join(tmpdir(), 'kitchen-db-restore-'));
    await admin(async (c) => {
      // Logins as on a managed server: none is a superuser. The migration login is a member of the
      // stable owner role (docs/operations.md), and so is the login that restores; the stranger is not.
      await c.query(`create role ${names.migrator} login`);
      await c.query(`create role ${names.restorer} login`);
      await c.query(`create role ${names.stranger} login`);
      await c.query(`grant ${OWNER_ROLE} to ${names.migrator}, ${names.restorer}`);
    });
    await createDatabase(names.source, names.migrator);
    await migrateDatabase(urlFor(root, names.source, names.migrator), { rootUrl: root });
    const source = await createPool(urlFor(root, names.source), { max: 2 });
    pools.push(source);
    person = await createPerson(source);
    await buildPersonData(source, person);
    await run(`${bin}/pg_dump`, ['--format=custom', '--file', join(dir, 'kitchen.dump'), urlFor(root, names.source)]);
  }, 180_000);

  afterAll(async () => {
    for (const p of pools) await p.end().catch(() => {});
    if (!root) return;
    await admin(async (c) => {
      for (const d of [names.source, names.copy, names.strangerCopy]) await c.query(`drop database if exists ${d} with (force)`);
      for (const r of [names.migrator, names.restorer, names.stranger]) {
        await c.query(`drop role if exists ${r}`).catch(() => {});
      }
    });
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('restored by another member of kitchen_owner: the GDPR functions find, export and purge the person, and partition maintenance runs', async () => {
    expect(await restoreAs(names.restorer, names.copy)).toEqual([]);
    // What the runbook says to run after a restore: kitchen-db migrate as the new owner. Nothing is
    // pending; it takes TEMPORARY away from PUBLIC again (a new database starts with it).
    const migrated = await migrateDatabase(urlFor(root, names.copy, names.restorer));
    expect(migrated.applied).toEqual([]);
    const defaults = await withClient(urlFor(root, names.copy), 'the test server', (c) =>
      c.query(`select pg_catalog.pg_get_userbyid(defaclrole) as role, defaclobjtype as type, defaclacl::text[] as acl from pg_catalog.pg_default_acl`));
    expect(defaults.rows).toContainEqual({ role: names.restorer, type: 'f', acl: [`${names.restorer}=X/${names.restorer}`] });
    const pool = await createPool(urlFor(root, names.copy), { max: 2 });
    pools.push(pool);
    const owners = await pool.query(`select distinct pg_catalog.pg_get_userbyid(relowner) as owner from pg_catalog.pg_class where relnamespace = 'app'::regnamespace`);
    expect(owners.rows).toEqual([{ owner: names.restorer }]);
    expect((await pool.query(`select pg_catalog.has_database_privilege('app_user', current_database(), 'TEMPORARY') as t`)).rows[0].t).toBe(false);

    const summary = await asCompliance(pool, (c) => c.query(`select app.gdpr_user_summary($1, 'inspect') as s`, [person.id]));
    expect(summary.rows[0].s.found).toBe(true);
    const exported = await asCompliance(pool, (c) => c.query(`select app.export_user_data($1) as e`, [person.id]));
    expect(JSON.stringify(exported.rows[0].e)).toContain(person.email);
    const purged = await asCompliance(pool, (c) => c.query(`select app.purge_user($1) as p`, [person.id]));
    expect(purged.rows[0].p.found).toBe(true);
    expect(purged.rows[0].p.total_rows).toBeGreaterThan(10);
    const left = await pool.query(`select (select count(*)::int from app.meal_logs where user_id = $1) + (select count(*)::int from app.users where id = $1) as n`, [person.id]);
    expect(left.rows[0].n).toBe(0);

    const maintained = await asWorker(pool, (c) => c.query(`select app.maintain_partitions() as m`));
    expect(maintained.rows[0].m).toBeTruthy();
    const report = await asAdmin(pool, (c) => c.query(`select * from app.partition_report(true)`));
    expect(report.rows.length).toBeGreaterThan(1);
  });

  it('restored by a login that is not a member of kitchen_owner: the functions fail loudly, naming the role and the runbook', async () => {
    expect(await restoreAs(names.stranger, names.strangerCopy)).toEqual([]);
    const pool = await createPool(urlFor(root, names.strangerCopy), { max: 2 });
    pools.push(pool);
    const error = await asCompliance(pool, (c) => c.query(`select app.gdpr_user_summary($1, 'inspect') as s`, [person.id])).catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toContain(`${names.stranger} owns the SECURITY DEFINER functions but is not a member of kitchen_owner`);
    expect(error.cause?.hint ?? error.hint ?? '').toMatch(/grant kitchen_owner to .*docs\/operations\.md/);
    const maintenance = await asWorker(pool, (c) => c.query(`select app.maintain_partitions() as m`)).catch((e) => e);
    expect(maintenance.message).toContain('not a member of kitchen_owner');
  });
});
