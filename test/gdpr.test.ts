// GDPR (issue 7): export, purge, deletion requests, audit, the compliance CLI.
//
// Catalog-driven: the tables are read from pg_catalog, not listed here. Every table that can hold a
// person's data gets rows for several people (test/support/person-data.ts has a builder per table
// and fails for a table without one); the export must contain every one of the person's rows, the
// purge must leave none of them in any table or partition, and everybody else's rows must come
// through byte for byte (counted and checksummed before and after).
import { createHmac, randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction, withUser } from '../src/db/context.ts';
import type { GdprExport, GdprManifest, PurgeResult } from '../src/areas/gdpr/gdpr.ts';
import { streamUserTable, type PersonKeyKind } from '../src/areas/gdpr/gdpr.ts';
import { CITUS } from './support/citus.ts';
import { engine, useTestDatabase } from './support/db.ts';
import { createPerson, type Person } from './support/fixtures.ts';
import { buildPersonData, catalogTables, missingBuilders } from './support/person-data.ts';

const db = useTestDatabase();
const BIN = fileURLToPath(new URL('../bin/kitchen-db.js', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));

// ---------------------------------------------------------------------------------------------
// Independent views of the catalog (not app_private.gdpr_tables(), which is under test)
// ---------------------------------------------------------------------------------------------

interface Relation {
  /** Qualified, quoted name for SQL. */
  sql: string;
  /** The column that names the person, and how. */
  where: string;
}

/** The person's keys as a one-row relation `p` (id, auth, email) for the conditions below. */
const PERSON_KEYS = `(select $1::uuid as id, $2::text as auth, $3::text as email) as p`;

/**
 * Every relation that stores rows (plain tables and partitions: relkind 'r') anywhere outside the
 * system schemas, with the condition selecting a person's rows in it: user_id = id, "userId" = auth
 * id, app.users by id, auth."user" by id, auth.verification by what Better-Auth writes there.
 */
async function storedRelations(pool: pg.Pool): Promise<Relation[]> {
  const { rows } = await pool.query<{ sql: string; schema: string; name: string; has_user_id: boolean; has_auth_user_id: boolean }>(
    `select c.oid::regclass::text as sql, n.nspname as schema, c.relname as name,
            exists (select from pg_attribute a where a.attrelid = c.oid and a.attname = 'user_id' and not a.attisdropped) as has_user_id,
            exists (select from pg_attribute a where a.attrelid = c.oid and a.attname = 'userId' and not a.attisdropped) as has_auth_user_id
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind = 'r' and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
      order by 1`,
  );
  const out: Relation[] = [];
  for (const r of rows) {
    if (r.has_user_id) out.push({ sql: r.sql, where: 't.user_id = p.id' });
    else if (r.has_auth_user_id) out.push({ sql: r.sql, where: 't."userId" = p.auth' });
    else if (r.sql === 'app.users') out.push({ sql: r.sql, where: 't.id = p.id' });
    else if (r.sql === 'auth."user"') out.push({ sql: r.sql, where: 't.id = p.auth' });
    else if (r.sql === 'auth.verification') {
      out.push({ sql: r.sql, where: `(t.identifier in (p.email, 'sign-in-otp-' || p.email) or t.value = p.auth or t.value like '%"email":"' || p.email || '"%')` });
    } else if (r.sql === 'app.recipes') out.push({ sql: r.sql, where: 't.created_by = p.id' });
  }
  return out;
}

type Snapshot = Map<string, { count: number; checksum: string | null }>;

/** Count and md5 of the person's rows in every stored relation (partitions one by one). */
async function snapshot(pool: pg.Pool, person: Person): Promise<Snapshot> {
  const out: Snapshot = new Map();
  for (const rel of await storedRelations(pool)) {
    const { rows } = await pool.query<{ count: number; checksum: string | null }>(
      `select count(*)::int as count, md5(string_agg(t::text, '|' order by t::text)) as checksum from only ${rel.sql} as t, ${PERSON_KEYS} where ${rel.where}`,
      [person.id, person.authId, person.email],
    );
    out.set(rel.sql, rows[0]!);
  }
  return out;
}

const nonEmpty = (s: Snapshot) => [...s].filter(([, v]) => v.count > 0).map(([k]) => k);
const total = (s: Snapshot) => [...s.values()].reduce((a, v) => a + v.count, 0);

/** Rows of a relation that belong to nobody in `people` (the shared data: recipes, knowledge base …). */
async function othersChecksums(pool: pg.Pool, exclude: Person): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (const rel of await storedRelations(pool)) {
    if (rel.sql === 'app.recipes') continue; // created_by of the purged person's recipe becomes NULL, by design
    const { rows } = await pool.query<{ checksum: string | null }>(
      `select md5(string_agg(t::text, '|' order by t::text)) as checksum from only ${rel.sql} as t, ${PERSON_KEYS} where not coalesce(${rel.where}, false)`,
      [exclude.id, exclude.authId, exclude.email],
    );
    out.set(rel.sql, rows[0]!.checksum);
  }
  return out;
}

async function auditCount(pool: pg.Pool, action?: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `select count(*)::int as n from app_private.gdpr_audit where $1::text is null or action = $1`,
    [action ?? null],
  );
  return rows[0]!.n;
}

async function subjectOf(pool: pg.Pool, id: string): Promise<string> {
  const { rows } = await pool.query<{ s: string }>(`select app_private.gdpr_subject($1) as s`, [id]);
  return rows[0]!.s;
}

/** Runs `sql` as `role` in a transaction that is rolled back; the SQLSTATE or 'ok'. */
async function attemptAs(role: string, sql: string, params: unknown[] = [], userId?: string): Promise<string> {
  const client = await db().pool.connect();
  try {
    await client.query('begin');
    await client.query(`set local role ${role}`);
    if (userId) await client.query(`select set_config('app.user_id', $1, true)`, [userId]);
    await client.query(sql, params);
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? 'error';
  } finally {
    await client.query('rollback').catch(() => {});
    client.release();
  }
}

async function personWithData(): Promise<Person> {
  const person = await createPerson(db().pool);
  await buildPersonData(db().pool, person);
  return person;
}

const exportOf = (id: string) => db().kdb.asCompliance((c) => c.gdpr.exportUserData(id), { isolation: 'repeatable read' });
const purge = (id: string) => db().kdb.asCompliance((c) => c.gdpr.purgeUser(id));

// ---------------------------------------------------------------------------------------------

