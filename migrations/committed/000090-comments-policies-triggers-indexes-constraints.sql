--! Previous: sha1:825feeaa2a5354693d9848847d709af4b3f90fad
--! Hash: sha1:d0fdc7524e70843b3eeeaf61fa34fdbf68399c3d
--! Message: comments: every policy, trigger and non-obvious index or constraint says what it protects and which query uses it

set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- COMMENT only: catalog rows, no table is rewritten or scanned. test/schema.test.ts fails for a
-- policy or trigger without a comment, and for an index or constraint that is not obvious from its
-- name and definition (a primary key; a one-column foreign key, unique or CHECK with PostgreSQL's
-- default name <table>_<column>_fkey/_key/_check) without one.

-- Row-level security policies. The same policy names recur on every table that holds a person's
-- data (and on its partitions), so they are commented by name; comments written earlier are kept.
do $$
declare
  p record;
  v_text text;
begin
  for p in
    select pol.polname, pol.polrelid::regclass as tbl
      from pg_catalog.pg_policy pol
      join pg_catalog.pg_class c on c.oid = pol.polrelid
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
     where n.nspname in ('app', 'app_private', 'auth')
       and pg_catalog.obj_description(pol.oid, 'pg_policy') is null
  loop
    v_text := case p.polname
      when 'person_select' then
        'Row-level security: app_user reads only the rows of the person whose id is in app.user_id (app.current_user_id(), set by kdb.asUser); without the setting it sees no row. Every asUser read of this table goes through it.'
      when 'person_insert' then
        'Row-level security: app_user inserts rows only for the person in app.user_id (WITH CHECK); without the setting nothing can be inserted. Every asUser write that creates a row of this table.'
      when 'person_update' then
        'Row-level security: app_user updates only its person''s rows and cannot hand a row to another person (USING and WITH CHECK on the person''s id).'
      when 'person_delete' then
        'Row-level security: app_user deletes only its person''s rows (e.g. removing a push token, deleting a conversation).'
      when 'admin_select' then
        'Read-only oversight: app_admin (kdb.asAdmin) reads every person''s rows of this table; there is no write policy for app_admin here, so it cannot change them.'
      when 'worker_all' then
        'The job worker: app_worker (kdb.asWorker, pg-boss handlers) reaches every person''s rows (embeddings, metrics, offline sweep, push-token cleanup, due purges); what it may actually do is narrowed by the table privileges granted to app_worker.'
      when 'owner_access' then
        'FORCE ROW LEVEL SECURITY applies to the owner too: this policy lets the owning role through only while app.owner_access = ''on'', which the SECURITY DEFINER functions that must see everyone''s rows (GDPR export and purge, partition maintenance, pairing, the demo load) set for their own transaction.'
    end;
    if v_text is not null then
      execute pg_catalog.format('comment on policy %I on %s is %L', p.polname, p.tbl, v_text);
    end if;
  end loop;
end
$$;

-- Triggers. set_updated_at is the shared one (DESIGN.md): commented on every table that has it.
do $$
declare
  t record;
begin
  for t in
    select tg.tgrelid::regclass as tbl
      from pg_catalog.pg_trigger tg
      join pg_catalog.pg_class c on c.oid = tg.tgrelid
     where tg.tgname = 'set_updated_at' and not tg.tgisinternal and tg.tgparentid = 0
       and pg_catalog.obj_description(tg.oid, 'pg_trigger') is null
  loop
    execute pg_catalog.format(
      'comment on trigger set_updated_at on %s is %L', t.tbl,
      'BEFORE UPDATE: stamps updated_at with the time of the change (app_private.set_updated_at), so no caller has to and none can forget; created_at is never touched.');
  end loop;
end
$$;

comment on trigger api_usage_enqueue_metrics on app.api_usage is
  'AFTER INSERT (statement, transition table): enqueues one metrics.rollup job per person-day whose AI cost changed (app_private.enqueue_metrics_rollup), so app.daily_ai_cost follows app.api_usage within seconds.';
comment on trigger delete_embeddings on app.meal_logs is
  'AFTER DELETE: removes the embeddings of the deleted meal log (source_kind meal_log), so no chunk of it stays searchable. Soft deletes keep them (undo).';
comment on trigger delete_embeddings on app.messages is
  'AFTER DELETE: removes the embeddings of the deleted message (source_kind message), so no chunk of it stays searchable.';
comment on trigger gdpr_audit_append_only on app_private.gdpr_audit is
  'BEFORE UPDATE OR DELETE: refuses both, so the GDPR audit trail is append-only, for the owner too (removing this trigger is a reviewed migration).';
