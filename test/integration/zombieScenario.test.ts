import { describe, expect, test } from 'vitest';
import type { LabEvent } from '../../shared/contract.js';
import { labPerTest } from '../support/labHarness.js';
import { until } from '../support/poll.js';
import { kernelStat } from '../support/procfsProbe.js';

const newLab = labPerTest();

describe('scenario zombie', () => {
  test('the child shows Z in /proc with the exit status the kernel holds; Reap makes it leave the tree', async () => {
    const harness = newLab();
    const { lab } = harness;
    const { runId } = await lab.handlers['scenarios.run']({ id: 'zombie', params: { code: 3 } });
    const [parentPid] = lab.scenarios.list().runs.find((run) => run.runId === runId)?.pids ?? [];
    const appeared = await harness.waitFor('process.appeared', (e) => e.data.row.ppid === parentPid);
    const zombiePid = appeared.data.row.pid;

    await until('the kernel to show Z', () => kernelStat(zombiePid)?.state === 'Z');
    const zombieRow = await until('the row to show Z', async () =>
      (await lab.handlers['processes.list']({})).processes.find((p) => p.pid === zombiePid && p.state === 'Z'),
    );
    expect(zombieRow.heldExit).toMatchObject({ code: 3, signal: null, exitcode: 3 });
    expect(kernelStat(zombiePid)?.exitStatus).toBe(3 << 8);
    expect(zombieRow.stateSince).toBeLessThanOrEqual(Date.now());

    const { outcome } = await lab.handlers['scenarios.action']({ runId, action: 'reap' });
    expect(outcome).toBe('the parent was unblocked');
    await harness.waitFor('process.vanished', (e) => e.data.pid === zombiePid);
    expect(kernelStat(zombiePid)).toBeNull();
    const stopped = await harness.waitFor('scenario.stopped', (e: LabEvent<'scenario.stopped'>) => e.data.runId === runId);
    expect(stopped.data.reason).toBe('finished');
    const { lines } = await lab.handlers['processes.output']({ pid: parentPid as number });
    expect(lines.at(-1)?.text).toBe(`reaped child ${zombiePid}: exit code 3`);
  });

  test('stopping it ends the parent and the zombie both', async () => {
    const harness = newLab();
    const { lab } = harness;
    const { runId } = await lab.handlers['scenarios.run']({ id: 'zombie', params: {} });
    const [parentPid] = lab.scenarios.list().runs.find((run) => run.runId === runId)?.pids ?? [];
    const appeared = await harness.waitFor('process.appeared', (e) => e.data.row.ppid === parentPid);
    await lab.handlers['scenarios.stop']({ runId });
    expect(kernelStat(parentPid as number)).toBeNull();
    await until('the zombie to be gone', () => kernelStat(appeared.data.row.pid) === null);
    expect(lab.scenarios.list().runs.find((run) => run.runId === runId)?.running).toBe(false);
  });

  test.each([
    ['an unknown scenario', { id: 'vampire' }, /Unknown scenario 'vampire'\. Known scenarios: zombie/],
    ['a bad parameter', { id: 'zombie', params: { code: 300 } }, /params\.code: Too small|params\.code: Too big/],
  ])('refuses %s with a clear error', async (_case, params, message) => {
    const harness = newLab();
    await expect(harness.lab.handlers['scenarios.run']({ params: {}, ...params })).rejects.toThrow(message);
  });

  test('holds the cap on live processes for scenarios too', async () => {
    const harness = newLab({ maxLiveProcesses: 1 });
    const { lab } = harness;
    await lab.handlers['processes.spawn']({ task: 'sleep', args: [], kwargs: { seconds: 60 } });
    await expect(lab.handlers['scenarios.run']({ id: 'zombie', params: {} })).rejects.toThrow(/its cap/);
    expect(lab.scenarios.list().runs.every((run) => !run.running)).toBe(true);
  });
});
