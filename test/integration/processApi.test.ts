import { describe, expect, test } from 'vitest';
import { RpcSession } from '../../electron/transport/rpcSession.js';
import { ErrorCode } from '../../shared/rpcError.js';
import { type LabHarness, labPerTest } from '../support/labHarness.js';
import { until } from '../support/poll.js';
import { kernelStat } from '../support/procfsProbe.js';

const newLab = labPerTest();

const spawnSleep = async (h: LabHarness): Promise<number> =>
  (await h.lab.handlers['processes.spawn']({ task: 'sleep', args: [], kwargs: { seconds: 60 } })).pid;

describe('the multiprocessing-style Process API', () => {
  test('join with a timeout says it timed out; after terminate it says exited, with exitcode -15', async () => {
    const harness = newLab();
    const { handlers } = harness.lab;
    const pid = await spawnSleep(harness);
    expect(await handlers['processes.isAlive']({ pid })).toEqual({ pid, alive: true });
    expect(await handlers['processes.join']({ pid, timeout: 0.2 })).toEqual({ pid, exited: false, exitcode: null });
    await until('the child to settle into S (it may still be booting Node under load)', () => kernelStat(pid)?.state === 'S');
    await handlers['processes.terminate']({ pid });
    expect(await handlers['processes.join']({ pid })).toEqual({ pid, exited: true, exitcode: -15 });
    expect(await handlers['processes.isAlive']({ pid })).toEqual({ pid, alive: false });
  });

  test('kill ends it with SIGKILL: exitcode -9', async () => {
    const harness = newLab();
    const pid = await spawnSleep(harness);
    await harness.lab.handlers['processes.kill']({ pid });
    expect(await harness.lab.handlers['processes.join']({ pid })).toMatchObject({ exited: true, exitcode: -9 });
  });

  test('STOP shows T in /proc and CONT takes it back; INT ends it with -2', async () => {
    const harness = newLab();
    const { handlers } = harness.lab;
    const pid = await spawnSleep(harness);
    await handlers['processes.signal']({ pid, signal: 'SIGSTOP' });
    await until('state T', () => kernelStat(pid)?.state === 'T');
    await harness.waitFor('process.stateChanged', (e) => e.data.pid === pid && e.data.to === 'T');
    await handlers['processes.signal']({ pid, signal: 'SIGCONT' });
    await until('state S again', () => kernelStat(pid)?.state === 'S');
    await handlers['processes.signal']({ pid, signal: 'SIGINT' });
    expect(await handlers['processes.join']({ pid })).toMatchObject({ exitcode: -2 });
  });

  test('a crash exits 1 with the stack trace on stderr', async () => {
    const harness = newLab();
    const { handlers } = harness.lab;
    const { pid } = await handlers['processes.spawn']({ task: 'crash', args: [], kwargs: { afterMs: 0, message: 'boom at last' } });
    expect(await handlers['processes.join']({ pid })).toMatchObject({ exited: true, exitcode: 1 });
    const { lines } = await handlers['processes.output']({ pid });
    expect(lines.filter((line) => line.stream === 'stderr').map((line) => line.text)).toContain('Error: boom at last');
  });

  test("globals: the child counts to 3 in its own copy, the parent's stays 0", async () => {
    const harness = newLab();
    const { handlers } = harness.lab;
    const { pid } = await handlers['processes.spawn']({ task: 'globals', args: [], kwargs: { times: 3 } });
    await handlers['processes.join']({ pid });
    const { lines } = await handlers['processes.output']({ pid });
    expect(lines.map((line) => [line.stream, line.text])).toEqual([
      ['stdout', `child pid ${pid}: counter = 1`],
      ['stdout', `child pid ${pid}: counter = 2`],
      ['stdout', `child pid ${pid}: counter = 3`],
      ['lab', `the parent's counter (pid ${process.pid}) is still 0: the child changed its own copy`],
    ]);
  });

  test('alloc grows the RSS the kernel reports by about what it holds', async () => {
    const harness = newLab();
    const { handlers } = harness.lab;
    const { pid } = await handlers['processes.spawn']({ task: 'alloc', args: [], kwargs: { mib: 128, seconds: 30 } });
    await harness.waitFor('process.output', (e) => e.data.pid === pid);
    const rssMiB = (): number => ((kernelStat(pid)?.rssPages ?? 0) * 4096) / 2 ** 20;
    // The kernel's RSS counters are per-CPU and folded in lazily: poll rather than read once.
    await until('RSS above 128 MiB', () => rssMiB() > 128);
  });
});

describe('bad calls to the Process API', () => {
  test.each([
    ['join on an unknown pid', 'processes.join', { pid: 4_000_000 }, ErrorCode.NotFound, /No process has pid 4000000/],
    ['a negative timeout', 'processes.join', { pid: 1, timeout: -1 }, ErrorCode.InvalidParams, /timeout: Too small/],
    ['a signal the lab does not send', 'processes.signal', { pid: 1, signal: 'SIGSEGV' }, ErrorCode.InvalidParams, /signal: Invalid option/],
    ['signalling a process it did not start', 'processes.signal', { pid: 1, signal: 'SIGSTOP' }, ErrorCode.NotPermitted, /not a process Loopscope started/],
  ])('%s', async (_case, method, params, code, message) => {
    const harness = newLab();
    const session = new RpcSession(harness.lab, () => true);
    const reply = await session.call(method, params);
    expect(reply).toMatchObject({ ok: false, error: { code } });
    if (!reply.ok) expect(reply.error.message).toMatch(message);
  });
});
