import { type ChildProcess, spawn } from 'node:child_process';
import pidusage from 'pidusage';
import { afterEach, describe, expect, test } from 'vitest';
import { ProcfsSource } from '../../electron/lab/sampler/procfsSource.js';
import { labPerTest } from '../support/labHarness.js';
import { until } from '../support/poll.js';
import { kernelStat } from '../support/procfsProbe.js';

const spawned: ChildProcess[] = [];
const newLab = labPerTest();
afterEach(() => {
  for (const child of spawned.splice(0)) child.kill('SIGKILL');
});

describe('the sampler, against what the kernel and pidusage report', () => {
  test('CPU and memory of a busy child agree with pidusage', async () => {
    const harness = newLab();
    const { pid } = await harness.lab.handlers['processes.spawn']({ task: 'cpu-burn', args: [], kwargs: { ms: 20_000 } });
    const source = new ProcfsSource();
    await source.sample(pid, []);
    await pidusage(pid); // both take their first reading now…
    const started = performance.now();
    await until('a second of burning', () => performance.now() - started > 1000);
    const [ours] = await source.sample(pid, []); // …and the second one a second later
    const theirs = await pidusage(pid);
    pidusage.clear();
    // Other test files burn CPU in parallel on two cores: "busy" is all that can be asked; the oracle is pidusage.
    expect(ours?.cpu).toBeGreaterThan(20);
    expect(Math.abs((ours?.cpu ?? 0) - theirs.cpu)).toBeLessThan(15);
    // RSS moves while V8 works; both read field 24 of /proc/<pid>/stat within a millisecond.
    expect(Math.abs((ours?.rss ?? 0) - theirs.memory) / theirs.memory).toBeLessThan(0.05);
  });

  test('finds a child that a worker thread forked, and keeps it on the ticks between full walks of the threads', async () => {
    // The kernel lists such a child under the worker's thread only, never under the main thread.
    const script = `
      const { Worker } = require('node:worker_threads');
      new Worker("require('node:child_process').spawn('sleep', ['60'], { stdio: 'ignore' }); setInterval(() => {}, 1000);", { eval: true });
      setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
    spawned.push(parent);
    const parentPid = parent.pid as number;
    const source = new ProcfsSource();
    const sleepPid = await until('the worker thread\'s child', async () => (await source.sample(parentPid, [])).find((o) => o.name === 'sleep')?.pid);
    expect(kernelStat(sleepPid)?.ppid).toBe(parentPid);
    for (let tick = 0; tick < 8; tick++) expect((await source.sample(parentPid, [])).map((o) => o.pid)).toContain(sleepPid);
    process.kill(sleepPid, 'SIGKILL');
    await until('the child to leave the tree once gone', async () => !(await source.sample(parentPid, [])).some((o) => o.pid === sleepPid));
  });

  test('finds grandchildren, and reads a zombie as Z with the exit status the kernel holds', async () => {
    // The subshell exits 3 at once; `exec sleep` replaces its parent, and sleep never waits: a real zombie.
    const parent = spawn('sh', ['-c', '(exit 3) & exec sleep 30'], { stdio: 'ignore' });
    spawned.push(parent);
    const parentPid = parent.pid as number;
    const source = new ProcfsSource();
    const zombie = await until('the zombie grandchild', async () => {
      const seen = await source.sample(process.pid, []);
      return seen.find((o) => o.ppid === parentPid && o.state === 'Z');
    });
    expect(kernelStat(zombie.pid)?.state).toBe('Z');
    expect(zombie.exitStatus >> 8).toBe(3); // waitpid's encoding: the code in the second byte
    expect(zombie.command).toMatch(/^\[sh\]$/); // a zombie has no command line left, only its comm
    // The zombie can appear before its parent has exec'd sleep: wait for the parent to become sleep.
    const parentSeen = await until('the parent to be sleep', async () =>
      (await source.sample(process.pid, [])).find((o) => o.pid === parentPid && o.name === 'sleep' && o.state === 'S'),
    );
    expect(parentSeen.ppid).toBe(process.pid);
  });

  test('the lab reports processes it did not start as they appear and vanish', async () => {
    const harness = newLab();
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    spawned.push(child);
    const appeared = await harness.waitFor('process.appeared', (e) => e.data.row.pid === child.pid);
    expect(appeared.data.row).toMatchObject({ role: 'descendant', name: 'sleep', command: 'sleep 30', lab: null });
    child.kill('SIGKILL');
    await harness.waitFor('process.vanished', (e) => e.data.pid === child.pid);
  });

  test('reports a state change the kernel shows (stopped, then running again)', async () => {
    const harness = newLab();
    const { pid } = await harness.lab.handlers['processes.spawn']({ task: 'sleep', args: [], kwargs: { seconds: 60 } });
    await harness.waitFor('process.sampled', (e) => e.data.samples.some((s) => s.pid === pid && s.state === 'S'));
    process.kill(pid, 'SIGSTOP');
    await harness.waitFor('process.stateChanged', (e) => e.data.pid === pid && e.data.to === 'T');
    process.kill(pid, 'SIGCONT');
    await harness.waitFor('process.stateChanged', (e) => e.data.pid === pid && e.data.from === 'T');
  });
});

describe('the pidusage source, used where there is no /proc', () => {
  test('reports the root and the pids it is given, with what pidusage reads', async () => {
    const { PidusageSource } = await import('../../electron/lab/sampler/pidusageSource.js');
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    spawned.push(child);
    const source = new PidusageSource();
    const seen = await source.sample(process.pid, [{ pid: child.pid as number, startKey: 0 }]);
    expect(seen.map((o) => o.pid)).toEqual([process.pid, child.pid]);
    expect(seen[1]).toMatchObject({ ppid: process.pid, state: '?' });
    expect(seen[1]?.rss).toBeGreaterThan(0);
    // Its start time is derived from pidusage's elapsed time: within a tick or two of the kernel's.
    const { startTimeMs } = await import('../../electron/lab/procfs/procfs.js');
    expect(Math.abs((seen[1]?.startTime ?? 0) - startTimeMs(kernelStat(child.pid as number)?.startTicks ?? 0))).toBeLessThan(1000);
  });
});

describe('orphans', () => {
  test('an orphan is followed out of the tree: reparented to its adopter, whose pid and name the kernel gives', async () => {
    const harness = newLab();
    const parent = spawn('sh', ['-c', 'sleep 30 & sleep 0.4; exit 0'], { stdio: 'ignore' });
    spawned.push(parent);
    const appeared = await harness.waitFor('process.appeared', (e) => e.data.row.command === 'sleep 30' && e.data.row.ppid === parent.pid);
    const orphan = appeared.data.row.pid;
    try {
      const reparented = await harness.waitFor('process.reparented', (e) => e.data.pid === orphan);
      const adopter = kernelStat(orphan)?.ppid as number;
      expect(reparented.data).toEqual({ pid: orphan, from: parent.pid, to: adopter, toName: kernelStat(adopter)?.comm });
      const row = (await harness.lab.handlers['processes.list']({})).processes.find((p) => p.pid === orphan);
      expect(row?.adoptedBy).toEqual({ pid: adopter, name: kernelStat(adopter)?.comm });
    } finally {
      process.kill(orphan, 'SIGKILL');
    }
    await harness.waitFor('process.vanished', (e) => e.data.pid === orphan);
  });
});

describe('the ps source, used on macOS', () => {
  test('walks the tree by ppid and reads states as ps prints them, in agreement with /proc', async () => {
    const { PsSource } = await import('../../electron/lab/sampler/psSource.js');
    const parent = spawn('sh', ['-c', '(exit 3) & exec sleep 30'], { stdio: 'ignore' });
    spawned.push(parent);
    const zombie = await until('the zombie grandchild under a parent that has become sleep, in /proc', async () => {
      const seen = await new ProcfsSource().sample(process.pid, []);
      const asleep = seen.some((o) => o.pid === parent.pid && o.name === 'sleep');
      return asleep && seen.find((o) => o.ppid === parent.pid && o.state === 'Z');
    });
    const seen = await new PsSource().sample(process.pid, []);
    expect(seen.find((o) => o.pid === parent.pid)).toMatchObject({ ppid: process.pid, state: 'S', name: 'sleep' });
    expect(seen.find((o) => o.pid === zombie.pid)).toMatchObject({ ppid: parent.pid, state: 'Z' });
  });

  test('parses both BSD and procps output', async () => {
    const { parsePs } = await import('../../electron/lab/sampler/psSource.js');
    expect(parsePs('  412     1 Ss   /sbin/launchd\n 9001   412 Z+   (sh)\nbad line\n')).toEqual([
      { pid: 412, ppid: 1, state: 'S', command: '/sbin/launchd' },
      { pid: 9001, ppid: 412, state: 'Z', command: '(sh)' },
    ]);
  });
});
