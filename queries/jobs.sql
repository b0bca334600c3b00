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

/* @name DrainJobOutbox */
-- Moves up to :limit of the oldest app.job_outbox rows into pg-boss (app.drain_job_outbox, 000140):
-- the jobs the triggers wrote with the changes that caused them. Belongs to no area (like the queue
-- depths above): it is the worker's own plumbing between the person tables and pg-boss.
select app.drain_job_outbox(:limit!::integer) as "moved!";
