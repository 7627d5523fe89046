import { describe, expect, test } from 'vitest';
import { ErrorCode, RpcError } from '../../shared/rpcError.js';
import { labPerTest } from '../support/labHarness.js';
import { until } from '../support/poll.js';
import { isRunning, kernelStat } from '../support/procfsProbe.js';

const newLab = labPerTest();

const rejection = async (promise: Promise<unknown>): Promise<RpcError> => {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof RpcError)) throw new Error(`expected an RpcError, got ${String(error)}`);
  return error;
};

describe('lab processes, on real children', () => {
  test('a spawned child is listed with its kernel ppid and state, then terminated and kept as exited', async () => {
    const harness = newLab();
    const { lab } = harness;
    const { pid, name } = await lab.handlers['processes.spawn']({ task: 'sleep', args: [], kwargs: { seconds: 60 } });
    expect(name).toBe('Process-1');
    expect(kernelStat(pid)?.ppid).toBe(process.pid);

    // Once the sampler has seen it sleep, its row says what /proc says.
    await harness.waitFor('process.sampled', (e) => e.data.samples.some((s) => s.pid === pid && s.state === 'S'));
    const { processes } = await lab.handlers['processes.list']({});
    const row = processes.find((p) => p.pid === pid);
    expect(row).toMatchObject({ ppid: process.pid, role: 'lab', name: 'Process-1', alive: true, lab: { task: 'sleep', kwargs: { seconds: 60 } } });
    expect(row?.state).toBe(kernelStat(pid)?.state);
    expect(processes.find((p) => p.pid === process.pid)?.role).toBe('main');

    await lab.handlers['processes.terminate']({ pid });
    const exited = await harness.waitFor('process.exited', (e) => e.data.pid === pid);
    expect(exited.data.exit).toMatchObject({ code: null, signal: 'SIGTERM', exitcode: -15 });
    await until('the pid to leave /proc', () => kernelStat(pid) === null);
    const after = (await lab.handlers['processes.list']({})).processes.find((p) => p.pid === pid);
    expect(after).toMatchObject({ alive: false, exit: { signal: 'SIGTERM' } });

    expect(await lab.handlers['processes.clear']({})).toEqual({ cleared: [pid] });
    expect((await lab.handlers['processes.list']({})).processes.some((p) => p.pid === pid)).toBe(false);
  });

  test('captures output and the exit code', async () => {
    const harness = newLab();
    const { lab } = harness;
    const { pid } = await lab.handlers['processes.spawn']({ task: 'print-loop', args: ['hello', 3], kwargs: { intervalMs: 0, colour: 'blue' } });
    const exited = await harness.waitFor('process.exited', (e) => e.data.pid === pid);
    expect(exited.data.exit.code).toBe(0);
    const { lines } = await lab.handlers['processes.output']({ pid });
    expect(lines.map((line) => line.text)).toEqual(
      [1, 2, 3, 4, 5].map((i) => `[${i}/5] pid=${pid} args=["hello",3] kwargs={"times":5,"intervalMs":0,"colour":"blue"}`),
    );

    const failing = await lab.handlers['processes.spawn']({ task: 'exit', args: [], kwargs: { code: 3 } });
    const failed = await harness.waitFor('process.exited', (e) => e.data.pid === failing.pid);
    expect(failed.data.exit).toMatchObject({ code: 3, signal: null, exitcode: 3 });
  });

  test('names processes Process-N and honours a given name', async () => {
    const harness = newLab();
    const { lab } = harness;
    const first = await lab.handlers['processes.spawn']({ task: 'exit', args: [], kwargs: {} });
    const named = await lab.handlers['processes.spawn']({ task: 'exit', args: [], kwargs: {}, name: 'reader' });
    const second = await lab.handlers['processes.spawn']({ task: 'exit', args: [], kwargs: {} });
    expect([first.name, named.name, second.name]).toEqual(['Process-1', 'reader', 'Process-3']);
  });

  test('holds the cap on live processes, with a message that says what to do', async () => {
    const harness = newLab({ maxLiveProcesses: 2 });
    const { lab } = harness;
    await lab.handlers['processes.spawn']({ task: 'sleep', args: [], kwargs: { seconds: 60 } });
    await lab.handlers['processes.spawn']({ task: 'sleep', args: [], kwargs: { seconds: 60 } });
    const error = await rejection(lab.handlers['processes.spawn']({ task: 'sleep', args: [], kwargs: { seconds: 60 } }));
    expect(error.code).toBe(ErrorCode.LimitReached);
    expect(error.message).toMatch(/2 live processes, its cap.*--max-processes/);
  });

  test('never signals a process it did not start, nor one that has exited', async () => {
    const harness = newLab();
    const { lab } = harness;
    const notOurs = await rejection(lab.handlers['processes.terminate']({ pid: process.ppid }));
    expect(notOurs.code).toBe(ErrorCode.NotPermitted);
    expect(isRunning(process.ppid)).toBe(true);

    const { pid } = await lab.handlers['processes.spawn']({ task: 'exit', args: [], kwargs: {} });
    await harness.waitFor('process.exited', (e) => e.data.pid === pid);
    const gone = await rejection(lab.handlers['processes.terminate']({ pid }));
    expect(gone.code).toBe(ErrorCode.Conflict);
    expect(gone.message).toMatch(/already exited/);
  });

  test('dispose ends every live process it started', async () => {
    const harness = newLab();
    const { lab } = harness;
    const pids = await Promise.all(
      [1, 2, 3].map(async () => (await lab.handlers['processes.spawn']({ task: 'sleep', args: [], kwargs: { seconds: 60 } })).pid),
    );
    expect(pids.every(isRunning)).toBe(true);
    await lab.dispose();
    await until('every child to be gone', () => pids.every((pid) => !isRunning(pid)));
  });
});

describe('lightweight and bursty spawning', () => {
  test('sleep-native runs the system sleep binary, not Node', async () => {
    const harness = newLab();
    const { pid } = await harness.lab.handlers['processes.spawn']({ task: 'sleep-native', args: [], kwargs: { seconds: 30 } });
    expect(kernelStat(pid)?.comm).toBe('sleep');
    expect(kernelStat(pid)?.ppid).toBe(process.pid);
  });

  test('a burst of concurrent spawns gets distinct names and all start', async () => {
    const harness = newLab();
    const { lab } = harness;
    const spawned = await Promise.all(
      Array.from({ length: 20 }, () => lab.handlers['processes.spawn']({ task: 'sleep-native', args: [], kwargs: { seconds: 30 } })),
    );
    expect(new Set(spawned.map((s) => s.name)).size).toBe(20);
    expect(spawned.every((s) => isRunning(s.pid))).toBe(true);
  });
});
