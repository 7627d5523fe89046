import { describe, expect, test } from 'vitest';
import type { LabEvent } from '../../shared/contract.js';
import { type LabHarness, labPerTest } from '../support/labHarness.js';
import { until } from '../support/poll.js';
import { isRunning, kernelStat } from '../support/procfsProbe.js';

const newLab = labPerTest();

async function runToTheEnd(h: LabHarness, id: string, params: Record<string, unknown>): Promise<{ parentPid: number; runId: string }> {
  const { runId } = await h.lab.handlers['scenarios.run']({ id, params });
  const parentPid = h.lab.scenarios.list().runs.find((run) => run.runId === runId)?.pids[0] as number;
  await h.waitFor('scenario.stopped', (e: LabEvent<'scenario.stopped'>) => e.data.runId === runId);
  return { parentPid, runId };
}

/**
 * Every pid the sampler saw whose parent is `parentPid` or its Python reaper (which forks its own
 * children), and which of them were ever Z. Not deeper: an `sh -c 'sleep; exit'` child reaps its
 * own sleep, which is a zombie for an instant, and that is sh's business, not the lesson's.
 */
function childrenSeen(h: LabHarness, parentPid: number): { pids: Set<number>; zombies: number[] } {
  const parents = new Set([parentPid]);
  for (const event of h.events) {
    if (event.type === 'process.appeared' && event.data.row.ppid === parentPid && /python/.test(event.data.row.command)) parents.add(event.data.row.pid);
  }
  const pids = new Set<number>();
  const zombies: number[] = [];
  for (const event of h.events) {
    if (event.type !== 'process.sampled') continue;
    for (const sample of event.data.samples) {
      if (!parents.has(sample.ppid)) continue;
      pids.add(sample.pid);
      if (sample.state === 'Z') zombies.push(sample.pid);
    }
  }
  return { pids, zombies };
}

describe('the three classic ways to avoid zombies: no Z appears', () => {
  test('wait: the parent blocks in waitpid, and every child is reaped as it exits', async () => {
    const harness = newLab();
    const { parentPid } = await runToTheEnd(harness, 'wait', { children: 3, childSeconds: 0.3 });
    const seen = childrenSeen(harness, parentPid);
    expect(seen.pids.size).toBeGreaterThan(0); // the sampler did see the children run
    expect(seen.zombies).toEqual([]);
    const { lines } = await harness.lab.handlers['processes.output']({ pid: parentPid });
    expect(lines.filter((line) => /reaped by waitpid as it exited: exit code [123]$/.test(line.text))).toHaveLength(3);
  });

  test('sigchld: a SIGCHLD handler reaps each child — libuv’s, and Python’s where python3 exists', async () => {
    const harness = newLab();
    const { parentPid } = await runToTheEnd(harness, 'sigchld', { children: 3, childSeconds: 0.3 });
    const seen = childrenSeen(harness, parentPid);
    expect(seen.pids.size).toBeGreaterThan(0);
    expect(seen.zombies).toEqual([]);
    const text = (await harness.lab.handlers['processes.output']({ pid: parentPid })).lines.map((line) => line.text);
    expect(text.filter((line) => line.startsWith('node (libuv) SIGCHLD handler reaped'))).toHaveLength(3);
    const python = text.some((line) => line.startsWith('now the same in'));
    // Which one ran is said either way; on our machines python3 is installed, so its handler must have reaped all three.
    expect(python || text.includes('python3 is not installed: only Node’s own handler ran')).toBe(true);
    if (python) expect(text.filter((line) => line.startsWith('python SIGCHLD handler reaped'))).toHaveLength(3);
  });

  test('double fork: the middle child is reaped at once and the worker is adopted outside the tree', async () => {
    const harness = newLab();
    const { runId } = await harness.lab.handlers['scenarios.run']({ id: 'double-fork', params: { workerSeconds: 3 } });
    const parentPid = harness.lab.scenarios.list().runs.find((run) => run.runId === runId)?.pids[0] as number;
    const { lines } = await until('the parent to report its worker', async () => {
      const output = await harness?.lab.handlers['processes.output']({ pid: parentPid });
      return output?.lines.some((line) => line.text.includes('was handed to init')) && output;
    });
    const worker = Number(/worker (\d+) was handed/.exec(lines.map((line) => line.text).join('\n'))?.[1]);
    const adopter = kernelStat(worker)?.ppid as number;
    expect(adopter).not.toBe(parentPid);
    const row = await until('the worker, adopted, in the tree', async () =>
      (await harness?.lab.handlers['processes.list']({}))?.processes.find((p) => p.pid === worker && p.adoptedBy),
    );
    expect(row.adoptedBy).toEqual({ pid: adopter, name: kernelStat(adopter)?.comm });
    await harness.waitFor('scenario.stopped', (e: LabEvent<'scenario.stopped'>) => e.data.runId === runId);
    expect(childrenSeen(harness, parentPid).zombies).toEqual([]);
  });
});

