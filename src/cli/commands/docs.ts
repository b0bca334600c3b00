// `kitchen-db docs`: the schema reference and ER diagram, from the live catalog.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { generateDocs } from '../../db/docs.ts';
import { createOutput } from '../output.ts';
import { withSession, type GlobalOptions } from '../session.ts';

export function registerDocsCommand(program: Command): void {
  program
    .command('docs')
    .description('write docs/schema.md (tables, columns, constraints, indexes, policies, functions) and docs/er.md (Mermaid ER diagram) from the live catalog')
    .option('--out <dir>', 'folder to write into (the files go to <dir>/docs/…)', '.')
    .action(async (options: { out: string }, command: Command) => {
      const global = command.optsWithGlobals<GlobalOptions>();
      const out = createOutput(!!global.json);
      await withSession(global, async ({ pool }) => {
        const files = await generateDocs(pool);
        const written: string[] = [];
        for (const [path, text] of Object.entries(files)) {
          const full = join(options.out, path);
          mkdirSync(dirname(full), { recursive: true });
          writeFileSync(full, text);
          written.push(full);
        }
        out.result({ written }, (r) => r.written.forEach((f) => out.line(`wrote ${f}`)));
      });
    });
}
