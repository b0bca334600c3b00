// A lean runner for the generated pgtyped queries of src/generated/ (same SQL, same types).
// `query.run(params, client)` rebuilds the statement text from its IR on every call and then
// renames the result keys of nullability-hinted columns (`AS "col!"`) with `delete`, which turns
// every row object into a slow dictionary-mode object. On a ~0.7 ms call that is a measurable share
// (bench/queries.ts). Here the statement is built once per query: bind parameters in pgtyped's
// order, and the hint suffixes removed from the column aliases in the text, so rows arrive with
// their final keys. Queries with list expansions (`:ids -> (...)`) fall back to query.run.
import { ParameterTransform, processSQLQueryIR, type PreparedQuery } from '@pgtyped/runtime';
import type { DbClient } from './context.ts';
import { mapDbErrorOrRetry } from './errors.ts';

interface Compiled {
  text: string;
  /** Parameter names in bind order ($1, $2, …). */
  names: string[];
}

const compiled = new WeakMap<object, Compiled | null>();

function compile(query: object): Compiled | null {
  const ir = (query as { queryIR?: Parameters<typeof processSQLQueryIR>[0] }).queryIR;
  if (!ir) return null;
  const { query: text, mapping } = processSQLQueryIR(ir);
  const names: string[] = [];
  for (const m of mapping) {
    if (m.type !== ParameterTransform.Scalar || !('assignedIndex' in m)) return null; // spread/pick: not handled here
    names[(m.assignedIndex as number) - 1] = m.name;
  }
  if (names.some((n) => n === undefined)) return null;
  // `AS "col!"` / `AS "col?"` → `AS "col"`: what the pgtyped runtime does to each row, done once.
  return { text: text.replace(/(\bAS\s+")([A-Za-z_][A-Za-z0-9_]*)[!?]"/gi, '$1$2"'), names };
}

/**
 * Runs a generated query: same statement and bind values as `query.run(params, client)`, same row
 * shape. A database error is mapped here (src/db/errors.ts: by constraint, then SQLSTATE), with the
 * query's parameters and `field` (the input at fault when the error names none).
 */
export function runQuery<P, R>(query: PreparedQuery<P, R>, params: P, client: DbClient, field?: string): Promise<R[]> {
  const mapError = (error: unknown) => {
    throw mapDbErrorOrRetry(error, { field, values: (params ?? {}) as Record<string, unknown> });
  };
  // Plain promise chaining, no async wrappers: this runs on every call (bench/queries.ts).
  try {
    return execute(query, params, client).then(undefined, mapError);
  } catch (error) {
    return Promise.reject(error).then(undefined, mapError);
  }
}

const rowsOf = (result: { rows: unknown[] }) => result.rows;

function execute<P, R>(query: PreparedQuery<P, R>, params: P, client: DbClient): Promise<R[]> {
  let c = compiled.get(query);
  if (c === undefined) {
    c = compile(query);
    compiled.set(query, c);
  }
  if (c === null) return query.run(params, client);
  const values = new Array<unknown>(c.names.length);
  const p = params as Record<string, unknown> | undefined;
  for (let i = 0; i < values.length; i++) values[i] = p?.[c.names[i]!];
  return client.query(c.text, values).then(rowsOf) as Promise<R[]>;
}
