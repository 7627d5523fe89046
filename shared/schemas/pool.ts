import { z } from 'zod';
import { NoParams, Pid, TaskArg, Timestamp } from './common.js';
import { type EventSpec, method, type MethodSpec } from './define.js';

export const PoolTaskStatus = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);

export const PoolTask = z
  .object({
    taskId: z.string(),
    task: z.string(),
    args: z.array(TaskArg),
    kwargs: z.record(z.string(), z.unknown()),
    status: PoolTaskStatus,
    /** The worker that ran it, the app's own record of its dispatch. */
    workerPid: Pid.nullable(),
    queuedAt: Timestamp,
    startedAt: Timestamp.nullable(),
    finishedAt: Timestamp.nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'PoolTask' });
export type PoolTask = z.infer<typeof PoolTask>;

export const PoolInfo = z
  .object({
    poolId: z.string(),
    size: z.number().int().positive(),
    workers: z.array(Pid),
    state: z.enum(['running', 'closed', 'terminated', 'joined']),
    tasks: z.array(PoolTask),
    /** Finished tasks no longer listed (the list keeps the newest 1,000). */
    droppedTasks: z.number().int().nonnegative(),
  })
  .meta({ id: 'PoolInfo' });
export type PoolInfo = z.infer<typeof PoolInfo>;

const PoolId = z.string().min(1).max(64);
const PoolParams = z.object({ poolId: PoolId }).strict();

export const poolMethods = {
  'pools.create': method({
    doc: 'Start a pool of worker processes, as multiprocessing.Pool(processes): 1 to 64, within the cap on live processes.',
    params: z.object({ processes: z.number().int().min(1).max(64) }).strict(),
    result: PoolInfo,
  }),
  'pools.applyAsync': method({
    doc: 'Queue a task for the next idle worker; only tasks that return can run in a pool (not exit or crash). Returns at once.',
    params: z.object({ poolId: PoolId, task: z.string().min(1).max(64), args: z.array(TaskArg).max(32).default([]), kwargs: z.record(z.string(), z.unknown()).default({}) }).strict(),
    result: z.object({ poolId: PoolId, taskId: z.string() }),
  }),
  'pools.close': method({ doc: 'Take no more tasks; the workers exit once the queued ones are done.', params: PoolParams, result: PoolInfo }),
  'pools.terminate': method({ doc: 'End the workers now (SIGTERM); queued and running tasks are cancelled.', params: PoolParams, result: PoolInfo }),
  'pools.join': method({
    doc: 'After close or terminate: wait until every worker has exited, or until `timeout` seconds pass, and say which.',
    params: z.object({ poolId: PoolId, timeout: z.number().min(0).max(3600).optional() }).strict(),
    result: z.object({ poolId: PoolId, joined: z.boolean() }),
  }),
  'pools.list': method({ doc: 'Every pool, with its workers and which worker ran each task, when, for how long.', params: NoParams, result: z.object({ pools: z.array(PoolInfo) }) }),
} as const satisfies Record<string, MethodSpec>;

export const poolEvents = {
  'pool.created': {
    stream: 'processes',
    source: 'inferred',
    doc: 'A pool started its worker processes.',
    data: z.object({ poolId: z.string(), size: z.number().int(), workers: z.array(Pid) }),
  },
  'pool.taskQueued': {
    stream: 'processes',
    source: 'inferred',
    doc: 'apply_async queued a task; it waits for an idle worker.',
    data: z.object({ poolId: z.string(), taskId: z.string(), task: z.string() }),
  },
  'pool.taskStarted': {
    stream: 'processes',
    source: 'inferred',
    doc: 'The pool handed a task to a worker.',
    data: z.object({ poolId: z.string(), taskId: z.string(), workerPid: Pid }),
  },
  'pool.taskFinished': {
    stream: 'processes',
    source: 'inferred',
    doc: 'A worker finished a task (ok), raised (failed), or the task was cancelled by terminate.',
    data: z.object({
      poolId: z.string(),
      taskId: z.string(),
      workerPid: Pid.nullable(),
      status: z.enum(['done', 'failed', 'cancelled']),
      durationMs: z.number().nonnegative().nullable(),
      error: z.string().nullable(),
    }),
  },
  'pool.stateChanged': {
    stream: 'processes',
    source: 'inferred',
    doc: 'The pool was closed (no new tasks), terminated (workers killed), or joined (every worker has exited).',
    data: z.object({ poolId: z.string(), state: z.enum(['closed', 'terminated', 'joined']) }),
  },
} as const satisfies Record<string, EventSpec>;
