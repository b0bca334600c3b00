/** Types generated for queries found in "queries/jobs.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

/** 'QueueDepths' parameters type */
export type IQueueDepthsParams = void;

/** 'QueueDepths' return type */
export interface IQueueDepthsResult {
  active: number;
  deferred: number;
  failed: number;
  name: string;
  ready: number;
}

/** 'QueueDepths' query type */
export interface IQueueDepthsQuery {
  params: IQueueDepthsParams;
  result: IQueueDepthsResult;
}

const queueDepthsIR: any = {"usedParamSet":{},"params":[],"statement":"-- The job worker's own queries: what belongs to no area (pg-boss's queue depths). Jobs reach the\n-- areas' tables through the areas' functions (src/areas/*), never with SQL of their own here.\nselect q.name as \"name!\",\n       (count(*) filter (where j.state in ('created', 'retry') and j.start_after <= now()))::integer as \"ready!\",\n       (count(*) filter (where j.state in ('created', 'retry') and j.start_after > now()))::integer as \"deferred!\",\n       (count(*) filter (where j.state = 'active'))::integer as \"active!\",\n       (count(*) filter (where j.state = 'failed'))::integer as \"failed!\"\nfrom pgboss.queue as q\nleft join pgboss.job as j on j.name = q.name and j.state in ('created', 'retry', 'active', 'failed')\ngroup by q.name\norder by q.name"};

/**
 * Query generated from SQL:
 * ```
 * -- The job worker's own queries: what belongs to no area (pg-boss's queue depths). Jobs reach the
 * -- areas' tables through the areas' functions (src/areas/*), never with SQL of their own here.
 * select q.name as "name!",
 *        (count(*) filter (where j.state in ('created', 'retry') and j.start_after <= now()))::integer as "ready!",
 *        (count(*) filter (where j.state in ('created', 'retry') and j.start_after > now()))::integer as "deferred!",
 *        (count(*) filter (where j.state = 'active'))::integer as "active!",
 *        (count(*) filter (where j.state = 'failed'))::integer as "failed!"
 * from pgboss.queue as q
 * left join pgboss.job as j on j.name = q.name and j.state in ('created', 'retry', 'active', 'failed')
 * group by q.name
 * order by q.name
 * ```
 */
export const queueDepths = new PreparedQuery<IQueueDepthsParams,IQueueDepthsResult>(queueDepthsIR);


/** 'DrainJobOutbox' parameters type */
export interface IDrainJobOutboxParams {
  limit: number;
}

/** 'DrainJobOutbox' return type */
export interface IDrainJobOutboxResult {
  moved: number;
}

/** 'DrainJobOutbox' query type */
export interface IDrainJobOutboxQuery {
  params: IDrainJobOutboxParams;
  result: IDrainJobOutboxResult;
}

const drainJobOutboxIR: any = {"usedParamSet":{"limit":true},"params":[{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":319,"b":325}]}],"statement":"-- Moves up to :limit of the oldest app.job_outbox rows into pg-boss (app.drain_job_outbox, 000140):\n-- the jobs the triggers wrote with the changes that caused them. Belongs to no area (like the queue\n-- depths above): it is the worker's own plumbing between the person tables and pg-boss.\nselect app.drain_job_outbox(:limit!::integer) as \"moved!\""};

/**
 * Query generated from SQL:
 * ```
 * -- Moves up to :limit of the oldest app.job_outbox rows into pg-boss (app.drain_job_outbox, 000140):
 * -- the jobs the triggers wrote with the changes that caused them. Belongs to no area (like the queue
 * -- depths above): it is the worker's own plumbing between the person tables and pg-boss.
 * select app.drain_job_outbox(:limit!::integer) as "moved!"
 * ```
 */
export const drainJobOutbox = new PreparedQuery<IDrainJobOutboxParams,IDrainJobOutboxResult>(drainJobOutboxIR);


