// Test data shared by every suite. Rows are written as the superuser (the test pool bypasses
// row-level security), so fixtures never depend on the access layer under test.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';

export interface Person {
  id: string;
  authId: string;
  email: string;
  name: string;
}

let counter = 0;

/** A Better-Auth user and its app.users row. */
export async function createPerson(
  pool: pg.Pool,
  overrides: Partial<Person> & { timeZone?: string; role?: 'user' | 'admin'; tier?: 'free' | 'premium' } = {},
): Promise<Person> {
  const n = ++counter;
  const id = overrides.id ?? randomUUID();
  const authId = overrides.authId ?? `auth_${id.slice(0, 8)}_${n}`;
  const email = overrides.email ?? `person${n}.${id.slice(0, 8)}@example.test`;
  const name = overrides.name ?? `Person ${n}`;
  await pool.query(
    `insert into auth."user" (id, name, email, "emailVerified") values ($1, $2, $3, true)`,
    [authId, name, email],
  );
  await pool.query(
    `insert into app.users (id, auth_id, email, name, time_zone, role, tier) values ($1, $2, $3, $4, $5, $6, $7)`,
    [id, authId, email, name, overrides.timeZone ?? 'UTC', overrides.role ?? 'user', overrides.tier ?? 'free'],
  );
  // The global keys' lookup rows, as app.sign_in_person writes them (migration 000121).
  await pool.query(
    `with e as (insert into app.person_emails (email, user_id) values ($2, $1))
     insert into app.person_auth_ids (auth_id, user_id) values ($3, $1)`,
    [id, email, authId],
  );
  return { id, authId, email, name };
}
