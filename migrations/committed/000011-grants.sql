--! Previous: sha1:e7caad17ea55f6b81220dbfc90b024dc0f02cade
--! Hash: sha1:cd62f762afe7daf0c8e677c05a2a3ca1aa3c688b
--! Message: grants

-- Exactly the privileges each application role needs (row-level security then narrows the rows).
-- Nothing is granted to PUBLIC. app_compliance gets EXECUTE on the GDPR functions only, in the
-- migration that creates them; auth_service gets the auth schema only.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- The person context. Policies call it with the querying role's rights. The foundation granted it
-- to PUBLIC; nothing in app is granted to PUBLIC (static check), so the roles that query get it.
revoke execute on function app.current_user_id() from public;
grant execute on function app.current_user_id() to app_user, app_admin, app_worker;

-- Helpers called inside CHECK constraints and trigger bodies: PostgreSQL checks EXECUTE for the
-- role that writes the row, so every role that writes those tables needs them.
grant execute on function
  app.is_valid_time_zone(text),
  app.nutrition_is_valid(jsonb),
  app.recipe_data_is_valid(jsonb),
  app.recipe_data_problems(jsonb),
  app.is_semver(text),
  app.semver_sort_key(text),
  app.conversation_title(text)
to app_user, app_admin, app_worker;

-- app_user: a signed-in person, through row-level security --------------------------------------
grant select on app.users to app_user;
grant update (name, time_zone) on app.users to app_user;              -- profile only: not role, tier, e-mail or is_active
grant select, insert, update on app.user_preferences to app_user;
grant select, insert, update, delete on app.user_goals to app_user;
grant select, insert, update, delete on app.push_tokens to app_user;
grant select, insert, update on app.meal_logs to app_user;             -- no DELETE: meal logs are soft-deleted; the GDPR purge is the only hard delete
grant select, insert, update, delete on app.meal_foods to app_user;
grant select, insert, update, delete on app.conversations to app_user;
grant select, insert, delete on app.messages to app_user;              -- messages are not edited
grant select, insert, update, delete on app.embeddings to app_user;    -- DELETE also for trigger delete_embeddings
grant select, insert on app.api_usage to app_user;
grant select on app.daily_nutrition, app.daily_ai_cost to app_user;    -- kept up to date by the worker
grant select on app.recipes, app.recipe_tombstones, app.firmware_releases to app_user;
grant select, insert, update on app.appliances to app_user;            -- pairing ends with unpaired_at, never DELETE
grant select, insert, update on app.cooking_sessions to app_user;
grant select, insert on app.telemetry_events to app_user;
grant usage on sequence app.telemetry_events_id_seq to app_user;
grant execute on function app.recipe_sync_lock() to app_user;

-- app_admin: the admin portal — recipes, firmware, the knowledge base; everything else read-only -
grant select on all tables in schema app to app_admin;
grant insert, update, delete on app.recipes, app.firmware_releases to app_admin;
grant insert, update, delete on app.embeddings to app_admin;           -- knowledge-base rows only (policy admin_knowledge)
grant execute on function app.recipe_sync_lock() to app_admin;

-- app_worker: the job worker -------------------------------------------------------------------
grant select on app.users, app.meal_logs, app.meal_foods, app.conversations, app.messages,
  app.recipes, app.appliances, app.push_tokens, app.api_usage, app.user_preferences
  to app_worker;
grant select, insert, update, delete on app.embeddings, app.daily_nutrition, app.daily_ai_cost to app_worker;
grant insert on app.api_usage to app_worker;                            -- the embed job records its own API calls
grant update (status) on app.appliances to app_worker;                  -- offline sweep
grant delete on app.push_tokens to app_worker;                          -- stale-token cleanup

-- auth_service: Better-Auth, the auth schema only ----------------------------------------------
grant select, insert, update, delete on all tables in schema auth to auth_service;
