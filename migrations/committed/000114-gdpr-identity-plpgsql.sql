--! Previous: sha1:cfd2a954456c83149d8b1cd5ba91ce7df391c934
--! Hash: sha1:cd868c7d80829af867e2e3ab354f7d6261a16f4b
--! Message: gdpr: app_private.gdpr_identity in PL/pgSQL (Citus cannot plan a non-inlined SQL function with parameters)

-- Issue 17 (Citus): gdpr_identity was a SQL function that is never inlined (it has SET search_path
-- and an outer join from an empty select); over distributed tables Citus refuses it: "could not
-- create distributed plan" / "Possibly this is caused by the use of parameters in SQL functions,
-- which is not supported in Citus." / "Consider using PL/pgSQL functions instead." (docs/scale-out.md
-- section 7). The same result in PL/pgSQL: each statement is planned with the id as a parameter,
-- and the look-up of app.users by its distribution column id is routed to one shard.
-- Same signature, so CREATE OR REPLACE keeps its privileges (none beyond the owner) and comment.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create or replace function app_private.gdpr_identity(p_user_id uuid, out known boolean, out auth_id text, out emails text[])
  language plpgsql
  stable
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_auth_id text;
  v_email text;
  v_auth_email text;
begin
  select u.auth_id, u.email::text into v_auth_id, v_email from app.users as u where u.id = p_user_id;
  known := found;
  if v_auth_id is not null then
    select au.email into v_auth_email from auth."user" as au where au.id = v_auth_id;
  end if;
  auth_id := v_auth_id;
  emails := coalesce(pg_catalog.array_remove(array[v_email, v_auth_email], null), '{}');
end
$$;
