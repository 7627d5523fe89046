import { describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { MAX_UNSENT_BYTES, startWebServer } from '../../electron/transport/webServer.js';
import { MAX_CALLS_IN_FLIGHT } from '../../electron/transport/connectionLimits.js';
import { ErrorCode, RpcError } from '../../shared/rpcError.js';
import { labPerTest } from '../support/labHarness.js';
import { until } from '../support/poll.js';

const newLab = labPerTest();
const refusal = (promise: Promise<unknown>): Promise<RpcError | undefined> =>
  promise.then(
    () => undefined,
    (error: unknown) => (error instanceof RpcError ? error : undefined),
  );

describe('every store has a budget in total, and counts what it refused or dropped', () => {
  test('at the queue budget a put raises Full naming it, while other queues still take and give', async () => {
    const { lab } = newLab({ budgets: { queueBytes: 10_000 } });
    const handlers = lab.handlers;
    const a = (await handlers['queues.create']({ maxsize: 0 })).queueId;
    const b = (await handlers['queues.create']({ maxsize: 0 })).queueId;
    const item = 'x'.repeat(4000);
    await handlers['queues.put']({ queueId: a, item, block: false });
    await handlers['queues.put']({ queueId: a, item, block: false });
    const refused = await refusal(handlers['queues.put']({ queueId: b, item, block: true, timeout: 5 }));
    expect(refused?.code).toBe(ErrorCode.QueueFull);
    expect(refused?.message).toMatch(/queueBudgetBytes/);
    // Small items still fit, and a get from one queue makes room for the other.
    await handlers['queues.put']({ queueId: b, item: 'small', block: false });
    expect((await handlers['queues.get']({ queueId: a, block: false })).item).toBe(item);
    await handlers['queues.put']({ queueId: b, item, block: false });
    const { limits } = await handlers['system.info']({});
    expect(limits.queueBudgetBytes).toBe(10_000);
    expect(limits.usage.refusedQueuePuts).toBe(1);
    expect(limits.usage.queueBytes).toBe(2 * 4002 + 7); // one item left in a; "small" and one item in b
  });

  test('output past the budget drops the oldest lines of the biggest buffer, counted for its process only', async () => {
    const { lab } = newLab({ budgets: { outputChars: 60_000 } });
    const handlers = lab.handlers;
    const pad = 'p'.repeat(1000); // each line is a little over 1,000 characters
    const quiet = (await handlers['processes.spawn']({ task: 'print-loop', args: [], kwargs: { times: 5, intervalMs: 0, pad } })).pid;
    await handlers['processes.join']({ pid: quiet });
    const loud = (await handlers['processes.spawn']({ task: 'print-loop', args: [], kwargs: { times: 200, intervalMs: 0, pad } })).pid;
    await handlers['processes.join']({ pid: loud });

    const loudOutput = await handlers['processes.output']({ pid: loud });
    const printed = loudOutput.lines.filter((line) => line.stream === 'stdout').map((line) => line.text);
    expect(loudOutput.dropped).toBeGreaterThan(0);
    expect(printed.at(-1)).toMatch(/^\[200\/200\]/); // the newest stays, the oldest went
    expect(printed[0]).not.toMatch(/^\[1\/200\]/);
    expect(printed.length + loudOutput.dropped).toBe(200);
    const quietOutput = await handlers['processes.output']({ pid: quiet });
    expect(quietOutput.dropped).toBe(0);
    expect(quietOutput.lines.filter((line) => line.stream === 'stdout')).toHaveLength(5);

    const { limits } = await handlers['system.info']({});
    expect(limits.usage.outputChars).toBeLessThanOrEqual(60_000);
    expect(limits.usage.droppedOutputLines).toBe(loudOutput.dropped);
  });

  test('finished pools are forgotten past keptPools, terminated or closed, joined or not', async () => {
    const { lab } = newLab({ budgets: { keptPools: 0 } });
    const handlers = lab.handlers;
    const terminated = await handlers['pools.create']({ processes: 1 });
    await handlers['pools.terminate']({ poolId: terminated.poolId });
    const closed = await handlers['pools.create']({ processes: 1 });
    await handlers['pools.close']({ poolId: closed.poolId });
    for (const pid of [...terminated.workers, ...closed.workers]) await handlers['processes.join']({ pid });
    const running = await handlers['pools.create']({ processes: 1 });
    const { pools } = await handlers['pools.list']({});
    expect(pools.map((pool) => pool.poolId)).toEqual([running.poolId]);
    expect((await handlers['system.info']({})).limits.usage.forgottenPools).toBe(2);
  });

  test('a client that never reads its socket is cut off past the unsent limit, counted, and others are still served', async () => {
    const { lab } = newLab();
    const server = await startWebServer({ lab, rendererDir: 'out/renderer', port: 0, log: () => {} });
    try {
      // About 500 kB of output, so that each processes.output reply is big.
      const { pid } = await lab.handlers['processes.spawn']({ task: 'print-loop', args: [], kwargs: { times: 500, intervalMs: 0, pad: 'p'.repeat(1000) } });
      await lab.handlers['processes.join']({ pid });
      const deaf = new WebSocket(`ws://127.0.0.1:${server.port}/rpc?token=${server.token}`);
      await new Promise((resolve, reject) => deaf.once('open', resolve).once('error', reject));
      deaf.on('error', () => {});
      deaf.pause(); // it sends, and never reads what comes back
      const calls = Math.ceil((2 * MAX_UNSENT_BYTES) / 500_000);
      for (let id = 1; id <= calls; id++) deaf.send(JSON.stringify({ jsonrpc: '2.0', id, method: 'processes.output', params: { pid } }));
      await until('the deaf client to be cut off', () => server.counts.closedUnread === 1, 30_000);

      const other = new WebSocket(`ws://127.0.0.1:${server.port}/rpc?token=${server.token}`);
      await new Promise((resolve, reject) => other.once('open', resolve).once('error', reject));
      const reply = new Promise<{ result?: { mainPid: number } }>((resolve) => other.once('message', (data) => resolve(JSON.parse(String(data)))));
      other.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'system.info' }));
      expect((await reply).result?.mainPid).toBe(process.pid);
      other.close();
      deaf.terminate();
    } finally {
      await server.close();
    }
  });

  test(`a client flooding calls gets LimitReached past ${MAX_CALLS_IN_FLIGHT} in flight, and the server keeps serving others`, async () => {
    const { lab } = newLab();
    const server = await startWebServer({ lab, rendererDir: 'out/renderer', port: 0, log: () => {} });
    const open = async (): Promise<WebSocket> => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc?token=${server.token}`);
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      return ws;
    };
    try {
      const { queueId } = await lab.handlers['queues.create']({ maxsize: 0 });
      const flooder = await open();
      const answers: { id: number; error?: { code: number; message: string } }[] = [];
      flooder.on('message', (data) => answers.push(JSON.parse(String(data))));
      // Blocking gets on an empty queue stay unanswered: each holds a place in flight.
      const flood = MAX_CALLS_IN_FLIGHT + 44;
      for (let id = 1; id <= flood; id++) flooder.send(JSON.stringify({ jsonrpc: '2.0', id, method: 'queues.get', params: { queueId, block: true } }));
      await until('the refusals past the cap', () => answers.length >= 44);
      expect(answers.slice(0, 44).every((answer) => answer.error?.code === ErrorCode.LimitReached)).toBe(true);
      expect(answers[0]?.error?.message).toMatch(/maxCallsInFlight/);
      expect(server.counts.refusedCalls).toBe(44);

      const other = await open();
      const reply = new Promise<{ result?: { mainPid: number } }>((resolve) => other.once('message', (data) => resolve(JSON.parse(String(data)))));
      other.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'system.info' }));
      expect((await reply).result?.mainPid).toBe(process.pid);
      other.close();
      flooder.close();
    } finally {
      await server.close();
    }
  });
});
