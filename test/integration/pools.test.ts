import { describe, expect, test } from 'vitest';
import { RpcSession } from '../../electron/transport/rpcSession.js';
import type { LabEvent } from '../../shared/contract.js';
import { ErrorCode } from '../../shared/rpcError.js';
import { labPerTest } from '../support/labHarness.js';
import { isRunning } from '../support/procfsProbe.js';

const newLab = labPerTest();

describe('pools of real worker processes', () => {
  test('scenario pool: 10 tasks on 3 reused workers, each with its worker, start, end and duration', async () => {
    const harness = newLab();
    const { lab } = harness;
    const { runId } = await lab.handlers['scenarios.run']({ id: 'pool', params: { processes: 3, tasks: 10, maxSeconds: 0.4 } });
    await harness.waitFor('scenario.stopped', (e: LabEvent<'scenario.stopped'>) => e.data.runId === runId);
    const [pool] = (await lab.handlers['pools.list']({})).pools;
    expect(pool?.state).toBe('joined');
    expect(pool?.tasks).toHaveLength(10);
    const workers = new Set(pool?.tasks.map((task) => task.workerPid));
    expect(workers.size).toBeLessThanOrEqual(3);
    for (const pid of workers) expect(pool?.workers).toContain(pid);
    for (const task of pool?.tasks ?? []) {
      expect(task.status).toBe('done');
      expect(task.finishedAt ?? 0).toBeGreaterThanOrEqual(task.startedAt ?? Infinity);
    }
    const finished = harness.events.filter((e): e is LabEvent<'pool.taskFinished'> => e.type === 'pool.taskFinished');
    expect(finished).toHaveLength(10);
    for (const event of finished) expect(event.data.durationMs).toBeGreaterThanOrEqual(0);
    // join() returned because every worker exited: none is left in the kernel's tables.
    expect(pool?.workers.some(isRunning)).toBe(false);
  });

  test('a queue handed to pool workers (the Manager().Queue() case) delivers every item put into it', async () => {
    const harness = newLab();
    const { lab } = harness;
    const { queueId } = await lab.handlers['queues.create']({ maxsize: 0 });
    const { poolId, workers } = await lab.handlers['pools.create']({ processes: 3 });
    for (let i = 0; i < 10; i++) await lab.handlers['pools.applyAsync']({ poolId, task: 'queue-put', args: [], kwargs: { queueId, item: i } });
    await lab.handlers['pools.close']({ poolId });
    expect(await lab.handlers['pools.join']({ poolId })).toEqual({ poolId, joined: true });
    const items: unknown[] = [];
    for (let i = 0; i < 10; i++) items.push((await lab.handlers['queues.getNowait']({ queueId })).item);
    expect(items.sort((a, b) => Number(a) - Number(b))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const putters = new Set(harness.events.filter((e) => e.type === 'queue.put').map((e) => e.data.by));
    for (const pid of putters) expect(workers).toContain(pid);
  });

  test('globals in a reused worker keep counting: the worker is one process across tasks', async () => {
    const harness = newLab();
    const { lab } = harness;
    const { poolId, workers } = await lab.handlers['pools.create']({ processes: 1 });
    for (let i = 0; i < 3; i++) await lab.handlers['pools.applyAsync']({ poolId, task: 'globals', args: [], kwargs: { times: 1 } });
    await lab.handlers['pools.close']({ poolId });
    await lab.handlers['pools.join']({ poolId });
    const { lines } = await lab.handlers['processes.output']({ pid: workers[0] as number });
    expect(lines.filter((line) => line.text.includes('counter')).map((line) => line.text)).toEqual(
      [1, 2, 3].map((n) => `child pid ${workers[0]}: counter = ${n}`),
    );
  });

  test('terminate ends the workers and cancels what has not run', async () => {
    const harness = newLab();
    const { lab } = harness;
    const { poolId, workers } = await lab.handlers['pools.create']({ processes: 2 });
    for (let i = 0; i < 6; i++) await lab.handlers['pools.applyAsync']({ poolId, task: 'sleep', args: [], kwargs: { seconds: 30 } });
    const info = await lab.handlers['pools.terminate']({ poolId });
    expect(info.state).toBe('terminated');
    expect(await lab.handlers['pools.join']({ poolId, timeout: 10 })).toEqual({ poolId, joined: true });
    const { pools } = await lab.handlers['pools.list']({});
    const statuses = pools[0]?.tasks.map((task) => task.status) ?? [];
    // The four that waited and the two that were running: terminate() cancels them all, as the contract says.
    expect(statuses).toEqual(new Array(6).fill('cancelled'));
    expect(workers.some(isRunning)).toBe(false);
  });

  test.each([
    ['a pool of 0 workers', 'pools.create', { processes: 0 }, ErrorCode.InvalidParams, /processes: Too small/],
    ['a pool of 10,000 workers', 'pools.create', { processes: 10_000 }, ErrorCode.InvalidParams, /processes: Too big/],
    ['an unknown pool', 'pools.close', { poolId: 'pool-9' }, ErrorCode.NotFound, /No pool 'pool-9'/],
  ])('refuses %s', async (_case, method, params, code, message) => {
    const harness = newLab();
    const reply = await new RpcSession(harness.lab, () => true).call(method, params);
    expect(reply).toMatchObject({ ok: false, error: { code } });
    if (!reply.ok) expect(reply.error.message).toMatch(message);
  });

  test('refuses join before close, a task that cannot run in a pool, and a pool larger than the cap allows', async () => {
    const harness = newLab({ maxLiveProcesses: 3 });
    const session = new RpcSession(harness.lab, () => true);
    const created = await session.call('pools.create', { processes: 2 });
    const { poolId } = (created.ok ? created.result : {}) as { poolId: string };
    expect(await session.call('pools.join', { poolId })).toMatchObject({ ok: false, error: { code: ErrorCode.Conflict, message: expect.stringMatching(/call close or terminate before join/) } });
    expect(await session.call('pools.applyAsync', { poolId, task: 'exit' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/'exit' cannot run in a pool/) } });
    expect(await session.call('pools.create', { processes: 2 })).toMatchObject({ ok: false, error: { code: ErrorCode.LimitReached } });
  });
});
