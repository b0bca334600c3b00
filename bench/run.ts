// `npm run bench` = `node bench/run.ts [--quick] [--only=name,…] [--runs=N] [--scale=S] [--out=PATH]`
//
// Runs every benchmark of bench/ (each module with `meta` and `run`, see bench/lib.ts) one after
// the other (a 2-core machine: never two at once), each in a child process of its own on a fresh
// migrated database of its own (createTestDatabase from one template prepared here), and writes
// BENCHMARKS.md: the machine (cores, memory, CPU, PostgreSQL, Node, load average at start and end),
// a summary mirroring issue 10's table, then each benchmark's table (medians over runs with min
// and max, ratios against references measured in the same run, targets met or MISSED) with the
// command that reproduces it and its run log.
//
// The engine is the resolver's (TEST_DATABASE_URL, else Docker, else embedded). The default sizes
// are refused on the embedded engine (PGlite: one WebAssembly thread, in memory); --quick (scale
// 0.02, 3 runs) runs anywhere. bench/embedded.ts compares the embedded engine with the native
// server itself and needs a native server.
//
// A benchmark that throws is reported as failed (its error and the end of its log) and the others
// still run; the exit code is then 1. A missed target is a result, not a failure.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { chooseEngine, dockerAnswers } from '../src/db/resolve.ts';
import { createTestDatabase, prepareTestTemplate, type TestTemplate } from '../src/testing.ts';
import { ensureNativeServer, formatRatio, formatRows, machine, serverVersion, type BenchContext, type BenchMeta, type BenchRow } from './lib.ts';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH_DIR, '..');
const SELF = fileURLToPath(import.meta.url);

/** Issue 10's order; any other bench/*.ts module runs after these, alphabetically. */
const ORDER = ['telemetry', 'queries', 'rls', 'recipes', 'knowledge', 'gdpr', 'jobs', 'embedded'];
/**
 * Run only when named (--only=…): bench/citus.ts starts a 3-node Citus cluster of its own, which
 * does not fit the default run's 17 minutes on the 2-core machine (docs/scale-out.md).
 */
const OPT_IN = ['citus'];

/**
 * Repetitions of the default run, per benchmark (5 otherwise). Fewer where one repetition is a
 * full pass over the issue's dataset, so that the whole default run fits in 17 minutes on the
 * 2-core machine (issue 19); the dataset sizes are the issue's. --runs=N overrides all of them.
 */
const DEFAULT_RUNS: Record<string, number> = { telemetry: 3, gdpr: 3, knowledge: 3, recipes: 3, embedded: 3, queries: 5, rls: 3, jobs: 3 };
/** Issue 19: the default run fits in 17 minutes on the 2-core machine (the header says whether it did). */
const DEFAULT_RUN_LIMIT_MINUTES = 17;
const QUICK_SCALE = 0.02;
const QUICK_RUNS = 3;
/** A benchmark still running after this is killed and reported as failed. */
const TIMEOUT_MINUTES = { quick: 5, full: 30 };

interface Options {
  quick: boolean;
  only: string[] | null;
  runs: number | null;
  scale: number;
  out: string;
}

function parseArgs(argv: string[]): Options {
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  for (const a of argv) {
    if (!/^--(quick|help|only=.+|runs=\d+|scale=[\d.]+|out=.+|child=.+)$/.test(a)) {
      throw new Error(`unknown argument ${a}\nusage: node bench/run.ts [--quick] [--only=name,…] [--runs=N] [--scale=S] [--out=PATH]`);
    }
  }
  const quick = argv.includes('--quick');
  const runs = value('runs') === undefined ? null : Number(value('runs'));
  if (runs !== null && !(Number.isInteger(runs) && runs >= 1)) throw new Error('--runs must be a positive integer');
  const scale = value('scale') === undefined ? (quick ? QUICK_SCALE : 1) : Number(value('scale'));
  if (!(scale > 0 && scale <= 1)) throw new Error('--scale must be in (0, 1]');
  return {
    quick,
    only: value('only')?.split(',').map((s) => s.trim()).filter(Boolean) ?? null,
    runs,
    scale,
    out: resolve(value('out') ?? join(ROOT, 'BENCHMARKS.md')),
  };
}

