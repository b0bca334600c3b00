// kitchen-db: the typed data layer. See README.md for a service using it.
export { createKitchenDb, kitchenDbFromPool, type KitchenDb, type KitchenDbOptions, type UserScope, type AdminScope, type WorkerScope, type ComplianceScope } from './kitchen.ts';
export * from './errors.ts';
export { withTransaction, withUser, asAdmin, asWorker, asCompliance, assertUuid, type DbClient, type TransactionOptions } from './db/context.ts';
export { createPool } from './db/pool.ts';
export { migrateDatabase, pendingMigrations, APP_ROLES, type AppRole, type MigrateOptions, type MigrateResult } from './db/migrate.ts';
export { resolveDatabase, chooseEngine, type EngineKind, type ResolvedDatabase } from './db/resolve.ts';
export { ingestTelemetry, type IngestBatch, type IngestResult } from './telemetry.ts';
