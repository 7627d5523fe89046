import { describe, expect, test } from 'vitest';
import { RpcSession } from '../../electron/transport/rpcSession.js';
import type { LabEvent } from '../../shared/contract.js';
import { ErrorCode } from '../../shared/rpcError.js';
import { labPerTest } from '../support/labHarness.js';

const newLab = labPerTest();

describe('queues between real processes', () => {
  test('scenario queue: the writer puts A, B, C; the reader gets them in order; every put and get is an event with the depth', async () => {
    const harness = newLab();
    const { lab } = harness;
    const { runId } = await lab.handlers['scenarios.run']({ id: 'queue', params: { maxPauseMs: 150 } });
    const [readerPid, writerPid] = lab.scenarios.list().runs.find((run) => run.runId === runId)?.pids ?? [];
    await harness.waitFor('scenario.stopped', (e: LabEvent<'scenario.stopped'>) => e.data.runId === runId);

    const puts = harness.events.filter((e): e is LabEvent<'queue.put'> => e.type === 'queue.put');
    const gets = harness.events.filter((e): e is LabEvent<'queue.got'> => e.type === 'queue.got');
    expect(puts.map((e) => [e.data.by, e.data.preview])).toEqual([[writerPid, '"A"'], [writerPid, '"B"'], [writerPid, '"C"']]);
    expect(gets.map((e) => [e.data.by, e.data.preview])).toEqual([[readerPid, '"A"'], [readerPid, '"B"'], [readerPid, '"C"']]);
    for (const event of [...puts, ...gets]) expect(event.data.depth).toBeGreaterThanOrEqual(0);
    // The record reads as it happened: each item is put before it is got, even when handed straight to a waiting reader.
    for (const item of ['"A"', '"B"', '"C"']) {
      const put = puts.find((e) => e.data.preview === item) as LabEvent<'queue.put'>;
      const got = gets.find((e) => e.data.preview === item) as LabEvent<'queue.got'>;
      expect(put.seq).toBeLessThan(got.seq);
    }
    expect(harness.events.some((e) => e.type === 'queue.waiting' && e.data.by === readerPid)).toBe(true);
    const { lines } = await lab.handlers['processes.output']({ pid: readerPid as number });
    expect(lines.map((line) => line.text)).toEqual(['got "A"', 'got "B"', 'got "C"']);
    // The run closed its queue when it ended.
    expect((await lab.handlers['queues.list']({})).queues).toEqual([]);
  });

  test('the Queue API over the protocol: put, get, qsize, empty, full, nowait and timeouts', async () => {
    const harness = newLab();
    const session = new RpcSession(harness.lab, () => true);
    const call = async (method: string, params: Record<string, unknown>) => session.call(method, params);
    const created = await call('queues.create', { maxsize: 2 });
    if (!created.ok) throw new Error(created.error.message);
    const { queueId } = created.result as { queueId: string };
    expect(await call('queues.empty', { queueId })).toEqual({ ok: true, result: { queueId, empty: true } });
    await call('queues.put', { queueId, item: { n: 1 } });
    await call('queues.putNowait', { queueId, item: [2] });
    expect(await call('queues.full', { queueId })).toEqual({ ok: true, result: { queueId, full: true } });
    expect(await call('queues.putNowait', { queueId, item: 3 })).toMatchObject({ ok: false, error: { code: ErrorCode.QueueFull, data: { exception: 'Full' } } });
    expect(await call('queues.put', { queueId, item: 3, timeout: 0.05 })).toMatchObject({ ok: false, error: { code: ErrorCode.QueueFull } });
    expect(await call('queues.qsize', { queueId })).toEqual({ ok: true, result: { queueId, qsize: 2 } });
    expect(await call('queues.get', { queueId })).toEqual({ ok: true, result: { queueId, item: { n: 1 }, qsize: 1 } });
    expect(await call('queues.getNowait', { queueId })).toEqual({ ok: true, result: { queueId, item: [2], qsize: 0 } });
    const empty = await call('queues.get', { queueId, block: true, timeout: 0.05 });
    expect(empty).toMatchObject({ ok: false, error: { code: ErrorCode.QueueEmpty } });
    if (!empty.ok) expect(empty.error.message).toBe(`queue.Empty: ${queueId} has no items (get(timeout=0.05))`);
    await harness.waitFor('queue.raised', (e) => e.data.op === 'get');
    expect(harness.events.filter((e) => e.type === 'queue.raised').map((e) => e.data.exception)).toEqual(['Full', 'Full', 'Empty']);
  });

  test.each([
    ['an unknown queue', 'queues.get', { queueId: 'queue-99' }, ErrorCode.NotFound],
    ['a negative timeout', 'queues.get', { queueId: 'queue-1', timeout: -1 }, ErrorCode.InvalidParams],
    ['an item that is not JSON', 'queues.put', { queueId: 'queue-1', item: undefined }, ErrorCode.InvalidParams],
  ])('refuses %s', async (_case, method, params, code) => {
    const harness = newLab();
    const session = new RpcSession(harness.lab, () => true);
    await session.call('queues.create', {});
    expect(await session.call(method, params)).toMatchObject({ ok: false, error: { code } });
  });

  test('refuses an item over 64 KiB', async () => {
    const harness = newLab();
    const session = new RpcSession(harness.lab, () => true);
    await session.call('queues.create', {});
    const reply = await session.call('queues.put', { queueId: 'queue-1', item: 'x'.repeat(70_000) });
    expect(reply).toMatchObject({ ok: false, error: { code: ErrorCode.InvalidParams } });
    if (!reply.ok) expect(reply.error.message).toMatch(/exceeds the 65536-byte limit/);
  });
});

describe('robustness', () => {
  test('a queue a client closed does not keep its scenario from stopping', async () => {
    const harness = newLab();
    const { lab } = harness;
    const { runId } = await lab.handlers['scenarios.run']({ id: 'queue', params: { maxPauseMs: 5000 } });
    const { queues } = await lab.handlers['queues.list']({});
    await lab.handlers['queues.close']({ queueId: queues[0]?.queueId as string });
    await lab.handlers['scenarios.stop']({ runId });
    const stopped = await harness.waitFor('scenario.stopped', (e) => e.data.runId === runId);
    expect(stopped.data.reason).toBe('stopped');
    expect(lab.scenarios.list().runs.find((run) => run.runId === runId)?.running).toBe(false);
  });

  test('a client blocked in get() is called off when it goes away; the next item is not lost to it', async () => {
    const harness = newLab();
    const { queueId } = await harness.lab.handlers['queues.create']({ maxsize: 0 });
    const leaving = new RpcSession(harness.lab, () => true);
    const blocked = leaving.call('queues.get', { queueId });
    await harness.waitFor('queue.waiting', (e) => e.data.queueId === queueId);
    leaving.close(); // its socket closed
    expect(await blocked).toMatchObject({ ok: false, error: { message: expect.stringMatching(/went away/) } });
    await harness.lab.handlers['queues.put']({ queueId, item: 'kept', block: true });
    expect(await harness.lab.handlers['queues.getNowait']({ queueId })).toMatchObject({ item: 'kept' });
  });
});
