// `kitchen-db distribute` — for the DBA, once, on a Citus cluster (docs/scale-out.md): runs
// app_private.distribute() in one transaction as the connecting role (the tables' owner or a
// superuser: create_distributed_table needs ownership) and prints what it did. Without Citus it
// changes nothing and says so; run again, it reports that everything is already distributed.
// `kitchen-db cluster-roles` — the DBA's step before it: LOGIN for the roles on every node.
import type { Command } from 'commander';
import { KitchenDbError } from '../../db/errors.ts';
import { withTransaction } from '../../db/context.ts';
import { APP_ROLES, OWNER_ROLE, pendingMigrations } from '../../db/migrate.ts';
import { createOutput } from '../output.ts';
import { withSession, type GlobalOptions } from '../session.ts';

/** What app_private.distribute() returns (migration 000180). */
export interface DistributeResult {
  citus: boolean;
  reference?: string[];
  distributed?: string[];
  lookup?: string[];
  /** Tables that were distributed (or reference tables) already. */
  already?: number;
  /** Set when nothing was left to convert. */
  converted?: string[];
  foreign_keys_readded?: number;
  /** Keys Citus cannot keep (a lookup table's key to app.users), dropped for good. */
  foreign_keys_dropped?: string[];
  triggers_paused?: number;
  /** Tables of schema app left as plain tables on the coordinator (expected: none). */
  local?: string[];
}

export function registerDistributeCommand(program: Command): void {
  registerClusterRolesCommand(program);
  program
    .command('distribute')
    .description(
      'Citus only, run once by the DBA after `kitchen-db migrate`: make the shared tables reference tables and distribute every person table by user_id (app_private.distribute(); idempotent, a no-op without Citus)',
    )
    .action(async (_options: unknown, command: Command) => {
      const global = command.optsWithGlobals<GlobalOptions>();
      const out = createOutput(!!global.json);
      await withSession(global, async ({ db, pool }) => {
        const pending = await pendingMigrations(db.url);
        if (pending.length) {
          throw new KitchenDbError('internal', `${pending.length} migration(s) pending (${pending[0]}${pending.length > 1 ? ' …' : ''}): run \`kitchen-db migrate\` first`);
        }
        const started = performance.now();
        // One transaction as the connection's own role (the DBA); withTransaction maps errors (one table).
        const result = await withTransaction(pool, { retries: 0 }, async (client) =>
          (await client.query<{ r: DistributeResult }>('select app_private.distribute() as r')).rows[0]!.r,
        );
        const seconds = (performance.now() - started) / 1000;
        out.result({ ...result, seconds: Number(seconds.toFixed(1)) }, (r) => {
          if (!r.citus) {
            out.line(`no Citus on this ${db.kind === 'embedded' ? 'embedded engine' : 'server'}: nothing to distribute (the schema is the same on every engine)`);
            return;
          }
          if (r.converted && r.converted.length === 0) {
            out.line(`already distributed: ${r.already ?? 0} table(s), nothing to do`);
            return;
          }
          const list = (label: string, tables: string[] | undefined) => {
            if (tables?.length) out.line(`${label} (${tables.length}): ${tables.join(', ')}`);
          };
          list('reference tables', r.reference);
          list('distributed by user_id, co-located with app.users', r.distributed);
          list('lookup tables, distributed by their own key', r.lookup);
          if (r.already) out.line(`already distributed before: ${r.already} table(s)`);
          out.line(`foreign keys re-added: ${r.foreign_keys_readded ?? 0}; triggers paused while rows were copied: ${r.triggers_paused ?? 0}`);
          if (r.foreign_keys_dropped?.length) out.line(`foreign keys dropped (not co-located; the writers and the GDPR purge keep the rows in step): ${r.foreign_keys_dropped.join(', ')}`);
          if (r.local?.length) out.line(`left local on the coordinator (schema app): ${r.local.join(', ')}`);
          out.line(`done in ${seconds.toFixed(1)} s`);
        });
      });
    });
}