describe('the catalog of person data', () => {
  it('lists every app table with user_id (parents, not partitions), app.users, tables referencing app.users, and the auth tables', async () => {
    const tables = await catalogTables(db().pool);
    const { rows } = await db().pool.query<{ name: string }>(
      `select n.nspname || '.' || c.relname as name
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p') and not c.relispartition
          and ((n.nspname = 'app' and exists (select from pg_attribute a where a.attrelid = c.oid and a.attname = 'user_id' and not a.attisdropped))
               or (n.nspname = 'app' and c.relname = 'users')
               or (n.nspname = 'auth' and c.relname <> 'jwks'))`,
    );
    for (const r of rows) expect(tables, `${r.name} is missing from app_private.gdpr_tables()`).toContain(r.name);
    // Every foreign key to app.users is covered: as a person table (user_id) or as a reference.
    const { rows: fks } = await db().pool.query<{ rel: string; col: string }>(
      `select n.nspname || '.' || c.relname as rel, a.attname as col
         from pg_constraint con join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace
         join pg_attribute a on a.attrelid = con.conrelid and a.attnum = con.conkey[1]
        where con.contype = 'f' and con.confrelid = 'app.users'::regclass and not c.relispartition`,
    );
    for (const fk of fks) expect(tables).toContain(fk.col === 'user_id' ? fk.rel : `${fk.rel}(${fk.col})`);
    expect(tables).not.toContain('auth.jwks');
    expect(tables.filter((t) => /_\d{4}_\d{2}$|_default$/.test(t))).toEqual([]);
  });

  it('has a fixture builder for every table of the catalog (a new person table needs one in test/support/person-data.ts)', async () => {
    expect(missingBuilders(await catalogTables(db().pool))).toEqual([]);
  });

  it('classifies every auth column: exported, or left out as a credential', async () => {
    // Known to be safe to hand to the person. A column Better-Auth (or a plugin) adds later fails
    // here until it is added to this list or to app_private.gdpr_redactions.
    const safe = new Set([
      'user.id', 'user.name', 'user.email', 'user.emailVerified', 'user.image', 'user.createdAt', 'user.updatedAt', 'user.twoFactorEnabled',
      'session.id', 'session.expiresAt', 'session.createdAt', 'session.updatedAt', 'session.ipAddress', 'session.userAgent', 'session.userId',
      'account.id', 'account.accountId', 'account.providerId', 'account.userId', 'account.accessTokenExpiresAt', 'account.refreshTokenExpiresAt',
      'account.scope', 'account.createdAt', 'account.updatedAt',
      'verification.id', 'verification.identifier', 'verification.expiresAt', 'verification.createdAt', 'verification.updatedAt',
      'twoFactor.id', 'twoFactor.userId', 'twoFactor.verified', 'twoFactor.failedVerificationCount', 'twoFactor.lockedUntil',
    ]);
    const { rows } = await db().pool.query<{ col: string; redacted: boolean; whole: boolean }>(
      `select c.relname || '.' || a.attname as col,
              exists (select from app_private.gdpr_redactions r where r.table_name = 'auth.' || c.relname and r.column_name = a.attname) as redacted,
              exists (select from app_private.gdpr_redactions r where r.table_name = 'auth.' || c.relname and r.column_name is null) as whole
         from pg_class c join pg_namespace n on n.oid = c.relnamespace join pg_attribute a on a.attrelid = c.oid
        where n.nspname = 'auth' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped`,
    );
    const unclassified = rows.filter((r) => !r.whole && !r.redacted && !safe.has(r.col)).map((r) => r.col);
    expect(unclassified).toEqual([]);
    // And every redaction names a real column (a rename would silently export the secret).
    const { rows: stale } = await db().pool.query(
      `select r.table_name, r.column_name from app_private.gdpr_redactions r
        where not exists (select from pg_class c join pg_namespace n on n.oid = c.relnamespace
                           where n.nspname || '.' || c.relname = r.table_name
                             and (r.column_name is null or exists (select from pg_attribute a where a.attrelid = c.oid and a.attname = r.column_name and not a.attisdropped)))`,
    );
    expect(stale).toEqual([]);
  });

  it('purges children before parents: every foreign key between person tables points to a later table', async () => {
    const { rows } = await db().pool.query<{ child: string; parent: string; child_rank: number; parent_rank: number }>(
      `select gc.name as child, gp.name as parent, gc.purge_rank as child_rank, gp.purge_rank as parent_rank
         from pg_constraint con
         join app_private.gdpr_tables() gc on gc.relation = con.conrelid::regclass
         join app_private.gdpr_tables() gp on gp.relation = con.confrelid::regclass
        where con.contype = 'f' and con.conrelid <> con.confrelid`,
    );
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows) expect(r.child_rank, `${r.child} → ${r.parent}`).toBeLessThan(r.parent_rank);
  });
});

describe('the keyed hash of the audit trail', () => {
  it('is HMAC-SHA-256 (checked against node:crypto) under a per-database random key', async () => {
    const { rows } = await db().pool.query<{ key: Buffer; h: Buffer; long: Buffer }>(
      `select s.hmac_key as key, app_private.hmac_sha256(s.hmac_key, convert_to('hello', 'UTF8')) as h,
              app_private.hmac_sha256(decode(repeat('ab', 100), 'hex'), convert_to('what do ya want for nothing?', 'UTF8')) as long
         from app_private.gdpr_secret s`,
    );
    const { key, h, long } = rows[0]!;
    expect(key.length).toBe(32);
    expect(h.toString('hex')).toBe(createHmac('sha256', key).update('hello').digest('hex'));
    expect(long.toString('hex')).toBe(createHmac('sha256', Buffer.from('ab'.repeat(100), 'hex')).update('what do ya want for nothing?').digest('hex'));
    const id = randomUUID();
    expect(await subjectOf(db().pool, id)).toBe(createHmac('sha256', key).update(id).digest('hex'));
  });

  it('keeps its key where no application role can read it', async () => {
    for (const role of ['app_user', 'app_admin', 'app_worker', 'app_compliance', 'auth_service']) {
      expect(await attemptAs(role, 'select hmac_key from app_private.gdpr_secret')).toBe('42501');
      expect(await attemptAs(role, 'select * from app_private.gdpr_audit')).toBe('42501');
      expect(await attemptAs(role, `select app_private.gdpr_subject('${randomUUID()}')`)).toBe('42501');
    }
  });
});

