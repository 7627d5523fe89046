import { describe, expect, test } from 'vitest';
import type { LockState, LocksResult } from '../../../shared/schemas/concurrency.js';
import { labPerTest } from '../../support/labHarness.js';
import { until } from '../../support/poll.js';
import { processGone, threadNames } from './threadsLeft.js';

const newLab = labPerTest();

const locksReports = (events: ReturnType<typeof newLab>['events'], runId: string): LocksResult[] =>
  events.flatMap((e) => (e.type === 'scenario.result' && e.data.runId === runId && e.data.result.kind === 'locks' ? [e.data.result] : []));
const lock = (result: LocksResult, id: string): LockState | undefined => result.locks.find((l) => l.id === id);

describe('scenario locks', () => {
  test('live reports show one holder of the mutex with waiters, the reentrant lock two deep, the semaphore up to its permits', async () => {
    const harness = newLab();
    const { lab } = harness;
    const { runId } = await lab.handlers['scenarios.run']({ id: 'locks', params: { threads: 3, rounds: 2, holdMs: 40, permits: 2 } });
    const stopped = await harness.waitFor('scenario.stopped', (e) => e.data.runId === runId);
    expect(stopped.data.reason).toBe('finished');
    const reports = locksReports(harness.events, runId);
    expect(reports.length).toBeGreaterThan(3);
    for (const report of reports) {
      expect(lock(report, 'M')?.holders.length).toBeLessThanOrEqual(1);
      expect(lock(report, 'R')?.holders.length).toBeLessThanOrEqual(1);
      expect(lock(report, 'S')?.holders.length).toBeLessThanOrEqual(2);
    }
    expect(reports.some((r) => (lock(r, 'M')?.waiters.length ?? 0) > 0), 'someone waited for the mutex').toBe(true);
    expect(reports.some((r) => lock(r, 'R')?.holders[0]?.depth === 2), 'the reentrant lock held twice by one thread').toBe(true);
    expect(reports.some((r) => lock(r, 'S')?.holders.length === 2), 'both permits taken').toBe(true);
    const last = reports.at(-1);
    expect(last?.acquisitions).toBe(3 * 2 * 4); // M, R twice, S: each round of each thread
    expect(last?.locks.every((l) => l.holders.length === 0 && l.waiters.length === 0)).toBe(true);
    expect(last?.threads.map((t) => t.name)).toEqual(['locks-1', 'locks-2', 'locks-3']);
  });

  test('stopped halfway, its process and threads are gone; bad sizes are refused naming the rule', async () => {
    const harness = newLab();
    const { lab } = harness;
    const { runId } = await lab.handlers['scenarios.run']({ id: 'locks', params: { threads: 4, rounds: 50, holdMs: 200 } });
    const [pid] = lab.scenarios.list().runs.find((run) => run.runId === runId)?.pids ?? [];
    await until('its four threads to show in /proc by name', () => threadNames(pid as number)?.filter((name) => name.startsWith('locks-')).length === 4);
    await lab.handlers['scenarios.stop']({ runId });
    expect(processGone(pid as number)).toBe(true);

    await expect(lab.handlers['scenarios.run']({ id: 'locks', params: { threads: 0 } })).rejects.toThrow('threads: at least 1');
    await expect(lab.handlers['scenarios.run']({ id: 'locks', params: { threads: 10_000 } })).rejects.toThrow('threads: at most 16');
    await expect(lab.handlers['scenarios.run']({ id: 'locks', params: { threads: 16, rounds: 100, holdMs: 5000 } })).rejects.toThrow('minutes of holding locks');
    expect(lab.processes.live()).toEqual([]);
  });
});
