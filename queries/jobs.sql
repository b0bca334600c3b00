/* @name QueueDepths */
-- The job worker's own queries: what belongs to no area (pg-boss's queue depths). Jobs reach the
-- areas' tables through the areas' functions (src/areas/*), never with SQL of their own here.
select q.name as "name!",
       (count(*) filter (where j.state in ('created', 'retry') and j.start_after <= now()))::integer as "ready!",
       (count(*) filter (where j.state in ('created', 'retry') and j.start_after > now()))::integer as "deferred!",
       (count(*) filter (where j.state = 'active'))::integer as "active!",
       (count(*) filter (where j.state = 'failed'))::integer as "failed!"
from pgboss.queue as q
left join pgboss.job as j on j.name = q.name and j.state in ('created', 'retry', 'active', 'failed')
group by q.name
order by q.name;
