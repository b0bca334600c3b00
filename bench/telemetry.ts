// Telemetry ingestion (issues 6 and 19): 1,000,000 events from 1,000 appliances (1,000 events each,
// realistic payloads of the five event types, two thirds of them in a cooking session) into
// app.telemetry_events with every index of the Epicura document (the primary key, appliance/time,
// session, GIN payload, user) and its three foreign-key checks per row. Rows/s for:
//   - single-row INSERT as the person (app_user, RLS), one prepared statement per event, one
//     transaction per appliance — the naive path, sampled (20 appliances × 1,000 events);
//   - ingestTelemetry(pool, batches, { connections }): the entry point of a service receiving many
//     appliances' batches, one transaction per batch as its person (app_user, RLS, validation), the
//     next batch encoded while the server inserts the current one — on 1 connection (the target's
//     like-for-like figure against one \copy stream), 2 and 4;
//   - the per-call API, kdb.asUser(person, me => me.telemetry.recordEvents(…)) one call after the
//     other (first run only, the first 200 appliances: nothing to overlap with, so client and server
//     take turns);
//   - `psql \copy` of the same rows into the same table as the superuser (no RLS, no validation):
//     the practical limit, the reference of the ratio (target ≥ 0.9);
//   - ingestTelemetry and \copy again without the GIN payload index (idx_telemetry_payload, first run
//     only, right after the same run's pair with it: ratios within that run), so the DBAs can weigh it.
// (COPY into a temporary staging table as app_user, measured before, is no longer possible: the
// application roles have no TEMP privilege since issue 14.)
// Each measurement starts from an empty table (TRUNCATE, CHECKPOINT), autovacuum off on the
// partitions; the pair of the target is measured back to back, its order alternating between runs.
//
// Wall-clock rows/s on a small shared machine move with whatever else runs, so the bench also
// reports the server's CPU per row (utime+stime of the backends, from /proc: only when the server
// runs on this machine) for ingestTelemetry and for COPY FROM STDIN of the same rows (pg-copy-streams,
// the server-side operation psql \copy performs; psql's own backend is gone before it could be read).
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
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
  const tsv = join(dir, 'events.tsv');
  await writeTsv(devices, tsv);
  const psql = psqlBinary();
  const rate = (rows: number, ms: number) => rows / (ms / 1000);

  // The per-call API on a sample of the appliances (informational: nothing to overlap with).
  const apiDevices = devices.slice(0, Math.min(200, devices.length));
  const apiRows = apiDevices.length * perAppliance;
  const viaApi = async () => {
    for (const d of apiDevices) {
      await ctx.db.kdb.asUser(d.userId, (me) => me.telemetry.recordEvents({ applianceId: d.applianceId, events: d.events }));
    }
  };
  // A service receiving many appliances' batches: ingestTelemetry, one transaction per batch as its
  // person, the next batch encoded while the server inserts the current one; 1, 2 or 4 connections.
  const batches: IngestBatch[] = devices.map((d) => ({ userId: d.userId, applianceId: d.applianceId, events: d.events }));
  const viaIngest = (connections: number) => async () => {
    const r = await ingestTelemetry(pool, batches, { connections });
    if (r.failed.length) throw new Error(`ingestTelemetry refused ${r.failed.length} batches: ${r.failed[0]!.error.message}`);
  };
  const viaCopy = () => {
    const r = spawnSync(psql, [ctx.db.url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c',
      `\\copy app.telemetry_events (appliance_id, session_id, user_id, event_type, payload, recorded_at) from '${tsv}'`], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`psql \\copy failed (${psql}): ${r.stderr || r.error?.message}`);
  };
  const viaCopyStream = async () => {
    const c = await pool.connect();
    try {
      await pipeline(createReadStream(tsv), c.query(copyFrom(`copy app.telemetry_events (appliance_id, session_id, user_id, event_type, payload, recorded_at) from stdin`)));
    } finally {
      c.release();
    }
  };
  const samples = {
    single: [] as number[], api: [] as number[], ingest1: [] as number[], ingest2: [] as number[], ingest4: [] as number[],
    copy: [] as number[], copyStream: [] as number[],
    ingestNoGin: [] as number[], copyNoGin: [] as number[],
    // server CPU, µs per row
    apiCpu: [] as number[], ingest1Cpu: [] as number[], copyStreamCpu: [] as number[], ingestNoGinCpu: [] as number[],
  };
  const sampleDevices = devices.slice(0, Math.min(20, devices.length));
  const sampleRows = sampleDevices.length * perAppliance;
  type Method = [keyof typeof samples, () => Promise<void> | void, (keyof typeof samples)?, number?];
  /** Every method measured the same way: from an empty table, rows/s and the server's CPU per row, checked row count. */
  const measure = async (r: number, [name, fn, cpuName, rows = total]: Method) => {
    await reset(pool);
    const before = await serverCpuSeconds(pool);
    const ms = await time(async () => fn());
    const cpu = cpuBetween(before, await serverCpuSeconds(pool));
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
    // Single-row INSERT, sampled.
    await reset(pool);
    samples.single.push(rate(sampleRows, await time(async () => {
      for (const d of sampleDevices) {
        await withUser(pool, d.userId, async (c) => {
          for (const e of d.events) {
            await c.query({ name: 'bench_telemetry_one', text: INSERT_ONE, values: [d.applianceId, e.sessionId ?? null, e.eventType, JSON.stringify(e.payload), e.recordedAt.toISOString()] });
          }
        });
      }
    })));

    // The target's pair (ingestTelemetry on one connection vs psql \copy) back to back in every run,
    // their order alternating between runs; the other methods before them. The informational ones
    // run in the first run(s) only: the default run of every benchmark must fit in 17 minutes.
    const pair: Method[] = [
      ['ingest1', viaIngest(1), 'ingest1Cpu'],
      ['copy', viaCopy],
    ];
    if (r % 2 === 1) pair.reverse();
    const measured: Method[] = [['ingest2', viaIngest(2)], ['ingest4', viaIngest(4)]];
    // COPY FROM STDIN: the reference of the server's CPU per row (CPU time, not wall time: two runs suffice).
    if (r < 2) measured.unshift(['copyStream', viaCopyStream, 'copyStreamCpu']);
    if (r === 0) measured.unshift(['api', viaApi, 'apiCpu', apiRows]);
    for (const method of [...measured, ...pair]) await measure(r, method);

    // Without the GIN payload index (first run only), right after the pair measured with it: the
    // ratios are against that same run's figures (a ratio to the median over all runs compared one
    // run's figure with others made under different load — how "without" once came out slower).
    if (r > 0) continue;
    await pool.query('drop index app.idx_telemetry_payload');
    try {
      for (const method of [['ingestNoGin', viaIngest(1), 'ingestNoGinCpu'], ['copyNoGin', viaCopy]] as Method[]) await measure(r, method);
    } finally {
      await pool.query('truncate app.telemetry_events');
      await pool.query('create index idx_telemetry_payload on app.telemetry_events using gin (payload jsonb_path_ops)');
    }
  }
  rmSync(dir, { recursive: true, force: true });

  const copyRef = { what: 'psql \\copy, superuser (same run)', median: 0 };
  const n = total.toLocaleString('en-US');
  return [
    row('single-row INSERT as app_user (prepared, 1 transaction per appliance)', 'rows/s', samples.single, {
      reference: { ...copyRef },
      referenceSamples: samples.copy,
      note: `sampled: ${sampleRows.toLocaleString('en-US')} rows (${sampleDevices.length} appliances × ${perAppliance}) of the ${n}`,
    }),
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
      note: 'the same batches over two connections (psql \\copy stays one stream)',
    }),
    row('ingestTelemetry, 4 connections', 'rows/s', samples.ingest4, {
      reference: { ...copyRef },
      referenceSamples: samples.copy,
      note: 'the same batches over four connections',
    }),
    row('batch API recordEvents, one kdb.asUser call per appliance (app_user + RLS, validation)', 'rows/s', samples.api, {
      reference: { ...copyRef },
      referenceSamples: samples.copy,
      note: `${apiRows.toLocaleString('en-US')} rows (the first ${apiDevices.length} appliances), ${apiDevices.length} calls of ${perAppliance} events, one after the other (nothing to overlap with); first run only`,
    }),
    row('psql \\copy into app.telemetry_events (superuser)', 'rows/s', samples.copy, { note: `${n} rows, ${psql}` }),
    row('COPY FROM STDIN via pg-copy-streams (superuser)', 'rows/s', samples.copyStream, { note: 'what psql \\copy does, from this process; first two runs (the reference of the server CPU per row)' }),
    ...(samples.ingest1Cpu.length && samples.copyStreamCpu.length
      ? [
          row('server CPU per row: ingestTelemetry, 1 connection', 'µs/row', samples.ingest1Cpu, {
            reference: { what: 'COPY FROM STDIN', median: 0 },
            referenceSamples: samples.copyStreamCpu,
            note: 'utime+stime of the backends (/proc), independent of other load on the machine; ratio ≈ 1 = the same server work as COPY',
            target: { on: 'ratio', op: '<=', value: 1.05 },
          }),
          row('server CPU per row: COPY FROM STDIN', 'µs/row', samples.copyStreamCpu),
          row('server CPU per row: recordEvents per call', 'µs/row', samples.apiCpu, {
            reference: { what: 'COPY FROM STDIN', median: 0 },
            referenceSamples: samples.copyStreamCpu,
            note: 'first run only',
          }),
          row('server CPU per row: ingestTelemetry without the GIN payload index', 'µs/row', samples.ingestNoGinCpu, {
            reference: { what: 'ingestTelemetry with it, same run', median: 0 },
            referenceSamples: samples.ingest1Cpu.slice(0, 1),
            note: '1 − ratio = the share of the server\'s ingestion work that idx_telemetry_payload costs; first run only',
          }),
        ]
      : []),
    row('ingestTelemetry without the GIN payload index', 'rows/s', samples.ingestNoGin, {
      reference: { what: 'ingestTelemetry with it, same run', median: 0 },
      referenceSamples: samples.ingest1.slice(0, 1),
      note: 'ratio > 1 = what dropping idx_telemetry_payload would gain; first run only',
    }),
    row('psql \\copy without the GIN payload index', 'rows/s', samples.copyNoGin, {
      reference: { what: 'psql \\copy with it, same run', median: 0 },
      referenceSamples: samples.copy.slice(0, 1),
      note: 'first run only, right after the pair measured with the index',
    }),
  ];
}

if (isMain(import.meta.url)) await runStandalone(meta, run);
