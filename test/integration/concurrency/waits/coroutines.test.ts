import { describe, expect, test } from 'vitest';
import type { CoroutineSlice } from '../../../../shared/schemas/concurrencyCoroutines.js';
import { labPerTest } from '../../../support/labHarness.js';
import { until } from '../../../support/poll.js';
import { kernelStat } from '../../../support/procfsProbe.js';
import { processGone } from '../threadsLeft.js';
import { runToEnd } from '../timing/runScenario.js';

const newLab = labPerTest();

/** Slices in the order they ran never overlap: one thread runs one at a time. */
const oneAtATime = (slices: CoroutineSlice[]): boolean => slices.every((slice, i) => i === 0 || (slices[i - 1] as CoroutineSlice).endMs <= slice.startMs);

describe('scenario coroutines', () => {
  test('coroutines interleave on one thread at their awaits, and a CPU-bound step holds back every other one', async () => {
    const harness = newLab();
    const { reason, detail, pids, result } = await runToEnd(harness, 'coroutines', 'coroutines', { coroutines: 3, steps: 5, ioMs: 50, cpuMs: 1000 });
    expect(reason, detail).toBe('finished');
    expect(result.runs.map((run) => run.mode)).toEqual(['io', 'cpu-step']);
    // The lab process's main thread: its tid is the pid.
    expect(result.tid).toBe(pids[0]);

    const [io, cpu] = result.runs;
    for (const run of result.runs) {
      expect(run.slices).toHaveLength(3 * 6);
      expect(new Set(run.slices.map((slice) => slice.tid))).toEqual(new Set([result.tid]));
      expect(oneAtATime(run.slices), run.mode).toBe(true);
      expect(run.slices.filter((slice) => slice.awaited !== null)).toHaveLength(3 * 5);
    }
    const order = io?.slices.map((slice) => slice.coroutine) ?? [];
    // Each ran to its first await before the next began: the switch points.
    expect(order.slice(0, 3)).toEqual(['co-1', 'co-2', 'co-3']);
    // And they interleave: co-3 began before co-1 was done, co-1 ran again before co-3 was done.
    expect(order.indexOf('co-3')).toBeLessThan(order.lastIndexOf('co-1'));
    expect(order.indexOf('co-1', 3)).toBeLessThan(order.lastIndexOf('co-3'));
    expect(io?.slices.some((slice) => slice.cpu)).toBe(false);

    const spin = cpu?.slices.find((slice) => slice.cpu);
    expect(spin && [spin.coroutine, spin.step]).toEqual(['co-1', 1]);
    if (!spin) return;
    const others = cpu?.slices.filter((slice) => slice.coroutine !== 'co-1') ?? [];
    // Nothing else ran while it spun; a resume that fell due meanwhile ran only after it.
    expect(others.filter((slice) => slice.startMs > spin.startMs && slice.startMs < spin.endMs)).toEqual([]);
    const heldBack = others.filter((slice) => slice.dueMs !== null && slice.dueMs < spin.endMs && slice.startMs >= spin.endMs);
    expect(heldBack.length).toBeGreaterThan(0);
    expect(cpu?.maxLateMs).toBeGreaterThanOrEqual(Math.max(...heldBack.map((slice) => slice.startMs - (slice.dueMs as number))));
  });

  test('stopped halfway, its lab process ends', async () => {
    const harness = newLab();
    const { lab } = harness;
    const { runId } = await lab.handlers['scenarios.run']({ id: 'coroutines', params: { steps: 20, ioMs: 500 } });
    const [pid] = lab.scenarios.list().runs.find((run) => run.runId === runId)?.pids ?? [];
    await until('the lab process to run', () => kernelStat(pid as number) !== null);
    await lab.handlers['scenarios.stop']({ runId });
    expect(processGone(pid as number)).toBe(true);
    expect(lab.scenarios.results(runId).running).toBe(false);
  });

  test.each([
    [{ coroutines: 0 }, 'coroutines: at least 1'],
    [{ coroutines: 10_000 }, 'coroutines: at most 16'],
    [{ steps: 0 }, 'steps: at least 1'],
    [{ cpuMs: 3_600_000 }, 'cpuMs: at most 10,000 ms'],
    [{ coroutines: 16, steps: 20, ioMs: 2000 }, 'steps × ioMs × coroutines: at most 60,000 ms'],
  ])('refuses %o naming the rule', async (params, rule) => {
    const { lab } = newLab();
    await expect(lab.handlers['scenarios.run']({ id: 'coroutines', params })).rejects.toThrow(rule);
    expect(lab.processes.live()).toEqual([]);
  });
});
