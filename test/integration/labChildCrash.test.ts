/**
 * A lab child crashing while others run (issue 10, item 9), on browser mode as a user starts it: one throws an uncaught
 * exception (the crash task), one dies of a fatal signal as a crash in native code does (SIGSEGV from outside the lab,
 * which Node does not handle). The server keeps answering and starting processes, each crash is reported with its own
 * exit status, and the processes beside them — a plain child and a pool worker in the middle of a task — run on: the
 * same pid and start time in /proc, alive in the lab's list, the pool's task finished as it would have been.
 */
import { afterEach, describe, expect, test } from 'vitest';
import type { LabEvent } from '../../shared/contract.js';
import { type RunningServer, startBrowserMode, stopBrowserMode } from '../support/browserMode.js';
import { until } from '../support/poll.js';
import { isRunning, kernelStat } from '../support/procfsProbe.js';
import { RpcClient } from '../support/rpcClient.js';

let server: RunningServer | undefined;
let client: RpcClient | undefined;
afterEach(async () => {
  client?.close();
  await stopBrowserMode(server);
});

const exitOf = (rpc: RpcClient, pid: number) =>
  rpc.waitFor((event) => event.type === 'process.exited' && event.data.pid === pid) as Promise<LabEvent<'process.exited'>>;

describe('a lab child crashing while others run', () => {
  test('the lab keeps answering, says how each crash ended, and the others run on undisturbed', { timeout: 60_000 }, async () => {
    server = await startBrowserMode();
    const rpc = (client = await RpcClient.connect(server.url));
    await rpc.call('events.subscribe', {});

    const bystander = (await rpc.call('processes.spawn', { task: 'sleep', kwargs: { seconds: 120 }, name: 'bystander' })).pid;
    const { poolId } = await rpc.call('pools.create', { processes: 1 });
    const { taskId } = await rpc.call('pools.applyAsync', { poolId, task: 'sleep', kwargs: { seconds: 3 } });
    const running = await rpc.waitFor((event) => event.type === 'pool.taskStarted' && event.data.taskId === taskId);
    const worker = (running as LabEvent<'pool.taskStarted'>).data.workerPid;
    await until('the bystander to sleep', () => kernelStat(bystander)?.state === 'S', 20_000);
    const identities = new Map([bystander, worker].map((pid) => [pid, kernelStat(pid)?.startTicks]));

    const thrower = (await rpc.call('processes.spawn', { task: 'crash', kwargs: { afterMs: 300, message: 'boom mid-run' } })).pid;
    const segfaulted = (await rpc.call('processes.spawn', { task: 'sleep', kwargs: { seconds: 120 }, name: 'segfaults' })).pid;
    await until('the second child to sleep', () => kernelStat(segfaulted)?.state === 'S', 20_000);
    process.kill(segfaulted, 'SIGSEGV');

    // Each crash with its own exit status: the code an uncaught exception exits with, the signal that ended the other.
    expect((await exitOf(rpc, thrower)).data.exit).toMatchObject({ code: 1, signal: null, exitcode: 1 });
    expect((await exitOf(rpc, segfaulted)).data.exit).toMatchObject({ code: null, signal: 'SIGSEGV', exitcode: -11 });
    expect(await rpc.call('processes.join', { pid: thrower })).toEqual({ pid: thrower, exited: true, exitcode: 1 });
    expect(await rpc.call('processes.join', { pid: segfaulted })).toEqual({ pid: segfaulted, exited: true, exitcode: -11 });
    const { lines } = await rpc.call('processes.output', { pid: thrower });
    expect(lines.filter((line) => line.stream === 'stderr').map((line) => line.text)).toContain('Error: boom mid-run');
    const rows = new Map((await rpc.call('processes.list')).processes.map((row) => [row.pid, row]));
    expect(rows.get(thrower)).toMatchObject({ alive: false, exit: { code: 1 } });
    expect(rows.get(segfaulted)).toMatchObject({ alive: false, exit: { signal: 'SIGSEGV' } });

    // The others: the same processes as before, alive in /proc and in the lab's list; the pool's task finishes.
    for (const [pid, startTicks] of identities) {
      expect(isRunning(pid)).toBe(true);
      expect(kernelStat(pid)?.startTicks).toBe(startTicks);
      expect(rows.get(pid)?.alive).toBe(true);
    }
    await rpc.waitFor((event) => event.type === 'pool.taskFinished' && event.data.taskId === taskId);
    const pool = (await rpc.call('pools.list')).pools.find((listed) => listed.poolId === poolId);
    expect(pool?.state).toBe('running');
    expect(pool?.workers).toEqual([worker]);

    // And the lab answers and starts processes as before; the server itself never went down.
    expect((await rpc.call('system.info')).mainPid).toBe(server.server.pid);
    const after = (await rpc.call('processes.spawn', { task: 'exit', kwargs: { code: 7 } })).pid;
    expect((await exitOf(rpc, after)).data.exit.exitcode).toBe(7);
    expect(server.server.exitCode).toBeNull();
  });
});
