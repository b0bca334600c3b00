// `kitchen-db cluster-roles`: the DBA's one command for the roles' LOGIN on every node of a Citus
// cluster (Citus connects to the workers as the current role). Without Citus it changes nothing.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { APP_ROLES, OWNER_ROLE } from '../src/db/migrate.ts';
import { withClusterLock } from './support/citus.ts';
import { CITUS, useTestDatabase } from './support/db.ts';

const BIN = fileURLToPath(new URL('../bin/kitchen-db.js', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ROLES = [...APP_ROLES, OWNER_ROLE];

/** `kitchen-db <args>` against `url`. */
function cli(args: string[], url: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const db = useTestDatabase();

describe('kitchen-db cluster-roles', () => {
  // Two Node processes each on a busy machine.
  it.skipIf(CITUS)('without Citus: says so, exits 0 and leaves the roles NOLOGIN', { timeout: 180_000 }, async () => {
    const r = await cli(['cluster-roles'], db().url);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^no Citus on this (server|embedded engine): nothing to do/);
    const json = await cli(['--json', 'cluster-roles'], db().url);
    expect(JSON.parse(json.stdout)).toEqual({ citus: false });
    const { rows } = await db().pool.query<{ n: number }>('select count(*)::int as n from pg_roles where rolname = any ($1) and rolcanlogin', [APP_ROLES]);
    expect(rows[0]!.n).toBe(0);
  });

  it.runIf(CITUS)('on Citus: every role may log in on the coordinator and every worker afterwards', { timeout: 180_000 }, async () => {
    // Under the harness's build lock: a database build meanwhile alters the same roles on every node
    // ("tuple concurrently updated" on whichever of the two came second).
    const r = await withClusterLock(() => cli(['--json', 'cluster-roles'], db().url));
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { citus: boolean; nodes: { node: string; login: string[]; nologin: string[] }[] };
    expect(out.citus).toBe(true);
    const { rows } = await db().pool.query<{ n: number }>('select count(*)::int as n from pg_dist_node');
    expect(out.nodes).toHaveLength(rows[0]!.n);
    for (const n of out.nodes) expect({ node: n.node, login: [...n.login].sort(), nologin: n.nologin }).toEqual({ node: n.node, login: [...ROLES].sort(), nologin: [] });
  });
});