comment on trigger gdpr_audit_no_truncate on app_private.gdpr_audit is
  'BEFORE TRUNCATE: refuses it, so the GDPR audit trail cannot be emptied in one statement either.';
comment on trigger meal_foods_enqueue_embedding_delete on app.meal_foods is
  'AFTER DELETE (statement): enqueues an assistant.embed job for each meal log that lost a food and still exists, so its embedding text follows; nothing under app.owner_access (a GDPR purge).';
comment on trigger meal_foods_enqueue_embedding_insert on app.meal_foods is
  'AFTER INSERT (statement): enqueues an assistant.embed job per meal log whose foods were added (one per meal; none while one is waiting).';
comment on trigger meal_foods_enqueue_embedding_update on app.meal_foods is
  'AFTER UPDATE (statement): enqueues an assistant.embed job per meal log whose foods changed.';
comment on trigger meal_logs_enqueue_embedding_insert on app.meal_logs is
  'AFTER INSERT (statement): enqueues an assistant.embed job for each new meal log (app_private.meal_logs_enqueue_embedding).';
comment on trigger meal_logs_enqueue_embedding_update on app.meal_logs is
  'AFTER UPDATE (statement): enqueues an assistant.embed job for each meal log whose embedded text (meal_type, notes, ai_analysis) changed.';
comment on trigger meal_logs_enqueue_metrics_insert on app.meal_logs is
  'AFTER INSERT (statement): enqueues a metrics.rollup job per person-day (in the person''s time zone) that gained a meal, for app.daily_nutrition.';
comment on trigger meal_logs_enqueue_metrics_update on app.meal_logs is
  'AFTER UPDATE (statement): enqueues a metrics.rollup job for the old and the new person-day of each changed meal (time, nutrition, soft delete).';
comment on trigger meal_logs_soft_delete on app.meal_logs is
  'BEFORE INSERT OR UPDATE OF is_deleted: keeps deleted_at in step with is_deleted (stamps it on delete, clears it on undo); CHECK meal_logs_deleted_check refuses anything else.';
comment on trigger messages_after_insert on app.messages is
  'AFTER INSERT (row): moves conversations.last_message_at forward (the recent-conversations list) and titles an untitled conversation from its first user message.';
comment on trigger messages_enqueue_embedding on app.messages is
  'AFTER INSERT (statement): enqueues an assistant.embed job for each new message (messages are never edited).';
comment on trigger recipes_search_sync on app.recipes is
  'AFTER INSERT OR UPDATE: keeps app.recipe_search (the ranked full-text search) in step: a published recipe gets or refreshes its row, an unpublished one loses it.';
comment on trigger recipes_sync_stamp on app.recipes is
  'BEFORE INSERT, UPDATE OR DELETE: stamps updated_at and bumps version under the recipes sync lock and writes tombstones for deletes, so the device sync protocol (recipes.sync) never misses or repeats a change.';
comment on trigger users_enqueue_metrics_rebuild on app.users is
  'AFTER UPDATE (statement): a person whose time zone changed gets metrics.rollup jobs that recompute all their days (their local days moved).';