/** One node's answer to `kitchen-db cluster-roles`: which roles may log in there now. */
export interface ClusterRolesNode {
  node: string;
  login: string[];
  nologin: string[];
}

/**
 * `kitchen-db cluster-roles`: Citus opens its connections to the workers as the current role
 * (docs/scale-out.md, section 9), so the application roles and the owner need LOGIN on the
 * coordinator and every worker. One `alter role … login` per role through
 * run_command_on_all_nodes, one node after the other (in parallel, a worker's ALTER ROLE is
 * propagated to the other nodes too and the nodes deadlock). Passwords, pg_dist_authinfo and
 * pg_hba.conf stay the DBA's (README, "On a Citus cluster"): a role with LOGIN and no password
 * cannot log in with password authentication.
 */
export function registerClusterRolesCommand(program: Command): void {
  const roles = [...APP_ROLES, OWNER_ROLE];
  program
    .command('cluster-roles')
    .description(
      `Citus only, run by the DBA after \`kitchen-db migrate\`: give ${roles.join(', ')} LOGIN on the coordinator and every worker (no passwords; a no-op without Citus)`,
    )
    .action(async (_options: unknown, command: Command) => {
      const global = command.optsWithGlobals<GlobalOptions>();
      const out = createOutput(!!global.json);
      await withSession(global, async ({ db, pool }) => {
        const citus = (await pool.query<{ on: boolean }>(`select exists (select from pg_catalog.pg_extension where extname = 'citus') as on`)).rows[0]!.on;
        if (!citus) {
          out.result({ citus: false }, () =>
            out.line(`no Citus on this ${db.kind === 'embedded' ? 'embedded engine' : 'server'}: nothing to do (the roles stay NOLOGIN; services log in with roles of their own)`),
          );
          return;
        }
        for (const role of roles) {
          const { rows } = await pool.query<{ node: string; success: boolean; result: string }>(
            `select coalesce(n.nodename || ':' || n.nodeport, r.nodeid::text) as node, r.success, r.result
               from pg_catalog.run_command_on_all_nodes(pg_catalog.format('alter role %I login', $1::text), false) as r
               left join pg_catalog.pg_dist_node as n on n.nodeid = r.nodeid
              order by r.nodeid`,
            [role],
          );
          const failed = rows.filter((r) => !r.success);
          if (failed.length) {
            throw new KitchenDbError('internal', `alter role ${role} login failed on ${failed.map((r) => `${r.node}: ${r.result}`).join('; ')}`);
          }
        }
        const { rows } = await pool.query<{ node: string; result: string }>(
          `select coalesce(n.nodename || ':' || n.nodeport, r.nodeid::text) as node, r.result
             from pg_catalog.run_command_on_all_nodes(pg_catalog.format(
                    'select coalesce(pg_catalog.string_agg(rolname || %L || rolcanlogin, %L order by rolname), %L) from pg_catalog.pg_roles where rolname = any (%L::text[])',
                    '=', ',', '', $1::text[])) as r
             left join pg_catalog.pg_dist_node as n on n.nodeid = r.nodeid
            order by r.nodeid`,
          [roles],
        );
        const nodes: ClusterRolesNode[] = rows.map((r) => {
          const pairs = r.result.split(',').filter(Boolean).map((p) => p.split('='));
          return { node: r.node, login: pairs.filter(([, v]) => v === 'true').map(([k]) => k!), nologin: roles.filter((k) => !pairs.some(([n, v]) => n === k && v === 'true')) };
        });
        const missing = nodes.filter((n) => n.nologin.length);
        if (missing.length) {
          throw new KitchenDbError('internal', `still without LOGIN: ${missing.map((n) => `${n.node}: ${n.nologin.join(', ')}`).join('; ')}`);
        }
        out.result({ citus: true, roles, nodes }, () => {
          for (const n of nodes) out.line(`${n.node.padEnd(22)} LOGIN: ${n.login.join(', ')}`);
          out.line('next: passwords (or client certificates) and pg_dist_authinfo on every node, pg_hba.conf of the workers (README, "On a Citus cluster"), then `kitchen-db distribute`');
        });
      });
    });
}
