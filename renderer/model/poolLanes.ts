import type { PoolInfo, PoolTask } from '../../shared/schemas/pool.js';

export interface PoolProgress {
  done: number;
  failed: number;
  cancelled: number;
  running: number;
  queued: number;
  /** Every task apply_async took, including those no longer listed (all finished). */
  total: number;
  /** done + failed + cancelled: what the progress bar fills. */
  finished: number;
}

/** How far a pool has got through what it was given; tasks the lab stopped listing were finished ones. */
export function poolProgress(pool: PoolInfo): PoolProgress {
  const counts: Record<PoolTask['status'], number> = { done: 0, failed: 0, cancelled: 0, running: 0, queued: 0 };
  for (const task of pool.tasks) counts[task.status]++;
  const finished = counts.done + counts.failed + counts.cancelled + pool.droppedTasks;
  return { ...counts, total: finished + counts.running + counts.queued, finished };
}

/** One task on a worker's lane: from when the worker took it to when it finished (null: still running). */
export interface TaskBar {
  taskId: string;
  /** The id without its pool's prefix (task-3), to fit inside a bar. */
  shortId: string;
  task: string;
  kwargs: string;
  status: PoolTask['status'];
  from: number;
  to: number | null;
  error: string | null;
}

export interface WorkerLane {
  pid: number;
  bars: TaskBar[];
}

/** kwargs as the apply_async form takes them: seconds=1.37, n=3. */
export const kwargsText = (kwargs: Record<string, unknown>): string =>
  Object.entries(kwargs)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');

/** A task's id without its pool's prefix (pool-1-task-3 → task-3): the card already says which pool. */
export const shortTaskId = (poolId: string, taskId: string): string => (taskId.startsWith(`${poolId}-`) ? taskId.slice(poolId.length + 1) : taskId);

function barOf(pool: PoolInfo, task: PoolTask, from: number): TaskBar {
  const { taskId, status, finishedAt, error } = task;
  return { taskId, shortId: shortTaskId(pool.poolId, taskId), task: task.task, kwargs: kwargsText(task.kwargs), status, from, to: finishedAt, error };
}

/**
 * A lane per worker, in the pool's order, holding every task that worker took, in the order it
 * took them: ten tasks on three reused pids read as three lanes of bars.
 */
export function workerLanes(pool: PoolInfo): WorkerLane[] {
  const lanes = new Map<number, TaskBar[]>(pool.workers.map((pid) => [pid, []]));
  for (const task of pool.tasks) {
    if (task.workerPid === null || task.startedAt === null) continue;
    lanes.get(task.workerPid)?.push(barOf(pool, task, task.startedAt));
  }
  return [...lanes].map(([pid, bars]) => ({ pid, bars: bars.sort((a, b) => a.from - b.from) }));
}

/** Tasks still waiting for an idle worker, first in line first. */
export function waitingTasks(pool: PoolInfo): PoolTask[] {
  return pool.tasks.filter((task) => task.status === 'queued').sort((a, b) => a.queuedAt - b.queuedAt);
}

/** The stretch of time the lanes cover: from the first task queued to the last finished, or now while any is not. */
export function poolSpan(pool: PoolInfo, now: number): { start: number; end: number } | null {
  if (pool.tasks.length === 0) return null;
  const start = Math.min(...pool.tasks.map((task) => task.queuedAt));
  const open = pool.tasks.some((task) => task.finishedAt === null);
  const end = open ? now : Math.max(...pool.tasks.map((task) => task.finishedAt ?? now));
  return { start, end: Math.max(end, start + 1) };
}
