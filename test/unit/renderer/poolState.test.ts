import { describe, expect, it } from 'vitest';
import { applyPoolEvent, mergePoolList, type PoolsState, withPool } from '../../../renderer/model/poolState.js';
import { event } from './fixtures.js';
import { pool, task } from './poolFixtures.js';

const stateOf = (...pools: ReturnType<typeof pool>[]): PoolsState => new Map(pools.map((p) => [p.poolId, p]));

describe('applyPoolEvent', () => {
  it('follows a pool from its creation through a task’s queueing, start and end, to its join', () => {
    const pools: PoolsState = new Map();
    expect(applyPoolEvent(pools, event('pool.created', { poolId: 'pool-1', size: 3, workers: [301, 302, 303] }, 1, 900))).toBe(true);
    applyPoolEvent(pools, event('pool.taskQueued', { poolId: 'pool-1', taskId: 'pool-1-task-1', task: 'sleep' }, 2, 1_000));
    applyPoolEvent(pools, event('pool.taskStarted', { poolId: 'pool-1', taskId: 'pool-1-task-1', workerPid: 302 }, 3, 1_010));
    const running = pools.get('pool-1');
    applyPoolEvent(pools, event('pool.taskFinished', { poolId: 'pool-1', taskId: 'pool-1-task-1', workerPid: 302, status: 'done', durationMs: 800, error: null }, 4, 1_810));
    applyPoolEvent(pools, event('pool.stateChanged', { poolId: 'pool-1', state: 'closed' }, 5, 1_820));
    applyPoolEvent(pools, event('pool.stateChanged', { poolId: 'pool-1', state: 'joined' }, 6, 1_900));
    expect(pools.get('pool-1')).toMatchObject({ state: 'joined', workers: [301, 302, 303] });
    expect(pools.get('pool-1')?.tasks).toEqual([task(1, { kwargs: {}, status: 'done', workerPid: 302, startedAt: 1_010, finishedAt: 1_810 })]);
    // Values are replaced, not changed: a paused copy keeps what it saw.
    expect(running?.tasks[0]?.status).toBe('running');
  });

  it('never takes a task or a pool back, and ignores what it does not know', () => {
    const pools = stateOf(pool([task(1, { status: 'done', workerPid: 301, startedAt: 1_010, finishedAt: 1_500 })], { state: 'joined' }));
    expect(applyPoolEvent(pools, event('pool.taskStarted', { poolId: 'pool-1', taskId: 'pool-1-task-1', workerPid: 302 }))).toBe(false);
    expect(applyPoolEvent(pools, event('pool.stateChanged', { poolId: 'pool-1', state: 'closed' }))).toBe(false);
    expect(applyPoolEvent(pools, event('pool.taskQueued', { poolId: 'pool-9', taskId: 'pool-9-task-1', task: 'sleep' }))).toBe(false);
    expect(applyPoolEvent(pools, event('queue.closed', { queueId: 'queue-1' }))).toBe(false);
    expect(pools.get('pool-1')?.tasks[0]?.workerPid).toBe(301);
  });

  it('records a task cancelled before any worker took it', () => {
    const pools = stateOf(pool([task(1)]));
    applyPoolEvent(pools, event('pool.taskFinished', { poolId: 'pool-1', taskId: 'pool-1-task-1', workerPid: null, status: 'cancelled', durationMs: null, error: 'the pool was terminated' }, 1, 2_000));
    expect(pools.get('pool-1')?.tasks[0]).toMatchObject({ status: 'cancelled', startedAt: null, finishedAt: 2_000, error: 'the pool was terminated' });
  });
});

describe('mergePoolList', () => {
  it('takes the list’s kwargs, and keeps what events showed that the list did not have yet', () => {
    const known = stateOf(
      pool([task(1, { kwargs: {}, status: 'done', workerPid: 301, startedAt: 1_010, finishedAt: 1_500 }), task(2, { kwargs: {}, queuedAt: 1_600 })], { state: 'closed' }),
    );
    // An answer made before the first task finished and before the second was queued.
    const listed = [pool([task(1, { status: 'running', workerPid: 301, startedAt: 1_010 })])];
    const merged = mergePoolList(known, listed).get('pool-1');
    expect(merged?.state).toBe('closed');
    expect(merged?.tasks.map((t) => [t.taskId, t.status, t.kwargs])).toEqual([
      ['pool-1-task-1', 'done', { seconds: 0.1 }],
      ['pool-1-task-2', 'queued', {}],
    ]);
  });

  it('lets the list move things on, drops tasks it dropped, and forgets joined pools it no longer has', () => {
    const known = stateOf(pool([task(1, { status: 'done', finishedAt: 1_100 }), task(2)]), pool([], { poolId: 'pool-2', state: 'joined' }), pool([], { poolId: 'pool-3' }));
    const listed = [pool([task(2, { queuedAt: 1_000, status: 'running', workerPid: 303, startedAt: 1_200 })], { droppedTasks: 1 })];
    const merged = mergePoolList(known, listed);
    expect([...merged.keys()]).toEqual(['pool-1', 'pool-3']);
    expect(merged.get('pool-1')?.tasks.map((t) => [t.taskId, t.status])).toEqual([['pool-1-task-2', 'running']]);
    expect(merged.get('pool-1')?.droppedTasks).toBe(1);
  });

  it('adds a pool a call just answered', () => {
    const answered = pool([], { poolId: 'pool-4' });
    expect(withPool(new Map(), answered).get('pool-4')).toEqual(answered);
  });
});
