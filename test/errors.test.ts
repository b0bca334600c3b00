// Typed errors on a Citus cluster (issue 17). Citus relays a worker's error with its message only —
// no constraint, table or detail field — and the names in it are the shard's
// (`duplicate key value violates unique constraint "recipes_pkey_102012"`). src/db/errors.ts reads
// the constraint and table back from the message and removes the shard suffix `_<shard id>`, so a
// constraint error names the field on every engine:
//   - the mapping of errors shaped as each engine sends them (no database);
//   - the catalog: no constraint or index of ours ends in `_<digits>`, so the suffix is a shard's;
//   - through the API on every engine (on Citus the server's error carries the shard's names).
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { withUser } from '../src/db/context.ts';
import { ConflictError, KitchenDbError, mapDbError, NotFoundError, ValidationError } from '../src/db/errors.ts';
import { runQuery } from '../src/db/run-query.ts';
import { insertConversation } from '../src/generated/assistant.queries.ts';
import { CITUS, useTestDatabase } from './support/db.ts';
import { createPerson } from './support/fixtures.ts';

const db = useTestDatabase();

/** What Citus relays from a worker: code and message, nothing else. */
const relayed = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'ERROR' });

describe('errors relayed by Citus (shard names, message only)', () => {
  it('a unique violation names the field of the constraint without its shard suffix', () => {
    const e = mapDbError(relayed('23505', 'duplicate key value violates unique constraint "recipes_pkey_102012"'), { values: { id: 'r1' } });
    // recipes_pkey has its own line in BY_CONSTRAINT: found under our name.
    expect(e).toBeInstanceOf(ConflictError);
    expect(e).toMatchObject({ field: 'id', rule: 'recipes_pkey' });
    expect(e.message).toBe('id: recipe r1 already exists');
    const other = mapDbError(relayed('23505', 'duplicate key value violates unique constraint "conversations_pkey_102041"'));
    expect(other).toMatchObject({ name: 'ConflictError', field: 'id', rule: 'conversations_pkey' });
    expect(other.message).not.toMatch(/102041/);
  });

  it('a check violation names the column of the constraint and the table without its shard suffix', () => {
    const e = mapDbError(relayed('23514', 'new row for relation "messages_102129" violates check constraint "messages_role_check"'));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e).toMatchObject({ field: 'role', rule: 'messages_role_check' });
    expect(e.message).toMatch(/ on messages:/);
    // A shard of a telemetry partition (telemetry_events_2026_12): only the shard id goes.
    const p = mapDbError(relayed('23514', 'new row for relation "telemetry_events_2026_12_102300" violates check constraint "telemetry_events_payload_check"'));
    expect(p).toMatchObject({ name: 'ValidationError', rule: 'telemetry_events_payload_check' });
    expect(p.message).toMatch(/ on telemetry_events_2026_12:/);
  });

  it('a row-level security refusal keeps its message (read back for the table, then mapped by it)', () => {
    const e = mapDbError(relayed('42501', 'new row violates row-level security policy for table "meal_logs_102086"'));
    expect(e).toMatchObject({ name: 'ForbiddenError', rule: 'row_level_security' });
    expect(e.message).toBe('not allowed: the row is not yours on meal_logs (row-level security)');
  });

  it('a foreign-key violation with a shard suffix finds its BY_CONSTRAINT line', () => {
    const e = mapDbError(relayed('23503', 'insert or update on table "messages_102129" violates foreign key constraint "messages_conversation_id_user_id_fkey_102129"'));
    expect(e).toBeInstanceOf(NotFoundError);
    expect(e).toMatchObject({ field: 'conversationId', rule: 'conversation' });
  });

  it('an error a single server sends with its fields is mapped from them, unchanged', () => {
    const e = mapDbError(Object.assign(new Error('duplicate key value violates unique constraint "person_emails_pkey"'), {
      code: '23505', constraint: 'person_emails_pkey', table: 'person_emails', detail: 'Key (email)=(a@x.test) already exists.',
    }), { values: { email: 'a@x.test' } });
    expect(e).toMatchObject({ name: 'ConflictError', field: 'email', rule: 'person_emails_pkey' });
  });

  it('a transaction that reaches a shard as two roles gets an error that says what to do', () => {
    const e = mapDbError(relayed('25001', 'cannot perform query on placements that were modified in this transaction by a different user'));
    expect(e).toBeInstanceOf(KitchenDbError);
    expect(e).toMatchObject({ code: 'internal', rule: 'citus_one_role_per_shard' });
    expect(e.message).toMatch(/in a transaction of its own/);
    // Any other 25001 stays an internal error naming its SQLSTATE.
    expect(mapDbError(relayed('25001', 'SET TRANSACTION ISOLATION LEVEL must be called before any query')).message).toMatch(/^database error 25001: SET TRANSACTION/);
  });
});

describe('errors: the names the mapping relies on (catalog)', () => {
  it('no constraint or index of schemas app, app_private and auth ends in _<digits> (a shard suffix is never ours)', async () => {
    // Citus hides its shards from queries on pg_class; constraints are joined to their (visible) table.
    const { rows } = await db().pool.query<{ name: string }>(
      `select c.conname::text as name from pg_catalog.pg_constraint c
         join pg_catalog.pg_class t on t.oid = c.conrelid
         join pg_catalog.pg_namespace n on n.oid = t.relnamespace
        where n.nspname in ('app', 'app_private', 'auth') and c.conname ~ '_[0-9]+$'
       union all
       select i.relname::text from pg_catalog.pg_class i
         join pg_catalog.pg_namespace n on n.oid = i.relnamespace
        where i.relkind in ('i', 'I') and n.nspname in ('app', 'app_private', 'auth') and i.relname ~ '_[0-9]+$'
       order by 1`,
    );
    expect(rows.map((r) => r.name)).toEqual([]);
  });
});

describe('errors through the API (every engine; on Citus the server names the shards)', () => {
  it('a CHECK of a person table names the field', async () => {
    const p = await createPerson(db().pool);
    const error = await withUser(db().pool, p.id, (c) => runQuery(insertConversation, { userId: p.id, title: '   ' }, c)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'title', rule: 'conversations_title_check' });
  });

  it('a duplicate key of a reference table names the field', async () => {
    const id = randomUUID();
    const recipe = { id, name: 'Twice', category: 'dal', recipeData: { stages: [{ name: 'boil' }] }, difficulty: 'easy' as const, timeMinutes: 10 };
    await db().kdb.asAdmin((admin) => admin.recipes.create(recipe as never));
    const error = await db().kdb.asAdmin((admin) => admin.recipes.create(recipe as never)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'ConflictError', field: 'id', rule: 'recipes_pkey' });
    // On the cluster the server's own error carries the shard's constraint name: the path under test.
    const cause = (error as { cause?: { message?: string } }).cause;
    if (CITUS) expect(cause?.message).toMatch(/"recipes_pkey_\d+"/);
  });
});
