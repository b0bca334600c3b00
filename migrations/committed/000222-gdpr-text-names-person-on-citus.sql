--! Previous: sha1:c94aef137b9fa96034c29cc391e6097c3ccce516
--! Hash: sha1:96398e58befdfe71e2573f388d7677222475365b
--! Message: citus: gdpr_text_names_person's look-ups of other people's e-mails select a column (Citus cannot plan an empty select list across shards)

-- Issue 17 (Citus). app_private.gdpr_text_names_person (000081) asked
-- "not exists (select from app.users … where u.email = any (v_cands))": app.users is distributed on
-- id, so the subquery runs on every shard and Citus plans it as an intermediate result; with an empty
-- select list that fails with 42601 "a column definition list is required for functions returning
-- "record"" (the GDPR export and purge of auth.verification and pg-boss jobs). Selecting a constant
-- column avoids it; the meaning is the same. Redefines app_private.gdpr_text_names_person only.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create or replace function app_private.gdpr_text_names_person(p_text text, p_user_id uuid, p_auth_id text, p_emails text[])
  returns boolean
  language plpgsql
  stable
  parallel safe
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_text text;
  v_email text;
  v_from integer;
  v_pos integer;
  v_len integer;
  v_before text;
  v_after text;
  v_left text;
  v_right text;
  v_cands text[];
begin
  if p_text is null or p_text = '' then
    return false;
  end if;
  v_text := pg_catalog.lower(p_text);
  if p_user_id is not null and pg_catalog.strpos(v_text, p_user_id::text) > 0 then
    return true;
  end if;
  if p_auth_id is not null and p_auth_id <> '' and pg_catalog.strpos(p_text, p_auth_id) > 0 then
    if p_text = p_auth_id or p_text ~ ('(^|[^A-Za-z0-9])'
         || pg_catalog.regexp_replace(p_auth_id, '([^A-Za-z0-9])', '\\\1', 'g') || '($|[^A-Za-z0-9])') then
      return true;
    end if;
  end if;
  foreach v_email in array coalesce(p_emails, '{}'::text[]) loop
    continue when v_email is null or v_email = '';
    v_email := pg_catalog.lower(v_email);
    v_len := pg_catalog.length(v_email);
    v_from := 1;
    loop
      v_pos := pg_catalog.strpos(pg_catalog.substr(v_text, v_from), v_email);
      exit when v_pos = 0;
      v_pos := v_pos + v_from - 1;
      v_from := v_pos + 1;
      v_before := pg_catalog.substr(v_text, v_pos - 1, 1);
      v_after := pg_catalog.substr(v_text, v_pos + v_len, 1);
      -- glued to more of an address on the left (bjane@…) or right (…@x.testing): another address
      continue when v_before ~ '[a-z0-9._%+]' or v_after ~ '[a-z0-9]';
      -- What could make a longer address around it: the address characters before and after.
      v_left := pg_catalog.substring(pg_catalog.right(pg_catalog.substr(v_text, 1, v_pos - 1), 64), '[a-z0-9._%+-]*$');
      v_right := pg_catalog.substring(pg_catalog.left(pg_catalog.substr(v_text, v_pos + v_len), 64), '^[a-z0-9.-]*');
      if coalesce(v_left, '') = '' and coalesce(v_right, '') = '' then
        return true;
      end if;
      select pg_catalog.array_agg(l.s || v_email || r.s)
        into v_cands
      from (select pg_catalog.substr(v_left, i) as s from pg_catalog.generate_series(1, pg_catalog.length(v_left) + 1) as i) as l
      cross join (select pg_catalog.left(v_right, j) as s from pg_catalog.generate_series(0, pg_catalog.length(v_right)) as j) as r
      where l.s || r.s <> '' and l.s !~ '^[-.]' and r.s !~ '[-.]$';
      -- select 1, not an empty select list: Citus (see the header).
      if not exists (select 1 from app.users as u where u.email operator(public.=) any (v_cands::public.citext[]))
         and not exists (select 1 from auth."user" as au where au.email = any (v_cands)) then
        return true;
      end if;
    end loop;
  end loop;
  return false;
end
$$;
