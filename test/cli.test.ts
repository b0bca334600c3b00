// The command line as people meet it (issue 18): the Node-version check, --version, one-line usage
// errors, a closed standard output, file-system errors, read-only commands on an embedded data
// folder and the data-folder lock.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from './support/db.ts';
import { createPerson } from './support/fixtures.ts';
import { createAppliance, createSession } from './support/telemetry.ts';

const db = useTestDatabase();
const BIN = fileURLToPath(new URL('../bin/kitchen-db.js', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PACKAGE_VERSION = (await import('../package.json', { with: { type: 'json' } })).default.version;

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string | undefined> = {}, node = process.execPath): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(node, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const kitchenLines = (r: CliResult) => r.stderr.split('\n').filter((l) => l.startsWith('kitchen-db:'));

const temps: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'kitchen-db-cli-'));
  temps.push(d);
  return d;
}
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

/** A Node.js older than 22.18 on this machine (Debian 12's is 20), other than the one running. */
function oldNode(): { path: string; version: string } | undefined {
  const candidates = new Set(['/usr/bin/node', '/usr/local/bin/node', '/bin/node']);
  try {
    for (const p of execFileSync('which', ['-a', 'node'], { encoding: 'utf8' }).split('\n')) if (p) candidates.add(p);
  } catch {
    // no `which`: the fixed candidates remain
  }
  for (const path of candidates) {
    if (!existsSync(path)) continue;
    try {
      const version = execFileSync(path, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
      const [major, minor] = version.split('.').map(Number) as [number, number];
      if (major < 22 || (major === 22 && minor < 18)) return { path, version };
    } catch {
      // not runnable here
    }
  }
  return undefined;
}

describe('the Node.js version check (bin/kitchen-db.js)', () => {
  // CI's machine has Debian's Node 20 besides Node 24. Where there is no old Node, say so: the test
  // is skipped only when KITCHEN_DB_NO_OLD_NODE=1 says that is expected, never silently.
  const old = oldNode();
  it.skipIf(!old && process.env.KITCHEN_DB_NO_OLD_NODE === '1')('an old Node gets one line: what is needed, what was found, how to get it; exit 7', async () => {
    expect(old, 'no Node.js older than 22.18 found (set KITCHEN_DB_NO_OLD_NODE=1 where none is installed)').toBeDefined();
    for (const args of [['--help'], ['status'], ['demo']]) {
      const r = await cli(args, { DATABASE_URL: undefined }, old!.path);
      expect(r.code).toBe(7);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^kitchen-db: needs Node\.js 22\.18 or newer/);
      expect(lines[0]).toContain(`found ${old!.version}`);
      expect(lines[0]).toContain('https://nodejs.org');
      expect(r.stderr).not.toMatch(/ERR_UNKNOWN_FILE_EXTENSION|at .*:\d+:\d+/);
    }
  });

  it('the running Node passes the check', async () => {
    const r = await cli(['--version']);
    expect(r).toMatchObject({ code: 0, stdout: `${PACKAGE_VERSION}\n`, stderr: '' });
  });
});

describe('usage errors', () => {
  it('are one `kitchen-db:` line naming where the usage is, exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--bogus'], /^kitchen-db: unknown option '--bogus' \(see `kitchen-db --help`\)$/],
      [['frobnicate'], /^kitchen-db: unknown command 'frobnicate' \(see `kitchen-db --help`\)$/],
      [['gdpr', 'export'], /^kitchen-db: required option '--user <id\|email>' not specified \(see `kitchen-db gdpr export --help`\)$/],
      [['gdpr', 'export', '--user', 'x', '--format', 'xml'], /^kitchen-db: option '--format <format>' argument 'xml' is invalid.* \(see `kitchen-db gdpr export --help`\)$/],
    ];
    for (const [args, line] of cases) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trimEnd().split('\n'), args.join(' ')).toEqual([expect.stringMatching(line)]);
    }
  });
});

