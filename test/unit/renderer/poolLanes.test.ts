import { describe, expect, it } from 'vitest';
import { kwargsText, poolProgress, poolSpan, waitingTasks, workerLanes } from '../../../renderer/model/poolLanes.js';
import { pool, task } from './poolFixtures.js';

/** The pool scenario's picture: ten sleeps on three workers, each worker taking the next when it is free. */
function tenOnThree() {
  const tasks = [];
  const free = new Map([[301, 1_000], [302, 1_000], [303, 1_000]]);
  for (let n = 1; n <= 10; n++) {
    const [pid, at] = [...free].sort((a, b) => a[1] - b[1])[0] as [number, number];
    const finishedAt = at + 100 * n;
    tasks.push(task(n, { status: 'done', workerPid: pid, startedAt: at, finishedAt }));
    free.set(pid, finishedAt);
  }
  return pool(tasks, { state: 'joined' });
}

describe('poolProgress', () => {
  it('counts every status, and the tasks the lab no longer lists as finished', () => {
    const progress = poolProgress(
      pool([task(1, { status: 'done' }), task(2, { status: 'failed' }), task(3, { status: 'cancelled' }), task(4, { status: 'running' }), task(5), task(6)], { droppedTasks: 4 }),
    );
    expect(progress).toEqual({ done: 1, failed: 1, cancelled: 1, running: 1, queued: 2, finished: 7, total: 10 });
    expect(poolProgress(tenOnThree())).toMatchObject({ finished: 10, total: 10 });
  });
});

describe('workerLanes', () => {
  it('gives each worker a lane, in the pool’s order, with the tasks it took in the order it took them', () => {
    const lanes = workerLanes(tenOnThree());
    expect(lanes.map((lane) => lane.pid)).toEqual([301, 302, 303]);
    expect(lanes.flatMap((lane) => lane.bars)).toHaveLength(10);
    for (const lane of lanes) expect(lane.bars.map((bar) => bar.from)).toEqual([...lane.bars.map((bar) => bar.from)].sort((a, b) => a - b));
    expect(lanes[0]?.bars[0]).toEqual({ taskId: 'pool-1-task-1', shortId: 'task-1', task: 'sleep', kwargs: 'seconds=0.1', status: 'done', from: 1_000, to: 1_100, error: null });
  });

  it('draws a running task open-ended, and leaves out those no worker took', () => {
    const lanes = workerLanes(pool([task(1, { status: 'running', workerPid: 303, startedAt: 1_200 }), task(2), task(3, { status: 'cancelled', finishedAt: 1_300 })]));
    expect(lanes.map((lane) => lane.bars.map((bar) => [bar.taskId, bar.to]))).toEqual([[], [], [['pool-1-task-1', null]]]);
  });
});

describe('waitingTasks and poolSpan', () => {
  it('list the queued tasks first in line first', () => {
    expect(waitingTasks(pool([task(2, { queuedAt: 1_200 }), task(1, { queuedAt: 1_100 }), task(3, { status: 'done' })])).map((t) => t.taskId)).toEqual([
      'pool-1-task-1',
      'pool-1-task-2',
    ]);
  });

  it('span from the first task queued to the last finished, or to now while any is not', () => {
    expect(poolSpan(tenOnThree(), 99_999)).toEqual({ start: 1_000, end: Math.max(...tenOnThree().tasks.map((t) => t.finishedAt ?? 0)) });
    expect(poolSpan(pool([task(1, { queuedAt: 500 })]), 2_000)).toEqual({ start: 500, end: 2_000 });
    expect(poolSpan(pool(), 2_000)).toBeNull();
  });
});

describe('kwargsText', () => {
  it('reads as the apply_async form takes kwargs', () => {
    expect(kwargsText({ seconds: 1.5, name: 'x', on: true, list: [1] })).toBe('seconds=1.5, name=x, on=true, list=[1]');
  });
});
