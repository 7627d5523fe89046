import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDescendants } from '../../electron/lab/procfs/procfs.js';
import { afterEach, describe, expect, test } from 'vitest';
import { RpcClient } from '../support/rpcClient.js';
import { startBrowserMode } from '../support/browserMode.js';
import { until } from '../support/poll.js';
import { isRunning, kernelStat } from '../support/procfsProbe.js';

/** The scenario folders an instance made, named after its pid (see tempFolders.ts). */
const scenarioFolders = (pid: number): string[] =>
  readdirSync(tmpdir())
    .filter((name) => name.startsWith(`loopscope-${pid}-`))
    .map((name) => join(tmpdir(), name));

const servers: ChildProcess[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) if (server.exitCode === null) server.kill('SIGKILL');
});

async function startServer(args: readonly string[] = []): Promise<{ server: ChildProcess; client: RpcClient; exited: Promise<number | null> }> {
  const { server, url, exited } = await startBrowserMode(['--port', '0', ...args]);
  servers.push(server);
  return { server, client: await RpcClient.connect(url), exited };
}

/** Spawns a sleeping and a busy lab process, and returns their pids. */
async function populate(client: RpcClient): Promise<number[]> {
  const pids: number[] = [];
  for (const task of ['sleep', 'cpu-burn'] as const) {
    pids.push((await client.call('processes.spawn', { task, kwargs: task === 'sleep' ? { seconds: 120 } : { ms: 120_000 } })).pid);
  }
  return pids;
}

describe('browser mode ends every process it started', () => {
  test.each(['SIGTERM', 'SIGINT'] as const)('on %s, and exits 0', async (signal) => {
    const { server, client, exited } = await startServer();
    const pids = await populate(client);
    const info = await client.call('system.info');
    expect(pids.every(isRunning)).toBe(true);
    server.kill(signal);
    expect(await exited).toBe(0);
    await until('every lab process to be gone', () => pids.every((pid) => !isRunning(pid)));
    expect(kernelStat(info.mainPid)).toBeNull();
  });

  test('children, grandchildren, pool workers and adopted orphans: none survives a SIGKILL of the main process', async () => {
    const { server, client, exited } = await startServer();
    await client.call('events.subscribe', { streams: ['processes'] });
    await client.call('scenarios.run', { id: 'orphan', params: { childSeconds: 120, lingerMs: 700 } });
    await client.call('scenarios.run', { id: 'zombie', params: {} });
    await client.call('pools.create', { processes: 2 });
    await client.call('processes.spawn', { task: 'sleep-native', kwargs: { seconds: 120 } });
    const orphan = (await client.waitFor((e) => e.type === 'process.reparented')).data as { pid: number };
    const { processes } = await client.call('processes.list');
    const ours = processes.filter((p) => p.role === 'lab' || p.role === 'descendant').map((p) => p.pid);
    expect(ours).toContain(orphan.pid);
    expect(ours.length).toBeGreaterThanOrEqual(6); // orphan, zombie parent and child, two workers, sleep
    server.kill('SIGKILL');
    await exited;
    await until('every process it started to be gone', () => ours.every((pid) => !isRunning(pid)), 15_000);
  });

  test('an orphan made and a SIGKILL of the main process before any sampler tick: the guardian still ends it, and removes the scenario folders', async () => {
    // A sampler interval far beyond the test: no tick ever sees the orphan adopted.
    const { server, client, exited } = await startServer(['--sample-interval-ms', '60000']);
    const { runId } = await client.call('scenarios.run', { id: 'orphan', params: { childSeconds: 120, lingerMs: 0 } });
    const parentPid = await until('the orphan parent', async () => (await client.call('scenarios.list')).runs.find((run) => run.runId === runId)?.pids[0]);
    // The orphan as the kernel sees it: the child of the parent, then of whoever adopted it.
    const orphan = await until('the orphan', () => {
      const seen = [...readDescendants(parentPid)][0];
      return seen !== undefined && seen;
    });
    await until('the parent to exit, leaving the orphan', () => !isRunning(parentPid));
    const zombie = await client.call('scenarios.run', { id: 'zombie', params: {} });
    const folder = await until('the zombie scenario folder', () => scenarioFolders(server.pid as number)[0]);
    server.kill('SIGKILL');
    await exited;
    await until('the orphan to be gone', () => !isRunning(orphan), 15_000);
    await until('the scenario folder to be removed', () => !existsSync(folder));
    expect(zombie.runId).toMatch(/^zombie-/);
  });

  test('even when the main process is killed with SIGKILL: the guardian ends them', async () => {
    const { server, client, exited } = await startServer();
    const pids = await populate(client);
    const { processes } = await client.call('processes.list');
    const guardian = processes.find((p) => p.helper === 'guardian');
    expect(guardian).toBeDefined();
    server.kill('SIGKILL');
    await exited;
    await until('every lab process to be gone', () => pids.every((pid) => !isRunning(pid)));
    await until('the guardian to exit', () => !isRunning(guardian?.pid as number));
  });
});
