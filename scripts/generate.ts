// `npm run generate`: every generated artefact, from a freshly migrated database.
//   - src/generated/*.queries.ts  pgtyped over queries/*.sql, against the resolver's database
//                                 (DATABASE_URL, else the embedded engine);
//   - sql/schema.sql              pg_dump --schema-only of the embedded engine (see dumpSchema);
//   - docs/schema.md, docs/er.md  the schema reference and ER diagram, from the embedded engine.
// `--check` regenerates into memory and exits 1 if any committed file differs (CI).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveDatabase, type ResolvedDatabase } from '../src/db/resolve.ts';
import { migrateDatabase, OWNER_ROLE, PACKAGE_ROOT, withClient } from '../src/db/migrate.ts';
import { dumpSchema } from '../src/db/schema-dump.ts';
import { generateDocs } from '../src/db/docs.ts';

const check = process.argv.includes('--check');
const root = PACKAGE_ROOT;

/** path (relative to root) → content */
const outputs = new Map<string, string>();

async function generateQueries(db: ResolvedDatabase): Promise<void> {
  // pgtyped writes files itself: point it at a scratch copy of the config that emits into a temp dir.
  const scratch = mkdtempSync(join(tmpdir(), 'kitchen-db-pgtyped-'));
  try {
    const config = JSON.parse(readFileSync(join(root, 'pgtyped.json'), 'utf8'));
    config.srcDir = join(root, 'queries');
    for (const t of config.transforms) t.emitTemplate = join(scratch, '{{name}}.queries.ts');
    writeFileSync(join(scratch, 'pgtyped.json'), JSON.stringify(config));
    const cli = join(root, 'node_modules/@pgtyped/cli/lib/index.js');
    // Asynchronous on purpose: the embedded engine serves pgtyped from this very process.
    const child = spawn(process.execPath, [cli, '-c', join(scratch, 'pgtyped.json')], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: db.url, PGURI: db.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    // pgtyped exits 0 on a file it cannot parse ("Skipped …"): treat its error report as failure.
    if (status !== 0 || /^Errors:|Parse error|Skipped .*no queries/m.test(output)) {
      process.stderr.write(output);
      throw new Error(`pgtyped failed (exit ${status})`);
    }
    for (const file of readdirSync(scratch).filter((f) => f.endsWith('.queries.ts')).sort()) {
      outputs.set(`src/generated/${file}`, readFileSync(join(scratch, file), 'utf8'));
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const t0 = Date.now();
const db = await resolveDatabase({ purpose: 'generate' });
try {
  await migrateDatabase(db.url, db.kind === 'embedded' ? { owner: OWNER_ROLE } : {});
  await generateQueries(db);
  if (db.kind === 'embedded') {
    for (const [path, text] of Object.entries(await withClient(db.url, 'the embedded engine', generateDocs))) outputs.set(path, text);
  } else {
    console.error('generate: docs/ and sql/schema.sql come from the embedded engine; unset DATABASE_URL to refresh docs/');
  }
  // The snapshot always comes from the embedded engine's pg_dump, whatever served pgtyped.
  outputs.set('sql/schema.sql', await dumpSchema(db.kind === 'embedded' ? db : undefined));
} finally {
  await db.close();
}

let stale = 0;
const expected = new Set(outputs.keys());
const existingGenerated = existsSync(join(root, 'src/generated'))
  ? readdirSync(join(root, 'src/generated')).filter((f) => f.endsWith('.queries.ts')).map((f) => `src/generated/${f}`)
  : [];
for (const orphan of existingGenerated.filter((f) => !expected.has(f))) {
  stale++;
  if (check) console.error(`stale: ${orphan} has no queries/*.sql source`);
  else rmSync(join(root, orphan));
}
for (const [path, content] of outputs) {
  const full = join(root, path);
  const current = existsSync(full) ? readFileSync(full, 'utf8') : null;
  if (current === content) continue;
  stale++;
  if (check) console.error(`stale: ${path} differs from what the migrations and queries generate`);
  else {
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, content);
    console.log(`wrote ${path}`);
  }
}
if (check && stale) {
  console.error(`${stale} generated file(s) are stale: run \`npm run generate\` and commit the result`);
  process.exit(1);
}
console.log(`generate: ${outputs.size} file(s) ${check ? 'checked' : 'up to date'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
