// `kitchen-db` — the command line for operators, DBAs and compliance staff.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerDatabaseCommands } from './commands/database.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerDistributeCommand } from './commands/distribute.ts';
import { registerDocsCommand } from './commands/docs.ts';
import { registerGdprCommands } from './commands/gdpr.ts';
import { registerPartitionCommands } from './commands/partitions.ts';
import { registerWorkerCommand } from './commands/worker.ts';
import { EXIT, reportError, watchStdout } from './output.ts';

/** package.json's version: two folders up from src/cli/ and from dist/cli/ alike. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/** `kitchen-db gdpr export`: the command's full name, for the usage-error line. */
function fullName(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/**
 * Commander's usage errors ("error: unknown option '--x'") in the one-line `kitchen-db: …` form of
 * every other error, with where to read the usage. Set on every command: each has its own help.
 */
function oneLineUsageErrors(command: Command): void {
  command.configureOutput({
    outputError: (text, write) => write(`kitchen-db: ${text.trim().replace(/^error: /, '').split('\n')[0]} (see \`${fullName(command)} --help\`)\n`),
  });
  for (const sub of command.commands) oneLineUsageErrors(sub);
}

export function buildProgram(): Command {
  const program = new Command()
    .name('kitchen-db')
    .description(
      'PostgreSQL data layer of the kitchen platform. Uses DATABASE_URL when set, otherwise the embedded engine (PGlite) with its data in .kitchen-db/.',
    )
    .option('--json', 'print results as JSON (read commands)')
    .option('--data-dir <dir>', 'data folder of the embedded engine (default .kitchen-db, or KITCHEN_DB_DATA_DIR)')
    .version(packageVersion(), '-V, --version', 'print the version of kitchen-db')
    .exitOverride();
  registerDatabaseCommands(program);
  registerDocsCommand(program);
  registerDemoCommand(program);
  registerDistributeCommand(program);
  registerGdprCommands(program);
  registerPartitionCommands(program);
  registerWorkerCommand(program);
  oneLineUsageErrors(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  watchStdout();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; usage errors were already printed.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    return reportError(error);
  }
}
