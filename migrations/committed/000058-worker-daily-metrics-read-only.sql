--! Previous: sha1:09156fd5c55f8530dfbeab5587fa79903d50d372
--! Hash: sha1:4a9a12304ede332be1627f0123c50f8f27d41b4e
--! Message: grants: app_worker read-only on daily metrics (the roll-up writes as the owner)

set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- app_worker: read-only on the daily metrics tables.
-- 000011 gave the worker INSERT, UPDATE and DELETE on app.daily_nutrition and app.daily_ai_cost
-- for a roll-up it would write itself. The roll-up became app.refresh_daily_metrics() /
-- app.rebuild_daily_metrics() (000056, SECURITY DEFINER, run as the owner), and no query of the
-- worker writes these tables: the write rights only widen what a compromised or buggy worker can
-- change in every person's daily figures. SELECT stays (operators' checks run as app_worker).
revoke insert, update, delete on app.daily_nutrition, app.daily_ai_cost from app_worker;
