--! Previous: sha1:0c1eaeac4ccec3ef30801c3657858d0463f66eee
--! Hash: sha1:0680f0a3e5b1f9bca117885ce06685566db575a7
--! Message: citus: owner_access is switched on and restored with SET LOCAL after citus.propagate_set_commands = 'local', so the shards see it

set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Issue 17. On a Citus cluster a setting made with set_config(…, true) stays on the coordinator: the
-- owner_access policies on the workers' shards never saw 'on', so gdpr_find_user found nobody and
-- request_account_deletion said "no account for this person" (docs/scale-out.md section 5). Only
-- `SET LOCAL` made while `citus.propagate_set_commands = 'local'` is replayed on the connections
-- Citus opens to the workers in this transaction. Without Citus both are plain transaction-local
-- settings (citus.propagate_set_commands a placeholder), exactly what set_config(…, true) did:
-- SET LOCAL in a function body lasts until the end of the transaction too (a function's own SET
-- clause restores only the settings it names), so callers still restore the previous value.
-- EXECUTE, because plpgsql takes SET only as a dynamic statement with a computed value. Both helpers
-- are VOLATILE (SET is refused inside a STABLE function; a STABLE caller may call them).

-- Same check as 000063, the setting now made the propagating way.
create or replace function app_private.owner_access_on() returns void
  language plpgsql
  volatile
  set search_path = pg_catalog, pg_temp
as $$
begin
  if not pg_catalog.pg_has_role(current_user, 'kitchen_owner', 'USAGE') then
    raise exception 'kitchen-db: % owns the SECURITY DEFINER functions but is not a member of kitchen_owner, so the owner_access policies do not apply and they would see no person''s rows', current_user
      using errcode = 'insufficient_privilege',
            hint = pg_catalog.format('As a superuser or a role with CREATEROLE run: grant kitchen_owner to %I; (docs/operations.md, "Restore under another owner").', current_user);
  end if;
  -- Citus: replay this and every later SET LOCAL of the transaction on the workers' connections.
  execute 'set local citus.propagate_set_commands = ''local''';
  execute 'set local app.owner_access = ''on''';
end
$$;
comment on function app_private.owner_access_on() is
  'Switches policy owner_access on for the rest of the transaction after checking that current_user — the owner, inside a SECURITY DEFINER body — is kitchen_owner or a member of it (raises 42501 naming the role and the runbook otherwise). Made with SET LOCAL after set local citus.propagate_set_commands = ''local'', so that on a Citus cluster the workers'' shards see it too (set_config(…, true) stays on the coordinator); a placeholder setting elsewhere. Callers restore the previous value with app_private.owner_access_restore before returning. SECURITY INVOKER: for anybody else it switches on a setting that no policy of theirs reads.';
revoke execute on function app_private.owner_access_on() from public;

create function app_private.owner_access_restore(p_prev text) returns void
  language plpgsql
  volatile
  set search_path = pg_catalog, pg_temp
as $$
begin
  execute 'set local citus.propagate_set_commands = ''local''';
  execute pg_catalog.format('set local app.owner_access = %L', coalesce(p_prev, ''));
end
$$;
comment on function app_private.owner_access_restore(text) is
  'Puts app.owner_access back to p_prev (the value read with current_setting(''app.owner_access'', true) before app_private.owner_access_on; NULL means unset, stored as ''''), the propagating way (SET LOCAL after citus.propagate_set_commands = ''local''), so the workers'' shards of a Citus cluster lose the owner''s access when the coordinator does. SECURITY INVOKER, not executable by application roles.';
revoke execute on function app_private.owner_access_restore(text) from public;
