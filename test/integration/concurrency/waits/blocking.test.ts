import { describe, expect, test } from 'vitest';
import type { BlockingVariantId } from '../../../../shared/schemas/concurrencyBlocking.js';
import { labPerTest } from '../../../support/labHarness.js';
import { until } from '../../../support/poll.js';
import { processGone, threadNames } from '../threadsLeft.js';
import { runToEnd } from '../timing/runScenario.js';

const newLab = labPerTest();
const CALLER_BLOCKS: readonly BlockingVariantId[] = ['read-sync', 'recv-blocking'];

describe('scenario blocking', () => {
  test("the caller's timer never runs while its thread sits in readSync or recv, and does run while it waits for a callback", async () => {
    const harness = newLab();
    const { reason, detail, pids, result } = await runToEnd(harness, 'blocking', 'blocking', { waitMs: 600, tickMs: 20 });
    expect(reason, detail).toBe('finished');
    expect(result.pid).toBe(pids[0]);
    expect(result.skipped).toEqual([]);
    expect(result.variants.map((variant) => variant.id)).toEqual(['read-sync', 'read-threadpool', 'read-evented', 'recv-blocking', 'recv-evented']);
    for (const variant of result.variants) {
      expect(variant.bytes, variant.id).toBe(1);
      expect(variant.endMs).toBeGreaterThanOrEqual(variant.startMs);
      if (CALLER_BLOCKS.includes(variant.id)) {
        expect([variant.style, variant.waiter], variant.id).toEqual(['sync', 'caller']);
        expect(variant.ticks, `${variant.id}: ticks while the thread was blocked`).toEqual([]);
        // Not one tick in the whole wait: the caller's longest stretch without running is the wait itself.
        expect(variant.longestGapMs).toBe(variant.waitMs);
      } else {
        expect(variant.style, variant.id).toBe('callback');
        expect(variant.ticks.length, `${variant.id}: ticks while a callback was awaited`).toBeGreaterThan(0);
        expect(variant.longestGapMs).toBeLessThan(variant.waitMs);
      }
    }
    expect(result.variants.find((variant) => variant.id === 'read-threadpool')?.waiter).toBe('pool-thread');
    // What the timeline says, with the same figures.
    const said = harness.events.flatMap((e) => (e.type === 'scenario.step' && e.data.key === 'lab.step.blocking.waited' ? [e.data.params] : []));
    expect(said.map((params) => [params?.call, params?.ticks])).toEqual(result.variants.map((variant) => [variant.call, variant.ticks.length]));
  });

  test('stopped while its caller is blocked in readSync, the lab process and its feeder thread end', async () => {
    const harness = newLab();
    const { lab } = harness;
    const { runId } = await lab.handlers['scenarios.run']({ id: 'blocking', params: { waitMs: 10_000 } });
    const [pid] = lab.scenarios.list().runs.find((run) => run.runId === runId)?.pids ?? [];
    await until('the feeder thread to show in /proc', () => threadNames(pid as number)?.includes('feeder-fifo'));
    await lab.handlers['scenarios.stop']({ runId });
    expect(processGone(pid as number)).toBe(true);
    const stopped = await harness.waitFor('scenario.stopped', (e) => e.data.runId === runId);
    expect(stopped.data.reason).toBe('stopped');
  });

  test.each([
    [{ waitMs: 0 }, 'waitMs: at least 100 ms'],
    [{ waitMs: 3_600_000 }, 'waitMs: at most 10000 ms'],
    [{ tickMs: 0 }, 'tickMs: at least 5 ms'],
    [{ waitMs: 100, tickMs: 80 }, 'tickMs: at most half of waitMs'],
  ])('refuses %o naming the rule', async (params, rule) => {
    const { lab } = newLab();
    await expect(lab.handlers['scenarios.run']({ id: 'blocking', params })).rejects.toThrow(rule);
    expect(lab.processes.live()).toEqual([]);
  });
});
