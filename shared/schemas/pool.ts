import { z } from 'zod';
import { Pid, TaskArg, Timestamp } from './common.js';

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