describe('scenario orphan', () => {
  test('the orphan’s ppid changes to its adopter, and stopping the scenario ends it', async () => {
    const harness = newLab();
    const { runId } = await harness.lab.handlers['scenarios.run']({ id: 'orphan', params: { childSeconds: 60, lingerMs: 800 } });
    const parentPid = harness.lab.scenarios.list().runs.find((run) => run.runId === runId)?.pids[0] as number;
    const appeared = await harness.waitFor('process.appeared', (e) => e.data.row.ppid === parentPid);
    const orphan = appeared.data.row.pid;
    const reparented = await harness.waitFor('process.reparented', (e) => e.data.pid === orphan);
    const adopter = kernelStat(orphan)?.ppid as number;
    expect(reparented.data).toEqual({ pid: orphan, from: parentPid, to: adopter, toName: kernelStat(adopter)?.comm });
    expect(isRunning(orphan)).toBe(true);
    await harness.lab.handlers['scenarios.stop']({ runId });
    await until('the orphan to be ended', () => !isRunning(orphan));
  });

  test('quitting the lab ends an orphan too', async () => {
    const harness = newLab();
    await harness.lab.handlers['scenarios.run']({ id: 'orphan', params: { childSeconds: 60, lingerMs: 500 } });
    const reparented = await harness.waitFor('process.reparented', () => true);
    expect(isRunning(reparented.data.pid)).toBe(true);
    await harness.lab.dispose();
    await until('the orphan to be ended', () => !isRunning(reparented.data.pid));
  });
});

describe('Loopscope as the child subreaper', () => {
  test('the orphan is re-parented to Loopscope itself, which says so and reaps it by pid', async () => {
    const harness = newLab({ subreaper: true });
    const { lab } = harness;
    expect((await lab.handlers['system.info']({})).subreaper).toBe(true);
    const { runId } = await lab.handlers['scenarios.run']({ id: 'orphan', params: { childSeconds: 1.5, lingerMs: 400 } });
    const parentPid = lab.scenarios.list().runs.find((run) => run.runId === runId)?.pids[0] as number;
    const appeared = await harness.waitFor('process.appeared', (e) => e.data.row.ppid === parentPid);
    const orphan = appeared.data.row.pid;
    const reparented = await harness.waitFor('process.reparented', (e) => e.data.pid === orphan);
    expect(reparented.data).toMatchObject({ from: parentPid, to: process.pid });
    expect(kernelStat(orphan)?.ppid).toBe(process.pid);
    const row = (await lab.handlers['processes.list']({})).processes.find((p) => p.pid === orphan);
    expect(row?.adoptedBy?.pid).toBe(process.pid);
    // The orphan sleeps 1.5 s and exits: libuv never spawned it, so only the lab's waitpid(pid) reaps it.
    const reaped = await harness.waitFor('process.reaped', (e) => e.data.pid === orphan);
    expect(reaped.data.exit).toMatchObject({ code: 0, exitcode: 0 });
    await until('the orphan to leave /proc', () => kernelStat(orphan) === null);
    await lab.handlers['system.setSubreaper']({ enabled: false });
    expect((await lab.handlers['system.info']({})).subreaper).toBe(false);
  });
});

describe('Loopscope as the child subreaper, for an orphan it never saw under its parent', () => {
  test('an orphan re-parented before the first tick is still known by its process group, marked adopted, and reaped', async () => {
    const harness = newLab({ subreaper: true });
    const { lab } = harness;
    // The parent exits at once: its child is re-parented to us before the sampler can see it under the parent.
    const { runId } = await lab.handlers['scenarios.run']({ id: 'orphan', params: { childSeconds: 1, lingerMs: 0 } });
    const parentPid = lab.scenarios.list().runs.find((run) => run.runId === runId)?.pids[0] as number;
    const row = await until('the orphan, adopted by the main process', async () =>
      (await lab.handlers['processes.list']({})).processes.find((p) => p.adoptedBy?.pid === process.pid && p.command === 'sleep 1'),
    );
    expect(kernelStat(row.pid)?.pgrp).toBe(parentPid);
    const reaped = await harness.waitFor('process.reaped', (e) => e.data.pid === row.pid);
    expect(reaped.data.exit.exitcode).toBe(0);
    await until('the orphan to leave /proc', () => kernelStat(row.pid) === null);
    await lab.handlers['system.setSubreaper']({ enabled: false });
  });
});
