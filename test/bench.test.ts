// The benchmark runner must not rot: `node bench/run.ts --quick --only=rls` against the test server
// writes a report with the machine, the summary of issue 10 and the benchmark's table. Figures are
// not checked (no timed assertions in tests); the structure is.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { engine } from './support/db.ts';

const RUN = fileURLToPath(new URL('../bench/run.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'kitchen-db-bench-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runner(args: string[], env: Record<string, string | undefined>) {
  const r = spawnSync(process.execPath, [RUN, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The Markdown table that starts at `header` (header, separator, rows) as arrays of cells. */
function table(report: string, header: string): string[][] {
  const lines = report.split('\n');
  const start = lines.indexOf(header);
  if (start < 0) return [];
  const out: string[][] = [];
  for (const line of lines.slice(start)) {
    if (!line.startsWith('|')) break;
    out.push(line.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim()));
  }
  return out;
}

describe('bench/run.ts', () => {
  it.skipIf(engine() === 'embedded')('writes BENCHMARKS.md with the machine, the summary and the benchmark table (--quick --only=rls)', () => {
    const out = join(dir, 'BENCHMARKS.md');
    // The same server as the test run (a Docker engine's too), not another engine.
    const r = runner(['--quick', '--only=rls', `--out=${out}`], { TEST_DATABASE_URL: inject('kitchenTemplate').serverUrl });
    expect(r.stderr.slice(-2000), 'runner output').toMatch(/wrote .*BENCHMARKS\.md/);
    expect(r.status).toBe(0);
    const report = readFileSync(out, 'utf8');

    expect(report).toMatch(/^# kitchen-db benchmarks\n/);
    expect(report).toMatch(/the whole run took [\d.]+ minutes/);
    expect(report).toContain('scaled down to 0.02 of the defaults (--quick)');

    const machine = table(report, '| | |');
    const keys = machine.slice(2).map((c) => c[0]);
    expect(keys).toEqual(['CPU', 'memory', 'PostgreSQL', 'engine line', 'Node', 'load average (1 / 5 / 15 min) at start', 'load average at end']);
    expect(machine.find((c) => c[0] === 'PostgreSQL')![1]).toMatch(/^PostgreSQL \d+/);
    expect(machine.find((c) => c[0] === 'load average at end')![1]).toMatch(/^[\d.]+ \/ [\d.]+ \/ [\d.]+$/);
    expect(report).toContain('shared and noisy');

    // The summary mirrors issue 10's table: one line each, the rls line measured, the rest not run.
    const summary = table(report, '| what | figure | reference in the same run | target | result | | reproduce |');
    expect(summary[1]!.every((c) => /^-+$/.test(c))).toBe(true);
    const lines = summary.slice(2);
    expect(lines.map((c) => c[0])).toEqual([
      'telemetry ingest, 1M events, all indexes',
      'meal history, 1M meals / 10k people',
      'RLS per-person query',
      'recipe search, 100k recipes',
      'per-person similarity, 1M × 384-dim',
      'knowledge-base HNSW, 100k × 1536-dim',
      'GDPR export / purge, heavy person',
      'pg-boss no-op queue',
      'worker peak memory',
      'embedded vs native engine, meal history and telemetry ingest',
    ]);
    for (const cells of lines) expect(cells).toHaveLength(7);
    const rls = lines.find((c) => c[0] === 'RLS per-person query')!;
    expect(rls[3]).toBe('≤ 1.2×');
    expect(rls[4]).toMatch(/latest 20: p50 [\d.]+ ms \([\d.]+× WHERE user_id\) (met|\*\*MISSED\*\*)/);
    expect(rls[4]).toMatch(/month totals: p99 [\d.]+ ms/);
    expect(['met', '**MISSED**']).toContain(rls[5]);
    expect(rls[6]).toBe('`node bench/run.ts --only=rls`');
    for (const cells of lines.filter((c) => c[0] !== 'RLS per-person query')) expect(cells[4]).toMatch(/^not run/);

    // The benchmark's own section: its table (median, min, max, reference, ratio, target, verdict).
    expect(report).toContain('## Row-level security overhead');
    const rows = table(report, '| what | figure | median | min | max | reference (same run) | ratio | target | |');
    expect(rows.length).toBeGreaterThan(4);
    for (const cells of rows.slice(2)) {
      expect(cells).toHaveLength(9);
      const [median, min, max] = cells.slice(2, 5).map((c) => Number(c.replace(/,/g, '')));
      expect(min! <= median! && median! <= max!, cells.join(' | ')).toBe(true);
    }
    const targeted = rows.slice(2).filter((c) => c[7] !== '');
    expect(targeted.length).toBeGreaterThan(0);
    for (const cells of targeted) {
      expect(cells[5]).toMatch(/^superuser \+ WHERE user_id = \$1: [\d.]+$/);
      expect(cells[6]).toMatch(/^[\d.]+×$/);
      expect(cells[7]).toBe('ratio <= 1.2');
      expect(['met', '**MISSED**']).toContain(cells[8]);
    }
    // Reproduce lines work on a fresh clone: no file outside the repository.
    expect(report).toMatch(/Reproduce every line: `node bench\/run\.ts --only=rls --quick`/);
    expect(report).not.toMatch(/\/tmp\/|\.env\b/);
    expect(report).toContain('<summary>run log</summary>');
  });

  it('refuses the default sizes on the embedded engine, and unknown benchmarks', () => {
    const embedded = runner([`--out=${join(dir, 'never.md')}`], { TEST_DATABASE_URL: undefined, KITCHEN_DB_ENGINE: 'embedded' });
    expect(embedded.status).not.toBe(0);
    expect(embedded.stderr).toMatch(/refusing to run the default sizes on the embedded engine/);
    const unknown = runner(['--quick', '--only=nope'], {});
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toMatch(/no benchmark nope in bench\/ \(have: .*rls/);
  });
});
