// Schema documentation for DBAs and compliance staff, generated from the live catalog:
//   docs/schema.md  every table (columns, types, defaults, comments, constraints, indexes, RLS
//                   policies) and every function with its comment, in app, app_private and auth;
//   docs/er.md      a Mermaid ER diagram of app and auth.
// Deterministic (sorted by name; monthly partitions are left out like in sql/schema.sql), so the
// committed files can be checked for staleness in CI.
import type pg from 'pg';

const SCHEMAS = ['app', 'app_private', 'auth'];
const ER_SCHEMAS = ['app', 'auth'];
/** Monthly partitions (<table>_YYYY_MM) depend on when the migrations ran; they are not documented. */
const MONTHLY = /_\d{4}_\d{2}$/;

interface Column {
  schema: string;
  table: string;
  name: string;
  type: string;
  notNull: boolean;
  default: string | null;
  comment: string | null;
}

interface Table {
  schema: string;
  name: string;
  kind: string;
  comment: string | null;
  rls: boolean;
  forceRls: boolean;
  partitionOf: string | null;
  partitionKey: string | null;
}

interface Query {
  query<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<T>>;
}

async function load(db: Query) {
  const tables = (
    await db.query<Table>(
      `select n.nspname as schema, c.relname as name, c.relkind::text as kind,
              obj_description(c.oid, 'pg_class') as comment,
              c.relrowsecurity as rls, c.relforcerowsecurity as "forceRls",
              (select pn.nspname || '.' || pc.relname from pg_inherits i join pg_class pc on pc.oid = i.inhparent
                 join pg_namespace pn on pn.oid = pc.relnamespace where i.inhrelid = c.oid) as "partitionOf",
              case when c.relkind = 'p' then pg_get_partkeydef(c.oid) end as "partitionKey"
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = any($1) and c.relkind in ('r', 'p', 'v', 'm')
       order by n.nspname, c.relname`,
      [SCHEMAS],
    )
  ).rows.filter((t) => !MONTHLY.test(t.name));
  const columns = (
    await db.query<Column>(
      `select n.nspname as schema, c.relname as table, a.attname as name,
              format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as "notNull",
              pg_get_expr(d.adbin, d.adrelid) as default, col_description(c.oid, a.attnum) as comment,
              a.attgenerated::text as generated
       from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
       left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
       where n.nspname = any($1) and c.relkind in ('r', 'p', 'v', 'm') and a.attnum > 0 and not a.attisdropped
       order by n.nspname, c.relname, a.attnum`,
      [SCHEMAS],
    )
  ).rows;
  const constraints = (
    await db.query<{ schema: string; table: string; name: string; type: string; def: string; columns: string[]; refSchema: string | null; refTable: string | null }>(
      `select n.nspname as schema, c.relname as table, k.conname as name, k.contype::text as type,
              pg_get_constraintdef(k.oid) as def,
              array(select a.attname::text from unnest(k.conkey) with ordinality u(attnum, i)
                    join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum order by u.i) as columns,
              rn.nspname as "refSchema", rc.relname as "refTable"
       from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
       left join pg_class rc on rc.oid = k.confrelid left join pg_namespace rn on rn.oid = rc.relnamespace
       where n.nspname = any($1) and k.conparentid = 0
       order by n.nspname, c.relname, k.contype, k.conname`,
      [SCHEMAS],
    )
  ).rows;
  const indexes = (
    await db.query<{ schema: string; table: string; name: string; def: string; comment: string | null }>(
      `select n.nspname as schema, c.relname as table, ic.relname as name,
              regexp_replace(pg_get_indexdef(i.indexrelid), '^CREATE (UNIQUE )?INDEX \\S+ ON \\S+ ', '\\1') as def,
              obj_description(ic.oid, 'pg_class') as comment
       from pg_index i join pg_class c on c.oid = i.indrelid join pg_class ic on ic.oid = i.indexrelid
       join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = any($1) and not exists (select from pg_inherits h where h.inhrelid = i.indexrelid)
       order by n.nspname, c.relname, ic.relname`,
      [SCHEMAS],
    )
  ).rows;
  const policies = (
    await db.query<{ schema: string; table: string; name: string; cmd: string; roles: string[]; using: string | null; check: string | null; comment: string | null }>(
      `select schemaname as schema, tablename as table, policyname as name, cmd, roles::text[] as roles,
              qual as using, with_check as check,
              (select obj_description(p.oid, 'pg_policy') from pg_policy p join pg_class c on c.oid = p.polrelid
                 join pg_namespace n on n.oid = c.relnamespace
               where n.nspname = pp.schemaname and c.relname = pp.tablename and p.polname = pp.policyname) as comment
       from pg_policies pp where schemaname = any($1)
       order by schemaname, tablename, policyname`,
      [SCHEMAS],
    )
  ).rows;
  const functions = (
    await db.query<{ schema: string; name: string; args: string; returns: string; language: string; definer: boolean; volatility: string; config: string[] | null; comment: string | null; grants: string | null }>(
      `select n.nspname as schema, p.proname as name, pg_get_function_identity_arguments(p.oid) as args,
              pg_get_function_result(p.oid) as returns, l.lanname as language, p.prosecdef as definer,
              p.provolatile::text as volatility, p.proconfig as config, obj_description(p.oid, 'pg_proc') as comment,
              (select string_agg(distinct r.rolname, ', ' order by r.rolname) from aclexplode(p.proacl) x
                 join pg_roles r on r.oid = x.grantee
               where x.privilege_type = 'EXECUTE' and (r.rolname like 'app\\_%' or r.rolname = 'auth_service')) as grants
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace join pg_language l on l.oid = p.prolang
       where n.nspname = any($1) and p.prokind in ('f', 'p')
       order by n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)`,
      [SCHEMAS],
    )
  ).rows;
  return { tables, columns, constraints, indexes, policies, functions };
}

