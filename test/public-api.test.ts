// The package as a service developer's editor and compiler see it (issue 18): the published
// declarations (emitted here as `npm run build` does: tsconfig.build.json) compile in a strict
// consumer without skipLibCheck; every function of every scope keeps its doc comment through the
// scope types; every type a public function takes or returns can be imported from 'kitchen-db';
// createKitchenDb's embedded option; signIn's error for a missing Better-Auth user.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKitchenDb, NotFoundError, ValidationError } from '../src/index.ts';
import { createTestDatabase } from '../src/testing.ts';
import { useTestDatabase } from './support/db.ts';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'kitchen-db-api-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const SCOPES = ['UserScope', 'AdminScope', 'WorkerScope', 'ComplianceScope'] as const;

/** Emits the declarations into <work>/kitchen-db/dist and installs that as a consumer's dependency. */
function emitPackage(): string {
  const pkg = join(work, 'kitchen-db');
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.build.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const program = ts.createProgram({
    rootNames: config.fileNames,
    options: { ...config.options, outDir: join(pkg, 'dist'), emitDeclarationOnly: true, declaration: true, sourceMap: false, declarationMap: false, noEmit: false },
  });
  const emitted = program.emit();
  expect(emitted.diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'kitchen-db', type: 'module', exports: manifest.exports }));
  symlinkSync(join(root, 'node_modules'), join(pkg, 'node_modules'));
  const app = join(work, 'app');
  mkdirSync(join(app, 'node_modules'), { recursive: true });
  symlinkSync(pkg, join(app, 'node_modules/kitchen-db'));
  symlinkSync(join(root, 'node_modules/@types'), join(app, 'node_modules/@types'));
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  return app;
}

const consumerText = `
import { createKitchenDb, type UserScope, type AdminScope, type WorkerScope, type ComplianceScope, type KitchenDb } from 'kitchen-db';
import type { Meal, LogMealInput, Recipe, Page, MealSummary, PartitionInfo, GdprExport, SignInResult } from 'kitchen-db';
import { createTestDatabase } from 'kitchen-db/testing';

export async function use(kdb: KitchenDb, userId: string): Promise<Page<MealSummary>> {
  const input: LogMealInput = { mealTime: new Date(), mealType: 'lunch' };
  const meal: Meal = await kdb.asUser(userId, (me) => me.meals.logMeal(input));
  const recipes: Recipe | null = null;
  void meal; void recipes;
  return kdb.asUser(userId, (me) => me.meals.listMeals({ limit: 20 }));
}
export type Scopes = [UserScope, AdminScope, WorkerScope, ComplianceScope, PartitionInfo, GdprExport, SignInResult];
export const factories = [createKitchenDb, createTestDatabase];
`;

let app: string;
let program: ts.Program;
let checker: ts.TypeChecker;
let indexModule: ts.Symbol;
/** An export's own symbol (re-exports are aliases). */
const own = (s: ts.Symbol) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
const exportNamed = (name: string) => own(checker.getExportsOfModule(indexModule).find((e) => e.name === name)!);

beforeAll(() => {
  app = emitPackage();
  writeFileSync(join(app, 'consumer.ts'), consumerText);
  program = ts.createProgram({
    rootNames: [join(app, 'consumer.ts')],
    options: { target: ts.ScriptTarget.ES2023, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true, noEmit: true, skipLibCheck: false, types: ['node'] },
  });
  checker = program.getTypeChecker();
  const index = program.getSourceFiles().find((f) => f.fileName.endsWith('/kitchen-db/dist/index.d.ts'))!;
  expect(index, 'dist/index.d.ts is part of the consumer program').toBeDefined();
  indexModule = checker.getSymbolAtLocation(index)!;
}, 120_000);