-- Indexes that back no constraint: which query uses each.
comment on index auth."session_userId_idx" is 'Better-Auth: the sessions of a user (sign-out everywhere, the GDPR export and purge by "userId").';
comment on index auth."account_userId_idx" is 'Better-Auth: the linked accounts of a user (sign-in, the GDPR export and purge by "userId").';
comment on index auth.verification_identifier_idx is 'Better-Auth: a verification token by its identifier (e-mail verification, password reset).';
comment on index auth."twoFactor_secret_idx" is 'Better-Auth: two-factor lookup by secret.';
comment on index auth."twoFactor_userId_idx" is 'Better-Auth: the two-factor settings of a user (sign-in, the GDPR export and purge).';
comment on index app.idx_users_deletion_due is 'Partial: only accounts with a pending deletion request; app.purge_due_accounts() (hourly gdpr.purge-due) and `kitchen-db gdpr requests` find the due ones without scanning every person.';
comment on index app.idx_users_email is 'A person by e-mail address: sign-in checks, `kitchen-db gdpr … --user <email>` (app.gdpr_find_user).';
comment on index app.idx_prefs_allergens is 'An index the source document lists: people with a given allergen (array containment @> / overlap &&) for oversight queries; the typed API reads one person''s preferences by user_id.';
comment on index app.idx_prefs_cuisines is 'An index the source document lists: people who like a cuisine (array containment @>) for oversight and recommendation queries.';
comment on index app.idx_user_goals_user is 'The active goal of a person: the latest starts_on first (accounts.getActiveGoal, meals.dailyTotals against the goal).';
comment on index app.idx_push_tokens_user is 'The push tokens of a person (accounts.listPushTokens, the GDPR export and purge).';
comment on index app.idx_meal_logs_nutrition is 'GIN jsonb_path_ops on nutrition_totals: meals.findMealsByNutrition''s jsonpath predicate (@?).';
comment on index app.idx_meal_foods_meal_log is 'The foods of a meal (meals.getMeal, listMeals with foods; the cascade from a deleted meal log).';
comment on index app.idx_meal_foods_user is 'The foods of a person: row-level security''s user_id filter, the GDPR export and purge.';
comment on index app.idx_conversations_user_recent is 'A person''s conversations, most recent first (assistant.listConversations keyset pages on last_message_at).';
comment on index app.idx_messages_conversation is 'The messages of a conversation in order (assistant.listMessages keyset pages on created_at).';
comment on index app.idx_messages_user is 'The messages of a person: row-level security''s user_id filter, the GDPR export and purge.';
comment on index app.idx_recipes_category is 'An index the source document lists: recipes of a category for admin and ad-hoc queries on app.recipes (people''s ranked search reads app.recipe_search).';
comment on index app.idx_recipes_cuisine is 'An index the source document lists: recipes of a cuisine for admin and ad-hoc queries on app.recipes (people''s ranked search reads app.recipe_search).';
comment on index app.idx_recipes_data is 'An index the source document lists: GIN jsonb_path_ops on recipe_data, for @> queries by stage or ingredient (admin and ad-hoc queries).';
comment on index app.idx_recipes_fts is 'An index the source document lists: GIN on search_vector, full-text search on app.recipes itself (people''s ranked search with diet and allergens reads app.recipe_search).';
comment on index app.idx_recipes_published is 'Partial: only published recipes, which is all app_user may see (policy published_select) and all the device sync sends.';
comment on index app.idx_recipes_tags is 'An index the source document lists: recipes with a tag (array containment @>) on app.recipes (the search filter itself runs on app.recipe_search.tags).';
comment on index app.idx_recipe_tombstones_removed is 'Tombstones by removal time: recipes.sync sends the deletions since the device''s last sync.';
comment on index app.idx_appliances_device_id is 'Partial: the current pairing of a device id (pairing, heartbeat, cooking-log upload); unpaired rows are history.';
comment on index app.idx_appliances_serial_number is 'Partial: the current pairing of a serial number (pairing checks); unpaired rows are history.';
comment on index app.idx_appliances_user is 'The appliances of a person (appliances.list, the GDPR export and purge).';
comment on index app.idx_sessions_appliance is 'The cooking sessions of an appliance (session history on the device, the offline sweep).';
comment on index app.idx_sessions_started is 'An index the source document lists: cooking sessions by start time, newest first, for oversight and ad-hoc queries across people.';
comment on index app.idx_sessions_user is 'The cooking sessions of a person: row-level security''s user_id filter, the GDPR export and purge.';
comment on index app.idx_firmware_channel is 'The newest firmware of a target and channel (appliances.firmwareUpdate picks the latest release a device may take).';
comment on index app.idx_firmware_target_version is 'A firmware release by target and version (publishing checks, a device''s current version).';
comment on index app.idx_telemetry_payload is 'An index the source document lists: GIN jsonb_path_ops on payload, for @> queries by payload content (e.g. alerts of a kind); cloned on every monthly partition.';
comment on index app_private.idx_gdpr_audit_subject is 'The audit trail of one person (keyed hash subject), in order: `kitchen-db gdpr audit --user` pages on id.';

