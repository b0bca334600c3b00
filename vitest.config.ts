import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Each file gets its own database; files run in parallel up to the machine's cores.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Slow suites (load, faults) run only when asked: KITCHEN_DB_SLOW=1 (CI sets it on the native server).
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