describe('the published declarations', () => {
  it('compile in a strict consumer with skipLibCheck: false (no errors from kitchen-db or what it pulls in)', () => {
    const errors = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName.replace(work, '') ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    expect(errors).toEqual([]);
    // Neither PGlite's nor graphile-migrate's declarations are reachable from the public API.
    const files = program.getSourceFiles().map((f) => f.fileName);
    expect(files.filter((f) => /@electric-sql\/pglite|graphile-migrate/.test(f))).toEqual([]);
  });

  it('keep the doc comment of every scope function (what an editor shows on hover), with a named type per area', () => {
    const undocumented: string[] = [];
    let functions = 0;
    for (const scopeName of SCOPES) {
      const scope = checker.getDeclaredTypeOfSymbol(exportNamed(scopeName));
      for (const area of scope.getProperties()) {
        if (area.name === 'client') continue;
        const areaType = checker.getTypeOfSymbol(area);
        // A readable name in hovers and errors: MealsUserApi, not a mapped type.
        expect(checker.typeToString(areaType), `${scopeName}.${area.name}`).toMatch(/^[A-Z][A-Za-z]+Api$/);
        for (const fn of areaType.getProperties()) {
          functions++;
          const doc = ts.displayPartsToString(fn.getDocumentationComment(checker)).trim();
          if (doc.length < 10) undocumented.push(`${scopeName}.${area.name}.${fn.name}`);
        }
      }
    }
    expect(functions).toBeGreaterThan(60);
    expect(undocumented, `${undocumented.length} of ${functions}`).toEqual([]);
  });

  it('document createKitchenDb, asUser, asAdmin, asWorker, asCompliance, createPool and resolveDatabase', () => {
    const docOf = (symbol: ts.Symbol) => ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
    for (const name of ['createKitchenDb', 'createPool', 'resolveDatabase']) {
      expect(docOf(exportNamed(name)).length, name).toBeGreaterThan(40);
    }
    const kitchenDb = checker.getDeclaredTypeOfSymbol(exportNamed('KitchenDb'));
    for (const method of ['asUser', 'asAdmin', 'asWorker', 'asCompliance', 'signIn', 'close']) {
      expect(ts.displayPartsToString(kitchenDb.getProperty(method)!.getDocumentationComment(checker)).trim().length, method).toBeGreaterThan(20);
    }
  });

  it('export every named type a scope function takes or returns (import type { … } from "kitchen-db")', () => {
    const exported = new Set(checker.getExportsOfModule(indexModule).map((e) => e.name));
    const missing = new Set<string>();
    const seen = new Set<ts.Type>();
    const fromKitchenDb = (s: ts.Symbol | undefined) => !!s?.declarations?.some((d) => d.getSourceFile().fileName.includes('/kitchen-db/dist/') && !d.getSourceFile().fileName.includes('/generated/'));
    const visit = (type: ts.Type, depth: number): void => {
      if (seen.has(type) || depth > 6) return;
      seen.add(type);
      for (const s of [type.aliasSymbol, type.getSymbol()]) {
        const named = s && s.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias | ts.SymbolFlags.Class | ts.SymbolFlags.Enum);
        if (named && fromKitchenDb(s) && !exported.has(s.name)) missing.add(s.name);
      }
      for (const t of type.aliasTypeArguments ?? []) visit(t, depth + 1);
      if (type.isUnionOrIntersection()) for (const t of type.types) visit(t, depth + 1);
      if (type.flags & ts.TypeFlags.Object) {
        for (const t of checker.getTypeArguments(type as ts.TypeReference) ?? []) visit(t, depth + 1);
        if (fromKitchenDb(type.aliasSymbol ?? type.getSymbol())) for (const p of type.getProperties()) visit(checker.getTypeOfSymbol(p), depth + 1);
        for (const sig of type.getCallSignatures()) {
          for (const p of sig.getParameters()) visit(checker.getTypeOfSymbol(p), depth + 1);
          visit(sig.getReturnType(), depth + 1);
        }
      }
    };
    for (const scopeName of SCOPES) visit(checker.getDeclaredTypeOfSymbol(exportNamed(scopeName)), 0);
    visit(checker.getTypeOfSymbol(exportNamed('createKitchenDb')), 0);
    expect([...missing].sort()).toEqual([]);
  });
});

describe('createKitchenDb', () => {
  it('without a connection string or DATABASE_URL: a ValidationError that offers { embedded: true }, never a silent fallback', async () => {
    const saved = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      const error = await createKitchenDb().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ field: 'connectionString', rule: 'required', message: expect.stringContaining('{ embedded: true }') });
      await expect(createKitchenDb({ connectionString: 'postgres://x/y', embedded: true })).rejects.toMatchObject({ field: 'embedded', rule: 'exclusive' });
    } finally {
      if (saved !== undefined) process.env.DATABASE_URL = saved;
    }
  });

  // Migrates a new embedded database (~25 s on 2 cores): in the slow suite (KITCHEN_DB_SLOW=1, CI's native run).
  it.skipIf(process.env.KITCHEN_DB_SLOW !== '1')('{ embedded: { dataDir } }: a migrated embedded engine for local development, usable at once, stopped by close()', { timeout: 300_000 }, async () => {
    const dataDir = join(work, 'embedded-data');
    const lines: string[] = [];
    const kdb = await createKitchenDb({ embedded: { dataDir }, log: (l) => lines.push(l) });
    try {
      expect(lines).toEqual([expect.stringMatching(/^engine: embedded PostgreSQL 18\.\d+ .*data folder .*embedded-data/)]);
      await kdb.pool.query(`insert into auth."user" (id, name, email) values ('dev-1', 'Dev', 'dev@example.test')`);
      const { userId } = await kdb.signIn({ authId: 'dev-1', email: 'dev@example.test', name: 'Dev' });
      const meal = await kdb.asUser(userId, (me) => me.meals.logMeal({ mealTime: new Date(Date.now() - 60_000), mealType: 'snack' }));
      expect(await kdb.asUser(userId, (me) => me.meals.getMeal(meal.id))).toMatchObject({ id: meal.id, mealType: 'snack' });
    } finally {
      await kdb.close();
    }
    expect(readFileSync(join(dataDir, 'PG_VERSION'), 'utf8').trim()).toBe('18');
  });
});

describe('signIn', () => {
  const db = useTestDatabase();
  it('without an auth."user" row says the Better-Auth user does not exist', async () => {
    const error = await db().kdb.signIn({ authId: 'no-such-auth-user', email: 'nobody@example.test' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ field: 'authId', message: expect.stringMatching(/^the Better-Auth user no-such-auth-user does not exist \(no auth\."user" row\)/) });
  });
});

describe('createTestDatabase() without a template', () => {
  it('leaves no file behind (the embedded engine keeps its template in memory)', { timeout: 300_000 }, async () => {
    const before = new Set(readdirSync(tmpdir()));
    const db = await createTestDatabase();
    try {
      expect((await db.pool.query<{ n: number }>(`select count(*)::int as n from app.users`)).rows).toEqual([{ n: 0 }]);
    } finally {
      await db.close();
    }
    expect(readdirSync(tmpdir()).filter((f) => !before.has(f) && f.startsWith('kitchen-db-'))).toEqual([]);
  });
});
