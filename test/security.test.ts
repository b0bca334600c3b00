// Static security checks (issue 11), read from the catalog of a freshly migrated database so they
// hold for every object, including the ones added next year:
//   - every function pins search_path = pg_catalog, pg_temp (pg_temp explicitly last, never '');
//   - no application role is a superuser, bypasses RLS, owns anything, or inherits another role;
//   - nothing in app / app_private / auth is granted to PUBLIC;
//   - no function of app_private is executable by an application role;
//   - views run with the invoker's rights (row-level security applies through them);
//   - plpgsql_check finds no error in any PL/pgSQL function (native server only).
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { APP_ROLES, OWNER_ROLE } from '../src/db/migrate.ts';
import { createPool } from '../src/db/pool.ts';
import { kitchenDbFromPool } from '../src/api/kitchen.ts';
import { withUser } from '../src/db/context.ts';
import { engine, useTestDatabase } from './support/db.ts';
import { createPerson } from './support/fixtures.ts';
import { buildPersonData } from './support/person-data.ts';

const db = useTestDatabase();
const SCHEMAS = ['app', 'app_private', 'auth'];
/**
 * Functions that deliberately have no SET clause so that the planner inlines them (a SET clause
 * prevents inlining); their bodies qualify every name instead. Never SECURITY DEFINER.
 */
const INLINED = ['app.current_user_id()'];

/** Functions that are ours: in our schemas, or owned by the migration role elsewhere (not an extension's). */
const OUR_FUNCTIONS = `
  from pg_catalog.pg_proc p
  join pg_catalog.pg_namespace n on n.oid = p.pronamespace
  where (n.nspname = any($1)
         or (n.nspname not in ('pg_catalog', 'information_schema')
             and p.proowner = (select nspowner from pg_catalog.pg_namespace where nspname = 'app')))
    and not exists (select from pg_catalog.pg_depend d
                     where d.classid = 'pg_catalog.pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')`;

/** The search_path a function pins, or undefined. */
function pinnedSearchPath(config: string[] | null): string | undefined {
  const entry = config?.find((c) => c.startsWith('search_path='));
  return entry?.slice('search_path='.length);
}

/**
 * Exactly `pg_catalog, pg_temp`: system schemas only (nothing a non-superuser can create objects in)
 * and pg_temp named, LAST. `''` is not safe: when pg_temp is not named, PostgreSQL searches it FIRST
 * for relations and types, so a caller's `pg_temp.text` domain would run code as the owner.
 */
function safeSearchPath(path: string): boolean {
  const items = path.split(',').map((s) => s.trim().replace(/^"(.*)"$/, '$1'));
  return items.length === 2 && items[0] === 'pg_catalog' && items[1] === 'pg_temp';
}

