// `kitchen-db gdpr export|purge|requests|audit` — for compliance staff (docs/gdpr.md). Every
// command acts as the role app_compliance, which may only call the GDPR functions; those functions
// write the audit trail. Errors are one line on stderr with a non-zero exit code (src/cli/output.ts).
import { once } from 'node:events';
import { createWriteStream, existsSync, renameSync, rmSync, type WriteStream } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Option, type Command } from 'commander';
import type pg from 'pg';
import { asCompliance, type DbClient } from '../../db/context.ts';
import { KitchenDbError, NotFoundError, ValidationError } from '../../errors.ts';
import { forCompliance, parseUserKey, streamUserTableText, type AuditEntry, type GdprManifest, type GdprPerson } from '../../gdpr.ts';
import { createOutput, EXIT, type Output } from '../output.ts';
import { withSession, type GlobalOptions } from '../session.ts';

const gdpr = forCompliance;

/** The person named on the command line, or a NotFoundError (exit 4) / ValidationError (exit 5). */
async function resolvePerson(client: DbClient, key: string): Promise<GdprPerson> {
  const parsed = parseUserKey(key);
  const person = await gdpr.findUser(client, parsed.key);
  if (!person) {
    throw new NotFoundError('user', 'unknown_user', `no person with ${parsed.kind === 'id' ? 'id' : 'e-mail address'} ${parsed.key}`);
  }
  return person;
}