describe('export, purge, export', () => {
  let A: Person;
  let B: Person;
  let exported: GdprExport;
  let beforeA: Snapshot;
  let beforeB: Snapshot;
  let others: Map<string, string | null>;
  let purged: PurgeResult;

  beforeAll(async () => {
    A = await personWithData();
    B = await personWithData();
    // B also shares A's e-mail domain and name prefix: nothing of B may leak into A's export.
    beforeA = await snapshot(db().pool, A);
    beforeB = await snapshot(db().pool, B);
    exported = await exportOf(A.id);
  });

  it('exports a row of every table of the catalog, counted in the manifest', async () => {
    const manifest = exported.manifest;
    expect(manifest).toMatchObject({ format: 'kitchen-db/gdpr-export', format_version: 1, user_id: A.id, found: true });
    expect(new Date(manifest.generated_at).getTime()).not.toBeNaN();
    for (const table of await catalogTables(db().pool)) {
      expect(exported.data[table]?.length, `${table} has no row in the export`).toBeGreaterThan(0);
      expect(manifest.tables[table]).toBe(exported.data[table]!.length);
    }
    expect(manifest.total_rows).toBe(Object.values(exported.data).reduce((n, rows) => n + rows.length, 0));
    expect(manifest.left_out.tables).toEqual([expect.objectContaining({ table: 'auth.jwks' })]);
    expect(manifest.left_out.columns).toEqual(expect.arrayContaining([{ table: 'auth.account', column: 'password', reason: expect.any(String) }]));
    expect(manifest.notes.length).toBeGreaterThan(2);
  });

  it('holds exactly the rows the tables hold for the person, partitions and soft-deleted rows included', async () => {
    // Per stored relation (each partition on its own) vs per exported table.
    const exportedRows = Object.values(exported.data).reduce((n, rows) => n + rows.length, 0);
    expect(exportedRows).toBe(total(beforeA));
    const partitions = nonEmpty(beforeA).filter((r) => r.startsWith('app.telemetry_events_'));
    expect(partitions.length, 'the fixture spreads telemetry over several partitions').toBeGreaterThanOrEqual(2);
    expect(exported.data['app.telemetry_events']).toHaveLength(3);
    expect(exported.data['app.meal_logs']!.some((m) => m.is_deleted === true && m.deleted_at)).toBe(true);
    expect(exported.data['app.users']).toEqual([expect.objectContaining({ id: A.id, email: A.email })]);
    expect(exported.data['app.recipes(created_by)']).toEqual([{ id: expect.any(String), created_by: A.id }]);
    expect(exported.data['auth.verification']).toHaveLength(4);
  });

  it('exports every column except the credentials, and says which were left out', async () => {
    const { rows } = await db().pool.query<{ name: string; kind: string; columns: string[]; redacted: string[] }>(
      `select g.name, g.kind, g.redacted,
              array(select a.attname::text from pg_attribute a where a.attrelid = g.relation and a.attnum > 0 and not a.attisdropped order by 1) as columns
         from app_private.gdpr_tables() g`,
    );
    for (const t of rows) {
      if (t.kind === 'reference') continue;
      const expected = t.columns.filter((c) => !t.redacted.includes(c)).sort();
      for (const row of exported.data[t.name]!) expect(Object.keys(row).sort(), t.name).toEqual(expected);
    }
    const text = JSON.stringify(exported);
    expect(text).not.toMatch(/secret-/); // every credential of the fixtures contains "secret-"
    expect(text).not.toMatch(/apns-/); // the push token
    expect(text).not.toContain('AB12CD'); // the pairing code
  });

  it('holds nothing about anybody else', async () => {
    const text = JSON.stringify(exported);
    for (const value of [B.id, B.authId, B.email]) expect(text).not.toContain(value);
    // No duplicates, and no row of B's (by primary key) in A's export.
    for (const [table, rows] of Object.entries(exported.data)) {
      const keys = (exported.manifest.primary_keys[table] ?? []) as string[];
      const mine = new Set(rows.map((r) => JSON.stringify(keys.map((k) => r[k]))));
      expect(mine.size, `${table}: duplicate rows in the export`).toBe(rows.length);
    }
    const { rows } = await db().pool.query<{ table: string; id: string }>(
      `select 'app.meal_logs' as table, id::text from app.meal_logs where user_id = $1
       union all select 'app.messages', id::text from app.messages where user_id = $1
       union all select 'app.telemetry_events', id::text from app.telemetry_events where user_id = $1
       union all select 'auth.session', id from auth.session where "userId" = $2`,
      [B.id, B.authId],
    );
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows) expect(exported.data[r.table]!.map((x) => String(x.id)), r.table).not.toContain(r.id);
  });

  it('gives the same rows page by page (keyset on the primary key), with any page size', async () => {
    await withTransaction(db().pool, { role: 'app_compliance', isolation: 'repeatable read' }, async (client) => {
      for (const table of Object.keys(exported.data)) {
        for (const pageSize of [1, 2, 1000]) {
          const rows: unknown[] = [];
          for await (const page of streamUserTable(client, A.id, table, { pageSize })) rows.push(...page);
          expect(rows, `${table} with pages of ${pageSize}`).toEqual(exported.data[table]);
        }
      }
    });
  });

  it('refuses a table that is not in the catalog, and silly page sizes', async () => {
    const page = (table: string, limit = 10) =>
      attemptAs('app_compliance', `select * from app.export_user_table($1, $2, null, $3)`, [A.id, table, limit]);
    expect(await page('app.recipes')).toBe('22023');
    expect(await page('auth.jwks')).toBe('22023');
    expect(await page('pg_catalog.pg_authid')).toBe('22023');
    expect(await page('app.users; drop table app.users')).toBe('22023');
    expect(await page('app.telemetry_events_default')).toBe('22023');
    expect(await page('app.meal_logs', 0)).toBe('22023');
    expect(await page('app.meal_logs', 10_001)).toBe('22023');
    expect(await page('app.meal_logs', 10)).toBe('ok');
  });

  it('purges the person from every table and partition, app and auth, and reports the counts', async () => {
    others = await othersChecksums(db().pool, A);
    const audits = await auditCount(db().pool, 'purge');
    purged = await purge(A.id);
    expect(purged).toMatchObject({ user_id: A.id, found: true, reason: 'compliance' });
    expect(purged.tables).toEqual(exported.manifest.tables);
    expect(purged.total_rows).toBe(total(beforeA));
    const after = await snapshot(db().pool, A);
    expect(nonEmpty(after)).toEqual([]);
    expect(await auditCount(db().pool, 'purge')).toBe(audits + 1);
  });

  it('leaves everybody else\'s rows exactly as they were', async () => {
    const afterB = await snapshot(db().pool, B);
    expect(afterB).toEqual(beforeB);
    expect(total(afterB)).toBeGreaterThan(30);
    expect(await othersChecksums(db().pool, A)).toEqual(others);
    // The recipe A wrote stays, without its author.
    const recipeId = exported.data['app.recipes(created_by)']![0]!.id;
    const { rows } = await db().pool.query(`select created_by from app.recipes where id = $1`, [recipeId]);
    expect(rows).toEqual([{ created_by: null }]);
  });

  it('audits without personal data: a keyed hash of the id, who, when, counts', async () => {
    const subject = await subjectOf(db().pool, A.id);
    const { rows } = await db().pool.query(`select * from app_private.gdpr_audit where subject = $1 order by id`, [subject]);
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['export', 'export_page', 'purge']));
    const last = rows.at(-1)!;
    expect(last).toMatchObject({ action: 'purge', acting_role: 'app_compliance', subject });
    expect(last.detail).toMatchObject({ reason: 'compliance', found: true, total_rows: purged.total_rows });
    expect(last.session_role).toEqual(expect.any(String));
    const all = JSON.stringify((await db().pool.query(`select * from app_private.gdpr_audit`)).rows);
    for (const value of [A.id, A.authId, A.email, A.name]) expect(all).not.toContain(value);
    // Compliance finds the trail by the id, after the purge.
    const log = await db().kdb.asCompliance((c) => c.gdpr.auditLog({ userId: A.id }));
    expect(log[0]).toMatchObject({ action: 'purge', subject });
    expect(log.every((e) => e.subject === subject)).toBe(true);
  });

  it('exports nothing afterwards, and a second purge returns zeros', async () => {
    const again = await exportOf(A.id);
    expect(again.manifest).toMatchObject({ found: false, total_rows: 0 });
    expect(Object.values(again.data).every((rows) => rows.length === 0)).toBe(true);
    expect(Object.keys(again.data).sort()).toEqual(Object.keys(exported.data).sort());
    const second = await purge(A.id);
    expect(second).toMatchObject({ user_id: A.id, found: false, total_rows: 0 });
    expect(Object.keys(second.tables).sort()).toEqual(Object.keys(purged.tables).sort());
    expect(Object.values(second.tables).every((n) => n === 0)).toBe(true);
    expect(await snapshot(db().pool, B)).toEqual(beforeB);
  });
});

