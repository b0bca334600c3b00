// Static security checks (issue 11), read from the catalog of a freshly migrated database so they
// hold for every object, including the ones added next year:
//   - every SECURITY DEFINER function pins search_path;
//   - no application role is a superuser, bypasses RLS, owns anything, or inherits another role;
//   - nothing in app / app_private / auth is granted to PUBLIC;
//   - no function of app_private is executable by an application role;
//   - views run with the invoker's rights (row-level security applies through them);
//   - plpgsql_check finds no error in any PL/pgSQL function (native server only).
import { describe, expect, it } from 'vitest';
import { APP_ROLES } from '../src/db/migrate.ts';
import { engine, useTestDatabase } from './support/db.ts';

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

/** Only the empty path or system schemas: nothing a role other than a superuser can create objects in. */
function safeSearchPath(path: string): boolean {
  const items = path.split(',').map((s) => s.trim()).filter((s) => s !== '' && s !== '""');
  return items.every((s, i) => s === 'pg_catalog' || (s === 'pg_temp' && i === items.length - 1));
}

describe('static security checks', () => {
  it('every SECURITY DEFINER function pins a safe search_path', async () => {
    const { rows } = await db().pool.query<{ fn: string; config: string[] | null }>(
      `select p.oid::regprocedure::text as fn, p.proconfig as config ${OUR_FUNCTIONS} and p.prosecdef order by 1`,
      [SCHEMAS],
    );
    expect(rows.map((r) => r.fn)).toContain('app_private.recipes_sync_stamp()');
    const problems = rows.flatMap((r) => {
      const path = pinnedSearchPath(r.config);
      if (path === undefined) return [`${r.fn}: SECURITY DEFINER without SET search_path (add \`set search_path = ''\`)`];
      if (!safeSearchPath(path)) return [`${r.fn}: SECURITY DEFINER with search_path=${path} (use \`set search_path = ''\` and qualify every name)`];
      return [];
    });
    expect(problems).toEqual([]);
  });

  it('every function of app / app_private / auth pins search_path (team convention), except the inlined person context', async () => {
    const { rows } = await db().pool.query<{ fn: string; config: string[] | null }>(
      `select p.oid::regprocedure::text as fn, p.proconfig as config ${OUR_FUNCTIONS} and n.nspname = any($1) order by 1`,
      [SCHEMAS],
    );
    expect(rows.length).toBeGreaterThan(5);
    const problems = rows
      .filter((r) => pinnedSearchPath(r.config) === undefined && !INLINED.includes(r.fn))
      .map((r) => `${r.fn}: no \`set search_path = ''\``);
    expect(problems).toEqual([]);
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
