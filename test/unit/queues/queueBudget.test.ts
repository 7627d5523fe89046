import { describe, expect, test } from 'vitest';
import { LabQueue } from '../../../electron/lab/queues/labQueue.js';
import { QueueBudget } from '../../../electron/lab/queues/queueBudget.js';
import { ErrorCode, RpcError } from '../../../shared/rpcError.js';

const errorOf = (promise: Promise<unknown>): Promise<RpcError | undefined> =>
  promise.then(
    () => undefined,
    (error: unknown) => (error instanceof RpcError ? error : undefined),
  );

// Each item below is a 1000-character string: 1002 bytes of JSON.
const item = (tag: string): string => tag.padEnd(1000, '.');

describe('QueueBudget: one byte budget across every queue', () => {
  test('at the budget a put raises Full naming the budget, while a get elsewhere frees room for every queue', async () => {
    const budget = new QueueBudget(3 * 1002);
    const a = new LabQueue('a', 'a', 0, budget);
    const b = new LabQueue('b', 'b', 0, budget);
    await a.put(item('1'), { block: false });
    await a.put(item('2'), { block: false });
    await b.put(item('3'), { block: false });
    const refused = await errorOf(b.put(item('4'), { block: true, timeout: 10 }));
    expect(refused?.code).toBe(ErrorCode.QueueFull);
    expect(refused?.message).toContain('queueBudgetBytes');
    expect(refused?.data).toMatchObject({ exception: 'Full', budget: 'queueBudgetBytes' });
    expect(budget.info()).toEqual({ budgetBytes: 3006, usedBytes: 3006, refusedPuts: 1 });

    expect(await a.get({ block: false })).toBe(item('1'));
    await b.put(item('4'), { block: false });
    expect([a.qsize(), b.qsize()]).toEqual([1, 2]);
  });

  test('a put handed straight to a waiting getter is never charged', async () => {
    const budget = new QueueBudget(10);
    const queue = new LabQueue('q', 'q', 0, budget);
    const got = queue.get({ block: true });
    await queue.put(item('x'), { block: false });
    expect(await got).toBe(item('x'));
    expect(budget.info().usedBytes).toBe(0);
  });

  test('a blocked put holds its charge until it gives up; a closed queue gives back all it held', async () => {
    const budget = new QueueBudget(10 * 1002);
    const queue = new LabQueue('q', 'q', 1, budget);
    await queue.put(item('1'), { block: false });
    const blocked = errorOf(queue.put(item('2'), { block: true, timeout: 0.05 }));
    expect(budget.info().usedBytes).toBe(2004);
    expect((await blocked)?.code).toBe(ErrorCode.QueueFull);
    expect(budget.info().usedBytes).toBe(1002);
    expect((await errorOf(queue.put(item('3'), { block: false })))?.code).toBe(ErrorCode.QueueFull);
    expect(budget.info().usedBytes).toBe(1002);
    queue.close('test');
    expect(budget.info().usedBytes).toBe(0);
  });
});
