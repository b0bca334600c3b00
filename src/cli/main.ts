// `kitchen-db` — the command line for operators, DBAs and compliance staff.
import { Command, CommanderError } from 'commander';
import { registerDatabaseCommands } from './commands/database.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerDocsCommand } from './commands/docs.ts';
import { registerGdprCommands } from './commands/gdpr.ts';
import { registerPartitionCommands } from './commands/partitions.ts';
import { registerWorkerCommand } from './commands/worker.ts';
import { EXIT, reportError } from './output.ts';

export function buildProgram(): Command {
  const program = new Command()
    .name('kitchen-db')
    .description(
      'PostgreSQL data layer of the kitchen platform. Uses DATABASE_URL when set, otherwise the embedded engine (PGlite) with its data in .kitchen-db/.',
    )
    .option('--json', 'print results as JSON (read commands)')
    .option('--data-dir <dir>', 'data folder of the embedded engine (default .kitchen-db, or KITCHEN_DB_DATA_DIR)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerDatabaseCommands(program);
  registerDocsCommand(program);
  registerDemoCommand(program);
  registerGdprCommands(program);
  registerPartitionCommands(program);
  registerWorkerCommand(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
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
