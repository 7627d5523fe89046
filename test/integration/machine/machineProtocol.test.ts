import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { methodNames } from '../../../shared/contract.js';
import type { MachineProcessRow } from '../../../shared/schemas/machine.js';
import { LabSignal } from '../../../shared/schemas/process.js';
import { type RunningServer, startBrowserMode } from '../../support/browserMode.js';
import { until } from '../../support/poll.js';
import { kernelStat } from '../../support/procfsProbe.js';
import { RpcClient } from '../../support/rpcClient.js';

const SLEEPS = 5;
/** A duration no other program on this shared machine sleeps for: the filter finds only these. */
const SLEEP_FOR = `600.${process.pid}`;
let running: RunningServer;
let client: RpcClient;
const sleeps: ChildProcess[] = [];
const sleepPids = (): number[] => sleeps.map((child) => child.pid as number);

beforeAll(async () => {
  running = await startBrowserMode();
  client = await RpcClient.connect(running.url);
  for (let i = 0; i < SLEEPS; i++) sleeps.push(spawn('sleep', [SLEEP_FOR], { stdio: 'ignore' }));
  // Stable before comparing: each has exec'd sleep and sleeps.
  await until('the sleeps to sleep', () => sleepPids().every((pid) => kernelStat(pid)?.comm === 'sleep' && kernelStat(pid)?.state === 'S'));
});

afterAll(async () => {
  for (const child of sleeps) child.kill('SIGKILL');
  client?.close();
  running?.server.kill('SIGTERM');
  await running?.exited;
});

/** Every row of the flat list, kernel threads included, page by page. */
async function everyRow(): Promise<MachineProcessRow[]> {
  const rows: MachineProcessRow[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await client.call('machine.processes', { layout: 'list', kernelThreads: true, offset, limit: 1000 });
    rows.push(...page.rows);
    if (offset + 1000 >= page.total) return rows;
  }
}

interface PsLine {
  ppid: number;
  state: string;
  user: string;
  comm: string;
}

function ps(): Map<number, PsLine> {
  const lines = new Map<number, PsLine>();
  // user:64 so that ps does not shorten long names to 7 characters and a '+'.
  for (const line of execFileSync('ps', ['-eo', 'pid=,ppid=,stat=,user:64=,comm='], { encoding: 'utf8' }).split('\n')) {
    const [pid, ppid, stat, user, ...comm] = line.trim().split(/\s+/);
    if (pid && ppid && stat && user) lines.set(Number(pid), { ppid: Number(ppid), state: stat[0] ?? '', user, comm: comm.join(' ') });
  }
  return lines;
}

/** Every process's voluntary + involuntary context switches: unchanged means it never ran. */
function contextSwitches(): Map<number, number> {
  const counts = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      const switches = [...status.matchAll(/^(?:non)?voluntary_ctxt_switches:\s+(\d+)$/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
      counts.set(Number(name), switches);
    } catch {
      // gone meanwhile
    }
  }
  return counts;
}

