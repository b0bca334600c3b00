--! Previous: sha1:271cc16a38a870dce2aa2632fd09b6379ef2f1c9
--! Hash: sha1:f14db18150a152e847b68f4943d68dd9faac3a03
--! Message: gdpr: a purge preview (app.gdpr_user_summary purpose purge) switches Citus to sequential multi-shard mode before its first statement

set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Issue 17. `kitchen-db gdpr purge --yes` previews and purges in one transaction (what is shown is
-- what is deleted). The preview counts the person's rows in the lookup tables by user_id: on Citus a
-- multi-shard read, in parallel by default. The purge that follows updates the reference table
-- app.recipes (created_by), which Citus refuses after a parallel operation in the same transaction
-- ("cannot modify table \"recipes\" because there was a parallel operation on a distributed table").
-- app.purge_user switches to sequential mode itself (000220), but that is too late once the preview
-- has run. So the preview of a purge switches first. Elsewhere citus.multi_shard_modify_mode is a
-- placeholder setting nobody reads.
do $$
declare
  def text := pg_catalog.pg_get_functiondef('app.gdpr_user_summary(uuid, text)'::pg_catalog.regprocedure);
  anchor text := E'  perform app_private.owner_access_on();\n  v_id := app_private.gdpr_identity(p_user_id);';
begin
  if pg_catalog.strpos(def, anchor) = 0 then
    raise exception '000311: app.gdpr_user_summary no longer has the expected body (owner_access_on, then gdpr_identity)';
  end if;
  execute pg_catalog.replace(def, anchor,
    E'  -- Citus: one connection per node before the first multi-shard statement: the purge that follows\n'
    || E'  -- a purge preview in the same transaction updates a reference table (000311).\n'
    || E'  if p_purpose = ''purge'' then\n'
    || E'    perform pg_catalog.set_config(''citus.multi_shard_modify_mode'', ''sequential'', true);\n'
    || E'  end if;\n'
    || anchor);
end
$$;
comment on function app.gdpr_user_summary(uuid, text) is
  'Compliance: the manifest of the person''s export without the rows (rows per table, primary keys, what is left out), e.g. before an export in pages (p_purpose = export) or to show what a purge will delete (purge; on Citus it then switches the transaction to sequential multi-shard mode first, so that the purge may follow in the same transaction, 000311). An unknown id gives found = false and zero counts. Audited (action summary).';
