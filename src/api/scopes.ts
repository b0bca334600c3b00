// The types of the scopes a service gets in kdb.asUser/asAdmin/asWorker/asCompliance: one named
// interface per area and role, so that an editor shows each function's own doc comment on hover and
// a type error names `MealsUserApi` instead of expanding a mapped type.
//
// How the docs survive: each interface is a mapped type over the area *module* (`typeof meals`),
// whose properties are the function declarations with their doc comments, filtered to the group's
// names (`forUser`, …), with the transaction client dropped. A mapped type over the group object
// itself (`{ logMeal, … }`) would lose them (shorthand properties carry no comment), and so would
// one that renames keys (TypeScript links a mapped property to its declaration only when the `as`
// clause filters). A group that exposes a function under another name (`delete: deleteRecipe`) lists
// it in RENAMED, and its interface declares that member with its doc comment. The assertions at the
// end fail to compile when an interface and its group disagree.
import type { Api, Bound } from './bind.ts';
import type { DbClient } from '../db/context.ts';
import type * as accounts from '../areas/accounts.ts';
import type * as appliances from '../areas/appliances/appliances.ts';
import type * as assistant from '../areas/assistant.ts';
import type * as gdpr from '../areas/gdpr/gdpr.ts';
import type * as meals from '../areas/meals.ts';
import type * as recipes from '../areas/recipes.ts';
import type * as telemetry from '../areas/telemetry.ts';

type Group = 'forUser' | 'forAdmin' | 'forWorker' | 'forCompliance';

/** Group keys whose function has another name in its module: declared by hand in the interfaces below. */
interface RENAMED {
  appliances: { forUser: 'list' };
  recipes: { forAdmin: 'delete' | 'get' };
  assistant: { forWorker: 'storeEmbeddings' | 'recordUsage' };
}
type RenamedIn<A extends string, G extends Group> = A extends keyof RENAMED ? (G extends keyof RENAMED[A] ? RENAMED[A][G] : never) : never;

type WithoutClient<F> = F extends (client: DbClient, ...args: infer A) => infer R ? (...args: A) => R : never;

/** The module's functions that the group exposes under their own name, each with its doc comment. */
type FromModule<M extends Record<G, object>, A extends string, G extends Group> = {
  [K in keyof M as K extends keyof M[G] ? (K extends RenamedIn<A, G> ? never : K) : never]: WithoutClient<M[K]>;
};
/**
 * Group functions the module does not export by that name: typed from the group (the doc comment
 * is lost; test/public-api.test.ts fails until the module exports the function).
 */
type Unmatched<M extends Record<G, object>, A extends string, G extends Group> = {
  [K in keyof M[G] as K extends keyof M | RenamedIn<A, G> ? never : K]: WithoutClient<M[G][K]>;
};
type AreaApi<M extends Record<G, object>, A extends string, G extends Group> = FromModule<M, A, G> & Unmatched<M, A, G>;
/** A renamed group member's type. */
type Member<M extends Record<G, object>, G extends Group, K extends keyof M[G]> = WithoutClient<M[G][K]>;

/** Profile, preferences (last write wins), goals, push tokens — the signed-in person's. */
export interface AccountsUserApi extends AreaApi<typeof accounts, 'accounts', 'forUser'> {}
export interface AccountsWorkerApi extends AreaApi<typeof accounts, 'accounts', 'forWorker'> {}
/** Meal logs with foods, keyset pages, soft delete and undo, daily totals against the goal. */
export interface MealsUserApi extends AreaApi<typeof meals, 'meals', 'forUser'> {}
export interface MealsWorkerApi extends AreaApi<typeof meals, 'meals', 'forWorker'> {}
/** Conversations, messages, API usage and cost, embeddings, similarity search. */
export interface AssistantUserApi extends AreaApi<typeof assistant, 'assistant', 'forUser'> {}
/** The shared knowledge base. */
export interface AssistantAdminApi extends AreaApi<typeof assistant, 'assistant', 'forAdmin'> {}
/** Embeddings and API usage written on a person's behalf by the worker. */
export interface AssistantWorkerApi extends AreaApi<typeof assistant, 'assistant', 'forWorker'> {
  /** Worker variant of storeEmbeddings: each item names its person (the embed job runs for everyone). */
  storeEmbeddings: Member<typeof assistant, 'forWorker', 'storeEmbeddings'>;
  /** Worker variant of recordUsage: the job names the person it worked for. */
  recordUsage: Member<typeof assistant, 'forWorker', 'recordUsage'>;
}
/** Ranked full-text recipe search with the person's diet and allergens; the device sync protocol. */
export interface RecipesUserApi extends AreaApi<typeof recipes, 'recipes', 'forUser'> {}
/** Recipe authoring: create, update, publish, unpublish, delete. */
export interface RecipesAdminApi extends AreaApi<typeof recipes, 'recipes', 'forAdmin'> {
  /** Deletes a recipe that nobody has cooked; a cooked one is refused (ConflictError): unpublish it instead. */
  delete: Member<typeof recipes, 'forAdmin', 'delete'>;
  /** Any recipe, published or not. */
  get: Member<typeof recipes, 'forAdmin', 'get'>;
}
/** Pairing, heartbeat, cooking sessions, idempotent cooking-log upload, firmware selection. */
export interface AppliancesUserApi extends AreaApi<typeof appliances, 'appliances', 'forUser'> {
  /** The person's appliances (current pairings), oldest pairing first. */
  list: Member<typeof appliances, 'forUser', 'list'>;
}
/** Firmware releases. */
export interface AppliancesAdminApi extends AreaApi<typeof appliances, 'appliances', 'forAdmin'> {}
export interface AppliancesWorkerApi extends AreaApi<typeof appliances, 'appliances', 'forWorker'> {}
/** Batch ingestion of device events; reads by session, time range and latest reading. */
export interface TelemetryUserApi extends AreaApi<typeof telemetry, 'telemetry', 'forUser'> {}
/** Partitions with row counts and retirement dates (read-only oversight). */
export interface TelemetryAdminApi extends AreaApi<typeof telemetry, 'telemetry', 'forAdmin'> {}
/** Partition maintenance. */
export interface TelemetryWorkerApi extends AreaApi<typeof telemetry, 'telemetry', 'forWorker'> {}
/** The person's own deletion request (with its grace period). */
export interface GdprUserApi extends AreaApi<typeof gdpr, 'gdpr', 'forUser'> {}
/** Purges whose grace period has ended. */
export interface GdprWorkerApi extends AreaApi<typeof gdpr, 'gdpr', 'forWorker'> {}
/** Find a person, summarise, export, purge, pending deletion requests, the audit trail (all audited). */
export interface GdprComplianceApi extends AreaApi<typeof gdpr, 'gdpr', 'forCompliance'> {}