describe('the machine over the protocol', () => {
  test('agrees with ps taken at the same moment: every parent and user, and the state of every process that did not run meanwhile', async () => {
    const switchesBefore = contextSwitches();
    const before = ps();
    const rows = await everyRow();
    const after = ps();
    const switchesAfter = contextSwitches();
    const ours = new Map(rows.map((row) => [row.pid, row]));
    const inAll = [...before].filter(([pid, line]) => ours.has(pid) && after.get(pid)?.ppid === line.ppid && after.get(pid)?.user === line.user);
    expect(inAll.length).toBeGreaterThan(SLEEPS);
    for (const [pid, line] of inAll) expect({ pid, ppid: ours.get(pid)?.ppid, user: ours.get(pid)?.user }).toEqual({ pid, ppid: line.ppid, user: line.user });
    // A process that was not scheduled between the two readings (no context switch) cannot have changed its state.
    const still = inAll.filter(([pid, line]) => after.get(pid)?.state === line.state && switchesBefore.get(pid) !== undefined && switchesBefore.get(pid) === switchesAfter.get(pid));
    for (const pid of sleepPids()) expect(still.map(([stillPid]) => stillPid), `sleep ${pid}`).toContain(pid);
    for (const [pid, line] of still) expect({ pid, state: ours.get(pid)?.state }).toEqual({ pid, state: line.state });
    for (const pid of sleepPids()) expect(ours.get(pid)).toMatchObject({ ppid: process.pid, state: 'S', name: 'sleep', command: `sleep ${SLEEP_FOR}`, threads: 1, owner: null });
  });

  test('the tree starts at pid 1 with kernel threads hidden, and holds the sleeps under this test process', async () => {
    const page = await client.call('machine.processes', { filter: `sleep ${SLEEP_FOR}`, limit: 1000 });
    expect(page.rows[0]).toMatchObject({ pid: 1, depth: 0, context: true });
    const sleepsShown = page.rows.filter((row) => !row.context);
    expect(sleepsShown.map((row) => row.pid).sort()).toEqual(sleepPids().sort());
    const parent = page.rows.find((row) => row.pid === process.pid);
    for (const row of sleepsShown) expect(row.depth).toBe((parent?.depth ?? -2) + 1);
    const tree = await client.call('machine.processes', { limit: 1000 });
    expect(tree.rows.some((row) => row.kernelThread)).toBe(false);
    const withKernel = await client.call('machine.processes', { kernelThreads: true, limit: 1000 });
    expect(withKernel.rows.find((row) => row.pid === 2)).toMatchObject({ kernelThread: true, depth: 0 });
  });

  test("marks the lab's own main process as its own, and everything else as read-only", async () => {
    const { mainPid } = await client.call('system.info');
    const page = await client.call('machine.processes', { layout: 'list', filter: String(mainPid) });
    expect(page.rows.find((row) => row.pid === mainPid)?.owner).toBe('main');
    expect(page.reading).toMatchObject({ source: 'procfs', unavailable: [] });
  });

  test('no method signals a pid outside the lab’s own: each is refused and the process sleeps on', async () => {
    const [target] = sleepPids() as [number];
    const tries = [{ pid: target }, { pid: target, timeout: 0 }, ...LabSignal.options.map((signal) => ({ pid: target, signal }))];
    const outcomes = new Map<string, string>();
    for (const method of methodNames.filter((name) => !name.startsWith('events.'))) {
      for (const params of tries) {
        const outcome = await client.callRaw(method, params).then(
          () => 'answered',
          (error: Error) => `refused: ${error.message}`,
        );
        if (outcome === 'answered') outcomes.set(`${method} ${JSON.stringify(params)}`, outcome);
      }
    }
    await expect(client.callRaw('processes.terminate', { pid: target })).rejects.toThrow();
    await expect(client.callRaw('processes.kill', { pid: target })).rejects.toThrow();
    for (const signal of LabSignal.options) await expect(client.callRaw('processes.signal', { pid: target, signal })).rejects.toThrow();
    // Whatever answered (isAlive, say) did not touch it: still there, still sleeping, never stopped.
    expect(kernelStat(target)).toMatchObject({ comm: 'sleep', state: 'S' });
    expect(sleeps[0]?.exitCode).toBeNull();
    expect(sleeps[0]?.signalCode).toBeNull();
    for (const answered of outcomes.keys()) expect(answered).not.toMatch(/terminate|kill|signal/);
  });

  test('machine.summary reads the system’s own figures', async () => {
    const summary = await client.call('machine.summary');
    expect(summary.cores.length).toBe(cpus().length);
    expect(summary.memory.totalBytes).toBe(totalmem());
    expect(summary.processes).toBeGreaterThan(SLEEPS);
    expect(summary.threads).toBeGreaterThanOrEqual(summary.processes);
    expect(summary.uptimeSeconds).toBeGreaterThan(0);
  });
});
