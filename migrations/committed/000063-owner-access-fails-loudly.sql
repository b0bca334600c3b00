--! Previous: sha1:339277b038c7f671b446a495bccccfd0fcdbe9f5
--! Hash: sha1:029e9db4afa7b9228b96c3b8bb191da825989327
--! Message: security: functions that switch owner_access on fail loudly when their owner is not a member of kitchen_owner

set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Issue 14 (high). owner_access applies to kitchen_owner and its members (000062). A function whose
-- owner is neither (a dump restored by a login that was not made a member) would see no person's
-- rows and answer "not found", "nothing to purge", "0 rows" without an error. Each function that
-- switches app.owner_access on now does it through app_private.owner_access_on(), which first
-- checks that the function's owner (current_user inside a SECURITY DEFINER body) is a member and
-- otherwise raises, naming the role and the runbook.
create function app_private.owner_access_on() returns void
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
  perform pg_catalog.set_config('app.owner_access', 'on', true);
end
$$;
comment on function app_private.owner_access_on() is
  'Switches policy owner_access on for the rest of the transaction (set_config(''app.owner_access'', ''on'', true)) after checking that current_user — the owner, inside a SECURITY DEFINER body — is kitchen_owner or a member of it; raises 42501 naming the role and the runbook otherwise. Callers restore the previous value before returning. SECURITY INVOKER: for anybody else it switches on a setting that no policy of theirs reads.';
revoke execute on function app_private.owner_access_on() from public;

-- Every function of ours that switched it on directly now calls the helper: its definition as the
-- catalog has it, with that one statement replaced (CREATE OR REPLACE keeps owner, grants and
-- comment). sql/schema.sql shows each changed body; test/security.test.ts checks that no function
-- switches it on another way.
do $$
declare
  f regprocedure;
  def text;
  new_def text;
  done text[] := '{}';
begin
  for f in
    select p.oid::regprocedure
      from pg_catalog.pg_proc p
      join pg_catalog.pg_namespace n on n.oid = p.pronamespace
     where n.nspname in ('app', 'app_private', 'auth')
       and p.prosrc like '%set\_config(''app.owner\_access'', ''on''%'
       and p.oid <> 'app_private.owner_access_on()'::regprocedure
     order by 1::text
  loop
    def := pg_catalog.pg_get_functiondef(f);
    new_def := pg_catalog.replace(def, 'perform pg_catalog.set_config(''app.owner_access'', ''on'', true);', 'perform app_private.owner_access_on();');
    if new_def = def or new_def like '%set\_config(''app.owner\_access'', ''on''%' then
      raise exception 'kitchen-db: % switches app.owner_access on in an unexpected way; change it by hand to call app_private.owner_access_on()', f;
    end if;
    execute new_def;
    done := done || f::text;
  end loop;
  raise notice 'owner_access through app_private.owner_access_on() in % functions: %', pg_catalog.cardinality(done), pg_catalog.array_to_string(done, ', ');
end
$$;
