import { describe, expect, it } from 'vitest';
import { engine, useTestDatabase } from './support/db.ts';
import { currentUserId } from '../src/generated/accounts.queries.ts';
import { fieldOfConstraint } from '../src/db/errors.ts';

const db = useTestDatabase();

describe('foundation', () => {
  it('has the schemas, extensions and roles of docs/architecture.md', async () => {
    const { rows: schemas } = await db().pool.query(`select nspname from pg_namespace where nspname in ('app','app_private','auth') order by 1`);
    expect(schemas.map((r) => r.nspname)).toEqual(['app', 'app_private', 'auth']);
    const { rows: ext } = await db().pool.query(`select extname from pg_extension where extname in ('vector','citext') order by 1`);
    expect(ext.map((r) => r.extname)).toEqual(['citext', 'vector']);
    const { rows: roles } = await db().pool.query(
      `select rolname, rolcanlogin, rolbypassrls, rolsuper from pg_roles where rolname in ('app_user','app_admin','app_worker','app_compliance','auth_service') order by 1`,
    );
    expect(roles.map((r) => r.rolname)).toEqual(['app_admin', 'app_compliance', 'app_user', 'app_worker', 'auth_service']);
    for (const r of roles) expect([r.rolcanlogin, r.rolbypassrls, r.rolsuper]).toEqual([false, false, false]);
  });

  it('round-trips the person context through a generated query, and fails closed without it', async () => {
    const id = '8d0f5a8e-6f4b-4c36-9d0b-2f7e1c3a9b11';
    const inside = await db().asUser(id, (c) => currentUserId.run(undefined, c));
    expect(inside).toEqual([{ userId: id }]);
    const outside = await currentUserId.run(undefined, db().pool);
    expect(outside).toEqual([{ userId: null }]);
  });

  it('never leaks the person to the next user of a pooled connection (pool of 1)', async () => {
    const { createPool } = await import('../src/db/pool.ts');
    const { withUser } = await import('../src/db/context.ts');
    const pool = await createPool(db().url, { max: 1 });
    try {
      const a = '11111111-1111-4111-8111-111111111111';
      await withUser(pool, a, (c) => currentUserId.run(undefined, c));
      await expect(withUser(pool, a, async () => { throw new Error('boom'); })).rejects.toThrow('boom');
      const after = await pool.query(`select app.current_user_id() as id, current_user as role`);
      expect(after.rows[0].id).toBeNull();
      expect(after.rows[0].role).not.toBe('app_user');
    } finally {
      await pool.end();
    }
  });

  it('refuses a role or an isolation level that is not one of its own before sending anything (both go into the BEGIN text)', async () => {
    const { withTransaction } = await import('../src/db/context.ts');
    const ran: string[] = [];
    const attempt = (options: Record<string, unknown>) =>
      withTransaction(db().pool, options as never, async () => {
        ran.push('callback');
      });
    await expect(attempt({ role: 'app_user; drop table app.meal_logs' })).rejects.toMatchObject({ field: 'role', rule: 'app_role' });
    await expect(attempt({ isolation: 'serializable; select 1' })).rejects.toMatchObject({ field: 'isolation', rule: 'isolation_level' });
    expect(ran).toEqual([]);
    await attempt({ role: 'app_worker', isolation: 'repeatable read' });
    expect(ran).toEqual(['callback']);
  });

  it('a named (prepared) statement works again in the next transaction on the same connection, after the session reset', async () => {
    const { createPool } = await import('../src/db/pool.ts');
    const { withUser } = await import('../src/db/context.ts');
    const pool = await createPool(db().url, { max: 1 });
    try {
      const a = '11111111-1111-4111-8111-111111111111';
      const named = (c: import('../src/db/context.ts').DbClient) => c.query({ name: 'kdb_test_named', text: 'select app.current_user_id() as id' });
      for (let i = 0; i < 3; i++) expect((await withUser(pool, a, named)).rows).toEqual([{ id: a }]);
      // And after a rolled-back transaction (the reset travels with the ROLLBACK).
      await expect(withUser(pool, a, async (c) => { await named(c); throw new Error('boom'); })).rejects.toThrow('boom');
      expect((await withUser(pool, a, named)).rows).toEqual([{ id: a }]);
      expect((await pool.query('select count(*)::int as n from pg_catalog.pg_prepared_statements')).rows[0].n).toBe(0);
    } finally {
      await pool.end();
    }
  });

  it.skipIf(engine() === 'embedded')('discards a connection whose failure an area function already mapped, without trying ROLLBACK on it', async () => {
    const { createPool } = await import('../src/db/pool.ts');
    const { withUser } = await import('../src/db/context.ts');
    const { mapDbError } = await import('../src/db/errors.ts');
    const pool = await createPool(db().url, { max: 1 });
    try {
      const a = '11111111-1111-4111-8111-111111111111';
      const pid = async () => (await withUser(pool, a, (c) => c.query('select pg_catalog.pg_backend_pid() as pid'))).rows[0].pid as number;
      const first = await pid();
      let sentAfter = 0;
      await expect(withUser(pool, a, async (c) => {
        const original = c.query.bind(c);
        // What recordEvents and others throw when the server ended the session: the FATAL 57P01 the
        // dying backend sent, already mapped into a ConnectionError by the area function.
        const error = mapDbError(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }));
        (c as unknown as { query: unknown }).query = (...args: unknown[]) => (sentAfter++, (original as (...a: unknown[]) => unknown)(...args));
        throw error;
      })).rejects.toMatchObject({ name: 'ConnectionError' });
      expect(sentAfter).toBe(0); // no ROLLBACK on a connection believed dead
      expect(await pid()).not.toBe(first); // and it did not go back to the pool
    } finally {
      await pool.end();
    }
  });

  it('rejects a malformed person id before it reaches SQL', async () => {
    await expect(db().asUser("1' or '1'='1", async () => 1)).rejects.toMatchObject({ name: 'ValidationError', field: 'userId', rule: 'uuid' });
  });

  it('names the field of a constraint the way the TypeScript API spells it', () => {
    expect(fieldOfConstraint('user_preferences_spice_level_check', 'user_preferences')).toBe('spiceLevel');
    expect(fieldOfConstraint('meal_foods_meal_log_id_fkey', 'meal_foods')).toBe('mealLogId');
    expect(fieldOfConstraint('users_pkey', 'users')).toBe('id');
    expect(fieldOfConstraint('idx_appliances_serial_number', 'appliances')).toBe('serialNumber');
    expect(fieldOfConstraint(undefined, 'users')).toBeUndefined();
  });
});
