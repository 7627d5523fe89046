import { describe, expect, test } from 'vitest';
import type { RaceResult } from '../../../shared/schemas/concurrency.js';
import { labPerTest } from '../../support/labHarness.js';
import { until } from '../../support/poll.js';
import { processGone, threadNames } from './threadsLeft.js';

const newLab = labPerTest();
/** Tries for a run in which the threads overlapped: a busy machine may run them one after another. */
const ATTEMPTS = 4;

describe('scenario race', () => {
  test('where the threads overlapped the plain run loses updates; the mutex and Atomics.add never do', async () => {
    const harness = newLab();
    const { lab } = harness;
    let overlapping: RaceResult | null = null;
    for (let attempt = 0; attempt < ATTEMPTS && !overlapping; attempt++) {
      const { runId } = await lab.handlers['scenarios.run']({ id: 'race', params: { workers: 2, iterations: 3_000_000 } });
      const stopped = await harness.waitFor('scenario.stopped', (e) => e.data.runId === runId);
      expect(stopped.data.reason).toBe('finished');
      const { results } = await lab.handlers['scenarios.results']({ runId });
      const race = results.find((result): result is RaceResult => result.kind === 'race');
      expect(race?.runs.map((run) => run.method)).toEqual(['plain', 'mutex', 'atomic']);
      // The same numbers travelled on the events.
      const lastEvent = harness.events.findLast((e) => e.type === 'scenario.result' && e.data.runId === runId);
      expect(lastEvent?.type === 'scenario.result' && lastEvent.data.result).toEqual(race);
      for (const run of race?.runs.filter((r) => r.method !== 'plain') ?? []) {
        expect(run.final, run.method).toBe(2 * 3_000_000);
        expect(run.lost).toBe(0);
      }
      const plain = race?.runs[0];
      expect(plain?.workers.map((w) => w.thread.name)).toEqual(['race-plain-1', 'race-plain-2']);
      expect(plain?.workers.every((w) => w.thread.tid !== null && w.endMs >= w.startMs)).toBe(true);
      if (race && plain?.overlapped && plain.overlapMs > plain.elapsedMs / 4) overlapping = race;
    }
    expect(overlapping, `the threads never overlapped for a quarter of the run in ${ATTEMPTS} runs`).not.toBeNull();
    const plain = overlapping?.runs[0];
    expect(plain?.lost).toBeGreaterThan(0);
    expect(plain?.final).toBe((plain?.expected ?? 0) - (plain?.lost ?? 0));
    expect(['interleaving', 'register']).toContain(plain?.loss);
  });

  test('its threads run inside its lab process, named in /proc; stopping it halfway ends the process and every thread', async () => {
    const harness = newLab();
    const { lab } = harness;
    const { runId } = await lab.handlers['scenarios.run']({ id: 'race', params: { workers: 4, iterations: 5_000_000 } });
    const [pid] = lab.scenarios.list().runs.find((run) => run.runId === runId)?.pids ?? [];
    expect(pid).toBeDefined();
    const names = await until('the racing threads to show in /proc', () => {
      const seen = threadNames(pid as number);
      return seen?.filter((name) => name.startsWith('race-')).length === 4 && seen;
    });
    expect(names).toEqual(expect.arrayContaining(['race-plain-1', 'race-plain-2', 'race-plain-3', 'race-plain-4']));
    await lab.handlers['scenarios.stop']({ runId });
    expect(processGone(pid as number)).toBe(true);
    expect(lab.scenarios.results(runId).running).toBe(false);
  });

  test.each([
    [{ workers: 0 }, 'workers: at least 1 thread'],
    [{ workers: 10_000 }, 'workers: at most 64 threads'],
    [{ workers: 64, iterations: 10_000_000 }, 'at most 20,000,000 increments per run'],
    [{ iterations: 1e12 }, 'iterations: at most 10,000,000'],
  ])('refuses %o naming the rule, and starts nothing', async (params, rule) => {
    const { lab } = newLab();
    await expect(lab.handlers['scenarios.run']({ id: 'race', params })).rejects.toThrow(rule);
    expect(lab.processes.live()).toEqual([]);
  });
});
