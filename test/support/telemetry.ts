// Fixtures for the telemetry and partition suites: appliances (pairings) and cooking sessions,
// written as the superuser like every fixture (test/support/fixtures.ts), plus UTC month helpers.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';

let counter = 0;

export async function createAppliance(pool: pg.Pool, userId: string, overrides: { unpairedAt?: Date } = {}): Promise<{ id: string; deviceId: string }> {
  const n = ++counter;
  const id = randomUUID();
  const deviceId = `EPIC-T${n}-${id.slice(0, 8)}`;
  await pool.query(
    `insert into app.appliances (id, user_id, device_id, serial_number, name, paired_at, unpaired_at)
     values ($1, $2, $3, $4, $5, now() - interval '1 year', $6)`,
    [id, userId, deviceId, `SN-${deviceId}`, `Epicura ${n}`, overrides.unpairedAt ?? null],
  );
  return { id, deviceId };
}

const recipes = new WeakMap<pg.Pool, Promise<string>>();

async function recipe(pool: pg.Pool): Promise<string> {
  let r = recipes.get(pool);
  if (!r) {
    r = pool
      .query<{ id: string }>(
        `insert into app.recipes (name, category, recipe_data, difficulty, time_minutes, is_published)
         values ('Telemetry soup', 'soup', '{"stages":[{"name":"boil"}]}', 'easy', 10, true) returning id`,
      )
      .then((res) => res.rows[0]!.id);
    recipes.set(pool, r);
  }
  return r;
}

export async function createSession(pool: pg.Pool, userId: string, applianceId: string): Promise<string> {
  const id = randomUUID();
  await pool.query(
    `insert into app.cooking_sessions (id, user_id, appliance_id, recipe_id, started_at) values ($1, $2, $3, $4, now() - interval '1 day')`,
    [id, userId, applianceId, await recipe(pool)],
  );
  return id;
}

/** Start of the UTC month `offset` months from the month of `from`. */
export function monthStart(offset: number, from: Date = new Date()): Date {
  return new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + offset, 1));
}

/** 'YYYY_MM' of a UTC month start (the partition suffix). */
export function suffix(d: Date): string {
  return `${d.getUTCFullYear()}_${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** A realistic payload for an event type. */
export function payloadFor(eventType: string, k: number): Record<string, unknown> {
  switch (eventType) {
    case 'temperature':
      return { celsius: 150 + (k % 400) / 10, target_celsius: 180, probe: 'core', stage: 1 + (k % 6) };
    case 'status':
      return { state: k % 2 ? 'cooking' : 'idle', lid: 'closed', stirrer_rpm: 40 + (k % 20) };
    case 'stage_change':
      return { from_stage: k % 6, to_stage: 1 + (k % 6), stage_name: ['prep', 'heat', 'saute', 'simmer', 'reduce', 'rest'][k % 6] };
    case 'alert':
      return { code: 'LID_OPEN', severity: 'warning', message: 'Lid opened during cooking' };
    default:
      return { rssi: -40 - (k % 40), uptime_s: 3600 + k, firmware: '2.4.1', free_heap_kb: 5120 };
  }
}
