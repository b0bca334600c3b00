// Keyset cursors (src/areas/shared/input.ts). isCursorTime checks a cursor's time on its digits (no
// Date: it runs on every next-page call, bench/queries.ts). It must accept exactly the real instants
// the API writes and refuse the rest, so it is compared here, string by string, with the Date round
// trip it replaced, and the server must read every accepted string as the same instant.
import { describe, expect, it } from 'vitest';
import { encodeCursor, isCursorTime, MAX_YEAR, MIN_YEAR, timeIdCursor } from '../src/areas/shared/input.ts';
import { ValidationError } from '../src/db/errors.ts';
import { useTestDatabase } from './support/db.ts';

const db = useTestDatabase();

/** The check isCursorTime replaced: parse with Date, then the round trip must give the same text. */
function byDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(value)) return false;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return false;
  const year = d.getUTCFullYear();
  return year >= MIN_YEAR && year <= MAX_YEAR && d.toISOString().slice(0, 23) === value.slice(0, 23);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
// Years around the range's ends and the leap-year rules (1900 and 2100 are not leap years, 2000 is).
const YEARS = [0, 1, 1899, 1900, 1904, 1999, 2000, 2023, 2024, 2100, 2400, 9999];
const candidates: string[] = [];
for (const y of YEARS) {
  for (let m = 0; m <= 13; m++) {
    for (let d = 0; d <= 32; d++) candidates.push(`${pad(y, 4)}-${pad(m)}-${pad(d)}T12:30:45.123456Z`);
  }
}
for (const [h, mi, s] of [[0, 0, 0], [23, 59, 59], [24, 0, 0], [25, 0, 0], [99, 0, 0], [12, 60, 0], [12, 0, 60], [12, 99, 99]]) {
  candidates.push(`2026-06-15T${pad(h!)}:${pad(mi!)}:${pad(s!)}.000001Z`);
}
// Not the API's format at all.
candidates.push('2026-06-15T12:30:45.123Z', '2026-06-15 12:30:45.123456Z', '2026-06-15T12:30:45.123456+00:00', '２０２６-06-15T12:30:45.123456Z', '');

describe('cursor times', () => {
  it('accepts and refuses exactly what the Date round trip did', () => {
    const differ = candidates.filter((c) => isCursorTime(c) !== byDate(c));
    expect(differ).toEqual([]);
    // Both outcomes occur, so the comparison above compares something.
    expect(candidates.filter((c) => isCursorTime(c)).length).toBeGreaterThan(1000);
    expect(candidates.filter((c) => !isCursorTime(c)).length).toBeGreaterThan(1000);
  });

  it('every accepted time is the same instant for the server', async () => {
    const accepted = candidates.filter((c) => isCursorTime(c));
    const { rows } = await db().pool.query<{ t: string }>(
      `select to_char(t::timestamptz at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as t from unnest($1::text[]) with ordinality as u(t, n) order by n`,
      [accepted],
    );
    expect(rows.map((r) => r.t)).toEqual(accepted);
  });

  it('a page cursor decodes back to its parts; a tampered time names the field', () => {
    const id = '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b';
    expect(timeIdCursor(encodeCursor(['2024-02-29T23:59:59.999999Z', id]))).toEqual({ time: '2024-02-29T23:59:59.999999Z', id });
    const bad = () => timeIdCursor(encodeCursor(['2023-02-29T00:00:00.000000Z', id]), 'after');
    expect(bad).toThrow(ValidationError);
    expect(bad).toThrow(expect.objectContaining({ field: 'after', rule: 'cursor' }));
  });
});
