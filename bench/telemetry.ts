// Telemetry ingestion (issues 6 and 19): 1,000,000 events from 1,000 appliances (1,000 events each,
// realistic payloads of the five event types, two thirds of them in a cooking session) into
// app.telemetry_events with every index of the Epicura document (the primary key, appliance/time,
// session, GIN payload, user) and its three foreign-key checks per row. The dataset is made once and
// reused by every method. Rows/s for:
//   - ingestTelemetry(pool, batches, { connections: 1 }) against `psql \copy` of the same rows as the
//     superuser (no RLS, no validation; the practical limit): the target's pair, measured back to
//     back in every run, its order alternating between runs; the median of the per-run ratios is
//     the figure (target ≥ 0.9), with the server's CPU per row of each (≤ 1.05× COPY's);
//   - ingestTelemetry on 2 and 4 connections, the whole 1M (first run only: no target, and each
//     costs a full pass over the dataset in the 17-minute default run);
//   - informational variants on a sample, first run only: single-row INSERT as the person (20
//     appliances × 1,000 events), the per-call API kdb.asUser(…recordEvents) one call after the
//     other (200 appliances), and ingestTelemetry and \copy of 200 appliances with and without the
//     GIN payload index (idx_telemetry_payload), so the DBAs can weigh it: ratios within that sample.
// (COPY into a temporary staging table as app_user, measured before, is no longer possible: the
// application roles have no TEMP privilege since issue 14.)
// Each measurement starts from an empty table (TRUNCATE, CHECKPOINT), autovacuum off on the partitions.
//
// Wall-clock rows/s on a small shared machine move with whatever else runs, so the bench also
// reports the server's CPU per row (utime+stime of the backends from /proc: only when the server runs
// on this machine): for ingestTelemetry the backends of the database, for psql \copy its own backend,
// which reads /proc/self/stat (pg_read_file) before and after the \copy in the same psql session.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { withUser } from '../src/db/context.ts';
import { ingestTelemetry, type IngestBatch, type TelemetryEventInput } from '../src/areas/telemetry.ts';
import { isMain, row, runStandalone, scaled, serverCpuSeconds, time, type BenchContext, type BenchMeta, type BenchRow } from './lib.ts';

export const meta: BenchMeta = {
  name: 'telemetry',
  title: 'Telemetry ingestion: batch API vs psql \\copy (1M events, 1,000 appliances, all indexes)',
  reproduce: 'node bench/telemetry.ts   (--quick for a small run, --scale=0.1, --runs=3)',
};

export interface Device {
  userId: string;
  applianceId: string;
  sessionId: string;
  events: TelemetryEventInput[];
}

function payloadFor(eventType: string, k: number): Record<string, unknown> {
  switch (eventType) {
    case 'temperature':
      return { celsius: Math.round((150 + (k % 400) / 10) * 10) / 10, target_celsius: 180, probe: k % 2 ? 'core' : 'pan', stage: 1 + (k % 6) };
    case 'status':
      return { state: k % 2 ? 'cooking' : 'idle', lid: 'closed', stirrer_rpm: 40 + (k % 20), power_w: 1200 + (k % 300) };
    case 'stage_change':
      return { from_stage: k % 6, to_stage: 1 + (k % 6), stage_name: ['prep', 'heat', 'saute', 'simmer', 'reduce', 'rest'][k % 6], elapsed_s: k * 2 };
    case 'alert':
      return { code: k % 2 ? 'LID_OPEN' : 'OVERHEAT', severity: k % 2 ? 'warning' : 'critical', message: 'Check the appliance' };
    default:
      return { rssi: -40 - (k % 40), uptime_s: 3600 + k, firmware: '2.4.1', free_heap_kb: 5120 - (k % 512), wifi: 'ok' };
  }
}

