// How area modules expose their functions. Each area module (src/areas/accounts.ts, src/areas/meals.ts, …)
// exports plain functions taking the transaction's client first, grouped by who may call them:
//   export const forUser = { logMeal, getMeal, … };        // runs as app_user, for app.current_user_id()
//   export const forAdmin = { … };  export const forWorker = { … };  export const forCompliance = { … };
// createKitchenDb binds each group to the client of the transaction it opens (see kitchen.ts).
import type { DbClient } from '../db/context.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ApiFunction = (client: DbClient, ...args: any[]) => Promise<unknown>;
export type Api = Record<string, ApiFunction>;

/** An API group with the client already supplied. */
export type Bound<T extends Api> = {
  [K in keyof T]: T[K] extends (client: DbClient, ...args: infer A) => infer R ? (...args: A) => R : never;
};

const binders = new WeakMap<Api, (client: DbClient) => Record<string, unknown>>();

/**
 * The group's functions with `client` supplied. The list of functions is read once per group, not on
 * every transaction, and the object gets its properties in the same order each time (one shape).
 */
export function bind<T extends Api>(api: T, client: DbClient): Bound<T> {
  let binder = binders.get(api);
  if (binder === undefined) {
    const entries = Object.entries(api);
    binder = (c) => {
      const out: Record<string, unknown> = {};
      for (const [name, fn] of entries) out[name] = (...args: unknown[]) => fn(c, ...args);
      return out;
    };
    binders.set(api, binder);
  }
  return binder(client) as Bound<T>;
}