describe('gdpr export: standard output and files', () => {
  it('a closed standard output (`| head -c 10`) ends quietly with 0, not as a database error', async () => {
    const person = await createPerson(db().pool);
    // Enough rows that the export outlives the pipe's buffer (64 KiB): the writes after `head`
    // exits fail with EPIPE.
    await db().pool.query(
      `insert into app.meal_logs (user_id, meal_time, meal_type, notes)
       select $1, now() - make_interval(mins => g), 'snack', repeat('x', 200) from generate_series(1, 3000) g`,
      [person.id],
    );
    // Asynchronously: on the embedded engine the database is served by this very process.
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        'bash',
        ['-c', 'set -o pipefail; "$NODE" "$BIN" gdpr export --user "$USER_ID" | head -c 10'],
        { cwd: ROOT, env: { ...process.env, NODE: process.execPath, BIN, USER_ID: person.id, DATABASE_URL: db().url }, encoding: 'utf8' },
        // A non-zero status of the pipeline (pipefail) is kitchen-db's: it must be 0.
        (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
      ),
    );
    expect(out).toBe('{"manifest');
    // The error line, if any, is checked below with spawn.
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'gdpr', 'export', '--user', person.id], { cwd: ROOT, env: { ...process.env, DATABASE_URL: db().url }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(r.stderr).not.toMatch(/kitchen-db:|EPIPE|database/);
    expect(r.code).toBe(0);
  });

  it('--out in a folder that does not exist is a file-system error (exit 6), named as such', async () => {
    const person = await createPerson(db().pool);
    const r = await cli(['gdpr', 'export', '--user', person.id, '--out', '/nonexistent/dir/x.json'], { DATABASE_URL: db().url });
    expect(r.code).toBe(6);
    expect(kitchenLines(r)).toEqual([expect.stringMatching(/^kitchen-db: file-system error: open \/nonexistent\/dir\/\S+ failed \(ENOENT\): check that the folder exists$/)]);
    expect(r.stderr).not.toMatch(/database error/);
  });

  it('an existing --out file: the error names --force', async () => {
    const person = await createPerson(db().pool);
    const dir = tempDir();
    const file = join(dir, 'x.ndjson');
    expect((await cli(['gdpr', 'export', '--user', person.id, '--out', file], { DATABASE_URL: db().url })).code).toBe(0);
    const again = await cli(['gdpr', 'export', '--user', person.id, '--out', file], { DATABASE_URL: db().url });
    expect(again.code).toBe(5);
    expect(kitchenLines(again)).toEqual([expect.stringMatching(/already exists.*--force/)]);
    expect(readdirSync(dir)).toEqual(['x.ndjson']);
  });
});

describe('the embedded data folder: read-only commands and the lock', () => {
  // The CLI's engine is the embedded one in these tests, whatever the run's engine is.
  const embeddedEnv = { DATABASE_URL: undefined, KITCHEN_DB_DATA_DIR: undefined };

  it('read-only commands neither create nor migrate a data folder; they say what to run (exit 3)', async () => {
    const parent = tempDir();
    const empty = join(parent, 'empty');
    const missing = join(parent, 'missing');
    execFileSync('mkdir', [empty]);
    for (const [dir, args] of [
      [empty, ['status']],
      [missing, ['status']],
      [missing, ['partitions', 'list']],
      [missing, ['gdpr', 'requests']],
      [missing, ['worker', '--once']],
    ] as const) {
      const r = await cli(['--data-dir', dir, ...args], embeddedEnv);
      expect(r.code, args.join(' ')).toBe(3);
      expect(kitchenLines(r), args.join(' ')).toEqual([expect.stringMatching(new RegExp(`^kitchen-db: no embedded database in ${dir} \\(nothing was created\\) — create it with \`kitchen-db migrate\``))]);
    }
    expect(readdirSync(empty)).toEqual([]);
    expect(existsSync(missing)).toBe(false);
  });

  it('a second process on a data folder gets a clear error naming the owner; a stale lock is taken over; status does not migrate', async () => {
    const { startEmbedded, LOCK_FILE } = await import('../src/db/embedded.ts');
    const dir = join(tempDir(), 'data');
    const lock = join(dir, LOCK_FILE);
    const server = await startEmbedded({ dataDir: dir });
    try {
      expect(JSON.parse((await import('node:fs')).readFileSync(lock, 'utf8'))).toMatchObject({ pid: process.pid });
      const r = await cli(['--data-dir', dir, 'status'], embeddedEnv);
      expect(r.code).toBe(3);
      expect(kitchenLines(r)).toEqual([expect.stringMatching(new RegExp(`^kitchen-db: the embedded data folder ${dir} is in use by another kitchen-db process \\(pid ${process.pid}, since .*\\) — wait for it or stop it`))]);
      // In the same process too: one engine per folder.
      await expect(startEmbedded({ dataDir: dir })).rejects.toThrow(/in use by another kitchen-db process/);
    } finally {
      await server.stop();
    }
    expect(existsSync(lock)).toBe(false);

    // A lock left by a process that is gone (kill -9, a crash) is stale: taken over.
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => dead.on('exit', resolve));
    (await import('node:fs')).writeFileSync(lock, JSON.stringify({ pid: dead.pid, host: (await import('node:os')).hostname(), command: 'kitchen-db worker', since: '2026-01-01T00:00:00Z' }));
    const r = await cli(['--data-dir', dir, 'status'], embeddedEnv);
    // The folder holds a database without kitchen-db's schema: status reports every migration as
    // pending (exit 1) and applies none.
    expect(kitchenLines(r)).toEqual([]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/pending migrations: 000001-foundation\.sql, .* \(run `kitchen-db migrate`\)/);
    expect(existsSync(lock)).toBe(false);
    const again = await startEmbedded({ dataDir: dir });
    try {
      const { rows } = await again.db.query<{ n: number }>(`select count(*)::int as n from pg_namespace where nspname in ('app', 'graphile_migrate')`);
      expect(rows).toEqual([{ n: 0 }]);
    } finally {
      await again.stop();
    }
  });
});

