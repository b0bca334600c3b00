// Connection pools with kitchen-db's type parsing: `vector` → number[] (pgvector), `date` →
// 'YYYY-MM-DD' string (a JS Date at local midnight shifts days across time zones).
// The vector type's OID differs per database, so it is looked up once before the pool exists —
// registering parsers on each pooled client's `connect` event would race the first query.
import pg from 'pg';
import pgvector from 'pgvector';
import { connectionError } from './resolve.ts';

const DATE_OID = 1082;
const DATE_ARRAY_OID = 1182;
// text[]: its parser splits a PostgreSQL array literal into strings.
const TEXT_ARRAY_OID = 1009 as Parameters<typeof pg.types.getTypeParser>[0];
// node-postgres asks for a parser per column of every result: build these once, not per call.
const parseTextArray = pg.types.getTypeParser(TEXT_ARRAY_OID, 'text') as (v: string) => string[];
const parseVector = (v: string) => pgvector.fromSql(v);
const parseVectorArray = (v: string) => parseTextArray(v).map(parseVector);
const keepText = (v: string) => v;

export interface PoolOptions extends Omit<pg.PoolConfig, 'connectionString' | 'types'> {
  /** Where the URL came from, for error messages (default "the connection string"). */
  source?: string;
}

/**
 * A node-postgres pool for kitchen-db: connects once first (a bad URL or an unreachable server fails
 * here, as a ConnectionError that names the address and what to try), registers pgvector's types,
 * and keeps int8/numeric/dates as kitchen-db's areas expect them. `createKitchenDb` makes one; call
 * this for `kitchenDbFromPool` or for the lower-level `withTransaction`/`withUser`.
 */
export async function createPool(url: string, options: PoolOptions = {}): Promise<pg.Pool> {
  const { source = 'the connection string', ...config } = options;
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await probe.connect();
    const { rows } = await probe.query<{ oid: number; typname: string }>(
      `select oid::int as oid, typname from pg_catalog.pg_type where typname in ('vector', '_vector')`,
    );
    const vectorOid = rows.find((r) => r.typname === 'vector')?.oid;
    const vectorArrayOid = rows.find((r) => r.typname === '_vector')?.oid;
    const types = {
      getTypeParser(oid: number, format?: 'text' | 'binary') {
        if (oid === vectorOid) return parseVector;
        if (oid === DATE_OID) return keepText;
        if (oid === DATE_ARRAY_OID) return parseTextArray;
        if (oid === vectorArrayOid) return parseVectorArray;
        return pg.types.getTypeParser(oid as Parameters<typeof pg.types.getTypeParser>[0], format ?? 'text');
      },
    };
    const pool = new pg.Pool({ max: 10, ...config, connectionString: url, types: types as pg.CustomTypesConfig });
    // An idle client that loses its server emits 'error' on the pool; without a listener Node
    // would crash the process. The next checkout simply gets a new connection.
    pool.on('error', () => {});
    return pool;
  } catch (error) {
    throw connectionError(error, 'PostgreSQL', url, source);
  } finally {
    await probe.end().catch(() => {});
  }
}
