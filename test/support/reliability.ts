// Helpers of the reliability suite (test/reliability/): database fingerprints ("nothing was
// written"), a person's data fingerprint ("the person is whole"), latency statistics, a throwaway
// native cluster, and the marked sections of docs/reliability.md that the suites fill in with the
// figures of their last run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { PACKAGE_ROOT } from '../../src/db/migrate.ts';

type Queryable = Pick<pg.Pool, 'query'>;

// ---------------------------------------------------------------------------------------------
// Fingerprints
// ---------------------------------------------------------------------------------------------

/** Every table of app, app_private and auth (partitioned tables by their parent) and pgboss.job. */
async function tablesToFingerprint(pool: Queryable): Promise<string[]> {
  const { rows } = await pool.query<{ name: string }>(
    `select pg_catalog.format('%I.%I', n.nspname, c.relname) as name
       from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname in ('app', 'app_private', 'auth') and c.relkind in ('r', 'p') and not c.relispartition
      order by 1`,
  );
  return [...rows.map((r) => r.name), 'pgboss.job'];
}

const fingerprintSql = new WeakMap<object, Promise<string>>();

/**
 * Row count and an md5 over the text of every row, per table, in one statement. Run as the
 * superuser (row-level security does not apply), so it sees every person's rows. Two equal
 * fingerprints mean no row was inserted, changed or deleted anywhere.
 */
export async function databaseFingerprint(pool: Queryable): Promise<Record<string, string>> {
  let sql = fingerprintSql.get(pool);
  if (!sql) {
    sql = tablesToFingerprint(pool).then(
      (tables) =>
        `select json_build_object(${tables
          .map((t) => `'${t}', (select count(*) || ':' || md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from ${t} t)`)
          .join(', ')}) as f`,
    );
    fingerprintSql.set(pool, sql);
  }
  const { rows } = await pool.query<{ f: Record<string, string> }>(await sql);
  return rows[0]!.f;
}

/** Tables whose fingerprint differs. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}

/**
 * A person's rows in every table of the GDPR catalog (app_private.gdpr_tables(): app tables with
 * user_id, app.users, references, auth tables), as "count:md5" per table. Superuser pool.
 */
export async function personFingerprint(pool: Queryable, userId: string): Promise<Record<string, string>> {
  const { rows: tables } = await pool.query<{ name: string; relation: string; kind: string; key_column: string }>(
    `select name, relation::text as relation, kind, key_column from app_private.gdpr_tables() order by name`,
  );
  const { rows: ids } = await pool.query<{ auth_id: string | null; emails: string[] }>(
    `select auth_id, emails from app_private.gdpr_identity($1)`,
    [userId],
  );
  const authId = ids[0]?.auth_id ?? null;
  const emails = ids[0]?.emails ?? [];
  const out: Record<string, string> = {};
  for (const t of tables) {
    const cond =
      t.kind === 'self' ? 't.id = $1::uuid'
      : t.kind === 'person' ? 't.user_id = $1::uuid'
      : t.kind === 'reference' ? `t.${t.key_column} = $1::uuid`
      : t.kind === 'auth_user' ? 't.id = $2::text'
      : t.kind === 'auth_owned' ? 't."userId" = $2::text'
      : /* auth_verification */ 'app_private.gdpr_verification_matches(t.identifier, t.value, $3::text[], $2::text)';
    // Every parameter appears in the text (an unused one has no type): the trailing terms are no-ops.
    const { rows } = await pool.query<{ f: string }>(
      `select count(*) || ':' || md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as f
         from ${t.relation} t where (${cond}) and $1::uuid is not null and ($2::text is null or true) and ($3::text[] is null or true)`,
      [userId, authId, emails],
    );
    out[t.name] = rows[0]!.f;
  }
  return out;
}

/** Rows of the person per table of the GDPR catalog (0 everywhere after a purge). */
export function rowCounts(fingerprint: Record<string, string>): Record<string, number> {
  return Object.fromEntries(Object.entries(fingerprint).map(([t, f]) => [t, Number(f.split(':')[0])]));
}

// ---------------------------------------------------------------------------------------------
// Latency statistics
// ---------------------------------------------------------------------------------------------

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export interface OpStats {
  op: string;
  count: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  retries: number;
  errors: number;
  /** Median time from the call to the start of its callback (pool checkout, BEGIN, role, person). */
  p50Enter: number;
}

export function opStats(op: string, durationsMs: number[], seconds: number, retries: number, errors: number, enterMs: number[] = []): OpStats {
  const sorted = [...durationsMs].sort((a, b) => a - b);
  return {
    op,
    count: sorted.length,
    perSecond: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    retries,
    errors,
    p50Enter: percentile([...enterMs].sort((a, b) => a - b), 50),
  };
}

