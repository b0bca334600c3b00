--! Previous: sha1:f14db18150a152e847b68f4943d68dd9faac3a03
--! Hash: sha1:eec24f2d6ae06b200a5e75e512c0b8ee2cf6fc7e
--! Message: gdpr: whether a longer address around the person's e-mail belongs to someone else is asked of app.person_emails (the shards of those addresses on Citus), not of every shard of app.users

set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Issue 17. app_private.gdpr_text_names_person (000081, 000222) leaves alone an address that only
-- contains the person's (mary-jane@… around jane@…) when it belongs to another person, asking
-- app.users by e-mail: on Citus app.users is distributed by id, so every verification row or pg-boss
-- job with such a look-alike cost a read of every shard of app.users during the purge. app.person_emails
-- holds exactly every person's current app.users.email (000121, kept in step by app.sign_in_person)
-- and is distributed by e-mail: `email = any (<candidates>)` reads only the candidates' shards
-- (EXPLAIN: Task Count = the number of distinct shards, 2 for 2 candidates). Same answer everywhere.
-- The definition as the catalog has it, that one statement replaced (as in 000299); CREATE OR REPLACE
-- keeps owner, grants and comment.
do $$
declare
  def text := pg_catalog.pg_get_functiondef('app_private.gdpr_text_names_person(text, uuid, text, text[])'::pg_catalog.regprocedure);
  old_sql text := 'select 1 from app.users as u where u.email operator(public.=) any (v_cands::public.citext[])';
  new_sql text := 'select 1 from app.person_emails as e where e.email operator(public.=) any (v_cands::public.citext[])';
begin
  if pg_catalog.strpos(def, old_sql) = 0 then
    raise exception '000312: app_private.gdpr_text_names_person no longer asks app.users for the candidate addresses as expected';
  end if;
  execute pg_catalog.replace(def, old_sql, new_sql);
end
$$;
comment on function app_private.gdpr_text_names_person(text, uuid, text, text[]) is
  'True when p_text names the person: contains their id (any case), contains their auth id as a token, or contains one of their e-mail addresses (any case) not glued to more address characters, unless the longer address around it belongs to another person (app.person_emails — on Citus only the shards of the candidate addresses, 000312 — or auth."user"). Used on auth.verification identifiers and values and on every string of a pg-boss job. Callers need app.owner_access on (row-level security on app.person_emails).';