const md = (text: string | null | undefined): string => (text ?? '').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const code = (text: string | null | undefined): string => (text ? '`' + text.replace(/\|/g, '\\|').replace(/`/g, "'").replace(/\s+/g, ' ') + '`' : '');
const anchor = (schema: string, name: string): string => `${schema}-${name}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
const kindName: Record<string, string> = { r: 'table', p: 'partitioned table', v: 'view', m: 'materialized view' };
const conName: Record<string, string> = { p: 'primary key', u: 'unique', f: 'foreign key', c: 'check', x: 'exclusion', t: 'trigger' };

type Catalog = Awaited<ReturnType<typeof load>>;

export async function schemaMarkdown(db: Query): Promise<string> {
  return renderSchema(await load(db));
}

function renderSchema({ tables, columns, constraints, indexes, policies, functions }: Catalog): string {
  const out: string[] = [];
  out.push('# kitchen-db schema reference');
  out.push('');
  out.push('Generated from the live catalog by `kitchen-db docs` (also `npm run generate`); do not edit by hand.');
  out.push('Monthly partitions (`<table>_YYYY_MM`) are left out: they are created by `app.maintain_partitions()`.');
  out.push('');
  for (const schema of SCHEMAS) {
    out.push(`## Schema \`${schema}\``, '');
    const inSchema = tables.filter((t) => t.schema === schema);
    out.push('| table | kind | row-level security | comment |', '|---|---|---|---|');
    for (const t of inSchema) {
      const rls = t.rls ? (t.forceRls ? 'enabled, forced' : 'enabled') : '—';
      out.push(`| [${t.name}](#${anchor(schema, t.name)}) | ${kindName[t.kind] ?? t.kind} | ${rls} | ${md(t.comment)} |`);
    }
    out.push('');
    for (const t of inSchema) {
      out.push(`### ${schema}.${t.name}`, '');
      out.push(`<a id="${anchor(schema, t.name)}"></a>`, '');
      if (t.comment) out.push(md(t.comment), '');
      if (t.partitionKey) out.push(`Partitioned by ${code(t.partitionKey)}.`, '');
      if (t.partitionOf) out.push(`Partition of \`${t.partitionOf}\`.`, '');
      out.push('| column | type | null | default | comment |', '|---|---|---|---|---|');
      for (const c of columns.filter((c) => c.schema === schema && c.table === t.name)) {
        out.push(`| ${c.name} | ${code(c.type)} | ${c.notNull ? 'not null' : 'null'} | ${code(c.default)} | ${md(c.comment)} |`);
      }
      out.push('');
      const cons = constraints.filter((c) => c.schema === schema && c.table === t.name);
      if (cons.length) {
        out.push('| constraint | kind | definition |', '|---|---|---|');
        for (const c of cons) out.push(`| ${c.name} | ${conName[c.type] ?? c.type} | ${code(c.def)} |`);
        out.push('');
      }
      const idx = indexes.filter((i) => i.schema === schema && i.table === t.name);
      if (idx.length) {
        out.push('| index | definition |', '|---|---|');
        for (const i of idx) out.push(`| ${i.name} | ${code(i.def)} |`);
        out.push('');
      }
      const pols = policies.filter((p) => p.schema === schema && p.table === t.name);
      if (pols.length) {
        out.push('| policy | command | roles | using | with check |', '|---|---|---|---|---|');
        for (const p of pols) out.push(`| ${p.name} | ${p.cmd} | ${p.roles.join(', ')} | ${code(p.using)} | ${code(p.check)} |`);
        out.push('');
      }
    }
    const fns = functions.filter((f) => f.schema === schema);
    if (fns.length) {
      out.push(`### Functions in \`${schema}\``, '');
      out.push('| function | returns | language | security | executable by | comment |', '|---|---|---|---|---|---|');
      for (const f of fns) {
        const security = f.definer ? 'definer' : 'invoker';
        out.push(`| ${code(`${f.name}(${f.args})`)} | ${code(f.returns)} | ${f.language} | ${security} | ${f.grants ?? 'owner only'} | ${md(f.comment)} |`);
      }
      out.push('');
    }
  }
  return out.join('\n').trimEnd() + '\n';
}