describe('atomicity', () => {
  // On Citus a trigger on a distributed table needs citus.enable_unsafe_triggers (it then fires on the shards).
  const triggerDdl = async (sql: string) => {
    if (!CITUS) return void (await db().pool.query(sql));
    const c = await db().pool.connect();
    try {
      await c.query('begin');
      await c.query('set local citus.enable_unsafe_triggers = on');
      await c.query(sql);
      await c.query('commit');
    } catch (error) {
      await c.query('rollback').catch(() => {});
      throw error;
    } finally {
      c.release();
    }
  };
  for (const where of ['the last table of the purge', 'app.users'] as const) {
    it(`a purge that fails on ${where} leaves every row in place (and no audit row)`, async () => {
      const C = await personWithData();
      const before = await snapshot(db().pool, C);
      const { rows } = await db().pool.query<{ relation: string }>(
        `select relation::text from app_private.gdpr_tables() ${where === 'app.users' ? `where name = 'app.users'` : 'order by purge_rank desc, name desc limit 1'}`,
      );
      const target = rows[0]!.relation;
      if (where !== 'app.users') expect(target).toBe('auth."user"');
      await db().pool.query(`create function public.gdpr_test_fail() returns trigger language plpgsql as $$ begin raise exception 'injected failure'; end $$`);
      await triggerDdl(`create trigger gdpr_test_fail before delete on ${target} for each row execute function public.gdpr_test_fail()`);
      const audits = await auditCount(db().pool);
      try {
        await expect(purge(C.id)).rejects.toThrow(/injected failure/);
      } finally {
        await triggerDdl(`drop trigger gdpr_test_fail on ${target}`);
        await db().pool.query(`drop function public.gdpr_test_fail()`);
      }
      expect(await snapshot(db().pool, C)).toEqual(before);
      expect(await auditCount(db().pool)).toBe(audits);
      // And it works once the fault is gone.
      expect((await purge(C.id)).total_rows).toBe(total(before));
    });
  }

  it.skipIf(engine() === 'embedded')(
    'a write for the person racing the purge waits for it and then fails: nothing is left behind (native only: PGlite runs one transaction at a time)',
    async () => {
      const D = await personWithData();
      const purger = await db().pool.connect();
      try {
        await purger.query('begin');
        await purger.query('set local role app_compliance');
        await purger.query('select app.purge_user($1)', [D.id]);
        // The purge holds D's app.users row: this insert's foreign-key check waits for it.
        const racing = db().pool.query(`insert into app.meal_logs (user_id, meal_time, meal_type) values ($1, now(), 'lunch')`, [D.id]).then(
          () => 'inserted',
          (e: { code?: string }) => e.code,
        );
        await new Promise((r) => setTimeout(r, 200));
        await purger.query('commit');
        expect(await racing).toBe('23503');
      } finally {
        purger.release();
      }
      expect(nonEmpty(await snapshot(db().pool, D))).toEqual([]);
    },
  );

  it.skipIf(engine() === 'embedded')(
    'a purge that deadlocks with the person\'s own transaction is run again and completes (servers only: PGlite runs one transaction at a time)',
    async () => {
      const E = await personWithData();
      // The server's deadlock counter (checked natively only: see the end of the test).
      const deadlocks = async () =>
        Number((await db().pool.query(`select deadlocks from pg_catalog.pg_stat_database where datname = current_database()`)).rows[0].deadlocks);
      const before = await deadlocks();
      const person = await db().pool.connect();
      try {
        // The person's transaction holds their appliance the way a telemetry insert's foreign-key
        // check does (FOR KEY SHARE); the purge locks app.users and then waits to delete the appliance.
        await person.query('begin');
        // Which of two deadlocked backends is aborted depends on whose deadlock_timeout fires first;
        // on a loaded machine the purge's timer could fire late. The person waits longest to check,
        // so the purge (which waits first) is always the one that finds the deadlock.
        // On Citus the setting must reach the worker's backend, where the deadlock happens.
        if (CITUS) await person.query(`set local citus.propagate_set_commands = 'local'`);
        await person.query(`set local deadlock_timeout = '60s'`);
        await person.query('select from app.appliances where user_id = $1 for key share', [E.id]);
        const purging = purge(E.id);
        // On Citus the purge's lock wait is on the worker (the coordinator's backend waits for the
        // worker's answer, not for a lock), and it must be seen there at once: a backend checks for a
        // deadlock once, deadlock_timeout after it began to wait; a cycle that forms later is left to
        // Citus's distributed detector, which cancels the purge without counting a deadlock.
        const waiting = CITUS
          ? `select coalesce(sum(result::int), 0)::int as n from run_command_on_workers($$select count(*) from pg_catalog.pg_stat_activity
               where datname = current_database() and wait_event_type = 'Lock'$$)`
          : `select count(*)::int as n from pg_catalog.pg_stat_activity where wait_event_type = 'Lock' and query like '%purge_user%'`;
        for (let i = 0; i < 200; i++) {
          const { rows } = await db().pool.query(waiting);
          if (rows[0].n > 0) break;
          await new Promise((r) => setTimeout(r, 25));
        }
        // Now the person's transaction needs their app.users row, which the purge holds: a
        // deadlock. The purge waited first, so its check finds it and it is the one aborted (40P01).
        const updated = await person.query(`update app.users set name = 'Still here' where id = $1`, [E.id]);
        expect(updated.rowCount).toBe(1);
        await person.query('commit');
        // The purge was run again from the start, after the person's commit, and erased everything.
        expect((await purging).total_rows).toBeGreaterThan(0);
      } finally {
        // Never hand an aborted transaction back to the pool (the next test would inherit it).
        await person.query('rollback').catch(() => {});
        person.release();
      }
      // Statistics reach pg_stat_database when the aborted backend next reports (at once natively;
      // a worker's connection may report a few seconds later). On Citus the cycle may instead be
      // broken by Citus's distributed deadlock detector (the coordinator's maintenance daemon, which
      // cancels the purge with the same 40P01 and counts nothing anywhere): which detector wins is a
      // race of timers on a loaded machine. There the proof is the two lines above: the cycle was
      // real (left alone, both would wait until the test's timeout), the person's update went through
      // and the purge, which waited first, ran again after the commit and erased the person.
      if (!CITUS) await expect.poll(deadlocks, { timeout: 30_000, interval: 250 }).toBeGreaterThan(before);
      expect(nonEmpty(await snapshot(db().pool, E))).toEqual([]);
    },
  );
});

