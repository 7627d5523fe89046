import type { PoolInfo, PoolTask } from '../../../shared/schemas/pool.js';

/** A task as pools.list reports one; override what the test is about. */
export function task(n: number, overrides: Partial<PoolTask> = {}, poolId = 'pool-1'): PoolTask {
  return {
    taskId: `${poolId}-task-${n}`,
    task: 'sleep',
    args: [],
    kwargs: { seconds: n / 10 },
    status: 'queued',
    workerPid: null,
    queuedAt: 1_000,
    startedAt: null,
    finishedAt: null,
    error: null,
    ...overrides,
  };
}

export function pool(tasks: PoolTask[] = [], overrides: Partial<PoolInfo> = {}): PoolInfo {
  return { poolId: 'pool-1', size: 3, workers: [301, 302, 303], state: 'running', tasks, droppedTasks: 0, ...overrides };
}
