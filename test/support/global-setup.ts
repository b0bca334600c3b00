// Resolves the engine once for the whole run, builds a migrated template, prints the engine line
// first, and hands the template to every test file (test/support/db.ts).
import type { TestProject } from 'vitest/node';
import { prepareTestTemplate, type PreparedTemplate, type TestTemplate } from '../../src/testing.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    kitchenTemplate: TestTemplate;
  }
}

let template: PreparedTemplate | undefined;

export async function setup(project: TestProject): Promise<void> {
  const t0 = Date.now();
  template = await prepareTestTemplate({ log: (line) => console.log(line) });
  console.log(`migrated template ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const { dispose: _dispose, ...data } = template;
  project.provide('kitchenTemplate', data);
}

export async function teardown(): Promise<void> {
  await template?.dispose();
}
