// Shared benchmark harness. Every benchmark in bench/ is a module that exports
//   export const meta: BenchMeta;                  // name, title, how to reproduce
//   export async function run(ctx: BenchContext): Promise<BenchRow[]>;
// and ends with `if (isMain(import.meta.url)) await runStandalone(meta, run);` so that
// `node bench/<name>.ts [--quick]` runs it alone. `npm run bench` (bench/run.ts) runs them all
// and writes BENCHMARKS.md. Rules: print only what was measured; a reference is measured in the
// same run; figures are medians over several runs with min and max; a missed target is shown.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

export interface BenchMeta {
  name: string;
  title: string;
  /** The command that reproduces it. */
  reproduce: string;
}

export interface BenchContext {
  /** A fresh, migrated database of its own (superuser pool; use db.asUser for RLS paths). */
  db: TestDatabase;
  /** 1 = the documented default sizes; the quick run uses a small fraction. */
  scale: number;
  quick: boolean;
  /** Repetitions for medians (≥ 3). */
  runs: number;
  log(message: string): void;
}

export interface BenchRow {
  /** What was measured, e.g. "meal history, pgtyped". */
  what: string;
  /** The kind of figure: "rows/s", "p50 ms", "recall@10", … */
  figure: string;
  median: number;
  min: number;
  max: number;
  /** The reference measured in the same run, and the ratio median/reference.median. */
  reference?: { what: string; median: number };
  ratio?: number;
  /** The target, e.g. { on: 'ratio', op: '<=', value: 1.2 } or { on: 'median', op: '<', value: 10 }. */
  target?: { on: 'ratio' | 'median' | 'max'; op: '<=' | '>=' | '<' | '>'; value: number };
  met?: boolean;
  note?: string;
}

export function scaled(defaultSize: number, ctx: Pick<BenchContext, 'scale'>, minimum = 1): number {
  return Math.max(minimum, Math.round(defaultSize * ctx.scale));
}

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function median(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** A row from one figure measured `runs` times (median, min, max) with target checking. */
export function row(
  what: string,
  figure: string,
  samples: number[],
  extra: Omit<BenchRow, 'what' | 'figure' | 'median' | 'min' | 'max' | 'ratio' | 'met'> & { referenceSamples?: number[] } = {},
): BenchRow {
  const { referenceSamples, ...rest } = extra;
  const r: BenchRow = { what, figure, median: median(samples), min: Math.min(...samples), max: Math.max(...samples), ...rest };
  if (referenceSamples && rest.reference) rest.reference.median = median(referenceSamples);
  if (r.reference) r.ratio = r.median / r.reference.median;
  if (r.target) {
    const v = r.target.on === 'ratio' ? r.ratio! : r.target.on === 'max' ? r.max : r.median;
    const { op, value } = r.target;
    r.met = op === '<=' ? v <= value : op === '>=' ? v >= value : op === '<' ? v < value : v > value;
  }
  return r;
}

/** Milliseconds taken by `fn`. */
export async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Paired measurements take turns going first (a on odd i, b on even i), so neither side always runs on the other's warmed caches. */
export async function inTurn(i: number, a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<void> {
  if (i % 2) {
    await a();
    await b();
  } else {
    await b();
    await a();
  }
}

/** Latencies (ms) of `n` sequential calls. */
export async function latencies(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await time(() => fn(i)));
  return out;
}

const fmt = (n: number | undefined): string =>
  n === undefined || Number.isNaN(n) ? '—' : Math.abs(n) >= 1000 ? Math.round(n).toLocaleString('en-US') : Number(n.toPrecision(3)).toString();

export function targetText(t: BenchRow['target']): string {
  return t ? `${t.on === 'ratio' ? 'ratio' : t.on} ${t.op} ${t.value}` : '';
}

/** The report table in Markdown (also readable on a terminal). */
/** A ratio with two decimals, or two significant digits below 0.01 (an HNSW search is ~0.004× an exact scan, not 0.00×). */
export function formatRatio(ratio: number): string {
  return `${ratio >= 0.01 ? ratio.toFixed(2) : ratio.toPrecision(2)}×`;
}

export function formatRows(rows: BenchRow[]): string {
  const head = '| what | figure | median | min | max | reference (same run) | ratio | target | |\n|---|---|---:|---:|---:|---|---:|---|---|';
  const lines = rows.map((r) =>
    [
      r.what,
      r.figure,
      fmt(r.median),
      fmt(r.min),
      fmt(r.max),
      r.reference ? `${r.reference.what}: ${fmt(r.reference.median)}` : '',
      r.ratio === undefined ? '' : formatRatio(r.ratio),
      targetText(r.target),
      r.met === undefined ? '' : r.met ? 'met' : '**MISSED**',
    ].join(' | '),
  );
  return [head, ...lines.map((l) => `| ${l} |`)].join('\n') + rows.filter((r) => r.note).map((r) => `\n- ${r.what}: ${r.note}`).join('');
}

export function machine(): { cores: number; memoryGiB: number; cpu: string } {
  return { cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), cpu: cpus()[0]?.model ?? 'unknown' };
}