/** What `kdb.asUser(userId, (me) => …)` hands the callback: the areas as that person (row-level security applies). */
export interface UserScope {
  /** Profile, preferences (last write wins), goals, push tokens. */
  accounts: AccountsUserApi;
  /** Meal logs with foods, pages, soft delete and undo, daily totals against the goal. */
  meals: MealsUserApi;
  /** Conversations, messages, API usage and cost, embeddings, similarity search. */
  assistant: AssistantUserApi;
  /** Recipe search (diet and allergens applied) and the device sync protocol. */
  recipes: RecipesUserApi;
  /** The person's appliances, cooking sessions, cooking logs, firmware offers. */
  appliances: AppliancesUserApi;
  /** The person's device events. */
  telemetry: TelemetryUserApi;
  /** The person's own deletion request. */
  gdpr: GdprUserApi;
}

/** What `kdb.asAdmin((admin) => …)` hands the callback: recipes, firmware, the knowledge base, read-only oversight. */
export interface AdminScope {
  /** The shared knowledge base. */
  assistant: AssistantAdminApi;
  /** Recipe authoring. */
  recipes: RecipesAdminApi;
  /** Firmware releases. */
  appliances: AppliancesAdminApi;
  /** Partitions (read-only). */
  telemetry: TelemetryAdminApi;
}

/** What `kdb.asWorker((worker) => …)` hands the callback: what the job worker does. */
export interface WorkerScope {
  accounts: AccountsWorkerApi;
  meals: MealsWorkerApi;
  /** Embeddings and API usage on a person's behalf. */
  assistant: AssistantWorkerApi;
  appliances: AppliancesWorkerApi;
  /** Partition maintenance and report. */
  telemetry: TelemetryWorkerApi;
  /** Purges that have come due. */
  gdpr: GdprWorkerApi;
}

/** What `kdb.asCompliance((compliance) => …)` hands the callback: the GDPR functions only (each audited). */
export interface ComplianceScope {
  /** Find, summarise, export, purge, deletion requests, the audit trail. */
  gdpr: GdprComplianceApi;
}

// Compile-time checks: each scope has exactly the functions, with exactly the types, that binding the
// area's group gives at run time (src/api/kitchen.ts). A function added to a group under a new name
// without a RENAMES entry, or a signature that differs, fails here.
type Same<X, Y> = [X] extends [Y] ? ([Y] extends [X] ? true : false) : false;
type Areas = { accounts: typeof accounts; meals: typeof meals; assistant: typeof assistant; recipes: typeof recipes; appliances: typeof appliances; telemetry: typeof telemetry; gdpr: typeof gdpr };
// A scope holds the areas that have the group: an area without a `forAdmin` group is absent from AdminScope.
type Runtime<G extends Group> = { [A in keyof Areas as G extends keyof Areas[A] ? A : never]: Areas[A] extends Record<G, Api> ? Bound<Areas[A][G]> : never };
type ScopesMatch = [
  Same<UserScope, Runtime<'forUser'>>,
  Same<AdminScope, Runtime<'forAdmin'>>,
  Same<WorkerScope, Runtime<'forWorker'>>,
  Same<ComplianceScope, Runtime<'forCompliance'>>,
];
type AllTrue<T extends true[]> = T;
// eslint-disable-next-line @typescript-eslint/no-unused-vars
type _ScopesMatch = AllTrue<ScopesMatch>;