describe('deletion requests', () => {
  const request = (p: Person) => db().kdb.asUser(p.id, (me) => me.gdpr.requestAccountDeletion());
  const cancel = (p: Person) => db().kdb.asUser(p.id, (me) => me.gdpr.cancelAccountDeletion());
  const purgeDue = async (at: string) => {
    const { rows } = await db().pool.query(`select app_private.purge_due_accounts(now() + $1::interval) as r`, [at]);
    return rows[0].r as { purged: number; remaining: number; total_rows: number };
  };
  const userRow = async (p: Person) =>
    (await db().pool.query(`select is_active, deletion_requested_at, deletion_due_at, deletion_was_active from app.users where id = $1`, [p.id])).rows[0];

  it('deactivates the account at once and sets the purge 30 days out; asking twice changes nothing', async () => {
    const P = await personWithData();
    const first = await request(P);
    const row = await userRow(P);
    expect(row).toMatchObject({ is_active: false, deletion_was_active: true });
    expect(row.deletion_requested_at).toEqual(first.requestedAt);
    expect(first.dueAt.getTime() - first.requestedAt.getTime()).toBe(30 * 86_400_000);
    expect(await request(P)).toEqual(first);
    const pending = await db().kdb.asCompliance((c) => c.gdpr.pendingDeletions());
    expect(pending).toContainEqual({ userId: P.id, email: P.email, requestedAt: first.requestedAt, dueAt: first.dueAt, isDue: false });
    await cancel(P);
  });

  it('request → cancel → nothing is purged, even long after', async () => {
    const P = await personWithData();
    const before = await snapshot(db().pool, P);
    await request(P);
    expect(await cancel(P)).toBe(true);
    expect(await userRow(P)).toEqual({ is_active: true, deletion_requested_at: null, deletion_due_at: null, deletion_was_active: null });
    await purgeDue('400 days');
    // Everything is still there (app.users itself changed: updated_at, and back to active).
    const after = await snapshot(db().pool, P);
    expect(nonEmpty(after)).toEqual(nonEmpty(before));
    for (const [rel, v] of before) if (rel !== 'app.users') expect(after.get(rel), rel).toEqual(v);
    expect(await cancel(P)).toBe(false); // nothing pending any more
  });

  it('request → time passes → purged by purge_due_accounts (clock injected), not a moment early', async () => {
    const P = await personWithData();
    const other = await personWithData();
    const otherBefore = await snapshot(db().pool, other);
    const before = await snapshot(db().pool, P);
    await request(P);
    await purgeDue('29 days 23 hours');
    expect(total(await snapshot(db().pool, P))).toBe(total(before));
    const result = await purgeDue('30 days 1 second');
    expect(result.purged).toBeGreaterThanOrEqual(1);
    expect(result.remaining).toBe(0);
    expect(nonEmpty(await snapshot(db().pool, P))).toEqual([]);
    expect(await snapshot(db().pool, other)).toEqual(otherBefore);
    const { rows } = await db().pool.query(`select action, detail->>'reason' as reason from app_private.gdpr_audit where subject = $1 order by id`, [
      await subjectOf(db().pool, P.id),
    ]);
    expect(rows).toEqual([
      { action: 'deletion_requested', reason: null },
      { action: 'purge', reason: 'deletion_request_due' },
    ]);
  });

  it('cannot be cancelled once due; cancelling restores an account an administrator had disabled as disabled', async () => {
    const P = await personWithData();
    await request(P);
    await db().pool.query(
      `update app.users set deletion_requested_at = now() - interval '31 days', deletion_due_at = now() - interval '1 day' where id = $1`,
      [P.id],
    );
    await expect(cancel(P)).rejects.toMatchObject({ code: 'conflict', rule: 'grace_period_over' });
    const Q = await personWithData();
    await db().pool.query(`update app.users set is_active = false where id = $1`, [Q.id]);
    await request(Q);
    expect(await cancel(Q)).toBe(true);
    expect((await userRow(Q)).is_active).toBe(false);
    // The worker's entry point purges what is due (P), as of now().
    const due = await db().kdb.asWorker((w) => w.gdpr.purgeDueAccounts({ limit: 1000 }));
    expect(due.purged).toBeGreaterThanOrEqual(1);
    expect(nonEmpty(await snapshot(db().pool, P))).toEqual([]);
    expect(total(await snapshot(db().pool, Q))).toBeGreaterThan(0);
  });

  it('uses the configured grace period for new requests', async () => {
    await db().pool.query(`update app_private.gdpr_settings set deletion_grace_period = interval '7 days'`);
    try {
      const P = await personWithData();
      const r = await request(P);
      expect(r.dueAt.getTime() - r.requestedAt.getTime()).toBe(7 * 86_400_000);
      await cancel(P);
    } finally {
      await db().pool.query(`update app_private.gdpr_settings set deletion_grace_period = interval '30 days'`);
    }
    await expect(db().pool.query(`update app_private.gdpr_settings set deletion_grace_period = interval '1 year'`)).rejects.toMatchObject({ code: '23514' });
  });

  it('needs a person: without app.user_id the request is refused', async () => {
    expect(await attemptAs('app_user', 'select * from app.request_account_deletion()')).toBe('42501');
    expect(await attemptAs('app_user', 'select app.cancel_account_deletion()')).toBe('42501');
  });
});

describe('finding a person by any key they hold', () => {
  const find = (kind: PersonKeyKind, key: string) => db().kdb.asCompliance((c) => c.gdpr.findPerson({ kind, key }));

  it('finds them by id, e-mail (any case), sign-in id, paired device id and serial number, push token; nobody else', async () => {
    const P = await personWithData();
    const other = await personWithData();
    const { rows: [appliance] } = await db().pool.query<{ device_id: string; serial_number: string }>(
      `select device_id, serial_number from app.appliances where user_id = $1 and unpaired_at is null limit 1`,
      [P.id],
    );
    const { rows: [push] } = await db().pool.query<{ token: string }>(`select token from app.push_tokens where user_id = $1 limit 1`, [P.id]);
    const keys: [PersonKeyKind, string][] = [
      ['id', P.id.toUpperCase()],
      ['email', P.email.toUpperCase()],
      ['auth_id', P.authId],
      ['device_id', appliance!.device_id],
      ['serial_number', appliance!.serial_number],
      ['push_token', push!.token],
    ];
    for (const [kind, key] of keys) {
      expect(await find(kind, key), kind).toMatchObject({ userId: P.id, email: P.email, name: P.name, isActive: true });
    }
    expect(await db().kdb.asCompliance((c) => c.gdpr.findUser(P.email.toUpperCase()))).toMatchObject({ userId: P.id });
    expect(await find('auth_id', other.authId)).toMatchObject({ userId: other.id });
    // Keys nobody holds, and a key of one kind asked as another.
    for (const [kind, key] of [['email', 'nobody@example.test'], ['auth_id', 'auth_nobody'], ['device_id', P.authId], ['serial_number', P.email], ['push_token', 'no-such-token']] as [PersonKeyKind, string][]) {
      expect(await find(kind, key), `${kind} ${key}`).toBeNull();
    }
    // An unpaired appliance names nobody any more (the lookup row goes with the pairing).
    await db().pool.query(`delete from app.appliance_devices where device_id = $1`, [appliance!.device_id]);
    expect(await find('device_id', appliance!.device_id)).toBeNull();
  });

  it('refuses an unknown kind and keys that do not fit it, naming the field', async () => {
    await expect(find('phone' as PersonKeyKind, '123')).rejects.toMatchObject({ name: 'ValidationError', field: 'kind' });
    await expect(find('id', 'jane@example.test')).rejects.toMatchObject({ name: 'ValidationError', field: 'key' });
    await expect(find('email', randomUUID())).rejects.toMatchObject({ name: 'ValidationError', field: 'key' });
    await expect(find('device_id', '  ')).rejects.toMatchObject({ name: 'ValidationError', field: 'key' });
    await expect(find('serial_number', 'a\u0000b')).rejects.toMatchObject({ name: 'ValidationError', field: 'key' });
    // The SQL checks again (for callers that reach it directly).
    expect(await attemptAs('app_compliance', `select * from app.gdpr_find_person('phone', '1')`)).toBe('22023');
    expect(await attemptAs('app_compliance', `select * from app.gdpr_find_person('id', 'x')`)).toBe('22P02');
    expect(await attemptAs('app_compliance', `select * from app.gdpr_find_person('email', '')`)).toBe('22023');
    for (const role of ['app_user', 'app_admin', 'app_worker']) {
      expect(await attemptAs(role, `select * from app.gdpr_find_person('email', 'x@y.z')`), role).toBe('42501');
    }
  });
});

