import { describe, expect, test } from 'vitest';
import type { DeadlockResult } from '../../../shared/schemas/concurrency.js';
import { labPerTest } from '../../support/labHarness.js';
import { until } from '../../support/poll.js';
import { kernelStat } from '../../support/procfsProbe.js';
import { processGone, threadNames } from './threadsLeft.js';

const newLab = labPerTest();

describe('scenario deadlock', () => {
  test('the cycle is found in the wait-for graph, both remedies finish, and stopping ends the deadlocked process', async () => {
    const harness = newLab();
    const { lab } = harness;
    const { runId } = await lab.handlers['scenarios.run']({ id: 'deadlock', params: { rounds: 20, timeoutMs: 10 } });
    const [pid] = lab.scenarios.list().runs.find((run) => run.runId === runId)?.pids ?? [];

    const named = await harness.waitFor('scenario.result', (e) => e.data.runId === runId && e.data.result.kind === 'deadlock' && e.data.result.cycle !== null);
    const found = named.data.result as DeadlockResult;
    expect(found.cycle?.threads.toSorted()).toEqual(['deadlock-A', 'deadlock-B']);
    expect(found.cycle?.locks.toSorted()).toEqual(['L1', 'L2']);
    // The graph it came from: each thread holds one lock and waits for the other's.
    expect(found.waitFor.toSorted((a, b) => a.from.localeCompare(b.from))).toEqual([
      { from: 'deadlock-A', to: 'deadlock-B', lock: 'L2' },
      { from: 'deadlock-B', to: 'deadlock-A', lock: 'L1' },
    ]);
    expect(found.locks.map((lock) => [lock.id, lock.holders.map((h) => h.thread), lock.waiters])).toEqual([
      ['L1', ['deadlock-A'], ['deadlock-B']],
      ['L2', ['deadlock-B'], ['deadlock-A']],
    ]);
    expect(found.cycle?.detectedAt).toBeGreaterThanOrEqual(found.cycle?.formedAt ?? Infinity);

    const remedied = await until('both remedies to finish', () => {
      const result = lab.scenarios.results(runId).results.find((r): r is DeadlockResult => r.kind === 'deadlock');
      return result?.remedies.length === 2 && result.remedies.every((r) => r.state === 'finished') && result;
    }, 20_000);
    expect(remedied.remedies.map((r) => [r.remedy, r.rounds])).toEqual([
      ['lock-order', 20],
      ['try-lock', 20],
    ]);
    // The try-lock pair met holding a lock each, so at least one of them timed out and let go.
    expect(remedied.remedies[1]?.retries).toBeGreaterThan(0);
    expect(remedied.remedies[0]?.retries).toBe(0);

    // The deadlocked threads still sleep in the lab process, which the kernel shows; the main process is not involved.
    const names = threadNames(pid as number) ?? [];
    expect(names).toEqual(expect.arrayContaining(['deadlock-A', 'deadlock-B']));
    expect(names).not.toContain('order-A');
    expect(kernelStat(pid as number)?.state).toMatch(/[SR]/);
    expect(lab.scenarios.results(runId).running).toBe(true);

    await lab.handlers['scenarios.stop']({ runId });
    expect(processGone(pid as number)).toBe(true);
    const stopped = await harness.waitFor('scenario.stopped', (e) => e.data.runId === runId);
    expect(stopped.data.reason).toBe('stopped');
  });

  test.each([
    [{ rounds: 0 }, 'rounds: at least 1'],
    [{ rounds: 1e9 }, 'rounds: at most 10,000 per remedy'],
    [{ timeoutMs: 3_600_000 }, 'timeoutMs: at most 5000 ms'],
  ])('refuses %o naming the rule', async (params, rule) => {
    const { lab } = newLab();
    await expect(lab.handlers['scenarios.run']({ id: 'deadlock', params })).rejects.toThrow(rule);
    expect(lab.processes.live()).toEqual([]);
  });
});