describe('static security checks', () => {
  it('every SECURITY DEFINER function pins a safe search_path', async () => {
    const { rows } = await db().pool.query<{ fn: string; config: string[] | null }>(
      `select p.oid::regprocedure::text as fn, p.proconfig as config ${OUR_FUNCTIONS} and p.prosecdef order by 1`,
      [SCHEMAS],
    );
    expect(rows.map((r) => r.fn)).toContain('app.drain_job_outbox(integer)');
    const problems = rows.flatMap((r) => {
      const path = pinnedSearchPath(r.config);
      if (path === undefined) return [`${r.fn}: SECURITY DEFINER without SET search_path (add \`set search_path = pg_catalog, pg_temp\`)`];
      if (!safeSearchPath(path)) return [`${r.fn}: SECURITY DEFINER with search_path=${path} (use \`set search_path = pg_catalog, pg_temp\`, pg_temp last, and qualify every name)`];
      return [];
    });
    expect(problems).toEqual([]);
  });

  it('every function of app / app_private / auth pins search_path = pg_catalog, pg_temp, except the inlined person context', async () => {
    const { rows } = await db().pool.query<{ fn: string; config: string[] | null }>(
      `select p.oid::regprocedure::text as fn, p.proconfig as config ${OUR_FUNCTIONS} and n.nspname = any($1) order by 1`,
      [SCHEMAS],
    );
    expect(rows.length).toBeGreaterThan(5);
    const problems = rows
      .filter((r) => !INLINED.includes(r.fn))
      .flatMap((r) => {
        const path = pinnedSearchPath(r.config);
        // Not only the definer functions: triggers and helpers run inside definer bodies too.
        if (path === undefined) return [`${r.fn}: no \`set search_path = pg_catalog, pg_temp\``];
        if (!safeSearchPath(path)) return [`${r.fn}: search_path=${path}, not pg_catalog, pg_temp (pg_temp last)`];
        return [];
      });
    expect(problems).toEqual([]);
  });

  it('owner_access policies name the stable owner role, and functions switch them on only through app_private.owner_access_on() (which fails loudly for an owner outside it)', async () => {
    const { rows: policies } = await db().pool.query<{ rel: string; roles: string }>(
      `select pol.polrelid::regclass::text as rel,
              pg_catalog.array_to_string(array(select pg_catalog.pg_get_userbyid(r)::text from pg_catalog.unnest(pol.polroles) r order by 1), ',') as roles
         from pg_catalog.pg_policy pol where pol.polname = 'owner_access' order by 1`,
    );
    expect(policies.length).toBeGreaterThan(10);
    expect(policies.filter((p) => p.roles !== OWNER_ROLE)).toEqual([]);
    const { rows: direct } = await db().pool.query<{ fn: string }>(
      `select p.oid::regprocedure::text as fn ${OUR_FUNCTIONS}
          and p.prosrc ~ 'set_config\\(\\s*''app\\.owner_access''\\s*,\\s*''on'''
          and p.oid <> 'app_private.owner_access_on()'::regprocedure order by 1`,
      [SCHEMAS],
    );
    expect(direct.map((r) => `${r.fn}: switches app.owner_access on with set_config; call app_private.owner_access_on() instead`)).toEqual([]);
  });

  it('functions set app.* settings only through app.act_as and app_private.owner_access_on/owner_access_restore, which SET LOCAL after citus.propagate_set_commands = local (issue 17: set_config stays on a Citus coordinator)', async () => {
    const helpers = ['app.act_as(uuid)', 'app_private.owner_access_on()', 'app_private.owner_access_restore(text)'];
    const { rows } = await db().pool.query<{ fn: string; body: string }>(
      `select p.oid::regprocedure::text as fn, p.prosrc as body ${OUR_FUNCTIONS} order by 1`,
      [SCHEMAS],
    );
    const problems: string[] = [];
    for (const { fn, body } of rows) {
      // Comments out: only what runs counts.
      const code = body.replace(/--[^\n]*/g, '');
      if (/set_config\s*\(\s*'app\./i.test(code)) problems.push(`${fn}: sets an app.* setting with set_config (it would not reach Citus workers)`);
      if (!helpers.includes(fn) && /\bset\s+(local\s+|session\s+)?app\./i.test(code.replace(/''/g, "'"))) problems.push(`${fn}: SETs an app.* setting itself; use the helpers`);
    }
    expect(problems).toEqual([]);
    for (const fn of helpers) {
      const body = rows.find((r) => r.fn === fn)?.body ?? '';
      const propagate = body.indexOf("set local citus.propagate_set_commands = ''local''");
      expect(propagate, fn).toBeGreaterThan(-1);
      expect(body.indexOf('set local app.', propagate), fn).toBeGreaterThan(propagate);
    }
    // They set the transaction-local value (on every engine; a placeholder where Citus is absent).
    const client = await db().pool.connect();
    try {
      await client.query('begin');
      const read = async () =>
        (await client.query(`select current_setting('app.owner_access', true) as v, current_setting('citus.propagate_set_commands', true) as p`)).rows[0];
      await client.query('select app_private.owner_access_on()');
      expect(await read()).toEqual({ v: 'on', p: 'local' });
      await client.query('select app_private.owner_access_restore(null)');
      expect((await read()).v).toBe('');
      await client.query(`select app_private.owner_access_restore('on')`);
      expect((await read()).v).toBe('on');
      await client.query(`select app_private.owner_access_restore($1)`, ["x'; set local app.user_id = 'y"]);
      expect((await client.query(`select current_setting('app.user_id', true) as u`)).rows[0].u ?? '').not.toBe('y');
      await client.query('rollback');
      expect(await read()).toMatchObject({ v: expect.not.stringMatching(/^on$/) });
    } finally {
      client.release();
    }
  });

  it('app.current_user_id() stays inlinable (SQL, STABLE, no SET clause, not SECURITY DEFINER) and qualifies every name', async () => {
    const { rows } = await db().pool.query(
      `select l.lanname as language, p.provolatile as volatility, p.proconfig as config, p.prosecdef as definer, p.prosrc as body
         from pg_catalog.pg_proc p join pg_catalog.pg_language l on l.oid = p.prolang
        where p.oid = 'app.current_user_id()'::regprocedure`,
    );
    expect(rows[0]).toMatchObject({ language: 'sql', volatility: 's', config: null, definer: false });
    // No unqualified function or type a search_path could redirect (NULLIF is syntax; its `=`
    // resolves in pg_catalog first, and no application role can create an operator anywhere).
    const body = (rows[0].body as string).replace(/'[^']*'/g, "''");
    expect(body).not.toMatch(/(?<![.\w])(current_setting|uuid)\b/i);
    expect(body).not.toMatch(/\s=\s/);
    // Inlined: the plan shows the expression, not a call.
    const plan = await db().pool.query(`explain (verbose) select 1 from app.meal_logs where user_id = (select app.current_user_id())`);
    const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toContain('current_setting');
    expect(text).not.toContain('current_user_id');
  });

  it('no application role is a superuser, bypasses RLS, creates roles or databases, or replicates', async () => {
    const { rows } = await db().pool.query(
      `select rolname, rolsuper, rolbypassrls, rolcreaterole, rolcreatedb, rolreplication
         from pg_catalog.pg_roles where rolname = any($1) order by 1`,
      [APP_ROLES],
    );
    expect(rows.map((r) => r.rolname)).toEqual([...APP_ROLES].sort());
    for (const r of rows) {
      expect({ role: r.rolname, super: r.rolsuper, bypassrls: r.rolbypassrls, createrole: r.rolcreaterole, createdb: r.rolcreatedb, replication: r.rolreplication }).toEqual({
        role: r.rolname,
        super: false,
        bypassrls: false,
        createrole: false,
        createdb: false,
        replication: false,
      });
    }
  });

  it('no application role owns anything (tables, functions, schemas, types, sequences …) or is a member of another role', async () => {
    const owned = await db().pool.query<{ role: string; object: string }>(
      `select r.rolname as role, pg_catalog.pg_describe_object(s.classid, s.objid, s.objsubid) as object
         from pg_catalog.pg_shdepend s
         join pg_catalog.pg_roles r on r.oid = s.refobjid
        where s.refclassid = 'pg_catalog.pg_authid'::regclass and s.deptype = 'o' and r.rolname = any($1)
          and (s.dbid = 0 or s.dbid = (select oid from pg_catalog.pg_database where datname = current_database()))
        order by 1, 2`,
      [APP_ROLES],
    );
    expect(owned.rows).toEqual([]);
    // Inheriting another role (the owner, a superuser, or a wider application role) would widen it.
    const members = await db().pool.query<{ member: string; role: string }>(
      `select m.rolname as member, g.rolname as role
         from pg_catalog.pg_auth_members am
         join pg_catalog.pg_roles m on m.oid = am.member
         join pg_catalog.pg_roles g on g.oid = am.roleid
        where m.rolname = any($1) order by 1, 2`,
      [APP_ROLES],
    );
    expect(members.rows).toEqual([]);
    // Nor can one create objects (and so own them) in our schemas or in public.
    const creators = await db().pool.query<{ role: string; schema: string }>(
      `select r as role, s as schema from unnest($1::text[]) r, unnest($2::text[]) s
        where pg_catalog.has_schema_privilege(r, s, 'CREATE') order by 1, 2`,
      [APP_ROLES, [...SCHEMAS, 'public']],
    );
    expect(creators.rows).toEqual([]);
  });

  it('grants nothing to PUBLIC in app, app_private and auth (schemas, tables, sequences, functions)', async () => {
    const { rows } = await db().pool.query<{ object: string }>(
      `select 'schema ' || n.nspname as object
         from pg_catalog.pg_namespace n
        where n.nspname = any($1)
          and (pg_catalog.has_schema_privilege('public', n.oid, 'USAGE') or pg_catalog.has_schema_privilege('public', n.oid, 'CREATE'))
       union all
       select case c.relkind when 'S' then 'sequence ' else 'table ' end || pg_catalog.format('%I.%I', n.nspname, c.relname)
         from pg_catalog.pg_class c
         join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = any($1) and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
          and case when c.relkind = 'S'
                   then pg_catalog.has_sequence_privilege('public', c.oid, 'USAGE, SELECT, UPDATE')
                   else pg_catalog.has_table_privilege('public', c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
                        or pg_catalog.has_any_column_privilege('public', c.oid, 'SELECT, INSERT, UPDATE, REFERENCES')
              end
       union all
       select 'function ' || p.oid::regprocedure::text ${OUR_FUNCTIONS}
          and pg_catalog.has_function_privilege('public', p.oid, 'EXECUTE')
       order by 1`,
      [SCHEMAS],
    );
    // (A function's default ACL lets PUBLIC execute it: the foundation revokes that by default
    // privileges, and has_function_privilege('public', …) sees through a NULL proacl.)
    expect(rows.map((r) => r.object)).toEqual([]);
  });

  it('no application role may execute a function of app_private or use the schema', async () => {
    const { rows } = await db().pool.query<{ role: string; fn: string }>(
      `select r as role, p.oid::regprocedure::text as fn
         from pg_catalog.pg_proc p
         join pg_catalog.pg_namespace n on n.oid = p.pronamespace, unnest($1::text[]) r
        where n.nspname = 'app_private' and pg_catalog.has_function_privilege(r, p.oid, 'EXECUTE')
       union all
       select r, '(schema app_private: USAGE)' from unnest($1::text[]) r
        where pg_catalog.has_schema_privilege(r, 'app_private', 'USAGE')
       order by 1, 2`,
      [APP_ROLES],
    );
    expect(rows).toEqual([]);
    const { rows: count } = await db().pool.query(`select count(*)::int as n from pg_catalog.pg_proc where pronamespace = 'app_private'::regnamespace`);
    expect(count[0].n).toBeGreaterThan(0);
  });

  it('views run with the invoker\'s rights, and no materialized view holds people\'s rows', async () => {
    const { rows } = await db().pool.query<{ object: string }>(
      `select pg_catalog.format('view %I.%I is not security_invoker (it would read the tables with its owner''s rights)', n.nspname, c.relname) as object
         from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = any($1) and c.relkind = 'v'
          and not coalesce(pg_catalog.array_to_string(c.reloptions, ',') ~ 'security_invoker=(true|on|1|yes)', false)
       union all
       select pg_catalog.format('materialized view %I.%I has a user_id column (row-level security cannot apply to it)', n.nspname, c.relname)
         from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = any($1) and c.relkind = 'm'
          and exists (select from pg_catalog.pg_attribute a where a.attrelid = c.oid and a.attname = 'user_id' and not a.attisdropped)
       order by 1`,
      [SCHEMAS],
    );
    expect(rows.map((r) => r.object)).toEqual([]);
  });

  it.skipIf(engine() === 'embedded')(
    'plpgsql_check reports no error in any PL/pgSQL function of app / app_private (triggers checked with their table) — native server only: PGlite has no plpgsql_check',
    async (ctx) => {
      const pool = db().pool;
      const available = await pool.query(`select 1 from pg_catalog.pg_available_extensions where name = 'plpgsql_check'`);
      if (!available.rowCount) {
        const why = 'the server has no plpgsql_check extension (Debian: postgresql-15-plpgsql-check / postgresql-17-plpgsql-check)';
        if (process.env.CI) throw new Error(`CI runs this check on the native server: ${why}`);
        ctx.skip(why);
        return;
      }
      await pool.query('create extension if not exists plpgsql_check');
      type Use = { relid: number; newtable: string | null; oldtable: string | null };
      const { rows: functions } = await pool.query<{ oid: number; fn: string; kind: 'function' | 'trigger' | 'event_trigger'; uses: Use[] }>(
        `select p.oid::int as oid, p.oid::regprocedure::text as fn,
                case p.prorettype when 'pg_catalog.trigger'::regtype then 'trigger'
                                  when 'pg_catalog.event_trigger'::regtype then 'event_trigger' else 'function' end as kind,
                -- each table it is a trigger on, with the transition tables' names (REFERENCING … TABLE AS)
                -- of all its triggers there: one function often serves the INSERT, UPDATE and DELETE
                -- triggers of a table and branches on TG_OP, so it is checked with both names
                coalesce((select json_agg(u) from (
                            select t.tgrelid::int as relid, max(t.tgnewtable) as newtable, max(t.tgoldtable) as oldtable
                              from pg_catalog.pg_trigger t where t.tgfoid = p.oid and not t.tgisinternal
                             group by t.tgrelid) u), '[]') as uses
           from pg_catalog.pg_proc p
           join pg_catalog.pg_namespace n on n.oid = p.pronamespace
           join pg_catalog.pg_language l on l.oid = p.prolang
          where l.lanname = 'plpgsql' and n.nspname in ('app', 'app_private')
          order by 2`,
      );
      expect(functions.length).toBeGreaterThan(5);
      const problems: string[] = [];
      const unchecked: string[] = [];
      let checks = 0;
      /** Errors of one check, keyed by line and SQLSTATE (the message names the table's columns). */
      const check = async (fn: string, oid: number, use: Use = { relid: 0, newtable: null, oldtable: null }): Promise<Map<string, string>> => {
        checks++;
        const relid = use.relid;
        const found = new Map<string, string>();
        const { rows } = await pool.query<{ lineno: number | null; level: string; message: string; query: string | null; sqlstate: string }>(
          `select lineno, level, message, query, sqlstate
             from public.plpgsql_check_function_tb($1::oid::regprocedure, $2::oid::regclass, fatal_errors => false,
                                                   newtable => $3::name, oldtable => $4::name)
            where level = 'error'`,
          [oid, relid, use.newtable, use.oldtable],
        );
        const where = relid ? ` on ${(await pool.query(`select $1::oid::regclass::text as t`, [relid])).rows[0].t}` : '';
        for (const r of rows) found.set(`${r.lineno ?? '?'}:${r.sqlstate}`, `${fn}${where}, line ${r.lineno ?? '?'}: ${r.sqlstate} ${r.message}${r.query ? ` [${r.query.trim().slice(0, 120)}]` : ''}`);
        return found;
      };
      for (const f of functions) {
        if (f.kind === 'function') problems.push(...(await check(f.fn, f.oid)).values());
        else if (f.kind === 'trigger' && f.uses.length > 0) {
          // A trigger function shared by several tables branches on TG_TABLE_NAME: checked against
          // table X, the branch for table Y reads columns X lacks. plpgsql_check cannot follow such
          // branches, so an error counts when it shows up on every table the function serves (a
          // real mistake fails everywhere; a branch for another table fails only elsewhere).
          const perTable = [];
          for (const use of f.uses) perTable.push(await check(f.fn, f.oid, use));
          for (const [key, text] of perTable[0]!) if (perTable.every((m) => m.has(key))) problems.push(text);
        }
        else unchecked.push(`${f.fn} (${f.kind === 'trigger' ? 'trigger function attached to no table' : 'event trigger function'})`);
      }
      if (unchecked.length) console.warn(`plpgsql_check could not check: ${unchecked.join('; ')}`);
      expect(checks).toBeGreaterThan(5);
      expect(problems).toEqual([]);
    },
  );
});

// ---------------------------------------------------------------------------------------------
// Exploit tests (issue 14): as each application role, plant temporary objects that would run the
// caller's code if a SECURITY DEFINER function resolved a name in pg_temp, call every such function
// the role may execute, and check that the planted code never ran as anybody but the caller.
// Catalog-driven: a function added next year is called here without touching this file.
// ---------------------------------------------------------------------------------------------

/** Built-in types a body may name (declarations, casts): each gets a pg_temp domain that runs code. */
const SHADOWED_TYPES = [
  'text', 'varchar', 'bpchar', 'name', 'uuid', 'int2', 'int4', 'int8', 'numeric', 'float4', 'float8', 'bool',
  'json', 'jsonb', 'date', 'timestamp', 'timestamptz', 'interval', 'bytea', 'oid', 'regclass', 'regtype',
  'regprocedure', 'regnamespace', 'regrole', 'inet',
];

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

interface DefinerFunction {
  fn: string;
  call: string;
  argTypes: string[];
  argNames: string[];
}

/** A plausible value (as text, cast in the call) for an argument, from its type and name. */
function plausibleValue(type: string, name: string, person: { id: string; email: string; authId: string }): string | null {
  const n = name.toLowerCase();
  switch (type) {
    case 'pg_catalog.uuid':
      return person.id;
    case 'pg_catalog._uuid':
      return `{${person.id}}`;
    case 'pg_catalog.text':
    case 'pg_catalog.varchar':
    case 'public.citext':
      if (n.includes('email')) return person.email;
      if (n.includes('auth')) return person.authId;
      if (n.includes('mode') || n.includes('purpose')) return 'inspect';
      if (n.includes('zone')) return 'UTC';
      if (n.includes('table')) return 'app.meal_logs';
      if (n.includes('kind')) return 'meal_log';
      return 'x';
    case 'pg_catalog.int2':
    case 'pg_catalog.int4':
    case 'pg_catalog.int8':
    case 'pg_catalog.numeric':
    case 'pg_catalog.float4':
    case 'pg_catalog.float8':
      return '1';
    case 'pg_catalog.bool':
      return 'false';
    case 'pg_catalog.timestamptz':
    case 'pg_catalog.timestamp':
      return new Date().toISOString();
    case 'pg_catalog.date':
      return new Date().toISOString().slice(0, 10);
    case 'pg_catalog.interval':
      return '1 day';
    case 'pg_catalog.jsonb':
    case 'pg_catalog.json':
      return '{}';
    case 'pg_catalog.regclass':
      return 'app.telemetry_events';
    default:
      return type.endsWith('[]') || type.split('.')[1]?.startsWith('_') ? '{}' : null;
  }
}

/**
 * Plants, as the current role, everything that could run code through a name resolved in pg_temp:
 * a counter (a sequence: nextval survives the rollback of a failed call), kdb_evil() that counts
 * when it runs as anybody but `role`, a domain per built-in type whose CHECK calls it, a temporary
 * table for every relation of ours and every catalog relation our bodies name (same columns, a row,
 * forced row-level security with a policy, statement triggers and a default that call it), a temp
 * type per type of ours, and operators/functions named like built-ins.
 */
async function plant(client: pg.Client, role: string, relations: { name: string; columns: { name: string; type: string }[] }[], ourTypes: string[]): Promise<void> {
  const q = (sql: string) => client.query(sql);
  await q(`create temporary sequence pg_temp.kdb_pwned`);
  await q(`create temporary sequence pg_temp.kdb_used`);
  await q(`grant usage, select, update on sequence pg_temp.kdb_pwned, pg_temp.kdb_used to public`);
  await q(`create function pg_temp.kdb_evil() returns boolean language plpgsql as $$
    begin
      perform pg_catalog.nextval('pg_temp.kdb_used');
      if current_user operator(pg_catalog.<>) ${`'${role}'`}::pg_catalog.name then
        perform pg_catalog.nextval('pg_temp.kdb_pwned');
      end if;
      return true;
    end $$`);
  await q(`create function pg_temp.kdb_evil_trigger() returns trigger language plpgsql as $$
    begin perform pg_temp.kdb_evil(); return null; end $$`);
  // Tables first: their columns are declared with built-in types, which the domains below shadow.
  for (const rel of relations) {
    await q('savepoint plant');
    try {
      const cols = rel.columns.map((c) => `${ident(c.name)} ${c.type}`).join(', ');
      await q(`create temporary table pg_temp.${ident(rel.name)} (${cols}${cols ? ', ' : ''}kdb_evil boolean default pg_temp.kdb_evil())`);
      await q(`insert into pg_temp.${ident(rel.name)} default values`);
      await q(`alter table pg_temp.${ident(rel.name)} enable row level security, force row level security`);
      await q(`create policy kdb_evil on pg_temp.${ident(rel.name)} using (pg_temp.kdb_evil()) with check (pg_temp.kdb_evil())`);
      await q(`create trigger kdb_evil before insert or update or delete or truncate on pg_temp.${ident(rel.name)} for each statement execute function pg_temp.kdb_evil_trigger()`);
      await q(`grant all on pg_temp.${ident(rel.name)} to public`);
      await q('release savepoint plant');
    } catch (error) {
      await q('rollback to savepoint plant');
      throw new Error(`planting pg_temp.${rel.name}: ${(error as Error).message}`);
    }
  }
  for (const t of ourTypes) await q(`create type pg_temp.${ident(t)} as (kdb_evil boolean)`);
  for (const t of SHADOWED_TYPES) {
    await q(`create domain pg_temp.${ident(t)} as pg_catalog.${ident(t)} check (pg_temp.kdb_evil())`);
  }
  // PostgreSQL never looks for functions or operators in pg_temp; planted anyway (checked below).
  for (const t of ['text', 'uuid', 'int4']) {
    await q(`create function pg_temp.kdb_evil_eq(a pg_catalog.${t}, b pg_catalog.${t}) returns boolean language sql as
      'select pg_temp.kdb_evil() and a operator(pg_catalog.=) b'`);
    await q(`create operator pg_temp.= (leftarg = pg_catalog.${t}, rightarg = pg_catalog.${t}, function = pg_temp.kdb_evil_eq)`);
  }
  await q(`create function pg_temp.lower(pg_catalog.text) returns pg_catalog.text language sql as 'select case when pg_temp.kdb_evil() then $1 end'`);
  await q(`create function pg_temp.now() returns pg_catalog.timestamptz language sql as 'select case when pg_temp.kdb_evil() then pg_catalog.now() end'`);
}

const counter = async (client: pg.Client, seq: 'kdb_pwned' | 'kdb_used') =>
  Number((await client.query(`select case when is_called then last_value else 0 end as n from pg_temp.${seq}`)).rows[0].n);

describe('exploits: temporary objects shadowing names in SECURITY DEFINER functions', () => {
  it('no application role may create temporary objects (TEMPORARY is revoked from PUBLIC and granted to none)', async () => {
    const { rows } = await db().pool.query<{ role: string }>(
      `select r as role from unnest($1::text[]) r where pg_catalog.has_database_privilege(r, current_database(), 'TEMPORARY') order by 1`,
      [APP_ROLES],
    );
    expect(rows.map((r) => r.role)).toEqual([]);
    const client = await db().pool.connect();
    try {
      for (const role of APP_ROLES) {
        await client.query('begin');
        await client.query(`set local role ${role}`);
        const error = await client.query('create temporary table kdb_t (x int)').catch((e) => e);
        await client.query('rollback');
        expect({ role, code: error?.code }).toEqual({ role, code: '42501' });
      }
    } finally {
      client.release(true);
    }
  });

  it('planted domains, tables, types, operators and functions never run as a function\'s owner, for every SECURITY DEFINER function each application role may execute', async () => {
    const pool = db().pool;
    const person = await createPerson(pool);
    await buildPersonData(pool, person);
    const { rows: functions } = await pool.query<DefinerFunction & { role: string }>(
      `select r as role, p.oid::regprocedure::text as fn,
              pg_catalog.format('%I.%I', n.nspname, p.proname) as call,
              coalesce((select pg_catalog.array_agg(pg_catalog.format('%I.%I', tn.nspname, t.typname) order by a.i)
                          from pg_catalog.unnest(p.proargtypes::oid[]) with ordinality a(t, i)
                          join pg_catalog.pg_type t on t.oid = a.t
                          join pg_catalog.pg_namespace tn on tn.oid = t.typnamespace), '{}') as "argTypes",
              coalesce(p.proargnames, '{}') as "argNames"
         from pg_catalog.pg_proc p
         join pg_catalog.pg_namespace n on n.oid = p.pronamespace, pg_catalog.unnest($1::text[]) r
        where p.prosecdef and p.prorettype <> 'pg_catalog.trigger'::pg_catalog.regtype
          and n.nspname not in ('pg_catalog', 'information_schema')
          and pg_catalog.has_function_privilege(r, p.oid, 'EXECUTE')
          and pg_catalog.has_schema_privilege(r, n.oid, 'USAGE')
        order by 1, 2`,
      [APP_ROLES],
    );
    // Every application role that may execute something is exercised (app_compliance: the GDPR functions).
    expect(new Set(functions.map((f) => f.role))).toEqual(new Set(['app_user', 'app_admin', 'app_worker', 'app_compliance']));
    expect(functions.length).toBeGreaterThan(15);
    // The relations to shadow: ours, and the catalog relations our function bodies name.
    const { rows: relations } = await pool.query<{ name: string; columns: { name: string; type: string }[] }>(
      `with named as (
         select c.oid, c.relname from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
          where n.nspname in ('app', 'app_private', 'auth') and c.relkind in ('r', 'p', 'v')
         union
         select c.oid, c.relname from pg_catalog.pg_class c
          where c.relnamespace = 'pg_catalog'::pg_catalog.regnamespace and c.relkind in ('r', 'v')
            and exists (select from pg_catalog.pg_proc p join pg_catalog.pg_namespace pn on pn.oid = p.pronamespace
                         where pn.nspname in ('app', 'app_private', 'auth') and p.prosrc like '%pg_catalog.' || c.relname || '%'))
       select distinct on (relname) relname as name,
              coalesce((select pg_catalog.json_agg(pg_catalog.json_build_object('name', a.attname,
                                 'type', case when tn.nspname = 'pg_catalog' and t.typtype = 'b' and t.typname not like 'pg\\_%'
                                              then 'pg_catalog.' || pg_catalog.quote_ident(t.typname) else 'pg_catalog.text' end) order by a.attnum)
                          from pg_catalog.pg_attribute a
                          join pg_catalog.pg_type t on t.oid = a.atttypid
                          join pg_catalog.pg_namespace tn on tn.oid = t.typnamespace
                         where a.attrelid = named.oid and a.attnum > 0 and not a.attisdropped), '[]') as columns
         from named order by relname`,
    );
    expect(relations.map((r) => r.name)).toEqual(expect.arrayContaining(['users', 'meal_logs', 'pg_class', 'gdpr_audit']));
    const { rows: types } = await pool.query<{ name: string }>(
      `select distinct t.typname as name from pg_catalog.pg_type t join pg_catalog.pg_namespace n on n.oid = t.typnamespace
        where n.nspname in ('app', 'app_private', 'auth') and t.typtype in ('c', 'e', 'd') and t.typrelid = 0 or
              (n.nspname in ('app', 'app_private', 'auth') and t.typtype = 'c'
               and exists (select from pg_catalog.pg_class c where c.oid = t.typrelid and c.relkind = 'c'))
        order by 1`,
    );
    const relationNames = new Set(relations.map((r) => r.name));
    const ourTypes = types.map((t) => t.name).filter((t) => !relationNames.has(t));

    const problems: string[] = [];
    let calls = 0;
    for (const role of new Set(functions.map((f) => f.role))) {
      // A connection of its own: PL/pgSQL caches a compiled function per session, and a function
      // compiled before the plants would not look names up again.
      const client = new pg.Client({ connectionString: db().url });
      await client.connect();
      try {
        await client.query('begin');
        // TEMPORARY is revoked (test above); a DBA's mistake is simulated by granting it for this transaction.
        await client.query(`grant temporary on database ${ident((await client.query('select current_database() as d')).rows[0].d)} to ${role}`);
        // The positive control: a definer function with the unsafe `search_path = ''` of before issue 14.
        await client.query(`create function app.kdb_unsafe_control() returns pg_catalog.text language plpgsql security definer set search_path = ''
                              as $$ declare v text := 'x'; begin return v; end $$`);
        await client.query(`alter function app.kdb_unsafe_control() owner to ${OWNER_ROLE}`);
        await client.query(`grant execute on function app.kdb_unsafe_control() to ${role}`);
        await client.query(`set local role ${role}`);
        await client.query(`set local statement_timeout = '20s'`);
        if (role === 'app_user') await client.query(`select pg_catalog.set_config('app.user_id', $1, true)`, [person.id]);
        await plant(client, role, relations, ourTypes);
        const before = await counter(client, 'kdb_pwned');
        expect(before).toBe(0);

        for (const f of functions.filter((x) => x.role === role)) {
          const args = f.argTypes.map((t, i) => plausibleValue(t, f.argNames[i] ?? '', person));
          const sql = `select ${f.call}(${f.argTypes.map((t, i) => `$${i + 1}::${t}`).join(', ')})`;
          const at = await counter(client, 'kdb_pwned');
          await client.query('savepoint call');
          const error = await client.query(sql, args).then(() => undefined, (e: Error) => e);
          await client.query(error ? 'rollback to savepoint call' : 'release savepoint call');
          calls++;
          const after = await counter(client, 'kdb_pwned');
          if (after !== at) problems.push(`${role} → ${f.fn}: planted code ran ${after - at} time(s) as another role${error ? ` (the call then failed: ${error.message})` : ''}`);
        }

        // The unsafe control shows the plants work: its `text` variable becomes pg_temp.text.
        const control = await counter(client, 'kdb_pwned');
        await client.query('select app.kdb_unsafe_control()');
        expect(await counter(client, 'kdb_pwned'), `${role}: the unsafe control did not trip the plants`).toBeGreaterThan(control);

        // Operators and functions are never looked up in pg_temp, even with pg_temp named first.
        const used = await counter(client, 'kdb_used');
        await client.query(`set local search_path = pg_temp, pg_catalog`);
        const { rows } = await client.query(
          `select 'a'::pg_catalog.text = 'a'::pg_catalog.text as t, '${person.id}'::pg_catalog.uuid = '${person.id}'::pg_catalog.uuid as u,
                  1::pg_catalog.int4 = 1::pg_catalog.int4 as i, lower('A'::pg_catalog.text) as l, now() is not null as n`,
        );
        expect(rows[0]).toEqual({ t: true, u: true, i: true, l: 'a', n: true });
        expect(await counter(client, 'kdb_used')).toBe(used);
      } finally {
        await client.query('rollback').catch(() => {});
        await client.end();
      }
    }
    expect(calls).toBe(functions.length);
    expect(problems).toEqual([]);
  });
});

describe('pooled connections carry no session state from the previous caller', () => {
  it('two people, one pooled connection: what person A plants on the session (temporary domains, session settings, SET ROLE, search_path) does not reach person B', async () => {
    const base = db();
    const a = await createPerson(base.pool);
    const b = await createPerson(base.pool);
    const database = (await base.pool.query('select current_database() as d')).rows[0].d as string;
    // What the planted code would do: record who ran it, for whom (a table A could read later).
    await base.pool.query(`create table public.kdb_planted_ran (who name, person text)`);
    await base.pool.query(`grant insert, select on public.kdb_planted_ran to public`);
    // A DBA's mistake, simulated: app_user may create temporary objects.
    await base.pool.query(`grant temporary on database ${ident(database)} to app_user`);
    const pool = await createPool(base.url, { max: 1, source: 'the test database' });
    try {
      const kdb = kitchenDbFromPool(pool);
      const searchPath = (await pool.query(`select pg_catalog.current_setting('search_path') as p`)).rows[0].p;
      await withUser(pool, a.id, async (client) => {
        await client.query(`create function pg_temp.kdb_evil() returns boolean language sql as
          $$ insert into public.kdb_planted_ran (who, person) values (current_user, pg_catalog.current_setting('app.user_id', true)); select true $$`);
        for (const t of ['text', 'uuid', 'int4', 'int8', 'timestamptz', 'jsonb', 'bool', 'date']) {
          await client.query(`create domain pg_temp.${t} as pg_catalog.${t} check (pg_temp.kdb_evil())`);
        }
        await client.query(`select pg_catalog.set_config('app.user_id', $1, false)`, [a.id]); // session-level: outlives the commit
        // (pg_temp not named: searched first for types, before pg_catalog)
        await client.query(`set search_path = public, app`);
        await client.query(`set role app_admin`);
      });
      // Person B, a legitimate caller, gets the same (only) connection.
      const signedIn = await kdb.signIn({ authId: b.authId, email: b.email, name: b.name });
      expect(signedIn.userId).toBe(b.id);
      await kdb.asUser(b.id, (me) => me.meals.logMeal({ mealTime: new Date(), mealType: 'lunch', foods: [{ name: 'dal', quantity: 1, unit: 'cup', nutrition: { calories: 230 } }] }));
      const meals = await kdb.asUser(b.id, (me) => me.meals.listMeals({ limit: 5 }));
      expect(meals.items).toHaveLength(1);

      // Before the fix: A's code ran inside B's transactions, as app_user with B's app.user_id.
      expect((await base.pool.query('select who, person from public.kdb_planted_ran')).rows).toEqual([]);
      const { rows } = await pool.query(
        `select current_user::text as role, coalesce(pg_catalog.current_setting('app.user_id', true), '') as person,
                pg_catalog.current_setting('search_path') as search_path,
                (select count(*)::int from pg_catalog.pg_type where typnamespace = pg_catalog.pg_my_temp_schema()) as temp_types`,
      );
      const login = (await base.pool.query('select current_user::text as u')).rows[0].u;
      expect(rows[0]).toEqual({ role: login, person: '', search_path: searchPath, temp_types: 0 });
    } finally {
      await pool.end();
      await base.pool.query(`revoke temporary on database ${ident(database)} from app_user`);
      await base.pool.query(`drop table public.kdb_planted_ran`);
    }
  });
});
