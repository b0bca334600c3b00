// `kitchen-db distribute` — for the DBA, once, on a Citus cluster (docs/scale-out.md): runs
// app_private.distribute() in one transaction as the connecting role (the tables' owner or a
// superuser: create_distributed_table needs ownership) and prints what it did. Without Citus it
// changes nothing and says so; run again, it reports that everything is already distributed.
import type { Command } from 'commander';
import { KitchenDbError } from '../../db/errors.ts';
import { withTransaction } from '../../db/context.ts';
import { pendingMigrations } from '../../db/migrate.ts';
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