/** A Mermaid-safe attribute type: one word. */
function erType(type: string): string {
  const simple: Record<string, string> = {
    'timestamp with time zone': 'timestamptz',
    'timestamp without time zone': 'timestamp',
    'character varying': 'varchar',
    'double precision': 'float8',
  };
  let t = type.replace(/\(.*?\)/g, '');
  const isArray = t.endsWith('[]');
  t = t.replace(/\[\]$/, '');
  t = simple[t] ?? t;
  t = t.replace(/^public\./, '').replace(/[^A-Za-z0-9_]/g, '_');
  return isArray ? `${t}_array` : t;
}

export async function erMarkdown(db: Query): Promise<string> {
  return renderEr(await load(db));
}

function renderEr({ tables, columns, constraints }: Catalog): string {
  const entities = tables.filter((t) => ER_SCHEMAS.includes(t.schema) && (t.kind === 'r' || t.kind === 'p') && !t.partitionOf);
  const entityName = (schema: string, table: string) => `${schema}_${table}`;
  const known = new Set(entities.map((t) => entityName(t.schema, t.name)));
  const lines: string[] = ['erDiagram'];
  for (const t of entities) {
    const name = entityName(t.schema, t.name);
    const cons = constraints.filter((c) => c.schema === t.schema && c.table === t.name);
    const pk = new Set(cons.filter((c) => c.type === 'p').flatMap((c) => c.columns));
    const fk = new Set(cons.filter((c) => c.type === 'f').flatMap((c) => c.columns));
    const uk = new Set(cons.filter((c) => c.type === 'u' && c.columns.length === 1).flatMap((c) => c.columns));
    lines.push(`  ${name} {`);
    for (const c of columns.filter((c) => c.schema === t.schema && c.table === t.name)) {
      const keys = [pk.has(c.name) ? 'PK' : '', fk.has(c.name) ? 'FK' : '', uk.has(c.name) ? 'UK' : ''].filter(Boolean).join(', ');
      lines.push(`    ${erType(c.type)} ${c.name.replace(/[^A-Za-z0-9_]/g, '_')}${keys ? ' ' + keys : ''}`);
    }
    lines.push('  }');
  }
  const seen = new Set<string>();
  for (const c of constraints.filter((c) => c.type === 'f')) {
    const child = entityName(c.schema, c.table);
    const parent = entityName(c.refSchema!, c.refTable!);
    if (!known.has(child) || !known.has(parent)) continue;
    const key = `${parent}|${child}|${c.columns.join(',')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const nullable = columns.some((col) => col.schema === c.schema && col.table === c.table && c.columns.includes(col.name) && !col.notNull);
    const unique = constraints.some(
      (u) => u.schema === c.schema && u.table === c.table && (u.type === 'u' || u.type === 'p') && u.columns.join(',') === c.columns.join(','),
    );
    const left = nullable ? '|o' : '||';
    const right = unique ? 'o|' : 'o{';
    lines.push(`  ${parent} ${left}--${right} ${child} : "${c.columns.join(', ')}"`);
  }
  return [
    '# kitchen-db entity-relationship diagram',
    '',
    'Generated from the live catalog by `kitchen-db docs` (also `npm run generate`); do not edit by hand.',
    'Entities are `<schema>_<table>`; each line between two entities is a foreign key, labelled with its columns.',
    '',
    '```mermaid',
    ...lines,
    '```',
    '',
  ].join('\n');
}

/** docs/schema.md and docs/er.md, keyed by path relative to the package root (one catalog read for both). */
export async function generateDocs(db: Query): Promise<Record<string, string>> {
  const catalog = await load(db);
  return { 'docs/schema.md': renderSchema(catalog), 'docs/er.md': renderEr(catalog) };
}
