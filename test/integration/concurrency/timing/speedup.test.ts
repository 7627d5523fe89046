import { describe, expect, test } from 'vitest';
import { labPerTest } from '../../../support/labHarness.js';
import { until } from '../../../support/poll.js';
import { isRunning } from '../../../support/procfsProbe.js';
import { runToEnd } from './runScenario.js';

const newLab = labPerTest();

describe('scenario speedup', () => {
  test('returns a table with every mode and worker count, for CPU-bound and IO-bound work, with each core’s busy share', async () => {
    const { result, reason, pids } = await runToEnd(newLab(), 'speedup', 'speedup', { tasks: 4, maxWorkers: 2, iterations: 2_000_000, ioMs: 30 });
    expect(reason).toBe('finished');
    for (const work of ['cpu', 'io'] as const) {
      expect(result.rows.filter((row) => row.work === work).map((row) => [row.mode, row.workers])).toEqual([
        ['sequential', 1],
        ['threads', 1],
        ['threads', 2],
        ['async', 4],
        ['processes', 1],
        ['processes', 2],
      ]);
    }
    const sequentialIo = result.rows.find((row) => row.work === 'io' && row.mode === 'sequential');
    // Four IO tasks one after another wait four times: the floor is the server's delay, not a timing of ours.
    expect(sequentialIo?.wallMs).toBeGreaterThanOrEqual(4 * 30);
    expect(result.rows.every((row) => row.cpuPercentPerCore.length === result.cores)).toBe(true);
    expect(result.rows.find((row) => row.mode === 'sequential')?.speedup).toBe(1);
    expect(pids.filter(isRunning)).toEqual([]);
  }, 180_000);

  test('stopped halfway, it leaves no process behind', async () => {
    const harness = newLab();
    const { lab } = harness;
    const { runId } = await lab.handlers['scenarios.run']({ id: 'speedup', params: { work: 'io', ioMs: 5000, tasks: 8 } });
    const runner = await harness.waitFor('process.spawned', (event) => event.data.row.name === 'speedup-io');
    await lab.handlers['scenarios.stop']({ runId });
    await until('the runner to be gone', () => !isRunning(runner.data.row.pid));
    const stopped = await harness.waitFor('scenario.stopped', (event) => event.data.runId === runId);
    expect(stopped.data.reason).toBe('stopped');
    expect((lab.scenarios.list().runs.find((run) => run.runId === runId)?.pids ?? []).filter(isRunning)).toEqual([]);
  });

  test.each([
    ['0 workers', { maxWorkers: 0 }, /params\.maxWorkers: Too small/],
    ['10,000 workers', { maxWorkers: 10_000 }, /params\.maxWorkers: Too big/],
    ['work that would run for hours', { tasks: 256, iterations: 5_000_000_000 }, /params\.iterations: tasks × iterations is too much work/],
  ])('refuses %s, naming the rule', async (_case, params, message) => {
    await expect(newLab().lab.handlers['scenarios.run']({ id: 'speedup', params })).rejects.toThrow(message);
  });
});