/** People, appliances (one each), a cooking session each, and their events in memory. */
async function setup(pool: pg.Pool, appliances: number, perAppliance: number, log: (m: string) => void): Promise<Device[]> {
  const t0 = Date.now();
  const devices = makeDevices(appliances, perAppliance);
  await insertDevices(pool, devices);
  log(`${appliances.toLocaleString('en-US')} people/appliances/sessions and ${(appliances * perAppliance).toLocaleString('en-US')} events ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return devices;
}

/** The devices and their events, in memory (bench/embedded.ts loads the same into both engines). */
export function makeDevices(appliances: number, perAppliance: number): Device[] {
  const devices: Device[] = [];
  const now = Date.now();
  // Each appliance: its events over the last 6 hours (one every ~20 s), types in a cooking-like mix.
  const mix = ['temperature', 'temperature', 'temperature', 'status', 'temperature', 'stage_change', 'heartbeat', 'temperature', 'alert', 'heartbeat'] as const;
  for (let a = 0; a < appliances; a++) {
    const userId = randomUUID();
    const applianceId = randomUUID();
    const sessionId = randomUUID();
    const events: TelemetryEventInput[] = new Array(perAppliance);
    const step = Math.floor((6 * 3600_000) / perAppliance);
    for (let k = 0; k < perAppliance; k++) {
      const eventType = mix[(k + a) % mix.length]!;
      events[k] = {
        eventType,
        payload: payloadFor(eventType, k + a),
        recordedAt: new Date(now - 6 * 3600_000 + k * step + (a % 1000)),
        // Two thirds while cooking; heartbeats never in a session.
        sessionId: eventType !== 'heartbeat' && k % 3 !== 2 ? sessionId : null,
      };
    }
    devices.push({ userId, applianceId, sessionId, events });
  }
  return devices;
}

/** Their people, appliances and cooking sessions, and the partitions of their months, in a database. */
export async function insertDevices(pool: pg.Pool, devices: Device[]): Promise<void> {
  const now = Date.now();
  const { rows: recipe } = await pool.query<{ id: string }>(
    `insert into app.recipes (name, category, recipe_data, difficulty, time_minutes, is_published)
     values ('Bench dal', 'curry', '{"stages":[{"name":"simmer"}]}', 'easy', 30, true) returning id`,
  );
  const cols = (f: (d: Device, i: number) => string) => devices.map(f);
  await pool.query(
    `insert into auth."user" (id, name, email, "emailVerified") select 'tb_' || u, 'Bench', 'tb_' || u || '@example.test', true from unnest($1::uuid[]) u`,
    [cols((d) => d.userId)],
  );
  await pool.query(
    `insert into app.users (id, auth_id, email, name) select u, 'tb_' || u, 'tb_' || u || '@example.test', 'Bench' from unnest($1::uuid[]) u`,
    [cols((d) => d.userId)],
  );
  await pool.query(
    `insert into app.appliances (id, user_id, device_id, serial_number, paired_at)
     select a, u, 'EPIC-B' || i, 'SN-B' || i, now() - interval '30 days' from unnest($1::uuid[], $2::uuid[]) with ordinality as x(a, u, i)`,
    [cols((d) => d.applianceId), cols((d) => d.userId)],
  );
  await pool.query(
    `insert into app.cooking_sessions (id, user_id, appliance_id, recipe_id, started_at)
     select s, u, a, $4, now() - interval '7 hours' from unnest($1::uuid[], $2::uuid[], $3::uuid[]) as x(s, u, a)`,
    [cols((d) => d.sessionId), cols((d) => d.userId), cols((d) => d.applianceId), recipe[0]!.id],
  );
  await pool.query('analyze app.users, app.appliances, app.cooking_sessions');
  // The months the events fall in must have their partitions (else they would go to DEFAULT).
  for (const offset of [-6 * 3600_000, 0]) {
    await pool.query(`select app_private.create_monthly_partition('app.telemetry_events', $1::date)`, [new Date(now + offset).toISOString().slice(0, 10)]);
  }
}

const tsvText = (s: string) => s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');

/** The same rows as a COPY text file (appliance_id, session_id, user_id, event_type, payload, recorded_at). */
async function writeTsv(devices: Device[], file: string): Promise<void> {
  const out = createWriteStream(file);
  for (const d of devices) {
    let chunk = '';
    for (const e of d.events) {
      chunk += `${d.applianceId}\t${e.sessionId ?? '\\N'}\t${d.userId}\t${e.eventType}\t${tsvText(JSON.stringify(e.payload))}\t${e.recordedAt.toISOString()}\n`;
    }
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

function psqlBinary(): string {
  for (const p of ['/usr/lib/postgresql/15/bin/psql', '/usr/lib/postgresql/17/bin/psql']) if (existsSync(p)) return p;
  return 'psql';
}

/** CPU seconds the backends alive in both snapshots used in between. */
function cpuBetween(before: Map<number, number> | null, after: Map<number, number> | null): number | null {
  if (!before || !after) return null;
  let s = 0;
  for (const [pid, t] of after) if (before.has(pid)) s += t - before.get(pid)!;
  return s;
}

async function reset(pool: pg.Pool): Promise<void> {
  await pool.query('truncate app.telemetry_events');
  await pool.query('checkpoint');
}

async function count(pool: pg.Pool): Promise<number> {
  return (await pool.query<{ n: number }>('select count(*)::int as n from app.telemetry_events')).rows[0]!.n;
}

const INSERT_ONE = `insert into app.telemetry_events (appliance_id, session_id, user_id, event_type, payload, recorded_at)
  values ($1, $2, (select app.current_user_id()), $3, $4, $5)`;

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const pool = ctx.db.pool;
  const appliances = scaled(1000, ctx, 10);
  const perAppliance = 1000;
  const total = appliances * perAppliance;
  const devices = await setup(pool, appliances, perAppliance, ctx.log);
  const dir = mkdtempSync(join(tmpdir(), 'kitchen-db-bench-telemetry-'));
  try {
    return await measureAll(ctx, devices, dir, appliances, perAppliance, total);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** /proc/self/stat of the session's backend (utime+stime in seconds), or '' where there is none to read. */
const STAT = `select coalesce(pg_catalog.pg_read_file('/proc/self/stat', 0, 1000, true), '')`;
const statCpu = (line: string): number | null => {
  const f = line.split(') ')[1]?.split(' ');
  return f && f.length > 13 ? (Number(f[11]) + Number(f[12])) / 100 : null;
};

async function measureAll(ctx: BenchContext, devices: Device[], dir: string, appliances: number, perAppliance: number, total: number): Promise<BenchRow[]> {
  const pool = ctx.db.pool;
  const tsv = join(dir, 'events.tsv');
  await writeTsv(devices, tsv);
  // The informational variants' sample: the first 200 appliances (20 for single-row INSERT) at scale 1.
  // Scaled with the run (--quick: 4 and 2 appliances), so that a quick check stays quick on a busy machine.
  const sampleDevices = devices.slice(0, Math.min(scaled(200, ctx, 2), devices.length));
  const sampleRows = sampleDevices.length * perAppliance;
  const sampleTsv = join(dir, 'sample.tsv');
  await writeTsv(sampleDevices, sampleTsv);
  const singleDevices = devices.slice(0, Math.min(scaled(20, ctx, 2), devices.length));
  const singleRows = singleDevices.length * perAppliance;
  const psql = psqlBinary();
  const rate = (rows: number, ms: number) => rows / (ms / 1000);

  const viaApi = async () => {
    for (const d of sampleDevices) {
      await ctx.db.kdb.asUser(d.userId, (me) => me.telemetry.recordEvents({ applianceId: d.applianceId, events: d.events }));
    }
  };
  const viaSingle = async () => {
    for (const d of singleDevices) {
      await withUser(pool, d.userId, async (c) => {
        for (const e of d.events) {
          await c.query({ name: 'bench_telemetry_one', text: INSERT_ONE, values: [d.applianceId, e.sessionId ?? null, e.eventType, JSON.stringify(e.payload), e.recordedAt.toISOString()] });
        }
      });
    }
  };
  // A service receiving many appliances' batches: ingestTelemetry, one transaction per batch as its
  // person, the next batch encoded while the server inserts the current one; 1, 2 or 4 connections.
  const toBatches = (ds: Device[]): IngestBatch[] => ds.map((d) => ({ userId: d.userId, applianceId: d.applianceId, events: d.events }));
  const batches = toBatches(devices);
  const sampleBatches = toBatches(sampleDevices);
  const viaIngest = (connections: number, of = batches) => async () => {
    const r = await ingestTelemetry(pool, of, { connections });
    if (r.failed.length) throw new Error(`ingestTelemetry refused ${r.failed.length} batches: ${r.failed[0]!.error.message}`);
  };
  /** psql \copy of a file; returns its backend's CPU seconds (null where /proc cannot be read). */
  const viaCopy = (file: string) => (): number | null => {
    const r = spawnSync(psql, [ctx.db.url, '-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-c', STAT, '-c',
      `\\copy app.telemetry_events (appliance_id, session_id, user_id, event_type, payload, recorded_at) from '${file}'`, '-c', STAT], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`psql \\copy failed (${psql}): ${r.stderr || r.error?.message}`);
    const [before, after] = r.stdout.split('\n').filter((l) => l.includes(') ')).map(statCpu);
    return before != null && after != null ? after - before : null;
  };
  const samples = {
    single: [] as number[], api: [] as number[], ingest1: [] as number[], ingest2: [] as number[], ingest4: [] as number[], copy: [] as number[],
    sampleIngest: [] as number[], sampleCopy: [] as number[], ingestNoGin: [] as number[], copyNoGin: [] as number[],
    // server CPU, µs per row
    apiCpu: [] as number[], ingest1Cpu: [] as number[], copyCpu: [] as number[], sampleIngestCpu: [] as number[], ingestNoGinCpu: [] as number[],
  };
  type Name = keyof typeof samples;
  type Method = [Name, () => Promise<void> | void | number | null, Name?, number?];
  /** Every method measured the same way: from an empty table, rows/s and the server's CPU per row, checked row count. */
  const measure = async (r: number, [name, fn, cpuName, rows = total]: Method) => {
    await reset(pool);
    const before = await serverCpuSeconds(pool);
    const out: { own?: number | null | void } = {};
    const ms = await time(async () => {
      out.own = await fn();
    });
    // psql \copy reports its own backend's CPU; the others are the backends of this database.
    const cpu = out.own !== undefined ? out.own : cpuBetween(before, await serverCpuSeconds(pool));
    if ((await count(pool)) !== rows) throw new Error(`${name}: expected ${rows} rows`);
    samples[name].push(rate(rows, ms));
    if (cpuName && cpu !== null) samples[cpuName].push((cpu * 1e6) / rows);
    ctx.log(`run ${r + 1}/${ctx.runs}: ${name} ${Math.round(rate(rows, ms)).toLocaleString('en-US')} rows/s${cpu !== null ? `, server CPU ${cpu.toFixed(1)} s` : ''}; load ${loadavg()[0]!.toFixed(1)}`);
  };
  // No autovacuum on the partitions while measuring: an ANALYZE of the growing partition would take
  // one of the two cores in the middle of whichever method it happened to hit (noise for the pairs),
  // and the GIN index's pending list is then cleaned by the inserting backend itself (its whole cost
  // inside the measurement, for every method alike).
  for (const { part } of (await pool.query<{ part: string }>(
    `select inhrelid::regclass::text as part from pg_catalog.pg_inherits where inhparent = 'app.telemetry_events'::regclass`,
  )).rows) {
    await pool.query(`alter table ${part} set (autovacuum_enabled = off)`);
  }

  for (let r = 0; r < ctx.runs; r++) {
    if (r === 0) {
      // The informational variants, once, on the sample; the GIN pairs back to back with and without
      // the index (ratios within the sample: a ratio against another run's figures would mix loads).
      for (const method of [
        ['single', viaSingle, undefined, singleRows],
        ['api', viaApi, 'apiCpu', sampleRows],
        ['sampleIngest', viaIngest(1, sampleBatches), 'sampleIngestCpu', sampleRows],
        ['sampleCopy', viaCopy(sampleTsv), undefined, sampleRows],
      ] as Method[]) await measure(r, method);
      await pool.query('drop index app.idx_telemetry_payload');
      try {
        for (const method of [
          ['ingestNoGin', viaIngest(1, sampleBatches), 'ingestNoGinCpu', sampleRows],
          ['copyNoGin', viaCopy(sampleTsv), undefined, sampleRows],
        ] as Method[]) await measure(r, method);
      } finally {
        await pool.query('truncate app.telemetry_events');
        await pool.query('create index idx_telemetry_payload on app.telemetry_events using gin (payload jsonb_path_ops)');
      }
      // Several connections: the whole dataset, once (no target).
      for (const method of [['ingest2', viaIngest(2)], ['ingest4', viaIngest(4)]] as Method[]) await measure(r, method);
    }
    // The target's pair (ingestTelemetry on one connection vs psql \copy) back to back in every run,
    // their order alternating between runs.
    const pair: Method[] = [
      ['ingest1', viaIngest(1), 'ingest1Cpu'],
      ['copy', viaCopy(tsv), 'copyCpu'],
    ];
    if (r % 2 === 1) pair.reverse();
    for (const method of pair) await measure(r, method);
  }

  const copyRef = { what: 'psql \\copy, superuser (same run)', median: 0 };
  const n = total.toLocaleString('en-US');
  const sampleText = `${sampleRows.toLocaleString('en-US')} rows (the first ${sampleDevices.length} appliances), first run only`;
  return [
    row('ingestTelemetry, 1 connection (app_user + RLS per batch, validation, pipelined)', 'rows/s', samples.ingest1, {
      reference: { ...copyRef },
      referenceSamples: samples.copy,
      note: `${n} rows, ${appliances.toLocaleString('en-US')} batches of ${perAppliance} events (one per appliance and person), one transaction each`,
    }),
    // The two are measured back to back in every run: the ratio within a run is what load from
    // elsewhere on the machine moves least (a ratio of medians mixes runs under different load).
    row('ingestTelemetry (1 connection) / psql \\copy, paired within each run', 'ratio', samples.ingest1.map((a, i) => a / samples.copy[i]!), {
      target: { on: 'median', op: '>=', value: 0.9 },
      note: 'per-run ratios of the two rows above',
    }),
    row('ingestTelemetry, 2 connections', 'rows/s', samples.ingest2, {
      reference: { ...copyRef },
      referenceSamples: samples.copy,
      note: `the same ${n} rows over two connections (psql \\copy stays one stream); first run only`,
    }),
    row('ingestTelemetry, 4 connections', 'rows/s', samples.ingest4, {
      reference: { ...copyRef },
      referenceSamples: samples.copy,
      note: `the same ${n} rows over four connections; first run only`,
    }),
    row('psql \\copy into app.telemetry_events (superuser)', 'rows/s', samples.copy, { note: `${n} rows, ${psql}` }),
    ...(samples.ingest1Cpu.length && samples.copyCpu.length
      ? [
          row('server CPU per row: ingestTelemetry, 1 connection', 'µs/row', samples.ingest1Cpu, {
            reference: { what: 'psql \\copy (same runs)', median: 0 },
            referenceSamples: samples.copyCpu,
            note: 'utime+stime of the backends (/proc), independent of other load on the machine; ratio ≈ 1 = the same server work as COPY',
            target: { on: 'ratio', op: '<=', value: 1.05 },
          }),
          row('server CPU per row: psql \\copy', 'µs/row', samples.copyCpu, { note: 'its backend reads /proc/self/stat before and after the \\copy, in the same psql session' }),
        ]
      : []),
    row('single-row INSERT as app_user (prepared, 1 transaction per appliance)', 'rows/s', samples.single, {
      reference: { ...copyRef },
      referenceSamples: samples.copy,
      note: `sampled: ${singleRows.toLocaleString('en-US')} rows (${singleDevices.length} appliances × ${perAppliance}), first run only`,
    }),
    row('batch API recordEvents, one kdb.asUser call per appliance (app_user + RLS, validation)', 'rows/s', samples.api, {
      reference: { what: 'ingestTelemetry, 1 connection, same sample', median: 0 },
      referenceSamples: samples.sampleIngest,
      note: `${sampleText}, one call after the other (nothing to overlap with)`,
    }),
    ...(samples.apiCpu.length && samples.copyCpu.length
      ? [
          row('server CPU per row: recordEvents per call', 'µs/row', samples.apiCpu, {
            reference: { what: 'psql \\copy (all runs)', median: 0 },
            referenceSamples: samples.copyCpu,
            note: sampleText,
          }),
        ]
      : []),
    ...(samples.ingestNoGinCpu.length && samples.sampleIngestCpu.length
      ? [
          row('server CPU per row: ingestTelemetry without the GIN payload index', 'µs/row', samples.ingestNoGinCpu, {
            reference: { what: 'ingestTelemetry with it, same sample', median: 0 },
            referenceSamples: samples.sampleIngestCpu,
            note: `1 − ratio = the share of the server's ingestion work that idx_telemetry_payload costs; ${sampleText}`,
          }),
        ]
      : []),
    row('ingestTelemetry without the GIN payload index', 'rows/s', samples.ingestNoGin, {
      reference: { what: 'ingestTelemetry with it, same sample', median: 0 },
      referenceSamples: samples.sampleIngest,
      note: `ratio > 1 = what dropping idx_telemetry_payload would gain; ${sampleText}, right after the pair with it`,
    }),
    row('psql \\copy without the GIN payload index', 'rows/s', samples.copyNoGin, {
      reference: { what: 'psql \\copy with it, same sample', median: 0 },
      referenceSamples: samples.sampleCopy,
      note: sampleText,
    }),
  ];
}

if (isMain(import.meta.url)) await runStandalone(meta, run);