describe('row counts: status and partitions list agree, and are true', () => {
  it('a freshly loaded, never analysed partition shows its real count in both (no ~0 rows)', async () => {
    const person = await createPerson(db().pool);
    const appliance = await createAppliance(db().pool, person.id);
    const session = await createSession(db().pool, person.id, appliance.id);
    await db().pool.query(
      `insert into app.telemetry_events (appliance_id, session_id, user_id, event_type, payload, recorded_at)
       select $1, $2, $3, 'heartbeat', '{}', now() - make_interval(secs => g) from generate_series(1, 4321) g`,
      [appliance.id, session, person.id],
    );
    const { rows: truth } = await db().pool.query<{ part: string; n: number }>(
      `select tableoid::regclass::text as part, count(*)::int as n from app.telemetry_events group by 1`,
    );
    const total = truth.reduce((n, r) => n + r.n, 0);
    expect(total).toBeGreaterThanOrEqual(4321);

    const status = await cli(['status'], { DATABASE_URL: db().url });
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(new RegExp(`app\\.telemetry_events: \\d+ monthly partition\\(s\\), ${total.toLocaleString('en-US')} rows, 0 in DEFAULT`));
    expect(status.stdout).not.toMatch(/~/);

    const list = await cli(['partitions', 'list'], { DATABASE_URL: db().url });
    expect(list.code).toBe(0);
    expect(list.stdout).not.toMatch(/~|unknown/);
    for (const { part, n } of truth) expect(list.stdout).toMatch(new RegExp(`${part.replace('.', '\\.')}\\s.*\\s${n.toLocaleString('en-US')} rows`));
    const json = JSON.parse((await cli(['--json', 'partitions', 'list'], { DATABASE_URL: db().url })).stdout) as { rowCount: number; rowCountExact: boolean }[];
    expect(json.every((r) => r.rowCountExact)).toBe(true);
    expect(json.reduce((n, r) => n + r.rowCount, 0)).toBe(total);
  });
});

