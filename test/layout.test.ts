// The house rules that `npm run deps` (dependency-cruiser) cannot check, because they are about
// files and words rather than imports (docs/architecture.md, "Layers"): src/ holds only the entry
// points and the layer folders; the demo's import rule has no exception; no area, job or command
// reads a SQLSTATE or a constraint name itself (src/db/errors.ts maps them, once); the README's
// layout names every tracked top-level entry and every folder and file of src/ it should; the
// guides name only files of this repository. No database.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** Every .ts file under a folder of src/, relative to the repository. */
function sources(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(join(root, dir))) {
      const path = `${dir}/${name}`;
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) out.push(path);
    }
  };
  walk(folder);
  return out.sort();
}

describe('src/ top level', () => {
  it('holds only the entry points and the layer folders', () => {
    const entries = readdirSync(join(root, 'src')).map((name) => (statSync(join(root, 'src', name)).isDirectory() ? `${name}/` : name));
    expect(entries.sort()).toEqual(['api/', 'areas/', 'cli/', 'db/', 'demo/', 'generated/', 'index.ts', 'jobs/', 'testing.ts']);
  });
});

describe('the import rules (.dependency-cruiser.cjs)', () => {
  const config = createRequire(import.meta.url)(join(root, '.dependency-cruiser.cjs')) as {
    forbidden: { name: string; from: { path: string; pathNot?: string }; to: { path?: string; pathNot?: string } }[];
  };
  const rule = (name: string) => config.forbidden.find((r) => r.name === name);

  it('the demo imports the public API and its own modules, with no exception', () => {
    expect(rule('demo-imports-the-public-api')).toMatchObject({ from: { path: '^src/demo/' }, to: { path: '^src/', pathNot: '^src/(demo/|index\\.ts$)' } });
    const matches = (path: string) => new RegExp(rule('demo-imports-the-public-api')!.to.path!).test(path) && !new RegExp(rule('demo-imports-the-public-api')!.to.pathNot!).test(path);
    // The two exceptions of old stay forbidden, as does everything else under src/.
    for (const path of ['src/jobs/embedder.ts', 'src/areas/gdpr/export.ts', 'src/db/context.ts', 'src/api/kitchen.ts', 'src/testing.ts']) expect(matches(path), path).toBe(true);
    for (const path of ['src/index.ts', 'src/demo/data.ts']) expect(matches(path), path).toBe(false);
  });

  it('every rule the architecture guide lists is there, as an error', () => {
    const names = config.forbidden.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining([
      'generated-imports-only-pgtyped-runtime', 'db-imports-no-area', 'areas-do-not-import-each-other', 'areas-import-only-their-own-generated-queries',
      'areas-import-no-jobs-cli-demo-api', 'jobs-import-areas-and-db', 'cli-imports-jobs-areas-db', 'demo-imports-the-public-api',
    ]));
    for (const r of config.forbidden) expect((r as { severity?: string }).severity, r.name).toBe('error');
  });
});

describe('one error-mapping table (src/db/errors.ts)', () => {
  // A server error's SQLSTATE (five characters, a digit among them: not Node's 'EPIPE') or constraint
  // read outside src/db/, or mapDbError imported or called by hand.
  const PATTERNS = [/\.code\s*[!=]==?\s*'(?=[A-Z]*[0-9])[0-9A-Z]{5}'/, /\.constraint\s*[!=]==?/, /\bmapDbError(?:OrRetry)?\s*\(/, /import\s*\{[^}]*\bmapDbError/];
  // Known and owned elsewhere (telemetry.ts: its partition race and its ingestion's per-batch
  // errors, issue 16's telemetry work): the list may only shrink — an entry that no longer matches fails.
  const PENDING = new Set(['src/areas/telemetry.ts']);

  it('no area, job, command or demo module reads SQLSTATEs or constraint names itself', () => {
    const offenders = ['src/areas', 'src/jobs', 'src/cli', 'src/demo', 'src/api']
      .flatMap(sources)
      .filter((path) => PATTERNS.some((p) => p.test(read(path))));
    expect(offenders.filter((path) => !PENDING.has(path))).toEqual([]);
    expect(offenders.filter((path) => PENDING.has(path)), 'remove the entries of PENDING that are fixed').toEqual([...PENDING]);
  });
});

describe('the guides', () => {
  /** The fenced block under "## Layout" in README.md. */
  const layout = () => /## Layout\n\n```\n([\s\S]*?)```/.exec(read('README.md'))![1]!;

  it("the README's layout names every tracked top-level entry, every folder of src/ and every module of src/db, src/api, src/cli, src/demo", () => {
    const text = layout();
    const top = readdirSync(root).filter((name) => !['.git', 'node_modules', '.kitchen-db', 'dist', 'coverage'].includes(name) && !name.endsWith('.tgz'));
    for (const name of top) expect(text, name).toMatch(new RegExp(`(^|[\\s(/])${name.replace(/[.]/g, '\\.')}(/|\\s|$)`, 'm'));
    for (const folder of readdirSync(join(root, 'src'))) expect(text, `src/${folder}`).toContain(`src/${folder}`);
    for (const folder of ['src/db', 'src/api', 'src/cli', 'src/demo']) {
      for (const file of readdirSync(join(root, folder)).filter((f) => f.endsWith('.ts'))) expect(text, `${folder}/${file}`).toContain(file);
    }
    for (const file of sources('src/areas')) expect(text, file).toContain(file.split('/').at(-1)!);
  });

  it('docs/contributing.md and docs/architecture.md name no path outside the repository and no file that is not in it', () => {
    for (const guide of ['docs/contributing.md', 'docs/architecture.md']) {
      const text = read(guide);
      expect(text, guide).not.toMatch(/(^|[\s`(])(\/(root|tmp|home|work|usr|etc)\/|~\/|\.\.\/shared|\$HOME)/m);
      // Every repository-looking path (`src/…`, `test/…`, `docs/…`, … or a file name with an extension under them) exists.
      const paths = [...text.matchAll(/(?<![\w./-])((?:src|test|docs|queries|migrations|scripts|bench|sql|bin|notes|\.ci)\/[\w./-]*[\w/])/g)].map((m) => m[1]!);
      expect(paths.length, guide).toBeGreaterThan(0);
      const missing = paths.filter((p) => !/NNNNNN|<|\*/.test(p) && !existsSync(join(root, p)));
      expect(missing, guide).toEqual([]);
    }
  });
});
