// kitchen-db as a consumer gets it: `npm pack`, install the tarball into an empty project,
// type-check a consumer that imports `kitchen-db` and `kitchen-db/testing`, run it (it migrates a
// test database from the migrations shipped in the package and runs a typed query as a person),
// and run the installed CLI. Slow (a build and an install): KITCHEN_DB_SLOW=1, which CI sets.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const slow = process.env.KITCHEN_DB_SLOW === '1';
const root = resolve(import.meta.dirname, '..');
// Made only when the suite runs: a file whose tests are all skipped runs no afterAll.
const work = slow ? mkdtempSync(join(tmpdir(), 'kitchen-db-consumer-')) : '';

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const consumer = `
import { createKitchenDb, ValidationError, type UserScope } from 'kitchen-db';
import { createTestDatabase } from 'kitchen-db/testing';
import type { Meal, LogMealInput, Page, MealSummary, Recipe } from 'kitchen-db';

const db = await createTestDatabase();
try {
  // A Better-Auth user exists; the service signs the person in, then acts as them.
  await db.pool.query(\`insert into auth."user" (id, name, email, "emailVerified") values ('auth-1', 'Ada', 'ada@example.test', true)\`);
  const kdb = await createKitchenDb({ connectionString: db.url });
  const { userId } = await kdb.signIn({ authId: 'auth-1', email: 'ada@example.test', name: 'Ada' });
  const meal = await kdb.asUser(userId, (me: UserScope) =>
    me.meals.logMeal({ mealTime: new Date(), mealType: 'lunch', foods: [{ name: 'dal tadka', quantity: 1, unit: 'cup', nutrition: { calories: 230, protein_g: 12 } }] }),
  );
  const profile = await kdb.asUser(userId, (me) => me.accounts.getProfile());
  const input: LogMealInput = { mealTime: new Date(), mealType: 'snack' };
  const page: Page<MealSummary> = await kdb.asUser(userId, (me) => me.meals.listMeals({ limit: 5 }));
  const typed: [Meal | null, Recipe | null, LogMealInput, number] = [null, null, input, page.items.length];
  void typed;
  const calories: number = Number(meal.nutritionTotals.calories);
  let refused = '';
  try {
    await kdb.asUser(userId, (me) => me.meals.logMeal({ mealTime: new Date(), mealType: 'brunch' as 'lunch' }));
  } catch (error) {
    if (error instanceof ValidationError) refused = \`\${error.field}:\${error.rule}\`;
  }
  console.log(JSON.stringify({ engine: db.engine, email: profile.email, calories, refused }));
  await kdb.close();
} finally {
  await db.close();
}
`;

describe.skipIf(!slow)('the packed package, as a consumer installs it', () => {
  it('packs, installs, type-checks and runs a consumer of kitchen-db and kitchen-db/testing', { timeout: 600_000 }, async () => {
    const env = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
    await run('npm', ['pack', '--pack-destination', work], { cwd: root, env, maxBuffer: 64 * 1024 * 1024 });
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))!;
    const { stdout: listing } = await run('tar', ['-tzf', join(work, tarball)]);
    for (const path of ['package/dist/index.js', 'package/dist/index.d.ts', 'package/dist/testing.d.ts', 'package/dist/cli/main.js', 'package/bin/kitchen-db.js', 'package/migrations/committed/000001-foundation.sql', 'package/sql/roles.sql', 'package/queries/meals.sql']) {
      expect(listing).toContain(path);
    }
    expect(listing).not.toContain('package/src/');
    expect(listing).not.toContain('package/test/');
    // The licence, and the documentation the README links to.
    for (const path of ['package/LICENSE', 'package/README.md', 'package/docs/gdpr.md', 'package/docs/schema.md']) expect(listing).toContain(path);
    const tar = (file: string) => run('tar', ['-xzOf', join(work, tarball), file], { maxBuffer: 64 * 1024 * 1024 }).then((r) => r.stdout);
    expect(await tar('package/LICENSE')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} kitchen-db contributors\n/);
    // Source maps point at src/, which is not shipped: each carries the sources it maps to.
    for (const map of listing.split('\n').filter((f) => f.endsWith('.js.map'))) {
      const parsed = JSON.parse(await tar(map)) as { sources: string[]; sourcesContent?: (string | null)[] };
      expect(parsed.sourcesContent?.length, map).toBe(parsed.sources.length);
      expect(parsed.sourcesContent!.every((c) => typeof c === 'string' && c.length > 0), map).toBe(true);
    }

    const app = join(work, 'app');
    await run('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    writeFileSync(join(app, 'consumer.ts'), consumer);
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2023', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] }, files: ['consumer.ts'] }),
    );
    // The same with every declaration file checked (skipLibCheck: false): kitchen-db's public
    // declarations reach neither PGlite's nor graphile-migrate's own .d.ts, which have errors of
    // their own (missing @types): not one error.
    writeFileSync(
      join(app, 'tsconfig.libs.json'),
      JSON.stringify({ extends: './tsconfig.json', compilerOptions: { skipLibCheck: false } }),
    );
    // Dependencies come from npm's cache where it has them (this machine installed them already).
    await run('npm', ['install', '--prefer-offline', join(work, tarball), `@types/node@${process.versions.node.split('.')[0]}`], { cwd: app, env, maxBuffer: 64 * 1024 * 1024 });

    // Type-check the consumer with strict settings, then kitchen-db's declarations themselves.
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: app }).catch((e: { stdout?: string }) => {
      throw new Error(`the consumer does not type-check:\n${e.stdout}`);
    });
    const libs = await run(process.execPath, [tsc, '-p', 'tsconfig.libs.json'], { cwd: app }).then(
      (r) => r.stdout,
      (e: { stdout?: string }) => e.stdout ?? '',
    );
    expect(libs.split('\n').filter(Boolean)).toEqual([]);

    const { stdout } = await run(process.execPath, ['consumer.ts'], { cwd: app, env, maxBuffer: 16 * 1024 * 1024 });
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(result).toMatchObject({ email: 'ada@example.test', calories: 230, refused: 'mealType:enum' });
    expect(['server', 'embedded', 'docker']).toContain(result.engine);

    // The installed CLI runs from dist/ (no TypeScript sources in the package).
    const { stdout: help } = await run(join(app, 'node_modules/.bin/kitchen-db'), ['--help'], { cwd: app, env });
    expect(help).toMatch(/Usage: kitchen-db/);
    expect(help).toMatch(/migrate/);
    // A read-only command in a consumer creates no data folder there: it says what to run (exit 3).
    const status = await run(join(app, 'node_modules/.bin/kitchen-db'), ['status'], { cwd: app, env: { ...env, DATABASE_URL: '' } }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code?: number; stderr?: string }) => ({ code: e.code, stderr: e.stderr ?? '' }),
    );
    expect(status.code).toBe(3);
    expect(status.stderr).toMatch(/^kitchen-db: no embedded database in \.kitchen-db \(nothing was created\)/);
    expect(readdirSync(app)).not.toContain('.kitchen-db');
  });
});