function discover(): string[] {
  const names = readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith('.ts') && f !== 'lib.ts' && f !== 'run.ts')
    .map((f) => f.slice(0, -3));
  const rank = (n: string) => (ORDER.includes(n) ? ORDER.indexOf(n) : ORDER.length);
  return names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

type BenchModule = { meta: BenchMeta; run: (ctx: BenchContext) => Promise<BenchRow[]> };

async function load(name: string): Promise<BenchModule> {
  const mod = (await import(pathToFileURL(join(BENCH_DIR, `${name}.ts`)).href)) as Partial<BenchModule>;
  if (!mod.meta || typeof mod.run !== 'function') throw new Error(`bench/${name}.ts does not export meta and run (see bench/lib.ts)`);
  return mod as BenchModule;
}

// ---------------------------------------------------------------------------------------------
// Child: one benchmark on its own database, rows back to the parent over IPC.
// ---------------------------------------------------------------------------------------------

type ChildMessage =
  | { type: 'db'; url: string; engine: string; version: string }
  | { type: 'result'; rows: BenchRow[] }
  | { type: 'error'; message: string };

async function child(name: string, argv: string[]): Promise<void> {
  const send = (m: ChildMessage) => new Promise<void>((res) => process.send!(m, () => res()));
  const template = JSON.parse(process.env.KITCHEN_DB_BENCH_TEMPLATE ?? 'null') as TestTemplate | null;
  if (!template) throw new Error('--child needs KITCHEN_DB_BENCH_TEMPLATE');
  const opts = parseArgs(argv);
  const mod = await load(name);
  const db = await createTestDatabase({ template });
  try {
    await send({ type: 'db', url: db.url, engine: db.engine, version: await serverVersion(db.pool) });
    const rows = await mod.run({ db, scale: opts.scale, quick: opts.quick, runs: opts.runs ?? QUICK_RUNS, log: (m) => console.error(m) });
    await send({ type: 'result', rows });
  } catch (error) {
    await send({ type: 'error', message: (error as Error).stack ?? String(error) });
  } finally {
    await db.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// Parent
// ---------------------------------------------------------------------------------------------

interface BenchResult {
  name: string;
  meta: BenchMeta;
  runs: number;
  rows: BenchRow[];
  error?: string;
  seconds: number;
  loadStart: number[];
  loadEnd: number[];
  log: string[];
}

function runChild(name: string, opts: Options, runs: number, template: TestTemplate): Promise<{ rows: BenchRow[]; error?: string; log: string[] }> {
  const args = [`--child=${name}`, `--scale=${opts.scale}`, `--runs=${runs}`, ...(opts.quick ? ['--quick'] : [])];
  const proc: ChildProcess = fork(SELF, args, {
    env: { ...process.env, KITCHEN_DB_BENCH_TEMPLATE: JSON.stringify(template) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const log: string[] = [];
  let dbUrl: string | undefined;
  let rows: BenchRow[] | undefined;
  let error: string | undefined;
  const onLine = (line: string) => {
    log.push(line);
    process.stderr.write(`  [${name}] ${line}\n`);
  };
  for (const stream of [proc.stdout!, proc.stderr!]) {
    let buf = '';
    stream.setEncoding('utf8');
    stream.on('data', (d: string) => {
      buf += d;
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        onLine(buf.slice(0, i));
        buf = buf.slice(i + 1);
      }
    });
    stream.on('end', () => buf && onLine(buf));
  }
  proc.on('message', (m: ChildMessage) => {
    if (m.type === 'db') {
      dbUrl = m.url;
      onLine(`database ${new URL(m.url).pathname.slice(1)} (${m.engine}, ${m.version})`);
    } else if (m.type === 'result') rows = m.rows;
    else error = m.message;
  });
  const minutes = opts.quick ? TIMEOUT_MINUTES.quick : TIMEOUT_MINUTES.full;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    proc.kill('SIGKILL');
  }, minutes * 60_000);
  return new Promise((resolvePromise) => {
    proc.on('exit', async (code, signal) => {
      clearTimeout(timer);
      if (timedOut) error = `killed after ${minutes} minutes`;
      else if (!rows && !error) error = `the benchmark process exited (${signal ?? `code ${code}`}) without a result`;
      // A killed child could not drop its database.
      if (error && dbUrl && template.kind !== 'embedded' && template.serverUrl) {
        const name = new URL(dbUrl).pathname.slice(1);
        const c = new pg.Client({ connectionString: template.serverUrl });
        await c.connect().then(() => c.query(`drop database if exists "${name}" with (force)`)).catch(() => {});
        await c.end().catch(() => {});
      }
      resolvePromise({ rows: rows ?? [], ...(error ? { error } : {}), log });
    });
  });
}

const fmt = (n: number | undefined): string =>
  n === undefined || Number.isNaN(n) ? '—' : Math.abs(n) >= 1000 ? Math.round(n).toLocaleString('en-US') : Number(n.toPrecision(3)).toString();
const loadText = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');

/** One line of issue 10's table and the rows of the benchmarks that answer it. */
interface SummaryLine {
  what: string;
  figure: string;
  reference: string;
  target: string;
  bench: string;
  /**
   * Rows of that bench whose `what` matches, each with the figures wanted; `label` names them in
   * the summary (default: the row's own `what`), `ref` names their reference briefly.
   */
  picks: { what: RegExp; figure: RegExp; label?: string; ref?: string }[];
  /** Many rows of the same kind (recipe queries): per figure, the range of medians and the worst one. */
  aggregate?: boolean;
}

const SUMMARY: SummaryLine[] = [
  {
    what: 'telemetry ingest, 1M events, all indexes',
    figure: 'rows/s',
    reference: '`psql \\copy` of the same rows',
    target: '≥ 0.9× (1 stream); server CPU/row ≤ 1.05× COPY',
    bench: 'telemetry',
    picks: [
      { what: /^ingestTelemetry, 1 connection/, figure: /^rows\/s$/, label: 'ingestTelemetry, 1 connection', ref: '\\copy' },
      { what: /^ingestTelemetry \(1 connection\) \/ psql \\copy, paired/, figure: /^ratio$/, label: 'ingestTelemetry / \\copy paired within each run' },
      { what: /^ingestTelemetry, [24] connections/, figure: /^rows\/s$/, ref: '\\copy' },
      { what: /^server CPU per row: ingestTelemetry, 1 connection/, figure: /^µs\/row$/, label: 'server CPU per row', ref: 'COPY' },
    ],
  },
  {
    what: 'meal history, 1M meals / 10k people',
    figure: 'p50, p99',
    reference: 'same SQL via raw `pg`',
    target: '≤ 1.05×',
    bench: 'queries',
    picks: [
      { what: /^meal history, latest 20/, figure: /^p(50|99) ms/, label: 'latest 20', ref: 'raw pg' },
      { what: /^meal history, next page/, figure: /^p(50|99) ms/, label: 'next page', ref: 'raw pg' },
    ],
  },
  {
    what: 'RLS per-person query',
    figure: 'p50, p99',
    reference: 'explicit `WHERE user_id =` as owner',
    target: '≤ 1.2×',
    bench: 'rls',
    picks: [
      { what: /^latest 20 meals of one person/, figure: /^p(50|99) ms$/, label: 'latest 20', ref: 'WHERE user_id' },
      { what: /^meals and calories of one person in a month/, figure: /^p(50|99) ms$/, label: 'month totals', ref: 'WHERE user_id' },
    ],
  },
  {
    what: 'recipe search, 100k recipes',
    figure: 'p50, p99',
    reference: 'the same statements via raw `pg`',
    target: 'p99 < 10 ms; p50 and p99 ≤ 1.05×',
    bench: 'recipes',
    picks: [{ what: /./, figure: /^(p(50|99) ms|ratio of p99 to raw pg)$/, ref: 'raw pg' }],
    aggregate: true,
  },
  {
    what: 'per-person similarity, 1M × 384-dim',
    figure: 'p50, p99, recall@10',
    reference: 'exact scan',
    target: 'recall 1.0',
    bench: 'queries',
    picks: [
      { what: /^per-person similarity search, k = 10/, figure: /^p(50|99) ms/, label: 'searchMine', ref: 'raw pg' },
      { what: /^per-person similarity search: recall@10/, figure: /^recall@10$/, label: 'searchMine' },
    ],
  },
  {
    what: 'knowledge-base HNSW, 100k × 1536-dim',
    figure: 'p50, recall@10',
    reference: 'exact scan',
    target: 'recall ≥ 0.95',
    bench: 'knowledge',
    picks: [
      { what: /^knowledge search via the API, default ef_search/, figure: /^p50 ms$/, label: 'searchKnowledge (ef_search 40)', ref: 'exact scan' },
      { what: /^recall@10 of the API, default ef_search/, figure: /^recall@10$/, label: 'searchKnowledge (ef_search 40)' },
    ],
  },
  {
    what: 'GDPR export / purge, heavy person',
    figure: 'seconds, longest lock wait seen by others',
    reference: '—',
    target: 'purge < 5 s',
    bench: 'gdpr',
    picks: [
      { what: /^export of the heavy person/, figure: /^s$/, label: 'export' },
      { what: /^purge of the heavy person/, figure: /^s$/, label: 'purge' },
      { what: /^writers' longest heavyweight-lock wait during the purge/, figure: /^ms$/, label: 'writers\' longest lock wait during the purge' },
    ],
  },
  {
    what: 'pg-boss no-op queue',
    figure: 'jobs/s',
    reference: '—',
    target: '≥ 1,000 jobs/s',
    bench: 'jobs',
    picks: [{ what: /^no-op queue, work\(\)/, figure: /^jobs\/s$/, label: 'no-op work()', ref: 'pg-boss speed test' }],
  },
  {
    what: 'worker peak memory',
    figure: 'RSS',
    reference: '—',
    target: 'report',
    bench: 'jobs',
    picks: [{ what: /^worker process peak RSS/, figure: /MiB/, label: 'worker peak RSS' }],
  },
  {
    what: 'embedded vs native engine, meal history and telemetry ingest',
    figure: 'p50, p99, rows/s',
    reference: 'native',
    target: 'report the ratio',
    bench: 'embedded',
    picks: [
      { what: /^meal history .* embedded engine/, figure: /^p(50|99) ms/, label: 'meal history, embedded', ref: 'native' },
      { what: /^telemetry ingest .* embedded engine/, figure: /^rows\/s$/, label: 'ingest, embedded', ref: 'native' },
      { what: /^telemetry ingest .* native server/, figure: /^rows\/s$/, label: 'ingest, native' },
    ],
  },
];

/** "p50 0.87 ms", "16,563 rows/s", "recall@10 1" … */
function figureText(figure: string, value: number): string {
  const m = /^(p\d+) (\S+)/.exec(figure);
  if (m) return `${m[1]} ${fmt(value)} ${m[2]}`;
  if (/^(rows\/s|jobs\/s|s|ms|MiB|µs\/row)$/.test(figure)) return `${fmt(value)} ${figure}`;
  return `${figure} ${fmt(value)}`;
}

const verdictOf = (row: BenchRow) => (row.met === undefined ? '' : row.met ? ' met' : ' **MISSED**');

function summaryCell(line: SummaryLine, results: Map<string, BenchResult>): { result: string; verdict: string } {
  const r = results.get(line.bench);
  if (!r) return { result: `not run (bench/${line.bench}.ts ${existsBench(line.bench) ? 'not selected' : 'missing'})`, verdict: '—' };
  if (r.error) return { result: `not measured: bench/${line.bench}.ts failed`, verdict: '**FAILED**' };
  const parts: string[] = [];
  let missed = false;
  let targeted = false;
  for (const pick of line.picks) {
    const rows = r.rows.filter((x) => pick.what.test(x.what) && pick.figure.test(x.figure));
    if (rows.length === 0) {
      parts.push(`${pick.label ?? pick.what.source}: not measured (no such row)`);
      missed = true;
      continue;
    }
    for (const x of rows) {
      if (x.met !== undefined) targeted = true;
      if (x.met === false) missed = true;
    }
    if (line.aggregate) {
      // Per figure: the range of the medians, the worst row, how many met.
      for (const figure of [...new Set(rows.map((x) => x.figure))]) {
        const of = rows.filter((x) => x.figure === figure);
        const lo = Math.min(...of.map((x) => x.median));
        const worst = of.reduce((a, b) => (b.median > a.median ? b : a));
        const judged = of.filter((x) => x.met !== undefined);
        const met = judged.filter((x) => x.met).length;
        const range = figureText(figure, lo).replace(fmt(lo), `${fmt(lo)}–${fmt(worst.median)}`);
        const ratios = of.flatMap((x) => (x.ratio === undefined ? [] : [x.ratio]));
        const ratioText = ratios.length ? `, ${formatRatio(Math.min(...ratios))}–${formatRatio(Math.max(...ratios))} ${pick.ref ?? 'the reference'}` : '';
        parts.push(
          `${range} over ${of.length} queries (worst: ${worst.what})${ratioText}` +
            (judged.length ? (met === judged.length ? ` — all ${met} met` : ` — **${judged.length - met} of ${judged.length} MISSED**`) : ''),
        );
      }
      continue;
    }
    for (const x of rows) {
      const ratio = x.ratio === undefined ? '' : ` (${formatRatio(x.ratio)} ${pick.ref ?? 'the reference'})`;
      parts.push(`${pick.label ?? x.what}: ${figureText(x.figure, x.median)}${ratio}${verdictOf(x)}`);
    }
  }
  return { result: parts.join('; '), verdict: missed ? '**MISSED**' : targeted ? 'met' : 'reported' };
}

let benchNames: string[] = [];
const existsBench = (name: string) => benchNames.includes(name);

interface RunInfo {
  command: string;
  opts: Options;
  started: Date;
  finished?: Date;
  loadStart: number[];
  loadEnd?: number[];
  engineLine: string;
  engineKind: string;
  /** Template and probe database, before the first benchmark. */
  setupSeconds: number;
  version: string;
  selected: string[];
}

function report(info: RunInfo, results: BenchResult[]): string {
  const m = machine();
  const byName = new Map(results.map((r) => [r.name, r]));
  const out: string[] = [];
  const done = info.finished !== undefined;
  const minutes = ((done ? info.finished!.getTime() : Date.now()) - info.started.getTime()) / 60_000;
  out.push('# kitchen-db benchmarks', '');
  out.push(
    `Written by \`${info.command}\` (bench/run.ts) on ${info.started.toISOString().slice(0, 16).replace('T', ' ')} UTC; ` +
      (done ? `the whole run took ${minutes.toFixed(1)} minutes.` : `**incomplete: ${results.length} of ${info.selected.length} benchmarks done so far (${minutes.toFixed(1)} minutes).**`),
  );
  out.push('');
  // Where the time went, so the header alone answers "does the default run fit" (no hand edits).
  const setupMinutes = info.setupSeconds / 60;
  out.push('| benchmark | minutes (with loading) | load average at its start |', '|---|---:|---|');
  out.push(`| setup (template database, migrations) | ${setupMinutes.toFixed(1)} | ${loadText(info.loadStart)} |`);
  for (const r of results) out.push(`| ${r.name}${r.error ? ' (**FAILED**)' : ''} | ${(r.seconds / 60).toFixed(1)} | ${loadText(r.loadStart)} |`);
  if (done) {
    const isDefault = info.opts.only === null && info.opts.runs === null && info.opts.scale === 1 && !info.opts.quick;
    out.push(
      `| **total** | **${minutes.toFixed(1)}** | ${isDefault ? (minutes <= DEFAULT_RUN_LIMIT_MINUTES ? `within issue 19's ${DEFAULT_RUN_LIMIT_MINUTES} minutes` : `**over issue 19's ${DEFAULT_RUN_LIMIT_MINUTES} minutes**`) : 'not the default run: no time limit'} |`,
    );
  }
  out.push('');
  out.push(
    info.opts.scale === 1
      ? 'Sizes: the defaults of issue 10 (scale 1).'
      : `Sizes: **scaled down to ${info.opts.scale} of the defaults${info.opts.quick ? ' (--quick)' : ''}** — a smoke run, not the issue's figures.`,
  );
  out.push('');
  out.push('## Machine', '');
  out.push('| | |', '|---|---|');
  out.push(`| CPU | ${m.cpu}, ${m.cores} cores |`);
  out.push(`| memory | ${m.memoryGiB} GiB |`);
  out.push(`| PostgreSQL | ${info.version} (${info.engineKind === 'embedded' ? 'embedded engine' : 'native server'}) |`);
  out.push(`| engine line | ${info.engineLine.replace(/\|/g, '\\|')} |`);
  out.push(`| Node | ${process.version} |`);
  out.push(`| load average (1 / 5 / 15 min) at start | ${loadText(info.loadStart)} |`);
  out.push(`| load average at end | ${info.loadEnd ? loadText(info.loadEnd) : '(still running)'} |`);
  out.push('');
  out.push(
    `The machine is shared and noisy: other engineers run tests and builds on the same ${m.cores} cores while this runs, ` +
      'so wall-clock figures move between runs (see min and max, and the load average of each benchmark). Ratios compare ' +
      'a figure with its reference measured in the same run, interleaved where the benchmark allows, which cancels most of it.',
  );
  out.push('');
  out.push('## Summary (issue 10)', '');
  out.push('| what | figure | reference in the same run | target | result | | reproduce |', '|---|---|---|---|---|---|---|');
  for (const line of SUMMARY) {
    const { result, verdict } = summaryCell(line, byName);
    out.push(`| ${line.what} | ${line.figure} | ${line.reference} | ${line.target} | ${result} | ${verdict} | \`node bench/run.ts --only=${line.bench}\` |`);
  }
  out.push('');
  out.push(
    'Each result is the median over the runs of the benchmark (min and max in its section below); a ratio is the median ' +
      'against the median of the reference measured in the same run. Every line is reproduced with ' +
      '`node bench/run.ts --only=<name>` (these sizes and runs; add `--quick` for a small run) or `node bench/<name>.ts` alone: ' +
      'on the server in `TEST_DATABASE_URL` if set, else on a throwaway native cluster the benchmark starts and removes ' +
      '(scripts/ci/start-postgres.sh; `bash scripts/ci/provision-postgres.sh` installs PostgreSQL with pgvector on Debian).',
  );
  for (const r of results) {
    out.push('', `## ${r.meta.title}`, '');
    out.push(
      `bench/${r.name}.ts — ${r.runs} runs, scale ${info.opts.scale}, ${(r.seconds / 60).toFixed(1)} minutes with loading; ` +
        `load average ${loadText(r.loadStart)} at start, ${loadText(r.loadEnd)} at end.`,
    );
    out.push('');
    if (r.error) {
      out.push(`**FAILED** — nothing of this benchmark was measured:`, '', '```', r.error.split('\n').slice(0, 12).join('\n'), '```');
    } else {
      out.push(formatRows(r.rows));
    }
    out.push('');
    out.push(
      `Reproduce every line: \`node bench/run.ts --only=${r.name}${info.opts.quick ? ' --quick' : info.opts.scale !== 1 ? ` --scale=${info.opts.scale}` : ''}` +
        `${info.opts.runs !== null ? ` --runs=${info.opts.runs}` : ''}\` (this report's sizes and runs), or alone: \`${r.meta.reproduce}\`.`,
    );
    const lines = r.log.filter((l) => l.trim());
    const shown = lines.length > 80 ? [...lines.slice(0, 40), `… ${lines.length - 80} lines …`, ...lines.slice(-40)] : lines;
    out.push('', '<details><summary>run log</summary>', '', '```', ...shown, '```', '', '</details>');
  }
  const notRun = info.selected.filter((n) => !byName.has(n));
  if (done && notRun.length) out.push('', `Not run: ${notRun.join(', ')}.`);
  return out.join('\n') + '\n';
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const childArg = argv.find((a) => a.startsWith('--child='));
  if (childArg) {
    await child(childArg.slice(8), argv);
    process.exit(0);
  }
  if (argv.includes('--help')) {
    console.log('usage: node bench/run.ts [--quick] [--only=name,…] [--runs=N] [--scale=S] [--out=PATH]');
    return;
  }
  const opts = parseArgs(argv);
  benchNames = discover();
  const selected = opts.only ?? benchNames.filter((n) => !OPT_IN.includes(n));
  const unknown = selected.filter((n) => !benchNames.includes(n));
  if (unknown.length) throw new Error(`no benchmark ${unknown.join(', ')} in bench/ (have: ${benchNames.join(', ')})`);

  // TEST_DATABASE_URL, else a throwaway native cluster of our own (scripts/ci/start-postgres.sh,
  // removed at the end); --quick may fall back to the resolver's engine when none can be started.
  const server = ensureNativeServer((l) => console.error(l), opts.quick);
  try {
    await runAll(argv, opts, selected);
  } finally {
    server?.stop();
  }
}

async function runAll(argv: string[], opts: Options, selected: string[]): Promise<void> {
  const choice = chooseEngine('test', process.env, process.env.TEST_DATABASE_URL ? false : await dockerAnswers());
  if (choice.kind === 'embedded' && opts.scale > 0.1) {
    throw new Error(
      `refusing to run the default sizes on the embedded engine (${choice.reason}): PGlite runs one WebAssembly thread in memory. ` +
        'Set TEST_DATABASE_URL to a native server, run scripts/ci/provision-postgres.sh so that `npm run bench` can start one, or pass --quick.',
    );
  }
  const started = new Date();
  const loadStart = loadavg();
  const template = await prepareTestTemplate({ log: (l) => console.error(l) });
  const { dispose, ...templateData } = template;
  const info: RunInfo = {
    command: `node bench/run.ts${argv.length ? ' ' + argv.filter((a) => !a.startsWith('--out=')).join(' ') : ''}`,
    opts,
    started,
    loadStart,
    engineLine: template.line,
    engineKind: template.kind,
    version: '',
    selected,
    setupSeconds: 0,
  };
  {
    const probe = await createTestDatabase({ template: templateData });
    info.version = await serverVersion(probe.pool);
    await probe.close();
  }
  info.setupSeconds = (Date.now() - started.getTime()) / 1000;
  console.error(`benchmarks: ${selected.join(', ')}; scale ${opts.scale}; report → ${relative(process.cwd(), opts.out) || opts.out}`);
  mkdirSync(dirname(opts.out), { recursive: true });
  const results: BenchResult[] = [];
  try {
    for (const name of selected) {
      const mod = await load(name);
      const runs = opts.runs ?? (opts.quick ? QUICK_RUNS : (DEFAULT_RUNS[name] ?? 5));
      console.error(`\n== ${name}: ${mod.meta.title} (${runs} runs)`);
      const t0 = Date.now();
      const benchLoadStart = loadavg();
      const r =
        name === 'embedded' && template.kind === 'embedded'
          ? { rows: [], error: 'needs a native server to compare with (the run is on the embedded engine)', log: [] }
          : await runChild(name, opts, runs, templateData);
      const result: BenchResult = { name, meta: mod.meta, runs, ...r, seconds: (Date.now() - t0) / 1000, loadStart: benchLoadStart, loadEnd: loadavg() };
      results.push(result);
      console.error(`== ${name}: ${result.error ? 'FAILED' : 'done'} in ${(result.seconds / 60).toFixed(1)} min`);
      if (!result.error) console.error(formatRows(result.rows));
      writeFileSync(opts.out, report(info, results));
    }
  } finally {
    await dispose();
  }
  info.finished = new Date();
  info.loadEnd = loadavg();
  writeFileSync(opts.out, report(info, results));
  console.error(`\nminutes: setup ${(info.setupSeconds / 60).toFixed(1)}, ${results.map((r) => `${r.name} ${(r.seconds / 60).toFixed(1)}`).join(', ')}`);
  const failed = results.filter((r) => r.error).map((r) => r.name);
  console.error(`\nwrote ${opts.out} in ${((info.finished.getTime() - started.getTime()) / 60_000).toFixed(1)} min${failed.length ? `; FAILED: ${failed.join(', ')}` : ''}`);
  if (failed.length) process.exitCode = 1;
}

await main();
