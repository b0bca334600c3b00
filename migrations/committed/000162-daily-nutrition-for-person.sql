--! Previous: sha1:e848b2202ec3c5b52dadf6135d4064891aff9ed2
--! Hash: sha1:6883259cfa8663d7d01e2021b3a559a7b897c447
--! Message: citus: app.daily_nutrition_vs_goal(person, from, to), the person as a parameter so that Citus routes its statement to one shard

set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Issue 17. app.daily_nutrition_vs_goal(from, to) finds the person with (select
-- app.current_user_id()): evaluated on each shard, Citus cannot prune, so the statement visits every
-- shard. This overload takes the person's id (queries/meals.sql passes :userId, as every person
-- query does) and filters app.users, app.meal_logs and app.user_goals on it. Same body otherwise:
-- made from the two-argument function as the catalog has it when this runs (so a change made to
-- it by an earlier migration is kept), with exactly those three conditions replaced; it stops if
-- one of them is not found. SECURITY INVOKER like the original: row-level security still decides,
-- so another person's id gives days with zeros and no goal, never their meals.
do $$
declare
  def text := pg_catalog.pg_get_functiondef('app.daily_nutrition_vs_goal(date, date)'::pg_catalog.regprocedure);
  r record;
begin
  for r in
    select * from (values
      ('app.daily_nutrition_vs_goal(p_from date, p_to date)', 'app.daily_nutrition_vs_goal(p_user_id uuid, p_from date, p_to date)'),
      ('where u.id = (select app.current_user_id())', 'where u.id = p_user_id'),
      ('on m.user_id = me.id', 'on m.user_id = p_user_id'),
      ('on g.user_id = me.id', 'on g.user_id = p_user_id')) as v (old, new)
  loop
    if (pg_catalog.length(def) - pg_catalog.length(pg_catalog.replace(def, r.old, ''))) / pg_catalog.length(r.old) <> 1 then
      raise exception 'kitchen-db: app.daily_nutrition_vs_goal(date, date) does not contain % exactly once; write the overload by hand', r.old;
    end if;
    def := pg_catalog.replace(def, r.old, r.new);
  end loop;
  if def ~ 'current_user_id' then
    raise exception 'kitchen-db: app.daily_nutrition_vs_goal(date, date) still reads app.current_user_id() after the rewrite';
  end if;
  execute def;
end
$$;
comment on function app.daily_nutrition_vs_goal(uuid, date, date) is
  'app.daily_nutrition_vs_goal(from, to) for the person p_user_id given as a parameter (the person''s id of the transaction, passed by the meals area), so that on Citus the statement is routed to the person''s one shard. Daily nutrition for every calendar day from p_from to p_to inclusive (at most 367 days) in the person''s time zone, next to the targets of the active goal. SECURITY INVOKER: row-level security applies, so an id that is not the transaction''s person gives no meals and no goal.';
revoke execute on function app.daily_nutrition_vs_goal(uuid, date, date) from public;
grant execute on function app.daily_nutrition_vs_goal(uuid, date, date) to app_user;