export async function serverVersion(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ v: string }>('select version() as v');
  return rows[0]!.v.replace(/ on .*/, '');
}

/** Bench person g's uuid computed client-side, so it matches md5('bench' || g)::uuid from createBenchPeople. */
export function benchPersonId(g: number): string {
  const h = createHash('md5').update(`bench${g}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** People 1..n with known ids (benchPersonId), so generated rows can point at them without a lookup. */
export async function createBenchPeople(pool: pg.Pool, n: number): Promise<void> {
  await pool.query(
    `insert into auth."user" (id, name, email, "emailVerified")
     select 'bench_' || g, 'Bench ' || g, 'bench' || g || '@example.test', true from generate_series(1, $1) g`,
    [n],
  );
  await pool.query(
    `insert into app.users (id, auth_id, email, name)
     select md5('bench' || g)::uuid, 'bench_' || g, 'bench' || g || '@example.test', 'Bench ' || g from generate_series(1, $1) g`,
    [n],
  );
}

/** Keeps each generated statement small enough to load without one huge transaction: fn(from, to) over 1..total. */
export async function inChunks(total: number, chunk: number, fn: (from: number, to: number) => Promise<void>): Promise<void> {
  for (let from = 1; from <= total; from += chunk) await fn(from, Math.min(total, from + chunk - 1));
}

/** Loads generated rows fast: one transaction with triggers and FK checks off (the rows are valid by construction). */
export async function bulk(pool: pg.Pool, sql: string, params: unknown[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('set local session_replication_role = replica');
    await client.query(sql, params);
    await client.query('commit');
  } finally {
    client.release();
  }
}

/**
 * After a load, before timing: CHECKPOINT writes the load's dirty buffers out, and `sync` makes the
 * operating system write them to disk now. The throwaway server runs with fsync = off, so without
 * `sync` the kernel writes gigabytes back in bursts during the first minutes of measurement (vmstat:
 * write bursts of 50–720 MB/s every few seconds through bench/queries.ts's runs), which puts multi-ms stalls
 * into whichever calls meet them and makes p99 a measure of the write-back, not of the code.
 */
export async function settle(pool: pg.Pool, log: (m: string) => void): Promise<void> {
  const t0 = Date.now();
  await pool.query('checkpoint');
  try {
    execFileSync('sync', { stdio: 'ignore' });
  } catch {
    // No `sync` (another platform): the checkpoint alone.
  }
  log(`checkpoint and sync after the load: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/** mulberry32, so generated data is the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** CPU seconds (user + system) a server backend has used so far, from /proc: unlike wall-clock time, waiting for a CPU does not count. Null when the server is elsewhere. */
export function backendCpuSeconds(pid: number): number | null {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return null;
  }
}

/** backendCpuSeconds of every backend of this database, by pid (null if any is unreadable), to diff around a measurement. */
export async function serverCpuSeconds(pool: pg.Pool): Promise<Map<number, number> | null> {
  const { rows } = await pool.query<{ pid: number }>(`select pid from pg_catalog.pg_stat_activity where datname = current_database()`);
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    const s = backendCpuSeconds(pid);
    if (s === null) return null;
    out.set(pid, s);
  }
  return out;
}

const SCRIPTS = fileURLToPath(new URL('../scripts/ci/', import.meta.url));