/** Every command Citus sent to the workers while `fn` ran on `client` (citus.log_remote_commands on: NOTICE "issuing …"). */
async function remoteCommands(client: pg.PoolClient, fn: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const listener = (n: { message?: string }) => {
    const m = /^issuing ([\s\S]*)$/.exec(n.message ?? '');
    if (m) seen.push(m[1]!);
  };
  client.on('notice', listener);
  try {
    await fn();
  } finally {
    client.off('notice', listener);
  }
  return seen;
}

describe.runIf(CITUS)('on a Citus cluster: the person\'s statements go to the person\'s shard only', () => {
  /** Shard id → its table and hash range start, for every distributed table. */
  async function shardMap(): Promise<Map<string, { table: string; min: string | null; colocated: boolean }>> {
    const { rows } = await db().pool.query<{ shardid: string; table: string; min: string | null; colocated: boolean }>(
      `select s.shardid::text, s.logicalrelid::regclass::text as table, s.shardminvalue as min,
              p.colocationid = (select colocationid from pg_dist_partition where logicalrelid = 'app.users'::regclass) as colocated
         from pg_dist_shard s join pg_dist_partition p using (logicalrelid)`,
    );
    return new Map(rows.map((r) => [r.shardid, r]));
  }

  /** The shards each command names (shard names end in _<shard id>), grouped by table. */
  function shardsByTable(commands: string[], shards: Awaited<ReturnType<typeof shardMap>>) {
    const out = new Map<string, Set<string>>();
    for (const c of commands) {
      for (const m of c.matchAll(/_(\d+)\b/g)) {
        const shard = shards.get(m[1]!);
        if (!shard) continue;
        if (!out.has(shard.table)) out.set(shard.table, new Set());
        out.get(shard.table)!.add(m[1]!);
      }
    }
    return out;
  }

  async function personShardMin(id: string): Promise<string> {
    const { rows } = await db().pool.query<{ min: string }>(
      `select shardminvalue as min from pg_dist_shard where shardid = get_shard_id_for_distribution_column('app.users', $1::uuid)`,
      [id],
    );
    return rows[0]!.min;
  }

  it('find by e-mail reads one shard of app.person_emails and one of app.users; export and purge touch one shard of every co-located table', async () => {
    const P = await personWithData();
    await personWithData(); // someone else, so that other shards hold rows too
    const shards = await shardMap();
    const min = await personShardMin(P.id);
    // The co-located tables of the catalog (partitioned ones by their parent, as the purge names them).
    const { rows: expected } = await db().pool.query<{ name: string }>(
      `select g.name from app_private.gdpr_tables() g join pg_dist_partition p on p.logicalrelid = g.relation
        where p.colocationid = (select colocationid from pg_dist_partition where logicalrelid = 'app.users'::regclass)`,
    );
    expect(expected.length).toBeGreaterThan(10);
    // Each as app_compliance in a transaction of its own (rolled back), as the CLI runs them.
    const commandsOf = async (sql: string, params: unknown[]) => {
      const client = await db().pool.connect();
      try {
        await client.query('begin');
        await client.query('set local citus.log_remote_commands = on');
        await client.query('set local role app_compliance');
        return shardsByTable(await remoteCommands(client, () => client.query(sql, params)), shards);
      } finally {
        await client.query('rollback').catch(() => {});
        client.release();
      }
    };
    const found = await commandsOf(`select * from app.gdpr_find_user($1)`, [P.email]);
    expect([...found.keys()].sort()).toEqual(['app.person_emails', 'app.users']);
    for (const [table, ids] of found) expect(ids.size, table).toBe(1);
    expect(shards.get([...found.get('app.users')!][0]!)!.min).toBe(min);

    for (const [what, sql] of [['export', 'select app.export_user_data($1)'], ['purge', 'select app.purge_user($1)']] as const) {
      const touched = await commandsOf(sql, [P.id]);
      const colocated = [...touched].filter(([table]) => [...shards.values()].some((s) => s.table === table && s.colocated));
      // Every co-located table of the catalog is visited (its rows exported / deleted) …
      expect(colocated.map(([t]) => t), what).toEqual(expect.arrayContaining(expected.map((e) => e.name)));
      // … each on exactly the person's shard (the lookup tables, distributed by their own keys, are not in this list).
      for (const [table, ids] of colocated) {
        expect(ids.size, `${what}: ${table} on ${[...ids].join(', ')}`).toBe(1);
        expect(shards.get([...ids][0]!)!.min, `${what}: ${table}`).toBe(min);
      }
    }
  });
});

