import { describe, expect, test } from 'vitest';
import { LabQueue, QUEUE_CAP } from '../../../electron/lab/queues/labQueue.js';
import { ErrorCode, RpcError } from '../../../shared/rpcError.js';

const block = { block: true };
const noBlock = { block: false };
const codeOf = (promise: Promise<unknown>): Promise<number | undefined> =>
  promise.then(
    () => undefined,
    (error: unknown) => (error instanceof RpcError ? error.code : undefined),
  );

describe('LabQueue, as multiprocessing.Queue', () => {
  test('is first in, first out, and reports qsize, empty and full', async () => {
    const queue = new LabQueue('q', 'q', 2);
    expect([queue.qsize(), queue.empty(), queue.full()]).toEqual([0, true, false]);
    await queue.put('A', block);
    await queue.put('B', block);
    expect([queue.qsize(), queue.empty(), queue.full()]).toEqual([2, false, true]);
    expect(await queue.get(block)).toBe('A');
    expect(await queue.get(block)).toBe('B');
  });

  test('get_nowait on an empty queue raises Empty; put_nowait on a full one raises Full', async () => {
    const queue = new LabQueue('q', 'q', 1);
    expect(await codeOf(queue.get(noBlock))).toBe(ErrorCode.QueueEmpty);
    await queue.put(1, noBlock);
    expect(await codeOf(queue.put(2, noBlock))).toBe(ErrorCode.QueueFull);
  });

  test('a blocking get waits for the next put, and says it waited', async () => {
    const queue = new LabQueue('q', 'q', 0);
    let waited = false;
    const got = queue.get(block, () => (waited = true));
    expect(waited).toBe(true);
    await queue.put('late', block);
    expect(await got).toBe('late');
  });

  test('whenGetWaits settles when a get blocks, not before, and at once while one waits', async () => {
    const queue = new LabQueue('q', 'q', 0);
    let told = false;
    const waits = queue.whenGetWaits().then(() => (told = true));
    await queue.put('there', block);
    expect(await queue.get(block)).toBe('there');
    await Promise.resolve();
    expect(told).toBe(false);
    const got = queue.get(block);
    await waits;
    expect(told).toBe(true);
    await queue.whenGetWaits();
    await queue.put('late', block);
    expect(await got).toBe('late');
  });

  test('a blocking put on a full queue waits for a get', async () => {
    const queue = new LabQueue('q', 'q', 1);
    await queue.put('first', block);
    const second = queue.put('second', block);
    expect(queue.waitingPuts).toBe(1);
    expect(await queue.get(block)).toBe('first');
    await second;
    expect(await queue.get(block)).toBe('second');
  });

  test('timeouts raise Empty and Full and leave the line', async () => {
    const queue = new LabQueue('q', 'q', 1);
    expect(await codeOf(queue.get({ block: true, timeout: 0.02 }))).toBe(ErrorCode.QueueEmpty);
    expect(queue.waitingGets).toBe(0);
    await queue.put('x', block);
    expect(await codeOf(queue.put('y', { block: true, timeout: 0.02 }))).toBe(ErrorCode.QueueFull);
    expect(queue.waitingPuts).toBe(0);
  });

  test('blocked getters are served in the order they came', async () => {
    const queue = new LabQueue('q', 'q', 0);
    const first = queue.get(block);
    const second = queue.get(block);
    await queue.put(1, block);
    await queue.put(2, block);
    expect([await first, await second]).toEqual([1, 2]);
  });

  test('maxsize ≤ 0 is unbounded as Python says, but the lab still caps it', () => {
    expect(new LabQueue('q', 'q', 0).capacity).toBe(QUEUE_CAP);
    expect(new LabQueue('q', 'q', -5).capacity).toBe(QUEUE_CAP);
    expect(new LabQueue('q', 'q', 3).capacity).toBe(3);
  });

  test('closing wakes every blocked caller with an error', async () => {
    const queue = new LabQueue('q', 'my queue', 0);
    const waiting = queue.get(block);
    queue.close('gone');
    await expect(waiting).rejects.toThrow('my queue was closed: gone');
  });
});

describe('LabQueue hand-offs', () => {
  test('a waiting getter gets the item even when a get_nowait comes in between', async () => {
    const queue = new LabQueue('q', 'q', 1);
    const waiting = queue.get(block);
    await queue.put('owed', block);
    expect(await codeOf(queue.get(noBlock))).toBe(ErrorCode.QueueEmpty);
    expect(await waiting).toBe('owed');
  });

  test('a waiting putter’s item goes in as soon as there is room, so a put_nowait cannot overfill', async () => {
    const queue = new LabQueue('q', 'q', 1);
    await queue.put('first', block);
    const waiting = queue.put('second', block);
    expect(await queue.get(block)).toBe('first');
    expect(await codeOf(queue.put('third', noBlock))).toBe(ErrorCode.QueueFull);
    await waiting;
    expect(queue.qsize()).toBe(1);
  });

  test('a caller that goes away stops waiting, and the next item goes to whoever still waits', async () => {
    const queue = new LabQueue('q', 'q', 0);
    const leaving = new AbortController();
    const gone = queue.get({ block: true, signal: leaving.signal });
    const staying = queue.get(block);
    leaving.abort();
    await expect(gone).rejects.toThrow(/went away/);
    await queue.put('for the one who stayed', block);
    expect(await staying).toBe('for the one who stayed');
  });

  test('refuses more blocked callers than its cap', async () => {
    const { MAX_WAITERS } = await import('../../../electron/lab/queues/labQueue.js');
    const queue = new LabQueue('q', 'q', 0);
    const leaving = new AbortController();
    const waiting = Array.from({ length: MAX_WAITERS }, () => queue.get({ block: true, signal: leaving.signal }).catch(() => 'left'));
    expect(await codeOf(queue.get(block))).toBe(ErrorCode.LimitReached);
    leaving.abort();
    expect(new Set(await Promise.all(waiting))).toEqual(new Set(['left']));
  });
});
