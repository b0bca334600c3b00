// The import rules of kitchen-db (docs/architecture.md, "Layers"), checked in CI: `npm run deps`.
// A violation fails the build. Areas are src/areas/<area>.ts or src/areas/<area>/ (several modules);
// src/areas/shared/ is the shared input module (and the types areas share), usable by every area.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'generated-imports-only-pgtyped-runtime',
      comment: 'src/generated/ is pgtyped output: it imports @pgtyped/runtime and nothing else.',
      severity: 'error',
      from: { path: '^src/generated/' },
      to: { pathNot: '@pgtyped/runtime' },
    },
    {
      name: 'db-imports-no-area',
      comment: 'src/db/ (resolver, pool, person context, errors, runQuery) is below every area: it imports none of the layers above.',
      severity: 'error',
      from: { path: '^src/db/' },
      to: { path: '^src/(areas|api|jobs|cli|demo|generated)/|^src/(index|testing)\\.ts$' },
    },
    {
      name: 'areas-do-not-import-each-other',
      comment: 'An area imports db, its own generated queries and the shared input module, never another area.',
      severity: 'error',
      from: { path: '^src/areas/([^/.]+)' },
      to: { path: '^src/areas/', pathNot: '^src/areas/($1|shared)(/|\\.ts$)' },
    },
    {
      name: 'areas-import-only-their-own-generated-queries',
      severity: 'error',
      from: { path: '^src/areas/([^/.]+)' },
      to: { path: '^src/generated/', pathNot: '^src/generated/$1\\.queries\\.ts$' },
    },
    {
      name: 'areas-import-no-jobs-cli-demo-api',
      severity: 'error',
      from: { path: '^src/areas/' },
      to: { path: '^src/(api|jobs|cli|demo)/|^src/(index|testing)\\.ts$' },
    },
    {
      name: 'shared-input-imports-no-area',
      severity: 'error',
      from: { path: '^src/areas/shared/' },
      to: { path: '^src/areas/(?!shared/)' },
    },
    {
      name: 'jobs-import-areas-and-db',
      comment: "Jobs call area functions (forWorker groups); of the generated queries only the worker's own (jobs.queries.ts).",
      severity: 'error',
      from: { path: '^src/jobs/' },
      to: { path: '^src/(api|cli|demo)/|^src/generated/(?!jobs\\.queries\\.ts$)|^src/(index|testing)\\.ts$' },
    },
    {
      name: 'job-modules-do-not-import-each-other',
      comment: 'A job module uses the shared jobs/context.ts, jobs/queues.ts and jobs/embedder.ts only; worker.ts runs them all.',
      severity: 'error',
      from: { path: '^src/jobs/', pathNot: '^src/jobs/worker\\.ts$' },
      to: { path: '^src/jobs/', pathNot: '^src/jobs/(context|queues|embedder)\\.ts$' },
    },
    {
      name: 'cli-imports-jobs-areas-db',
      comment: 'The command line uses jobs, areas, db (and the demo); never generated queries.',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^src/generated/|^src/(index|testing)\\.ts$' },
    },
    {
      name: 'demo-imports-the-public-api',
      comment: 'The demo is written as a service would be: against src/index.ts (and its own modules), no exception.',
      severity: 'error',
      from: { path: '^src/demo/' },
      to: { path: '^src/', pathNot: '^src/(demo/|index\\.ts$)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/generated/.*\\.d\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['es6'],
  },
};
