import { describe, expect, it } from 'vitest';
import { describeEvent, exitSummary } from '../../../renderer/model/eventText.js';
import { event, labRow } from './fixtures.js';

describe('describeEvent', () => {
  it('says the lifecycle events in words, with how the lab knows', () => {
    expect(describeEvent(event('process.spawned', { row: labRow(200, 100) }))).toMatchObject({ label: 'spawned', source: 'observed' });
    expect(describeEvent(event('process.stateChanged', { pid: 200, from: 'S', to: 'T' }))).toMatchObject({
      label: 'S → T',
      detail: '/proc/<pid>/stat: sleeping → stopped.',
    });
    expect(describeEvent(event('process.reparented', { pid: 200, from: 150, to: 1, toName: 'init' })).detail).toBe(
      'Its parent 150 exited: ppid is now 1 (init), which adopted it.',
    );
    expect(describeEvent(event('scenario.step', { runId: 'r', text: 'wrote a byte', pid: null }))).toMatchObject({ label: 'wrote a byte', source: 'inferred' });
  });

  it('says a queue’s calls with who made them and the depth after, marked inferred', () => {
    expect(describeEvent(event('queue.put', { queueId: 'queue-1', by: 301, preview: '"A"', depth: 1 }))).toEqual({
      label: 'put "A" → depth 1',
      detail: 'pid 301 put "A" into queue-1; it now holds 1.',
      source: 'inferred',
    });
    expect(describeEvent(event('queue.got', { queueId: 'queue-1', by: null, preview: '2', depth: 0 })).detail).toBe('A protocol client got 2 from queue-1; it now holds 0.');
    expect(describeEvent(event('queue.waiting', { queueId: 'queue-1', op: 'put', by: 5, depth: 3 }))).toMatchObject({ label: 'waits to put', detail: 'pid 5 blocks in put() on queue-1: it is full at 3.' });
    expect(describeEvent(event('queue.raised', { queueId: 'queue-1', op: 'get', by: null, exception: 'Empty' })).label).toBe('get raised queue.Empty');
    expect(describeEvent(event('queue.created', { queueId: 'queue-2', name: 'jobs', maxsize: 0, cap: 10_000 })).detail).toBe(
      "Queue 'jobs' (queue-2) made: unbounded (the lab caps it at 10000 items).",
    );
  });

  it('says a pool’s tasks by id, with how each ended and on which worker', () => {
    const finished = (status: 'done' | 'failed' | 'cancelled', durationMs: number | null, error: string | null, workerPid: number | null = 302) =>
      describeEvent(event('pool.taskFinished', { poolId: 'pool-1', taskId: 'pool-1-task-3', workerPid, status, durationMs, error }));
    expect(finished('done', 812, null)).toEqual({ label: 'task pool-1-task-3 done in 812 ms', detail: 'pool-1-task-3 done in 812 ms on worker pid 302.', source: 'inferred' });
    expect(finished('failed', 5, 'boom').label).toBe('task pool-1-task-3 failed: boom');
    expect(finished('cancelled', null, null, null).detail).toBe('pool-1-task-3 cancelled before any worker took it.');
    expect(describeEvent(event('pool.taskStarted', { poolId: 'pool-1', taskId: 'pool-1-task-3', workerPid: 302 })).label).toBe('task pool-1-task-3 started');
    expect(describeEvent(event('pool.created', { poolId: 'pool-1', size: 3, workers: [1, 2, 3] })).label).toBe('Pool(3) created');
    expect(describeEvent(event('pool.stateChanged', { poolId: 'pool-1', state: 'joined' })).detail).toBe('pool-1 joined: every worker has exited.');
  });

  it('names any other event by its type and its scalar fields', () => {
    const text = describeEvent(event('future.thing' as never, { poolId: 'p', taskId: 3, workerPid: 9, durationMs: 12, result: { big: true } } as never));
    expect(text).toEqual({ label: 'future.thing', detail: 'future.thing: poolId="p" taskId=3 workerPid=9 durationMs=12', source: null });
  });
});

describe('exitSummary', () => {
  it('reads as join reports it', () => {
    expect(exitSummary({ code: null, signal: 'SIGKILL', exitcode: -9, at: 1 })).toBe('killed SIGKILL, exitcode -9');
    expect(exitSummary({ code: 3, signal: null, exitcode: 3, at: 1 })).toBe('exited 3, exitcode 3');
  });
});
