--! Previous: -
--! Hash: sha1:ec34d49701b924bc57b3c46f694215d87b0261aa
--! Message: foundation

-- Foundation: schemas, extensions, the person context and the shared timestamp trigger.
-- Every later migration relies on these names (see DESIGN.md, "SQL conventions").
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Schemas -------------------------------------------------------------------------------------
create schema app;
comment on schema app is
  'kitchen-db domain tables and every function a service may call. Person-owned tables are protected by row-level security keyed on user_id.';
create schema app_private;
comment on schema app_private is
  'kitchen-db internals no application role may touch: audit log, helpers, partition bookkeeping.';
create schema auth;
comment on schema auth is
  'Better-Auth''s tables (user, session, account, verification, jwks, twoFactor), in the same database so a GDPR purge is one transaction.';

-- Extensions (all offered by managed services such as Amazon RDS) ----------------------------
-- vector: embeddings for RAG; citext: case-insensitive e-mail addresses.
create extension if not exists vector with schema public;
create extension if not exists citext with schema public;

-- Nobody gets anything by default; later migrations grant what each role needs. (After the
-- extensions: their functions must stay executable by everyone, as the extensions expect.)
revoke all on schema app, app_private, auth from public;
alter default privileges revoke execute on functions from public;
-- Schema usage only; table and function privileges are granted object by object. The roles come
-- from sql/roles.sql, which must run (as root) before the first migration.
grant usage on schema app to app_user, app_admin, app_worker, app_compliance;
grant usage on schema auth to auth_service;


-- Person context ------------------------------------------------------------------------------
create function app.current_user_id() returns uuid
  language sql
  stable
  parallel safe
  set search_path = ''
as $$
  select nullif(pg_catalog.current_setting('app.user_id', true), '')::uuid
$$;
comment on function app.current_user_id() is
  'The person the current transaction acts for: the transaction-local setting app.user_id (set_config(''app.user_id'', id, true)). NULL when unset or empty, so row-level security fails closed. Use it as (select app.current_user_id()) in policies so it runs once per statement.';
grant execute on function app.current_user_id() to public;

-- Shared timestamp trigger --------------------------------------------------------------------
create function app_private.set_updated_at() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  -- On INSERT keep an explicit created_at/updated_at; on UPDATE always move updated_at forward.
  if tg_op = 'UPDATE' then
    new.updated_at := pg_catalog.clock_timestamp();
  end if;
  return new;
end
$$;
comment on function app_private.set_updated_at() is
  'BEFORE UPDATE trigger shared by every table with updated_at: sets it to clock_timestamp(). Trigger functions need no EXECUTE grant to fire, so application roles get none.';