export interface BenchServer {
  /** Where TEST_DATABASE_URL comes from, for the log. */
  source: string;
  /** Stops the throwaway cluster (nothing when the server was given). */
  stop(): void;
}

/**
 * The server the benchmarks run on: TEST_DATABASE_URL when it is set, otherwise a throwaway native
 * cluster started with the script CI uses (scripts/ci/start-postgres.sh: a temp folder, a free
 * loopback port, tuned for speed), which stop() removes again (KITCHEN_DB_ENGINE=embedded: none). Sets process.env.TEST_DATABASE_URL,
 * so child processes and the resolver use it. Without server binaries it says how to get them
 * (scripts/ci/provision-postgres.sh on Debian) unless `optional`, in which case it returns null and
 * the resolver picks the engine (Docker, else embedded).
 */
export function ensureNativeServer(log: (line: string) => void, optional = false): BenchServer | null {
  if (process.env.TEST_DATABASE_URL) return { source: 'TEST_DATABASE_URL', stop() {} };
  if (process.env.KITCHEN_DB_ENGINE === 'embedded') return null; // asked for by name
  let out: string;
  try {
    out = execFileSync('bash', [`${SCRIPTS}start-postgres.sh`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const why = ((error as { stderr?: string }).stderr ?? String(error)).trim();
    if (optional) {
      log(`no throwaway native server (${why}); the resolver picks the engine`);
      return null;
    }
    throw new Error(
      `no TEST_DATABASE_URL, and a throwaway native server could not be started: ${why}\n` +
        'Run `bash scripts/ci/provision-postgres.sh` (Debian 12/13: PostgreSQL with pgvector), or set TEST_DATABASE_URL to a server with pgvector, or pass --quick.',
    );
  }
  const env: Record<string, string> = {};
  for (const m of out.matchAll(/^export (\w+)='([^']*)'$/gm)) env[m[1]!] = m[2]!;
  if (!env.TEST_DATABASE_URL || !env.KITCHEN_PG_DIR) throw new Error(`scripts/ci/start-postgres.sh printed no TEST_DATABASE_URL:\n${out}`);
  Object.assign(process.env, env);
  const dir = env.KITCHEN_PG_DIR;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (existsSync(dir)) execFileSync('bash', [`${SCRIPTS}stop-postgres.sh`, dir], { stdio: 'ignore' });
    delete process.env.TEST_DATABASE_URL;
  };
  // Also on Ctrl-C or a crash: never leave a cluster running in /tmp.
  process.once('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stop();
      process.exit(130);
    });
  }
  log(`a throwaway native server (scripts/ci/start-postgres.sh, ${env.KITCHEN_PG_BIN ?? 'PostgreSQL'}) at ${env.TEST_DATABASE_URL}; removed at the end`);
  return { source: 'a throwaway native server started by the benchmark (scripts/ci/start-postgres.sh)', stop };
}

export function isMain(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && fileURLToPath(moduleUrl) === process.argv[1];
}

/** `node bench/<name>.ts [--quick] [--scale=0.1] [--runs=5]`: one benchmark on its own database. */
export async function runStandalone(meta: BenchMeta, run: (ctx: BenchContext) => Promise<BenchRow[]>): Promise<void> {
  const quick = process.argv.includes('--quick');
  const scaleArg = process.argv.find((a) => a.startsWith('--scale='));
  const runsArg = process.argv.find((a) => a.startsWith('--runs='));
  const scale = scaleArg ? Number(scaleArg.slice(8)) : quick ? 0.02 : 1;
  const runs = runsArg ? Number(runsArg.slice(7)) : quick ? 3 : 5;
  const server = ensureNativeServer((l) => console.error(l), quick);
  const db = await createTestDatabase().catch((error) => {
    server?.stop();
    throw error;
  });
  try {
    console.error(`${meta.title}: engine ${db.engine}, ${await serverVersion(db.pool)}, scale ${scale}, runs ${runs}`);
    const rows = await run({ db, scale, quick, runs, log: (m) => console.error(`  ${m}`) });
    console.log(`\n## ${meta.title}\n\n${formatRows(rows)}\n\nReproduce: \`${meta.reproduce}\`\n`);
  } finally {
    await db.close();
    server?.stop();
  }
}