-- Constraints whose purpose the name and definition do not say.
comment on constraint appliances_unpaired_at_check on app.appliances is 'A pairing cannot end before it began.';
comment on constraint cooking_sessions_completed_at_check on app.cooking_sessions is 'A session cannot complete before it started.';
comment on constraint daily_ai_cost_tokens_check on app.daily_ai_cost is 'Token totals of a day are never negative (the roll-up sums app.api_usage).';
comment on constraint daily_nutrition_totals_check on app.daily_nutrition is 'Nutrient totals of a day are never negative (the roll-up sums the day''s meal logs).';
comment on constraint embeddings_source_check on app.embeddings is 'Knowledge-base chunks belong to nobody (user_id null: shared, admin-written); every other chunk belongs to a person and names its source row.';
comment on constraint user_goals_period_check on app.user_goals is 'A goal cannot end before it starts (an open-ended goal has no ends_on).';
comment on constraint users_email_length_check on app.users is 'E-mail addresses up to 255 characters, as Better-Auth''s user table allows.';
comment on constraint cooking_sessions_appliance_id_user_id_fkey on app.cooking_sessions is 'Ownership: a session''s appliance must be one of the same person''s (composite key with user_id), so no person can cook on, or log against, another person''s appliance.';
comment on constraint meal_foods_meal_log_id_user_id_fkey on app.meal_foods is 'Ownership: a food belongs to a meal log of the same person (composite key with user_id); deleting the meal log deletes its foods.';
comment on constraint messages_conversation_id_user_id_fkey on app.messages is 'Ownership: a message belongs to a conversation of the same person (composite key with user_id); deleting the conversation deletes its messages.';
comment on constraint telemetry_events_appliance_id_user_id_fkey on app.telemetry_events is 'Ownership: an event''s appliance must be the same person''s (composite key with user_id), so a device cannot write into another person''s telemetry.';
comment on constraint meal_logs_id_user_id_key on app.meal_logs is 'Redundant with the primary key on purpose: the target of the composite ownership key meal_foods (meal_log_id, user_id).';
comment on constraint conversations_id_user_id_key on app.conversations is 'Redundant with the primary key on purpose: the target of the composite ownership key messages (conversation_id, user_id).';
comment on constraint cooking_sessions_id_user_id_key on app.cooking_sessions is 'Redundant with the primary key on purpose: the target of the composite ownership key telemetry_events (session_id, user_id).';
comment on constraint gdpr_redactions_table_name_column_name_key on app_private.gdpr_redactions is 'One redaction rule per column (NULLS NOT DISTINCT: also one per whole table, column_name null).';

-- Objects added by the issue-14 and issue-15 migrations (000070–000083).
comment on trigger embeddings_check_source_insert on app.embeddings is
  'AFTER INSERT, per statement: every chunk of a meal log or message names a source row of the same person (app_private.embeddings_check_source, migration 000070); someone else''s row fails exactly like a missing one (23503 embeddings_source_owner), so no chunk key tells a person that another person''s row exists.';
comment on trigger embeddings_check_source_update on app.embeddings is
  'AFTER UPDATE, per statement: the same ownership rule as embeddings_check_source_insert for rows whose source or owner changed.';
comment on trigger cooking_sessions_check_recipe on app.cooking_sessions is
  'AFTER INSERT or UPDATE OF recipe_id: a session may name only a recipe that is or was published; a never-published draft is refused with the foreign key''s own 23503, like a recipe that does not exist (no existence oracle for drafts; migration 000075).';
comment on trigger cooking_sessions_delete_events on app.cooking_sessions is
  'AFTER DELETE, per statement: deletes the deleted sessions'' telemetry in one statement — the ON DELETE CASCADE of the former foreign key, without visiting every partition once per session (migration 000082; the GDPR purge''s speed).';
comment on trigger telemetry_events_check_sessions_insert on app.telemetry_events is
  'AFTER INSERT, per statement: every (session_id, user_id) of the new events is a session of that person, locked FOR KEY SHARE — the check of the former foreign key telemetry_events_session_id_user_id_fkey (migration 000082); 23503 under that name.';
comment on trigger telemetry_events_check_sessions_update on app.telemetry_events is
  'AFTER UPDATE, per statement: the same session-ownership check as telemetry_events_check_sessions_insert.';
comment on index app_private.idx_gdpr_export_files_person is
  'Partial (person_id not null): the purge marks a person''s export files pending deletion and clears person_id (app_private.purge_user_core).';
comment on index app_private.idx_gdpr_export_files_subject is
  '`kitchen-db gdpr audit --files [--user …]`: a person''s file records (by audit subject hash), newest first (app.gdpr_export_file_log).';
comment on index app_private.idx_gdpr_export_files_open is
  'Partial (not yet deleted): the files still to delete (pending deletion, per host) or to expire (written longer ago than the retention: app.gdpr_export_files_expire), by state and age.';
comment on constraint gdpr_export_files_state_path_check on app_private.gdpr_export_files is
  'A file that is not deleted has a path: nothing on disk is ever left without a record the deletion step can find.';
comment on constraint gdpr_export_files_purged_check on app_private.gdpr_export_files is
  'A record deleted because its person was purged no longer names the person (person_id null).';
comment on constraint gdpr_export_files_purged_path_check on app_private.gdpr_export_files is
  'Once a purged person''s file is gone, neither its path (which holds the person''s id) nor its checksum remains.';