describe('who may do what', () => {
  const COMPLIANCE = [
    'app.export_user_data(uuid)',
    'app.export_user_table(uuid,text,jsonb,integer)',
    'app.purge_user(uuid)',
    'app.gdpr_user_summary(uuid,text)',
    'app.gdpr_find_user(text)',
    'app.gdpr_find_person(text,text)',
    'app.gdpr_pending_deletions()',
    'app.gdpr_audit_log(integer,uuid,bigint)',
  ];
  const EXPECTED: Record<string, string[]> = {
    app_compliance: COMPLIANCE,
    app_user: ['app.request_account_deletion()', 'app.cancel_account_deletion()'],
    app_worker: ['app.purge_due_accounts(integer)'],
    app_admin: [],
    auth_service: [],
  };

  it('grants each GDPR function to exactly the role that needs it (from the catalog)', async () => {
    const fns = [...COMPLIANCE, 'app.request_account_deletion()', 'app.cancel_account_deletion()', 'app.purge_due_accounts(integer)'];
    for (const [role, allowed] of Object.entries(EXPECTED)) {
      for (const fn of fns) {
        const { rows } = await db().pool.query<{ ok: boolean }>(`select has_function_privilege($1, $2::regprocedure, 'execute') as ok`, [role, fn]);
        expect(rows[0]!.ok, `${role} on ${fn}`).toBe(allowed.includes(fn));
      }
    }
  });

  it('lets app_compliance export and purge but read no table; app_user, app_admin and app_worker cannot export or purge', async () => {
    const P = await personWithData();
    expect(await attemptAs('app_compliance', 'select app.export_user_data($1)', [P.id])).toBe('ok');
    expect(await attemptAs('app_compliance', 'select app.purge_user($1)', [P.id])).toBe('ok'); // rolled back
    expect(await attemptAs('app_compliance', 'select * from app.users')).toBe('42501');
    expect(await attemptAs('app_compliance', 'select * from auth."user"')).toBe('42501');
    expect(await attemptAs('app_compliance', 'select app_private.purge_user_core($1, $2)', [P.id, 'x'])).toBe('42501');
    expect(await attemptAs('app_compliance', `select app_private.purge_due_accounts(now() + interval '1 year')`)).toBe('42501');
    for (const role of ['app_user', 'app_admin', 'app_worker']) {
      expect(await attemptAs(role, 'select app.export_user_data($1)', [P.id], P.id), role).toBe('42501');
      expect(await attemptAs(role, 'select app.purge_user($1)', [P.id], P.id), role).toBe('42501');
      expect(await attemptAs(role, 'select * from app.export_user_table($1, $2)', [P.id, 'app.meal_logs'], P.id), role).toBe('42501');
      expect(await attemptAs(role, 'select app.gdpr_user_summary($1)', [P.id], P.id), role).toBe('42501');
    }
    await expect(withUser(db().pool, P.id, (client) => client.query('select app.purge_user($1)', [P.id]))).rejects.toMatchObject({ code: 'forbidden' });
    expect(total(await snapshot(db().pool, P))).toBeGreaterThan(0);
  });

  it('leaves the purge as the only hard delete of meal logs', async () => {
    for (const role of ['app_user', 'app_admin', 'app_worker', 'app_compliance', 'auth_service']) {
      const { rows } = await db().pool.query(`select has_table_privilege($1, 'app.meal_logs', 'delete') as ok`, [role]);
      expect(rows[0].ok, role).toBe(false);
    }
  });

  it('audits every call, and the trail is append-only', async () => {
    const P = await personWithData();
    const n = await auditCount(db().pool);
    await db().kdb.asCompliance((c) => c.gdpr.summary(P.id, 'inspect'));
    await exportOf(P.id);
    await db().kdb.asCompliance((c) => c.gdpr.exportUserTable({ userId: P.id, table: 'app.meal_logs', limit: 1 }));
    await db().kdb.asCompliance((c) => c.gdpr.exportUserTable({ userId: P.id, table: 'app.meal_logs', limit: 1, after: { id: randomUUID() } }));
    await purge(P.id);
    const { rows } = await db().pool.query(`select action, acting_role from app_private.gdpr_audit order by id desc limit 5`);
    expect(rows.reverse()).toEqual([
      { action: 'summary', acting_role: 'app_compliance' },
      { action: 'export', acting_role: 'app_compliance' },
      { action: 'export_page', acting_role: 'app_compliance' },
      { action: 'export_page', acting_role: 'app_compliance' },
      { action: 'purge', acting_role: 'app_compliance' },
    ]);
    expect(await auditCount(db().pool)).toBe(n + 5);
    await expect(db().pool.query(`update app_private.gdpr_audit set action = 'export'`)).rejects.toMatchObject({ code: '42501' });
    await expect(db().pool.query(`delete from app_private.gdpr_audit`)).rejects.toMatchObject({ code: '42501' });
    await expect(db().pool.query(`truncate app_private.gdpr_audit`)).rejects.toMatchObject({ code: '42501' });
  });
});

// ---------------------------------------------------------------------------------------------
// The CLI, as compliance staff run it
// ---------------------------------------------------------------------------------------------

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: db().url, ...env }, maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The error line: exactly one line on stderr after the engine line. */
function errorLines(r: CliResult): string[] {
  return r.stderr.split('\n').filter((l) => l.startsWith('kitchen-db:'));
}

