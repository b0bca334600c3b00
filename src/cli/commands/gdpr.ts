// `kitchen-db gdpr find|export|purge|requests|audit` — for compliance staff (docs/gdpr.md). Every
// command acts as the role app_compliance, which may only call the GDPR functions; those functions
// write the audit trail. Errors are one line on stderr with a non-zero exit code (src/cli/output.ts).
import { Option, type Command } from 'commander';
import type pg from 'pg';
import { asCompliance, type DbClient } from '../../db/context.ts';
import { NotFoundError, ValidationError } from '../../db/errors.ts';
import { exportPerson, exportTableOrder, type ExportFormat, type ExportOutcome } from '../../areas/gdpr/export.ts';
import { defaultExportRoots, deletePendingExportFiles, exportFileLog, type ExportFileEntry, type FileDeletionReport } from '../../areas/gdpr/files.ts';
import { forCompliance, parseUserKey, type AuditEntry, type GdprPerson, type PersonKeyKind } from '../../areas/gdpr/gdpr.ts';
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

async function runExport(
  pool: pg.Pool,
  out: Output,
  options: { user: string; out?: string; format?: ExportFormat; pageSize: number; force?: boolean },
): Promise<ExportOutcome> {
  const person = await asCompliance(pool, (c) => resolvePerson(c, options.user));
  let bar: ReturnType<Output['progress']> | undefined;
  try {
    return await exportPerson(pool, person.userId, options.out ?? process.stdout, {
      ...(options.format ? { format: options.format } : {}),
      pageSize: options.pageSize,
      ...(options.force ? { force: true } : {}),
      // A file is personal data outside the database: recorded, so the person's purge deletes it.
      ...(options.out ? { record: 'cli' as const } : {}),
      onStart: (manifest) => (bar = out.progress(`exporting ${manifest.total_rows} rows`, manifest.total_rows)),
      onRows: (n) => bar?.tick(n),
    });
  } finally {
    bar?.done(); // end the progress line before any error line
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

const at = (d: Date | null) => (d ? d.toISOString().slice(0, 19).replace('T', ' ') : '—');

function describeFile(f: ExportFileEntry): string {
  const size = f.bytes === null ? '' : ` ${f.bytes} bytes`;
  const end = f.state === 'deleted' ? `deleted ${at(f.deletedAt)} (${f.deleteReason})` : f.state === 'pending_deletion' ? `pending deletion since ${at(f.deleteRequestedAt)} (${f.deleteReason}${f.lastError ? `; ${f.deleteAttempts} failed: ${f.lastError}` : ''})` : f.state;
  return `${f.id.padStart(6)}  ${f.subject.slice(0, 12)}…  ${f.writtenBy.padEnd(4)}  written ${at(f.writtenAt ?? f.startedAt)}${size}  ${end}  ${f.host}:${f.path ?? '(path erased)'}`;
}

// ---------------------------------------------------------------------------------------------
// registration
// ---------------------------------------------------------------------------------------------

export function registerGdprCommands(program: Command): void {
  const group = program
    .command('gdpr')
    .description('GDPR: export a person\'s data, erase a person, deletion requests, the audit trail (acts as app_compliance; see docs/gdpr.md)');
  registerFind(group);
  registerExport(group);
  registerPurge(group);
  registerRequests(group);
  registerAudit(group);
}

/** The options of `gdpr find`, the lookup kind each names, and how the "not found" line says it. */
const FIND_KEYS: { option: 'user' | 'authId' | 'device' | 'serial' | 'pushToken'; flag: string; kind: PersonKeyKind | 'user'; says: string }[] = [
  { option: 'user', flag: '--user', kind: 'user', says: '' },
  { option: 'authId', flag: '--auth-id', kind: 'auth_id', says: 'sign-in id' },
  { option: 'device', flag: '--device', kind: 'device_id', says: 'a paired appliance with device id' },
  { option: 'serial', flag: '--serial', kind: 'serial_number', says: 'a paired appliance with serial number' },
  { option: 'pushToken', flag: '--push-token', kind: 'push_token', says: 'push token' },
];

/** `kitchen-db gdpr find`: who a key names (through the key's lookup table: one shard on Citus). */
function registerFind(group: Command): void {
  group
    .command('find')
    .description('the person an id, e-mail address, sign-in id, paired device id or serial number, or push token names (not audited)')
    .option('--user <id|email>', 'their id (UUID) or e-mail address')
    .option('--auth-id <id>', 'their sign-in (Better-Auth) user id')
    .option('--device <device-id>', 'the device id of an appliance paired to them now')
    .option('--serial <serial-number>', 'the serial number of an appliance paired to them now')
    .option('--push-token <token>', 'a push token registered for their phone')
    .action(async (options: Partial<Record<(typeof FIND_KEYS)[number]['option'], string>>, command: Command) => {
      const global = command.optsWithGlobals<GlobalOptions>();
      const out = createOutput(!!global.json);
      const given = FIND_KEYS.filter((k) => options[k.option] !== undefined);
      if (given.length !== 1) {
        throw new ValidationError('user', 'one_key', `give exactly one of ${FIND_KEYS.map((k) => k.flag).join(', ')}`);
      }
      const { option, kind, says } = given[0]!;
      const value = options[option]!;
      await withSession(global, async ({ pool }) => {
        const person = await asCompliance(pool, (c) => (kind === 'user' ? resolvePerson(c, value) : gdpr.findPerson(c, { kind, key: value })));
        if (!person) {
          // A token is a credential: not repeated in the message.
          throw new NotFoundError(given[0]!.flag.slice(2), 'unknown_user', `no person with ${says}${kind === 'push_token' ? '' : ` ${value}`}`);
        }
        out.result(person, (p) => out.line(`person ${p.userId} <${p.email}> ${p.name}${p.isActive ? '' : ' (inactive)'}, since ${p.createdAt.toISOString().slice(0, 10)}`));
      });
    });
}

/** `kitchen-db gdpr export`: a person's data, to standard output or a file. */
function registerExport(group: Command): void {
  group
    .command('export')
    .description('write everything held about a person (credentials left out) as NDJSON or JSON; audited')
    .requiredOption('--user <id|email>', 'the person: their id (UUID) or e-mail address')
    .option('--out <file>', 'write to this file (created only when the export succeeded); default: standard output')
    .addOption(new Option('--format <format>', 'ndjson: a manifest line, then one line per row; json: one document {manifest, data}. Default: json for a .json file, else ndjson').choices(['ndjson', 'json']))
    .option('--force', 'replace --out if it exists')
    .option('--page-size <rows>', 'rows fetched per round trip (1–10000)', (v) => Number(v), 5000)
    .action(async (options: { user: string; out?: string; format?: ExportFormat; force?: boolean; pageSize: number }, command: Command) => {
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
}

/** `kitchen-db gdpr purge`: erase a person (shows what goes; --yes to do it). */
function registerPurge(group: Command): void {
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
            const order = exportTableOrder(preview);
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
        // After the commit: the export files the purge marked (those of this machine; the worker's
        // hourly gdpr.purge-due run deletes the others and retries failures).
        let files: FileDeletionReport | { error: string };
        try {
          files = await deletePendingExportFiles(pool, { roots: defaultExportRoots(process.env, global.dataDir ?? '.kitchen-db'), role: 'compliance' });
        } catch (error) {
          files = { error: (error as Error).message };
        }
        out.result({ userId: result.person.userId, deleted: true, result: result.purge, exportFiles: files }, (r) => {
          out.line(`erased ${r.userId}: ${r.result.total_rows} rows deleted, ${r.result.jobs ?? 0} jobs deleted (audit subject recorded, no personal data kept)`);
          if ('error' in files) out.line(`export files: not deleted yet (${files.error}); the worker's gdpr.purge-due job retries`);
          else if (files.deleted + files.refused + files.failed > 0) {
            out.line(`export files: ${files.deleted} deleted${files.refused + files.failed ? `, ${files.refused + files.failed} left for the worker (another machine's, or not deletable here)` : ''}`);
          }
        });
      });
    });
}

/** `kitchen-db gdpr requests`: pending deletion requests. */
function registerRequests(group: Command): void {
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
}

/** `kitchen-db gdpr audit`: the audit trail (or the export files' log). */
function registerAudit(group: Command): void {
  group
    .command('audit')
    .description('the GDPR audit trail, newest first (persons appear as keyed hashes)')
    .option('--user <id|email>', 'only this person (an id works even after their purge)')
    .option('--limit <n>', 'at most this many entries (1–10000)', (v) => Number(v), 50)
    .option('--before <id>', 'only entries older than this entry id (paging)')
    .option('--files', 'the export files instead: who wrote each, where, when it was written and deleted')
    .action(async (options: { user?: string; limit: number; before?: string; files?: boolean }, command: Command) => {
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
          if (options.files) return { files: await exportFileLog(c, { limit: options.limit, ...(userId ? { userId } : {}) }) };
          return gdpr.auditLog(c, { limit: options.limit, ...(userId ? { userId } : {}), ...(options.before ? { before: options.before } : {}) });
        });
        if (!Array.isArray(entries)) {
          out.result(entries.files, (fs) => {
            if (fs.length === 0) return out.line('no export files recorded');
            for (const f of fs) out.line(describeFile(f));
          });
          return;
        }
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
