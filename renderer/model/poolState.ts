import type { LabEvent } from '../../shared/contract.js';
import type { PoolInfo, PoolTask } from '../../shared/schemas/pool.js';

/**
 * The lab's pools as this page knows them, by poolId: pools.list's answer, kept live by the pool.*
 * events in between. PoolInfo and PoolTask values are replaced, never changed, so a shallow copy
 * of the map (Pause) keeps the picture it was taken of.
 */
export type PoolsState = Map<string, PoolInfo>;

/**
 * Both sources only ever move a pool and its tasks forward, but they race: an event batch can
 * arrive after a pools.list answer that already includes it, or before one that does not yet. So
 * whichever says a thing is further along wins, and neither can take a task back.
 */
const POOL_STATE_RANK: Record<PoolInfo['state'], number> = { running: 0, closed: 1, terminated: 2, joined: 3 };
const TASK_STATUS_RANK: Record<PoolTask['status'], number> = { queued: 0, running: 1, done: 2, failed: 2, cancelled: 2 };

const furtherTask = (listed: PoolTask, known: PoolTask | undefined): PoolTask =>
  known && TASK_STATUS_RANK[known.status] > TASK_STATUS_RANK[listed.status] ? { ...listed, ...pickProgress(known) } : listed;

/** What events say about a task (they carry no args or kwargs: those come from the list). */
const pickProgress = ({ status, workerPid, startedAt, finishedAt, error }: PoolTask) => ({ status, workerPid, startedAt, finishedAt, error });

function mergePool(listed: PoolInfo, known: PoolInfo | undefined): PoolInfo {
  if (!known) return listed;
  const knownTasks = new Map(known.tasks.map((task) => [task.taskId, task]));
  const tasks = listed.tasks.map((task) => furtherTask(task, knownTasks.get(task.taskId)));
  // Tasks queued after the list was made are kept; older ones it leaves out are those it dropped.
  const newestListed = Math.max(-Infinity, ...listed.tasks.map((task) => task.queuedAt));
  const listedIds = new Set(listed.tasks.map((task) => task.taskId));
  const later = known.tasks.filter((task) => !listedIds.has(task.taskId) && task.queuedAt > newestListed);
  const state = POOL_STATE_RANK[known.state] > POOL_STATE_RANK[listed.state] ? known.state : listed.state;
  return { ...listed, state, tasks: [...tasks, ...later] };
}

/**
 * pools.list's answer over what events have shown: the list is complete (kwargs, dropped counts),
 * the events may be newer. A pool it leaves out was forgotten by the lab, which forgets only
 * joined pools, or was made after the list was: that one is kept.
 */
export function mergePoolList(current: PoolsState, listed: readonly PoolInfo[]): PoolsState {
  const merged: PoolsState = new Map(listed.map((pool) => [pool.poolId, mergePool(pool, current.get(pool.poolId))]));
  for (const [poolId, pool] of current) if (!merged.has(poolId) && pool.state !== 'joined') merged.set(poolId, pool);
  return merged;
}

/** The state with one pool as a call just answered it (create, close, terminate), merged like a list. */
export function withPool(current: PoolsState, answered: PoolInfo): PoolsState {
  return new Map(current).set(answered.poolId, mergePool(answered, current.get(answered.poolId)));
}

function updateTask(pools: PoolsState, poolId: string, taskId: string, change: (task: PoolTask) => PoolTask): boolean {
  const pool = pools.get(poolId);
  const index = pool?.tasks.findIndex((task) => task.taskId === taskId) ?? -1;
  const task = pool?.tasks[index];
  if (!pool || !task) return false;
  const changed = change(task);
  if (changed === task) return false;
  pools.set(poolId, { ...pool, tasks: pool.tasks.with(index, changed) });
  return true;
}

/** Applies a pool event in place (the store triggers Vue once per batch); returns whether anything changed. */
export function applyPoolEvent(pools: PoolsState, event: LabEvent): boolean {
  switch (event.type) {
    case 'pool.created': {
      const { poolId, size, workers } = event.data;
      if (pools.has(poolId)) return false;
      pools.set(poolId, { poolId, size, workers, state: 'running', tasks: [], droppedTasks: 0 });
      return true;
    }
    case 'pool.taskQueued': {
      const { poolId, taskId, task } = event.data;
      const pool = pools.get(poolId);
      if (!pool || pool.tasks.some((known) => known.taskId === taskId)) return false;
      const queued: PoolTask = { taskId, task, args: [], kwargs: {}, status: 'queued', workerPid: null, queuedAt: event.at, startedAt: null, finishedAt: null, error: null };
      pools.set(poolId, { ...pool, tasks: [...pool.tasks, queued] });
      return true;
    }
    case 'pool.taskStarted': {
      const { workerPid } = event.data;
      return updateTask(pools, event.data.poolId, event.data.taskId, (task) =>
        task.status === 'queued' ? { ...task, status: 'running', workerPid, startedAt: event.at } : task,
      );
    }
    case 'pool.taskFinished': {
      const { status, workerPid, error } = event.data;
      return updateTask(pools, event.data.poolId, event.data.taskId, (task) =>
        TASK_STATUS_RANK[task.status] < TASK_STATUS_RANK[status] ? { ...task, status, workerPid, error, finishedAt: event.at } : task,
      );
    }
    case 'pool.stateChanged': {
      const pool = pools.get(event.data.poolId);
      if (!pool || POOL_STATE_RANK[pool.state] >= POOL_STATE_RANK[event.data.state]) return false;
      pools.set(pool.poolId, { ...pool, state: event.data.state });
      return true;
    }
    default:
      return false;
  }
}