/** A markdown table of per-operation figures. */
export function statsTable(stats: OpStats[]): string {
  const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '–');
  const lines = [
    '| operation | ops | ops/s | p50 ms | p99 ms | max ms | p50 ms to enter the transaction | retries (40001/40P01) | errors to caller |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...stats.map((s) => `| ${s.op} | ${s.count} | ${f(s.perSecond)} | ${f(s.p50)} | ${f(s.p99)} | ${f(s.max)} | ${f(s.p50Enter)} | ${s.retries} | ${s.errors} |`),
  ];
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// docs/reliability.md: marked sections written by the suites
// ---------------------------------------------------------------------------------------------

const REPORT = join(PACKAGE_ROOT, 'docs', 'reliability.md');

/**
 * Replaces the text between `<!-- <section>:begin -->` and `<!-- <section>:end -->` in
 * docs/reliability.md (test files run in parallel processes: a lock folder serialises writers).
 * Only when KITCHEN_DB_RELIABILITY_REPORT=1 (see docs/reliability.md for the command), so an
 * ordinary test run leaves the working tree alone.
 */
export async function writeReportSection(section: string, markdown: string): Promise<void> {
  if (process.env.KITCHEN_DB_RELIABILITY_REPORT !== '1' || !existsSync(REPORT)) return;
  const lock = `${REPORT}.lock`;
  for (let i = 0; ; i++) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (i > 200) throw new Error(`${lock} is held for more than 20 s: remove it if no test runs`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    const begin = `<!-- ${section}:begin -->`;
    const end = `<!-- ${section}:end -->`;
    const text = readFileSync(REPORT, 'utf8');
    const a = text.indexOf(begin);
    const b = text.indexOf(end);
    if (a < 0 || b < a) return;
    writeFileSync(REPORT, `${text.slice(0, a + begin.length)}\n${markdown.trim()}\n${text.slice(b)}`);
  } finally {
    rmdirSync(lock);
  }
}

// ---------------------------------------------------------------------------------------------
// A throwaway native cluster (scripts/ci/start-postgres.sh), for restarts and kills
// ---------------------------------------------------------------------------------------------

/** Why a suite that needs a cluster of its own cannot run here (undefined: it can). */
export function whyNoOwnCluster(engineKind: string): string | undefined {
  if (engineKind !== 'server') return 'needs the native engine (a cluster it can restart)';
  if (!process.env.KITCHEN_DB_SLOW) return 'slow suite: set KITCHEN_DB_SLOW=1 (CI does on the native server)';
  const bins = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql') : [];
  if (!bins.some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`))) return 'no PostgreSQL server binaries (scripts/ci/provision-postgres.sh)';
  if (process.getuid?.() !== 0 && process.env.USER !== 'postgres') return 'must run as root (runuser -u postgres) or as postgres to run initdb/pg_ctl';
  return undefined;
}

export interface OwnCluster {
  /** Superuser URL of the maintenance database. */
  url: string;
  dir: string;
  bin: string;
  /** pg_ctl restart (-m fast: clean shutdown; -m immediate: crash and recovery). */
  restart(mode: 'fast' | 'immediate'): Promise<void>;
  stop(): void;
}

export function startOwnCluster(): OwnCluster {
  const out = execFileSync('bash', [`${PACKAGE_ROOT}scripts/ci/start-postgres.sh`], { encoding: 'utf8' });
  const env = Object.fromEntries([...out.matchAll(/^export (\w+)='([^']*)'$/gm)].map((m) => [m[1]!, m[2]!]));
  const dir = env.KITCHEN_PG_DIR!;
  const bin = env.KITCHEN_PG_BIN!;
  const asPostgres = (args: string[]) => (process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', ...args] : args);
  return {
    url: env.TEST_DATABASE_URL!,
    dir,
    bin,
    async restart(mode) {
      // -l: the restarted server writes to its log file, not to pipes inherited from this process.
      const [cmd, ...args] = asPostgres([`${bin}/pg_ctl`, '-D', `${dir}/data`, '-l', `${dir}/server.log`, 'restart', '-m', mode, '-w']);
      const { spawn } = await import('node:child_process');
      await new Promise<void>((resolve, reject) => {
        spawn(cmd!, args, { stdio: 'ignore' }).on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`pg_ctl restart -m ${mode} exited with ${code}`))));
      });
    },
    stop() {
      execFileSync('bash', [`${PACKAGE_ROOT}scripts/ci/stop-postgres.sh`, dir], { env: { ...process.env, KITCHEN_PG_DIR: dir, KITCHEN_PG_BIN: bin } });
    },
  };
}