describe('worker --once', () => {
  it('prints a summary for people (per queue: done, failed, dead-lettered) and lists each failure with its error; --json has the same, the dead-letter copy keeps the error', async () => {
    const enqueueUnknownExport = async () => {
      const userId = (await import('node:crypto')).randomUUID();
      await db().pool.query(`select app_private.enqueue_jobs('gdpr.export', $1::jsonb)`, [JSON.stringify([{ data: { userId }, key: `cli-test-${userId}` }])]);
      const { rows } = await db().pool.query<{ id: string }>(`select id from pgboss.job where name = 'gdpr.export' and data->>'userId' = $1`, [userId]);
      return { userId, jobId: rows[0]!.id };
    };
    const env = { DATABASE_URL: db().url, KITCHEN_DB_EXPORT_DIR: tempDir() };

    const first = await enqueueUnknownExport();
    const human = await cli(['worker', '--once', '--queues', 'gdpr.export'], env);
    expect(human.code).toBe(1);
    const lines = human.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^worker --once: 0 job\(s\) done, 1 failed \(1 dead-lettered\) in 1 queue\(s\), [\d.]+ s$/);
    expect(lines[1]).toMatch(/^ {2}queue\s+done\s+failed\s+dead-lettered\s+waiting$/);
    expect(lines[2]).toMatch(/^ {2}gdpr\.export\s+0\s+1\s+1\s+0$/);
    expect(lines[3]).toBe('failures:');
    expect(lines[4]).toContain(`gdpr.export  job ${first.jobId}  (dead-lettered to gdpr.export.dlq, after 0 retries): `);
    expect(lines[4]).toContain(first.userId);
    expect(human.stdout).not.toMatch(/^\{/m); // no JSON log lines among the summary

    const second = await enqueueUnknownExport();
    const json = await cli(['--json', 'worker', '--once', '--queues', 'gdpr.export'], env);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.queues['gdpr.export']).toEqual({ completed: 0, failed: 1, deadLettered: 1, pending: 0 });
    expect(report.failures).toEqual([{ queue: 'gdpr.export', jobId: second.jobId, error: expect.stringContaining(second.userId), retryCount: 0, deadLetterQueue: 'gdpr.export.dlq' }]);

    // pg-boss 12 copies the failed job's output (our { error }) into the dead-letter job's source_output.
    const { rows } = await db().pool.query(`select source_name, source_output from pgboss.job where name = 'gdpr.export.dlq' and source_id = any($1::uuid[]) order by created_on`, [[first.jobId, second.jobId]]);
    expect(rows).toEqual([
      { source_name: 'gdpr.export', source_output: { error: expect.stringContaining(first.userId) } },
      { source_name: 'gdpr.export', source_output: { error: expect.stringContaining(second.userId) } },
    ]);
  });
});

describe('live status lines (the demo\'s long steps)', () => {
  const fakeTerminal = (isTTY: boolean) => {
    const writes: string[] = [];
    return { writes, stream: { isTTY, columns: 80, write: (s: string) => (writes.push(s), true) } as unknown as NodeJS.WriteStream };
  };

  it('on a terminal: one line redrawn in place with what runs, the counts and the elapsed time, cleared at the end', async () => {
    const { createOutput } = await import('../src/cli/output.ts');
    const tty = fakeTerminal(true);
    const status = createOutput(false, process.stdout, tty.stream).status('jobs (pg-boss)');
    status.update('1,234 jobs done — assistant.embed 1200, metrics.rollup 34');
    await new Promise((r) => setTimeout(r, 600)); // redrawn while nothing changes: the elapsed time moves
    status.done();
    status.done();
    const last = tty.writes.at(-2)!;
    expect(last).toMatch(/^\r\x1b\[Kjobs \(pg-boss\) 1,234 jobs done — assistant\.embed 1200, metrics\.rollup 34 +\d+\.\d s$/);
    expect(last.length).toBeLessThanOrEqual(80 + 4);
    expect(tty.writes.filter((w) => w.includes('1,234')).length).toBeGreaterThanOrEqual(3);
    expect(tty.writes.at(-1)).toBe('\r\x1b[K');
    expect(tty.writes.filter((w) => w === '\r\x1b[K')).toHaveLength(1);
  });

  it('not on a terminal, or under --json: nothing (the plain result lines only)', async () => {
    const { createOutput } = await import('../src/cli/output.ts');
    for (const [json, isTTY] of [[false, false], [true, true]] as const) {
      const tty = fakeTerminal(isTTY);
      const status = createOutput(json, process.stdout, tty.stream).status('demo data');
      status.update('loaded people: 50');
      status.done();
      expect(tty.writes).toEqual([]);
    }
  });
});
