import { describe, expect, test } from 'vitest';
import { labPerTest } from '../../../support/labHarness.js';
import { until } from '../../../support/poll.js';
import { isRunning } from '../../../support/procfsProbe.js';
import { runToEnd } from './runScenario.js';

const newLab = labPerTest();

describe('scenario event-loop-block', () => {
  test("work on the probe's main thread delays its event loop by at least the work's length; on a worker or in another process by less", async () => {
    const workMs = 1500;
    const { result, reason, pids } = await runToEnd(newLab(), 'event-loop-block', 'event-loop-block', { workMs });
    expect(reason).toBe('finished');
    const phase = (place: string) => result.phases.find((candidate) => candidate.place === place);
    const main = phase('main-thread');
    const worker = phase('worker-thread');
    const child = phase('child-process');
    // monitorEventLoopDelay sees a block less its own resolution: its timer was due that much after the block began at the latest.
    expect(main?.maxDelayMs).toBeGreaterThanOrEqual(workMs - result.resolutionMs);
    // The echo sent while the loop was blocked waited for the block to end.
    expect(main?.pingMaxMs).toBeGreaterThan(workMs / 2);
    expect(worker?.maxDelayMs).toBeLessThan(workMs);
    expect(child?.maxDelayMs).toBeLessThan(workMs);
    // The sampling timer was due at most one interval after the block began.
    expect(main?.samples.some((sample) => sample.delayMs >= workMs - result.sampleEveryMs)).toBe(true);
    // Probes and the process that ran the work: every one has ended.
    expect(pids.length).toBe(4);
    expect(pids.filter(isRunning)).toEqual([]);
  }, 180_000);

  test('stopped halfway, it ends the probe that is blocked', async () => {
    const harness = newLab();
    const { lab } = harness;
    const { runId } = await lab.handlers['scenarios.run']({ id: 'event-loop-block', params: { workMs: 20_000 } });
    await harness.waitFor('scenario.step', (event) => event.data.runId === runId);
    const [probe] = lab.scenarios.list().runs.find((run) => run.runId === runId)?.pids ?? [];
    await lab.handlers['scenarios.stop']({ runId });
    await until('the probe to be gone', () => !isRunning(probe as number));
    const stopped = await harness.waitFor('scenario.stopped', (event) => event.data.runId === runId);
    expect(stopped.data.reason).toBe('stopped');
  });

  test.each([
    ['no work', 0, /params\.workMs: Too small/],
    ['work that would run for hours', 3_600_000, /params\.workMs: Too big/],
  ])('refuses %s, naming the parameter', async (_case, workMs, message) => {
    await expect(newLab().lab.handlers['scenarios.run']({ id: 'event-loop-block', params: { workMs } })).rejects.toThrow(message);
  });
});