// Every test starts several CLI processes: on a loaded machine (or a Citus cluster) each takes seconds.
describe('kitchen-db gdpr (the CLI)', { timeout: 300_000 }, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kitchen-db-gdpr-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true })); // GDPR exports: personal data

  it('exports to NDJSON: a manifest line, then one line per row, all rows, no credentials', async () => {
    const P = await personWithData();
    const file = join(dir, 'p.ndjson');
    const r = await cli(['gdpr', 'export', '--user', P.id, '--out', file, '--page-size', '2']);
    expect(r.stderr).not.toMatch(/kitchen-db:/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^exported \d+ rows of /);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    const manifest = lines[0].manifest as GdprManifest;
    expect(manifest).toMatchObject({ user_id: P.id, found: true, format_version: 1 });
    const rows = lines.slice(1) as { table: string; row: Record<string, unknown> }[];
    expect(rows).toHaveLength(manifest.total_rows);
    const whole = await exportOf(P.id);
    // On a server each table is streamed in storage order (COPY, app.export_user_table_lines): the
    // same rows, compared in primary-key order.
    const byKey = (t: string) => (a: Record<string, unknown>, b: Record<string, unknown>) => {
      const k = (r: Record<string, unknown>) => manifest.primary_keys[t]!.map((c) => String(r[c])).join('|');
      return k(a) < k(b) ? -1 : k(a) > k(b) ? 1 : 0;
    };
    for (const [table, expected] of Object.entries(whole.data)) {
      expect(rows.filter((l) => l.table === table).map((l) => l.row).sort(byKey(table)), table).toEqual([...expected].sort(byKey(table)));
    }
    expect(readFileSync(file, 'utf8')).not.toMatch(/secret-/);
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('exports to one JSON document by e-mail address, shaped like app.export_user_data', async () => {
    const P = await personWithData();
    const file = join(dir, 'p.json');
    const r = await cli(['--json', 'gdpr', 'export', '--user', P.email.toUpperCase(), '--out', file]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ userId: P.id, format: 'json', file });
    const doc = JSON.parse(readFileSync(file, 'utf8')) as GdprExport;
    const whole = await exportOf(P.id);
    expect(doc.data).toEqual(whole.data);
    expect(doc.manifest.tables).toEqual(whole.manifest.tables);
    // Does not overwrite a file without --force.
    const again = await cli(['gdpr', 'export', '--user', P.id, '--out', file]);
    expect(again.code).toBe(5);
    expect(errorLines(again)).toEqual([expect.stringContaining('already exists')]);
  });

  it('exports to standard output when no --out is given', async () => {
    const P = await personWithData();
    const r = await cli(['gdpr', 'export', '--user', P.id]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(JSON.parse(lines[0]!).manifest.user_id).toBe(P.id);
    expect(lines.length - 1).toBe(JSON.parse(lines[0]!).manifest.total_rows);
  });

  it('says "unknown user" (exit 4), "malformed id" (exit 5), "lost connection" (exit 3) in one line, writing nothing', async () => {
    const file = join(dir, 'never.ndjson');
    const unknown = await cli(['gdpr', 'export', '--user', randomUUID(), '--out', file]);
    expect(unknown.code).toBe(4);
    expect(errorLines(unknown)).toEqual([expect.stringMatching(/^kitchen-db: no person with id /)]);
    const unknownMail = await cli(['gdpr', 'purge', '--user', 'nobody@example.test', '--yes']);
    expect(unknownMail.code).toBe(4);
    const malformed = await cli(['gdpr', 'export', '--user', 'not-an-id', '--out', file]);
    expect(malformed.code).toBe(5);
    expect(errorLines(malformed)).toEqual([expect.stringMatching(/user must be a person id/)]);
    const lost = await cli(['gdpr', 'purge', '--user', randomUUID(), '--yes'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:9/kitchen' });
    expect(lost.code).toBe(3);
    expect(errorLines(lost)).toHaveLength(1);
    const usage = await cli(['gdpr', 'export']);
    expect(usage.code).toBe(2);
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it.skipIf(engine() === 'embedded')(
    'a connection lost in the middle of an export: exit 3, one line, no file (native only: needs pg_terminate_backend on another session)',
    async () => {
      const P = await personWithData();
      const file = join(dir, 'lost.ndjson');
      let finished = false;
      const running = cli(['gdpr', 'export', '--user', P.id, '--out', file, '--page-size', '1']).finally(() => (finished = true));
      // Kill the CLI's backend once it is paging (or has paged: an idle backend shows its last query).
      // Watched until the CLI ends, however long it takes to start on a loaded machine.
      let killed = false;
      while (!killed && !finished) {
        const { rows } = await db().pool.query(
          `select pg_terminate_backend(pid) as ok from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid() and query like '%export_user_table%'`,
        );
        killed = rows.some((r) => r.ok);
        if (!killed) await new Promise((r) => setTimeout(r, 10));
      }
      const r = await running;
      expect(killed).toBe(true);
      expect(r.code).toBe(3);
      expect(errorLines(r)).toHaveLength(1);
      expect(existsSync(file)).toBe(false);
      expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
    },
  );

  it('find names the person a key belongs to (exit 0), says "no person" (exit 4), wants exactly one key (exit 5)', async () => {
    const P = await personWithData();
    const { rows: [appliance] } = await db().pool.query<{ serial_number: string }>(
      `select serial_number from app.appliances where user_id = $1 and unpaired_at is null limit 1`,
      [P.id],
    );
    const bySerial = await cli(['--json', 'gdpr', 'find', '--serial', appliance!.serial_number]);
    expect(bySerial.code).toBe(0);
    expect(JSON.parse(bySerial.stdout)).toMatchObject({ userId: P.id, email: P.email });
    const byMail = await cli(['gdpr', 'find', '--user', P.email.toUpperCase()]);
    expect(byMail.code).toBe(0);
    expect(byMail.stdout).toContain(`person ${P.id} <${P.email}>`);
    const nobody = await cli(['gdpr', 'find', '--device', 'no-such-device']);
    expect(nobody.code).toBe(4);
    expect(errorLines(nobody)).toEqual([expect.stringMatching(/^kitchen-db: no person with a paired appliance with device id no-such-device/)]);
    const token = await cli(['gdpr', 'find', '--push-token', 'secret-token-never-echoed']);
    expect(token.code).toBe(4);
    expect(token.stderr).not.toContain('secret-token-never-echoed');
    const two = await cli(['gdpr', 'find', '--user', P.id, '--device', 'x']);
    expect(two.code).toBe(5);
    expect(errorLines(two)).toEqual([expect.stringMatching(/exactly one of --user, --auth-id, --device, --serial, --push-token/)]);
  });

  it('purge shows what it will delete and refuses without --yes; with --yes it erases the person', async () => {
    const P = await personWithData();
    const before = await snapshot(db().pool, P);
    const dry = await cli(['gdpr', 'purge', '--user', P.id]);
    expect(dry.code).toBe(2);
    expect(dry.stdout).toMatch(/would delete:/);
    expect(dry.stdout).toMatch(/app\.telemetry_events\s+3/);
    expect(dry.stdout).toMatch(/nothing deleted/);
    expect(await snapshot(db().pool, P)).toEqual(before);
    const real = await cli(['--json', 'gdpr', 'purge', '--user', P.email, '--yes']);
    expect(real.code).toBe(0);
    const out = JSON.parse(real.stdout);
    expect(out).toMatchObject({ userId: P.id, deleted: true, result: { found: true, total_rows: total(before) } });
    expect(nonEmpty(await snapshot(db().pool, P))).toEqual([]);
    const again = await cli(['gdpr', 'purge', '--user', P.id, '--yes']);
    expect(again.code).toBe(4); // the person is gone: nothing to find
  });

  it('lists pending deletion requests and the audit trail (--json and text)', async () => {
    const P = await personWithData();
    await db().kdb.asUser(P.id, (me) => me.gdpr.requestAccountDeletion());
    const requests = await cli(['--json', 'gdpr', 'requests']);
    expect(requests.code).toBe(0);
    expect(JSON.parse(requests.stdout)).toContainEqual(expect.objectContaining({ userId: P.id, email: P.email, isDue: false }));
    const text = await cli(['gdpr', 'requests']);
    expect(text.stdout).toContain(P.id);
    expect(text.stdout).toMatch(/in grace period/);

    await cli(['gdpr', 'export', '--user', P.id, '--out', join(dir, 'audit.ndjson')]);
    const audit = await cli(['--json', 'gdpr', 'audit', '--user', P.id, '--limit', '100']);
    expect(audit.code).toBe(0);
    const entries = JSON.parse(audit.stdout) as { action: string; actingRole: string }[];
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['summary', 'export_page', 'deletion_requested']));
    expect(entries.find((e) => e.action === 'summary')!.actingRole).toBe('app_compliance');
    const plain = await cli(['gdpr', 'audit', '--limit', '3']);
    expect(plain.code).toBe(0);
    expect(plain.stdout.trim().split('\n')).toHaveLength(3);
    expect(plain.stdout).not.toContain(P.id);
    await db().kdb.asUser(P.id, (me) => me.gdpr.cancelAccountDeletion());
  });
});

describe('a partition detached by retention', () => {
  it('is still exported and purged: it is a table with user_id in app', async () => {
    const X = await personWithData();
    // The partition is found from the catalog and asked for the row (not from the row's tableoid: on
    // Citus that is the oid of a shard on a worker, unknown to the coordinator's catalog).
    const { rows: parts } = await db().pool.query<{ part: string; bound: string }>(
      `select c.oid::regclass::text as part, pg_get_expr(c.relpartbound, c.oid) as bound
         from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = 'app.telemetry_events'::regclass`,
    );
    const holding: { part: string; bound: string }[] = [];
    for (const p of parts) {
      const { rows } = await db().pool.query(`select 1 from only ${p.part} where user_id = $1 and event_type = 'heartbeat'`, [X.id]);
      if (rows.length > 0) holding.push(p);
    }
    expect(holding).toHaveLength(1);
    const { part, bound } = holding[0]!;
    expect(bound).toMatch(/^FOR VALUES FROM/);
    await db().pool.query(`alter table app.telemetry_events detach partition ${part}`);
    try {
      const name = part.replace(/"/g, '');
      expect(await catalogTables(db().pool)).toContain(name);
      const exported = await exportOf(X.id);
      expect(exported.data[name]).toEqual([expect.objectContaining({ user_id: X.id, event_type: 'heartbeat' })]);
      expect(exported.data['app.telemetry_events']).toHaveLength(2);
      const result = await purge(X.id);
      expect(result.tables[name]).toBe(1);
      expect(result.tables['app.telemetry_events']).toBe(2);
      expect(nonEmpty(await snapshot(db().pool, X))).toEqual([]);
    } finally {
      await db().pool.query(`alter table app.telemetry_events attach partition ${part} ${bound}`);
    }
  });
});
