--! Previous: sha1:0680f0a3e5b1f9bca117885ce06685566db575a7
--! Hash: sha1:e848b2202ec3c5b52dadf6135d4064891aff9ed2
--! Message: citus: app.act_as(person) sets the transaction's person with SET LOCAL after citus.propagate_set_commands = 'local', each as its own statement

set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Issue 17. withTransaction sends BEGIN, SET LOCAL ROLE and the person in one simple-query message.
-- Citus records a propagated SET by the text of the whole query string it came in (utility_hook.c
-- passes queryString to PostprocessVariableSetStmt), so `set local app.user_id = …` inside that
-- message made Citus replay the whole message — `begin; set local role app_user; …` — on every
-- connection it opened to a worker in the transaction; inside a SECURITY DEFINER body (Citus
-- connects as the owner there) that failed with `permission denied to set role "app_user"`. Made
-- through EXECUTE in a function, each SET is a query string of its own, so Citus replays exactly
-- the two settings. withTransaction calls it after SET LOCAL ROLE, in the same message.
create function app.act_as(p_user_id uuid) returns void
  language plpgsql
  volatile
  set search_path = pg_catalog, pg_temp
as $$
begin
  -- Replay this transaction's later SET LOCALs on the workers' connections (Citus); a placeholder
  -- setting on a server without Citus and on the embedded engine.
  execute 'set local citus.propagate_set_commands = ''local''';
  if p_user_id is not null then
    execute pg_catalog.format('set local app.user_id = %L', p_user_id);
  end if;
end
$$;
comment on function app.act_as(uuid) is
  'Starts the context of a transaction, right after SET LOCAL ROLE (withTransaction calls it): switches citus.propagate_set_commands to ''local'' and, for a person, SET LOCAL app.user_id to p_user_id (NULL: a role acting for nobody, only the propagation). Each SET runs as its own statement through EXECUTE, so that Citus replays exactly it on the workers (it records the whole query string a SET came in). Not a security boundary: the roles allowed to call it could set app.user_id themselves; row-level security decides what the person sees. SECURITY INVOKER.';
revoke execute on function app.act_as(uuid) from public;
grant execute on function app.act_as(uuid) to app_user, app_admin, app_worker, app_compliance, auth_service;
