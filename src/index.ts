// kitchen-db: the typed data layer. See README.md for a service using it.
export { createKitchenDb, kitchenDbFromPool, type KitchenDb, type KitchenDbOptions, type EmbeddedOption, type TxOptions } from './api/kitchen.ts';
export * from './db/errors.ts';
export { withTransaction, withUser, asAdmin, asWorker, asCompliance, assertUuid, type DbClient, type TransactionOptions } from './db/context.ts';
export { createPool, type PoolOptions } from './db/pool.ts';
export { migrateDatabase, pendingMigrations, APP_ROLES, type AppRole, type MigrateOptions, type MigrateResult } from './db/migrate.ts';
export { resolveDatabase, chooseEngine, type EngineKind, type EngineChoice, type Purpose, type ResolvedDatabase, type ResolveOptions } from './db/resolve.ts';

// Every input and output type of the public API (test/public-api.test.ts checks that none is missing).
export type * from './api/scopes.ts';
export type { Page, Nutrient } from './areas/shared/input.ts';
export type {
  SignInInput, SignInResult, Profile, ProfileChanges, Diet, Theme, Preferences, PreferenceChanges, PreferencesWrite,
  GoalType, Goal, GoalInput, Platform, PushToken, PushTokenRegistration,
} from './areas/accounts.ts';
export type {
  MealType, Nutrition, FoodInput, MealFood, Meal, MealSummary, LogMealInput, ListMealsOptions, MealChanges, DayTotals,
  NutrientBounds, FindByNutritionOptions,
} from './areas/meals.ts';
export type {
  Conversation, ConversationSummary, MessageRole, Message, MessageInput, ListMessagesOptions, UsageInput, Usage, CostRow,
  SourceKind, EmbeddingInput, KnowledgeInput, SearchHit, SearchMineOptions, SearchKnowledgeOptions,
} from './areas/assistant.ts';
export type {
  Cuisine, Difficulty, RecipeIngredient, RecipeStage, RecipeData, RecipeSummary, Recipe, PersonRecipe, AdminRecipe,
  SearchInput, SearchResult, SyncInput, SyncResult, RecipeInput, RecipePatch,
} from './areas/recipes.ts';
export type {
  ApplianceStatus, SessionStatus, FirmwareTarget, FirmwareChannel, Appliance, StageLogEntry, CookingSession, FirmwareRelease,
  PairInput, HeartbeatInput, StartSessionInput, UpdateSessionInput, CompleteSessionInput, RateSessionInput, CookingLogUpload,
  CookingLogUploadResult, FirmwareQuery, FirmwareOffer, FirmwareReleaseInput,
} from './areas/appliances/appliances.ts';
export type {
  EventType, TelemetryEventInput, RecordEventsInput, TelemetryEvent, EventPage, LatestReading, MaintenanceResult,
  TableMaintenance, PartitionInfo,
} from './areas/telemetry.ts';
export type {
  GdprManifest, ExportRow, GdprExport, ExportPage, PurgeResult, DuePurgeResult, GdprPerson, DeletionRequest, AuditEntry,
} from './areas/gdpr/gdpr.ts';
export { ingestTelemetry } from './areas/telemetry.ts';
export type { IngestBatch, IngestResult } from './areas/telemetry.ts';

// Embedders: text → vectors for me.assistant.storeEmbeddings / searchMine / searchKnowledge and
// admin.assistant.storeKnowledge. The worker's assistant.embed job uses the same ones.
export {
  LocalHashEmbedder, HttpEmbedder, embedderFromEnv, EmbedderError, EMBEDDING_DIMENSION,
  type Embedder, type EmbedResult, type EmbedUsage, type EmbedderErrorKind, type HttpEmbedderOptions,
} from './jobs/embedder.ts';
// One person's GDPR export (Art. 20) written to a file or a stream, audited: the CLI, the worker and the demo use it.
export { exportPerson, type ExportFormat, type ExportToOptions, type ExportOutcome } from './areas/gdpr/export.ts';