/** Tables in reading order: the account first, then app, then auth. */
function tableOrder(manifest: GdprManifest): string[] {
  const rank = (t: string) => (t === 'app.users' ? 0 : t.startsWith('app.') ? 1 : 2);
  return Object.keys(manifest.tables).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function countsTable(out: Output, counts: Record<string, number>, order: string[], heading: string): void {
  const rows = order.filter((t) => (counts[t] ?? 0) > 0);
  const width = Math.max(10, ...rows.map((t) => t.length));
  out.line(heading);
  if (rows.length === 0) out.line('  (no rows)');
  for (const t of rows) out.line(`  ${t.padEnd(width)}  ${String(counts[t]).padStart(9)}`);
  const total = rows.reduce((sum, t) => sum + (counts[t] ?? 0), 0);
  out.line(`  ${'total'.padEnd(width)}  ${String(total).padStart(9)}`);
}

// ---------------------------------------------------------------------------------------------
// export
// ---------------------------------------------------------------------------------------------

type Format = 'ndjson' | 'json';

/** Writes with backpressure, so memory stays bounded whatever the export's size. */
function writer(stream: NodeJS.WritableStream): { write(text: string): Promise<void>; failure(): Error | undefined } {
  let failed: Error | undefined;
  stream.on('error', (e: Error) => (failed = e));
  return {
    failure: () => failed,
    async write(text: string) {
      if (failed) throw failed;
      if (!stream.write(text)) {
        await new Promise<void>((resolve, reject) => {
          const onDrain = () => {
            stream.off('error', onError);
            resolve();
          };
          const onError = (e: Error) => {
            stream.off('drain', onDrain);
            reject(e);
          };
          stream.once('drain', onDrain);
          stream.once('error', onError);
        });
      }
    },
  };
}

async function closeStream(stream: WriteStream): Promise<void> {
  await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

interface ExportOutcome {
  userId: string;
  format: Format;
  file: string | null;
  tables: Record<string, number>;
  totalRows: number;
}

async function runExport(
  pool: pg.Pool,
  out: Output,
  options: { user: string; out?: string; format?: Format; pageSize: number; force?: boolean },
): Promise<ExportOutcome> {
  const format: Format = options.format ?? (options.out?.toLowerCase().endsWith('.json') ? 'json' : 'ndjson');
  const target = options.out;
  if (target && existsSync(target) && !options.force) {
    throw new ValidationError('out', 'exists', `${target} already exists: choose another --out, or add --force to replace it`);
  }
  const person = await asCompliance(pool, (c) => resolvePerson(c, options.user));
  // Write to a temporary file next to the target and rename it at the very end: a failed export
  // leaves no file behind, a finished one appears whole.
  const temp = target ? join(dirname(target), `.${basename(target)}.partial-${process.pid}`) : undefined;
  const stream = temp ? createWriteStream(temp, { mode: 0o600, flags: 'wx' }) : process.stdout;
  const w = writer(stream);
  let bar: ReturnType<Output['progress']> | undefined;
  try {
    // One REPEATABLE READ transaction: the manifest's counts and the rows come from one snapshot.
    // No automatic retry: rows may already be written.
    const written = await asCompliance(
      pool,
      async (client) => {
        const manifest = await gdpr.summary(client, person.userId, 'export');
        const order = tableOrder(manifest);
        const counts: Record<string, number> = {};
        bar = out.progress(`exporting ${manifest.total_rows} rows`, manifest.total_rows);
        if (format === 'ndjson') await w.write(JSON.stringify({ manifest }) + '\n');
        else await w.write(`{"manifest": ${JSON.stringify(manifest)},\n"data": {`);
        let firstTable = true;
        for (const table of order) {
          counts[table] = 0;
          if (format === 'json') {
            await w.write(`${firstTable ? '' : ','}\n${JSON.stringify(table)}: [`);
            firstTable = false;
          }
          if ((manifest.tables[table] ?? 0) > 0) {
            // Rows arrive as PostgreSQL's JSON text and are written as they are.
            const prefix = `{"table":${JSON.stringify(table)},"row":`;
            for await (const rows of streamUserTableText(client, person.userId, table, { pageSize: options.pageSize })) {
              let chunk = '';
              for (const row of rows) {
                if (format === 'ndjson') chunk += `${prefix}${row}}\n`;
                else chunk += `${counts[table] === 0 ? '\n' : ',\n'}${row}`;
                counts[table]!++;
              }
              await w.write(chunk);
              bar.tick(rows.length);
            }
          }
          if (format === 'json') await w.write(counts[table] ? '\n]' : ']');
          if (counts[table] !== (manifest.tables[table] ?? 0)) {
            throw new KitchenDbError('internal', `export of ${table} gave ${counts[table]} rows, the manifest says ${manifest.tables[table]}: export stopped`);
          }
        }
        if (format === 'json') await w.write('\n}}\n');
        bar.done();
        bar = undefined;
        return { counts, total: manifest.total_rows };
      },
      { isolation: 'repeatable read', retries: 0 },
    );
    if (temp && target) {
      await closeStream(stream as WriteStream);
      renameSync(temp, target);
    }
    return { userId: person.userId, format, file: target ?? null, tables: written.counts, totalRows: written.total };
  } catch (error) {
    bar?.done(); // end the progress line before the error line
    if (temp) {
      // The file is opened asynchronously: remove it only once the stream has closed.
      const file = stream as WriteStream;
      if (!file.closed) {
        const closed = once(file, 'close').catch(() => {});
        file.destroy();
        await closed;
      }
      rmSync(temp, { force: true });
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// audit formatting
// ---------------------------------------------------------------------------------------------

function describeDetail(entry: AuditEntry): string {
  const d = entry.detail as { tables?: Record<string, number>; table?: string; rows?: number; purpose?: string; reason?: string; due_at?: string; found?: boolean };
  const total = d.tables ? Object.values(d.tables).reduce((a, b) => a + b, 0) : undefined;
  switch (entry.action) {
    case 'summary':
      return `${d.purpose ?? ''}: ${total ?? 0} rows counted${d.found === false ? ' (no such person)' : ''}`;
    case 'export':
      return `${total ?? 0} rows exported`;
    case 'export_page':
      return `${d.table}: ${d.rows} rows`;
    case 'purge':
      return `${d.reason}: ${total ?? 0} rows deleted${d.found === false ? ' (nothing left to delete)' : ''}`;
    case 'deletion_requested':
      return `due ${d.due_at ?? '?'}`;
    case 'deletion_cancelled':
      return 'request withdrawn';
    default:
      return JSON.stringify(entry.detail);
  }
}

// ---------------------------------------------------------------------------------------------
// registration
// ---------------------------------------------------------------------------------------------

export function registerGdprCommands(program: Command): void {
  const group = program
    .command('gdpr')
    .description('GDPR: export a person\'s data, erase a person, deletion requests, the audit trail (acts as app_compliance; see docs/gdpr.md)');

  group
    .command('export')
    .description('write everything held about a person (credentials left out) as NDJSON or JSON; audited')
    .requiredOption('--user <id|email>', 'the person: their id (UUID) or e-mail address')
    .option('--out <file>', 'write to this file (created only when the export succeeded); default: standard output')
    .addOption(new Option('--format <format>', 'ndjson: a manifest line, then one line per row; json: one document {manifest, data}. Default: json for a .json file, else ndjson').choices(['ndjson', 'json']))
    .option('--force', 'replace --out if it exists')
    .option('--page-size <rows>', 'rows fetched per round trip (1–10000)', (v) => Number(v), 5000)
    .action(async (options: { user: string; out?: string; format?: Format; force?: boolean; pageSize: number }, command: Command) => {
      const global = command.optsWithGlobals<GlobalOptions>();
      // With the data on standard output, human messages go to stderr.
      const out = createOutput(!!global.json, options.out ? process.stdout : process.stderr);
      if (!Number.isInteger(options.pageSize) || options.pageSize < 1 || options.pageSize > 10_000) {
        throw new ValidationError('pageSize', 'range', `--page-size must be a whole number from 1 to 10000`);
      }
      await withSession(global, async ({ pool }) => {
        const outcome = await runExport(pool, out, options);
        if (options.out) {
          out.result(outcome, (o) => out.line(`exported ${o.totalRows} rows of ${o.userId} from ${Object.values(o.tables).filter((n) => n > 0).length} tables to ${o.file} (${o.format})`));
        } else if (!global.json) {
          process.stderr.write(`exported ${outcome.totalRows} rows of ${outcome.userId} (${outcome.format})\n`);
        }
      });
    });

  group
    .command('purge')
    .description('erase a person for good (app and auth, one transaction); shows what will be deleted and needs --yes; audited')
    .requiredOption('--user <id|email>', 'the person: their id (UUID) or e-mail address')
    .option('--yes', 'really delete (without it, only shows what would be deleted)')
    .action(async (options: { user: string; yes?: boolean }, command: Command) => {
      const global = command.optsWithGlobals<GlobalOptions>();
      const out = createOutput(!!global.json);
      await withSession(global, async ({ pool }) => {
        // Preview and purge in one transaction: what is shown is what is deleted.
        const result = await asCompliance(
          pool,
          async (client) => {
            const person = await resolvePerson(client, options.user);
            const preview = await gdpr.summary(client, person.userId, 'purge');
            const order = tableOrder(preview);
            if (!global.json) {
              out.line(`person ${person.userId} <${person.email}>${person.isActive ? '' : ' (inactive)'}`);
              countsTable(out, preview.tables, order, options.yes ? 'deleting:' : 'would delete:');
            }
            if (!options.yes) return { person, preview, purge: null };
            const purge = await gdpr.purgeUser(client, person.userId);
            return { person, preview, purge };
          },
          { retries: 0 },
        );
        if (!result.purge) {
          out.result({ userId: result.person.userId, deleted: false, wouldDelete: result.preview.tables }, () =>
            out.line('nothing deleted: run again with --yes to erase this person permanently'),
          );
          process.exitCode = EXIT.usage;
          return;
        }
        out.result({ userId: result.person.userId, deleted: true, result: result.purge }, (r) =>
          out.line(`erased ${r.userId}: ${r.result.total_rows} rows deleted (audit subject recorded, no personal data kept)`),
        );
      });
    });

  group
    .command('requests')
    .description('pending deletion requests and when each becomes due')
    .action(async (_options: unknown, command: Command) => {
      const global = command.optsWithGlobals<GlobalOptions>();
      const out = createOutput(!!global.json);
      await withSession(global, async ({ pool }) => {
        const requests = await asCompliance(pool, (c) => gdpr.pendingDeletions(c));
        out.result(requests, (rs) => {
          if (rs.length === 0) return out.line('no pending deletion requests');
          out.line(`${'person'.padEnd(36)}  ${'e-mail'.padEnd(32)}  ${'requested'.padEnd(20)}  ${'due'.padEnd(20)}  status`);
          for (const r of rs) {
            out.line(
              `${r.userId}  ${r.email.padEnd(32)}  ${r.requestedAt.toISOString().slice(0, 19).replace('T', ' ')}  ${r.dueAt.toISOString().slice(0, 19).replace('T', ' ')}  ${r.isDue ? 'due now (next worker run)' : 'in grace period'}`,
            );
          }
        });
      });
    });

  group
    .command('audit')
    .description('the GDPR audit trail, newest first (persons appear as keyed hashes)')
    .option('--user <id|email>', 'only this person (an id works even after their purge)')
    .option('--limit <n>', 'at most this many entries (1–10000)', (v) => Number(v), 50)
    .option('--before <id>', 'only entries older than this entry id (paging)')
    .action(async (options: { user?: string; limit: number; before?: string }, command: Command) => {
      const global = command.optsWithGlobals<GlobalOptions>();
      const out = createOutput(!!global.json);
      if (!Number.isInteger(options.limit) || options.limit < 1 || options.limit > 10_000) {
        throw new ValidationError('limit', 'range', '--limit must be a whole number from 1 to 10000');
      }
      await withSession(global, async ({ pool }) => {
        const entries = await asCompliance(pool, async (c) => {
          let userId: string | undefined;
          if (options.user !== undefined) {
            const parsed = parseUserKey(options.user);
            userId = parsed.kind === 'id' ? parsed.key : (await resolvePerson(c, parsed.key)).userId;
          }
          return gdpr.auditLog(c, { limit: options.limit, ...(userId ? { userId } : {}), ...(options.before ? { before: options.before } : {}) });
        });
        out.result(entries, (es) => {
          if (es.length === 0) return out.line('no audit entries');
          for (const e of es) {
            out.line(
              `${e.id.padStart(6)}  ${e.occurredAt.toISOString().slice(0, 19).replace('T', ' ')}  ${e.action.padEnd(18)}  ${`${e.sessionRole}/${e.actingRole}`.padEnd(28)}  ${e.subject.slice(0, 12)}…  ${describeDetail(e)}`,
            );
          }
        });
      });
    });
}
