// Issue 15: erasure means everywhere. After a purge nothing identifies the person in any column of
// any table of any schema (pg-boss included), nor in any export folder. Catalog-driven: every text,
// varchar, citext, uuid, json and jsonb column of every stored relation is scanned, so a table added
// later is covered without touching this file.
import { createHash, randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPerson } from '../src/areas/gdpr/export.ts';
import { deletePendingExportFiles, expireExportFiles, exportFileLog, exportHost } from '../src/areas/gdpr/files.ts';
import { asCompliance } from '../src/db/context.ts';
import { CITUS } from './support/citus.ts';
import { useTestDatabase } from './support/db.ts';
import { createPerson, type Person } from './support/fixtures.ts';
import { buildPersonData } from './support/person-data.ts';
import { drainOutbox, jobIn, testWorker } from './support/worker.ts';

const db = useTestDatabase();
const BIN = fileURLToPath(new URL('../bin/kitchen-db.js', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: db().url, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const purge = (id: string) => db().kdb.asCompliance((c) => c.gdpr.purgeUser(id));

/** Every column that can hold an identifier or text, of every stored relation (partitions one by one). */
async function textColumns(pool: pg.Pool): Promise<{ rel: string; cols: string[] }[]> {
  const { rows } = await pool.query<{ rel: string; cols: string[] }>(
    `select c.oid::regclass::text as rel, array_agg(quote_ident(a.attname) order by a.attnum) as cols
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
       join pg_type t on t.oid = a.atttypid
      where c.relkind in ('r', 'm') and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
        and (t.typname in ('text', 'varchar', 'bpchar', 'citext', 'uuid', 'json', 'jsonb', 'name')
             or t.typcategory = 'S' or (t.typelem <> 0 and (select e.typname from pg_type e where e.oid = t.typelem) in ('text', 'varchar', 'uuid', 'citext')))
      group by c.oid order by 1`,
  );
  return rows;
}

/** Every (relation, column) where one of `needles` occurs, any case. */
async function findAnywhere(pool: pg.Pool, needles: string[]): Promise<string[]> {
  const patterns = needles.map((n) => `%${n.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
  const hits: string[] = [];
  for (const { rel, cols } of await textColumns(pool)) {
    const checks = cols.map((c) => `count(*) filter (where ${c}::text ilike any ($1))::int as ${c}`).join(', ');
    const { rows } = await pool.query<Record<string, number>>(`select ${checks} from only ${rel}`, [patterns]);
    for (const [col, n] of Object.entries(rows[0]!)) if (n > 0) hits.push(`${rel}.${col}: ${n}`);
  }
  return hits;
}

/** Every file and folder under `dirs` whose name or content holds a needle. */
function findInFolders(dirs: string[], needles: string[]): string[] {
  const hits: string[] = [];
  const lower = needles.map((n) => n.toLowerCase());
  const walk = (path: string) => {
    const st = lstatSync(path);
    if (lower.some((n) => path.toLowerCase().includes(n))) hits.push(path);
    if (st.isDirectory()) for (const f of readdirSync(path)) walk(join(path, f));
    else if (st.isFile()) {
      const text = readFileSync(path, 'utf8').toLowerCase();
      if (lower.some((n) => text.includes(n))) hits.push(`${path} (content)`);
    }
  };
  for (const d of dirs) if (existsSync(d)) walk(d);
  return hits;
}

async function jobsOf(pool: pg.Pool, needle: string): Promise<{ name: string; state: string }[]> {
  const { rows } = await pool.query(`select name, state::text from pgboss.job as j where to_jsonb(j)::text ilike $1 order by 1`, [`%${needle}%`]);
  return rows;
}

async function insertJob(pool: pg.Pool, name: string, data: unknown, extra: { state?: string; output?: unknown; singletonKey?: string } = {}): Promise<string> {
  const id = randomUUID();
  await pool.query(
    `insert into pgboss.job (id, name, data, state, output, singleton_key) values ($1, $2, $3, coalesce($4, 'created')::pgboss.job_state, $5, $6)`,
    [id, name, JSON.stringify(data), extra.state ?? null, extra.output === undefined ? null : JSON.stringify(extra.output), extra.singletonKey ?? null],
  );
  return id;
}

async function verification(pool: pg.Pool, identifier: string, value: string): Promise<string> {
  const id = `ver_${randomUUID()}`;
  await pool.query(`insert into auth.verification (id, identifier, value, "expiresAt") values ($1, $2, $3, now() + interval '1 hour')`, [id, identifier, value]);
  return id;
}

async function verificationIds(pool: pg.Pool, ids: string[]): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(`select id from auth.verification where id = any($1) order by id`, [ids]);
  return rows.map((r) => r.id);
}

describe('auth.verification: every row naming the person goes, look-alikes stay', () => {
  it('matches e-mails in any case anywhere in the identifier, JSON values however spaced or nested, the auth id as a token', async () => {
    const tag = randomUUID().slice(0, 8);
    const P = await createPerson(db().pool, { email: `jane.${tag}@example.test` });
    // Another person whose address ends with P's: their rows are not P's.
    const Q = await createPerson(db().pool, { email: `mary-jane.${tag}@example.test` });
    const e = P.email;
    const mine = [
      await verification(db().pool, `change-email-otp-${e.toUpperCase()}`, '123456'),
      await verification(db().pool, `sign-in-otp-${e}`, '654321'),
      await verification(db().pool, e, 'code'),
      await verification(db().pool, `magic-link-${randomUUID()}`, `{"email": "${e}", "name": "x"}`),
      await verification(db().pool, `magic-link-${randomUUID()}`, `{ "callback": "/", "user": {"Email" : "${e.toUpperCase()}"} }`),
      await verification(db().pool, `magic-link-${randomUUID()}`, JSON.stringify({ to: [e] }).replace('@', '\\u0040')),
      await verification(db().pool, `reset-password:${randomUUID()}`, P.authId),
      await verification(db().pool, `delete-account-${randomUUID()}`, `{"userId":"${P.authId}"}`),
    ];
    const others = [
      await verification(db().pool, `sign-in-otp-${Q.email}`, '111111'),
      await verification(db().pool, `change-email-otp-${Q.email}`, '222222'),
      await verification(db().pool, `x${e}`, 'glued on the left: another address'),
      await verification(db().pool, `sign-in-otp-${e}m`, 'glued on the right: another address'),
      await verification(db().pool, `reset-password:${randomUUID()}`, `${P.authId}x`),
      await verification(db().pool, `magic-link-${randomUUID()}`, `{"email": "${Q.email}"}`),
    ];
    const result = await purge(P.id);
    expect(result.tables['auth.verification']).toBe(mine.length);
    expect(await verificationIds(db().pool, mine)).toEqual([]);
    expect(await verificationIds(db().pool, others)).toEqual([...others].sort());
  });
});

describe('pg-boss: every job naming the person goes, in every queue and state', () => {
  it('deletes rollup, export and embedding jobs, dead-letter copies and finished jobs; keeps everybody else\'s', async () => {
    const P = await createPerson(db().pool);
    const other = await createPerson(db().pool);
    const meal = await db().kdb.asUser(P.id, (me) => me.meals.logMeal({ mealTime: new Date(), mealType: 'lunch', foods: [{ name: 'dal', quantity: 1, unit: 'cup' }] }));
    const otherMeal = await db().kdb.asUser(other.id, (me) => me.meals.logMeal({ mealTime: new Date(), mealType: 'lunch', foods: [{ name: 'dal', quantity: 1, unit: 'cup' }] }));
    // The triggers enqueued a rollup job (userId, singleton key) and an embedding job (meal id only),
    // which the worker's drain moves from the outbox into pg-boss.
    await drainOutbox(db().pool);
    expect((await jobsOf(db().pool, P.id)).length).toBeGreaterThan(0);
    expect((await jobsOf(db().pool, meal.id)).length).toBeGreaterThan(0);
    await insertJob(db().pool, 'gdpr.export', { userId: P.id, requestedBy: 'ticket-1' }, { state: 'completed', output: { file: `/srv/exports/${P.id}/x.ndjson` } });
    await insertJob(db().pool, 'gdpr.export.dlq', { userId: P.id }, { state: 'failed' });
    await insertJob(db().pool, 'metrics.rollup.dlq', { userId: P.id.toUpperCase(), day: '2026-01-01' }, { state: 'created' });
    await insertJob(db().pool, 'assistant.embed.dlq', { kind: 'meal_log', id: meal.id }, { state: 'failed' });
    await insertJob(db().pool, 'push-tokens.cleanup', { note: `for ${P.email.toUpperCase()}` }, { state: 'active' });
    await insertJob(db().pool, 'telemetry.partitions', { who: 'x' }, { state: 'cancelled', singletonKey: `person:${P.authId}` });
    const keep = await insertJob(db().pool, 'gdpr.export', { userId: other.id }, { state: 'completed' });
    const before = (await jobsOf(db().pool, other.id)).length + (await jobsOf(db().pool, otherMeal.id)).length;
    const result = await purge(P.id);
    expect(result.jobs).toBeGreaterThanOrEqual(8);
    expect(await jobsOf(db().pool, P.id)).toEqual([]);
    expect(await jobsOf(db().pool, meal.id)).toEqual([]);
    expect(await jobsOf(db().pool, P.email)).toEqual([]);
    expect(await jobsOf(db().pool, P.authId)).toEqual([]);
    expect((await jobsOf(db().pool, other.id)).length + (await jobsOf(db().pool, otherMeal.id)).length).toBe(before);
    expect((await db().pool.query(`select 1 from pgboss.job where id = $1`, [keep])).rowCount).toBe(1);
  });
});

describe('export files have a lifecycle', () => {
  let root: string;
  let elsewhere: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'kitchen-db-x-root-'));
    elsewhere = mkdtempSync(join(tmpdir(), 'kitchen-db-x-else-'));
  });
  afterAll(() => {
    for (const dir of [root, elsewhere]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('records every file written; the purge deletes them after its commit and keeps no path', async () => {
    const P = await createPerson(db().pool);
    await buildPersonData(db().pool, P);
    mkdirSync(join(root, P.id), { recursive: true });
    const jobFile = join(root, P.id, 'job.ndjson');
    const cliFile = join(elsewhere, `${P.id}.json`);
    await exportPerson(db().pool, P.id, jobFile, { record: 'job' });
    await exportPerson(db().pool, P.id, cliFile, { record: 'cli' });
    const log = await asCompliance(db().pool, (c) => exportFileLog(c, { userId: P.id }));
    expect(log.map((f) => [f.writtenBy, f.state, f.path])).toEqual([
      ['cli', 'written', cliFile],
      ['job', 'written', jobFile],
    ]);
    await purge(P.id);
    // Committed; the files are still there until a deleter runs.
    expect(existsSync(jobFile) && existsSync(cliFile)).toBe(true);
    const report = await deletePendingExportFiles(db().pool, { roots: [root], role: 'compliance' });
    expect(report).toEqual({ deleted: 2, refused: 0, failed: 0 });
    expect(existsSync(jobFile) || existsSync(cliFile) || existsSync(join(root, P.id))).toBe(false);
    const after = await asCompliance(db().pool, (c) => exportFileLog(c, { userId: P.id }));
    expect(after.map((f) => [f.state, f.deleteReason, f.path, f.deletedAt !== null])).toEqual([
      ['deleted', 'purge', null, true],
      ['deleted', 'purge', null, true],
    ]);
    const { rows } = await db().pool.query(`select count(*)::int as n from app_private.gdpr_export_files where person_id = $1 or path like $2`, [P.id, `%${P.id}%`]);
    expect(rows[0]!.n).toBe(0);
  });

  it('a crash between the commit and the deletion loses nothing: the worker\'s next run deletes the file', async () => {
    const P = await createPerson(db().pool);
    const file = join(root, `${P.id}-crash.ndjson`);
    await exportPerson(db().pool, P.id, file, { record: 'job' });
    await purge(P.id); // the purging process "dies" here
    expect(existsSync(file)).toBe(true);
    const { worker } = testWorker(db(), { exportDir: root, only: ['gdpr.purge-due'] });
    await worker.start();
    try {
      const id = (await worker.boss.send('gdpr.purge-due', {}))!;
      worker.wake('gdpr.purge-due');
      const job = await jobIn(db().pool, 'gdpr.purge-due', id, ['completed', 'failed']);
      expect(job.state).toBe('completed');
      expect(job.output).toMatchObject({ exportFiles: { deleted: 1 } });
    } finally {
      await worker.stop();
    }
    expect(existsSync(file)).toBe(false);
  });

  it('deletes files older than the retention, and refuses paths it may not delete', async () => {
    const P = await createPerson(db().pool);
    const old = join(root, `${P.id}-old.ndjson`);
    await exportPerson(db().pool, P.id, old, { record: 'job' });
    // Made-up rows, as a compliance login could record them: a file outside the folders (recorded as
    // the job's), a CLI file whose content is not what was recorded, a symbolic link out of the root.
    const victim = join(elsewhere, 'victim.txt');
    writeFileSync(victim, 'not an export');
    const link = join(root, 'link.ndjson');
    symlinkSync(victim, link);
    const host = exportHost();
    await asCompliance(db().pool, async (c) => {
      for (const [path, by] of [[victim, 'job'], [victim, 'cli'], [link, 'job']] as const) {
        const { rows } = await c.query<{ id: string }>(`select app.gdpr_export_file_begin($1, $2, $3, $4)::text as id`, [P.id, path, by, host]);
        await c.query(`select app.gdpr_export_file_written($1::bigint, 12, $2)`, [rows[0]!.id, 'a'.repeat(64)]);
      }
    });
    // The victim's true size and checksum (anyone who can read it can compute them) are no proof either.
    const victimSha = createHash('sha256').update(readFileSync(victim)).digest('hex');
    await asCompliance(db().pool, async (c) => {
      const { rows } = await c.query<{ id: string }>(`select app.gdpr_export_file_begin($1, $2, 'cli', $3)::text as id`, [P.id, victim, host]);
      await c.query(`select app.gdpr_export_file_written($1::bigint, $2, $3)`, [rows[0]!.id, statSync(victim).size, victimSha]);
    });
    expect(await expireExportFiles(db().pool, 0)).toBeGreaterThanOrEqual(5);
    const report = await deletePendingExportFiles(db().pool, { roots: [root], role: 'worker' });
    expect(report.refused).toBeGreaterThanOrEqual(4);
    expect(existsSync(old)).toBe(false);
    expect(readFileSync(victim, 'utf8')).toBe('not an export');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    const log = await asCompliance(db().pool, (c) => exportFileLog(c, { userId: P.id }));
    expect(log.find((f) => f.path === old)).toMatchObject({ state: 'deleted', deleteReason: 'retention' });
    expect(log.filter((f) => f.path === victim || f.path === link).map((f) => f.state)).toEqual(['pending_deletion', 'pending_deletion', 'pending_deletion', 'pending_deletion']);
    // Only the worker expires: a compliance login cannot.
    await expect(asCompliance(db().pool, (c) => c.query(`select app.gdpr_export_files_expire(interval '0')`))).rejects.toMatchObject({ rule: 'privilege' });
  });
});

// Three CLI processes and a scan of every text column: on a loaded machine (or a Citus cluster) minutes.
describe('after a purge the person is nowhere', { timeout: 300_000 }, () => {
  let exportDir: string;
  let cliDir: string;
  afterAll(() => {
    for (const dir of [exportDir, cliDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('finds no trace of their ids, e-mail, name or content in any column of any table, nor in any export folder', async () => {
    exportDir = mkdtempSync(join(tmpdir(), 'kitchen-db-anywhere-'));
    cliDir = mkdtempSync(join(tmpdir(), 'kitchen-db-anywhere-cli-'));
    const tag = randomUUID().replace(/-/g, '').slice(0, 12);
    const P = await createPerson(db().pool, { name: `Zelda Quill${tag}`, email: `zelda.${tag}@example.test` });
    await buildPersonData(db().pool, P);
    const food = `zqfood${tag}`;
    const note = `zqnote${tag}`;
    const message = `zqmessage${tag}`;
    const token = `zqtoken${tag}`;
    await db().kdb.asUser(P.id, (me) => me.meals.logMeal({ mealTime: new Date(), mealType: 'dinner', notes: note, foods: [{ name: food, quantity: 1, unit: 'bowl' }] }));
    await db().kdb.asUser(P.id, async (me) => {
      const conv = await me.assistant.startConversation({ title: 'dinner ideas' });
      await me.assistant.addMessage(conv.id, { role: 'user', content: message });
    });
    await db().pool.query(`insert into app.push_tokens (user_id, platform, token) values ($1, 'android', $2)`, [P.id, token]);
    await verification(db().pool, `change-email-otp-${P.email}`, '424242');
    await verification(db().pool, `magic-${tag}`, `{"email": "${P.email}"}`);
    // The worker exports them (a gdpr.export job), and an officer exports with the CLI.
    const { worker } = testWorker(db(), { exportDir, only: ['gdpr.export'] });
    await worker.start();
    try {
      const id = (await worker.boss.send('gdpr.export', { userId: P.id, requestedBy: P.email }))!;
      worker.wake('gdpr.export');
      const job = await jobIn(db().pool, 'gdpr.export', id, ['completed', 'failed']);
      expect(job.state, JSON.stringify(job.output)).toBe('completed');
    } finally {
      await worker.stop();
    }
    const cliFile = join(cliDir, `export-${P.name}.json`);
    expect((await cli(['gdpr', 'export', '--user', P.email, '--out', cliFile])).code).toBe(0);
    const needles = [P.id, P.authId, P.email, P.name, food, note, message, token];
    // Before: the scan does find them (it can fail).
    expect((await findAnywhere(db().pool, needles)).length).toBeGreaterThan(5);
    expect(findInFolders([exportDir, cliDir], needles).length).toBeGreaterThan(0);

    const r = await cli(['gdpr', 'purge', '--user', P.email, '--yes'], { KITCHEN_DB_EXPORT_DIR: exportDir });
    expect(r.code, r.stderr).toBe(0);
    // The CLI deletes every pending file of this host (earlier tests' too): the person's two files are
    // among them (the audit below shows both deleted, and the folders hold no trace).
    expect(r.stdout).toMatch(/export files: [2-9]\d* deleted/);
    expect(await findAnywhere(db().pool, needles)).toEqual([]);
    expect(findInFolders([exportDir, cliDir], needles)).toEqual([]);
    // The audit still answers "what happened to their files?" through the keyed hash.
    const files = await cli(['--json', 'gdpr', 'audit', '--files', '--user', P.id]);
    expect(JSON.parse(files.stdout).map((f: { state: string; path: string | null }) => [f.state, f.path])).toEqual([
      ['deleted', null],
      ['deleted', null],
    ]);
  });
});

describe('the telemetry → cooking session reference (statement triggers since 000082)', () => {
  it('refuses an event naming another person\'s session, and deleting a session deletes its events only', async () => {
    const P = await createPerson(db().pool);
    const Q = await createPerson(db().pool);
    await buildPersonData(db().pool, P);
    await buildPersonData(db().pool, Q);
    const one = async (sql: string, params: unknown[]) => (await db().pool.query(sql, params)).rows[0];
    const p = await one(`select s.id as session, s.appliance_id as appliance from app.cooking_sessions s where s.user_id = $1 limit 1`, [P.id]);
    const q = await one(`select s.id as session from app.cooking_sessions s where s.user_id = $1 limit 1`, [Q.id]);
    // Three rows in one statement (the trigger checks per statement). Multi-row VALUES, not
    // INSERT … SELECT: on Citus the latter goes through the coordinator's COPY to the shards, which
    // relays a worker's error with SQLSTATE XX000 and no constraint name (Citus's ReportCopyError).
    const insert = (session: string) =>
      db().pool.query(
        `insert into app.telemetry_events (appliance_id, session_id, user_id, event_type, payload)
         values ($1, $2, $3, 'temperature', '{}'), ($1, $2, $3, 'temperature', '{}'), ($1, $2, $3, 'temperature', '{}')`,
        [p.appliance, session, P.id],
      );
    // Citus relays a worker's error with its SQLSTATE and message but without the constraint field:
    // the message names the constraint on every engine.
    await expect(insert(q.session)).rejects.toMatchObject({
      code: '23503',
      message: expect.stringContaining('"telemetry_events_session_id_user_id_fkey"'),
      ...(CITUS ? {} : { constraint: 'telemetry_events_session_id_user_id_fkey' }),
    });
    await expect(insert(randomUUID())).rejects.toMatchObject({ code: '23503' });
    await insert(p.session);
    const events = async (session: string) => (await one(`select count(*)::int as n from app.telemetry_events where session_id = $1`, [session])).n;
    expect(await events(p.session)).toBeGreaterThanOrEqual(3);
    const qBefore = await events(q.session);
    await db().pool.query(`delete from app.cooking_sessions where id = $1`, [p.session]);
    expect(await events(p.session)).toBe(0);
    expect(await events(q.session)).toBe(qBefore);
  });
});
