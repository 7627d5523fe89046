import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { findOnPath } from '../../../../electron/lab/concurrency/timing/findOnPath.js';
import { labPerTest } from '../../../support/labHarness.js';
import { isRunning } from '../../../support/procfsProbe.js';
import { runToEnd } from './runScenario.js';

const newLab = labPerTest();
const python = findOnPath('python3');

describe('scenario gil', () => {
  test('says whether python3 is here, and its GIL state as CPython itself reports it', async () => {
    const { result, reason, pids } = await runToEnd(newLab(), 'gil', 'gil', { pythonIterations: 200_000 });
    expect(reason).toBe('finished');
    if (!python) {
      expect(result).toMatchObject({ runtime: 'node', python: null, noPython: 'there is no python3 on PATH' });
      return;
    }
    const gil = execFileSync('python3', ['-c', 'import sys; print(getattr(sys, "_is_gil_enabled", lambda: True)())'], { encoding: 'utf8' }).trim();
    expect(result.runtime).toBe('cpython');
    expect(result.noPython).toBeNull();
    expect(String(result.python?.gilEnabled)).toBe(gil.toLowerCase());
    expect(result.runs.map((run) => [run.mode, run.workers])).toEqual([
      ['sequential', 1],
      ['threads', 2],
      ['processes', 2],
    ]);
    expect(pids.filter(isRunning)).toEqual([]);
  }, 180_000);

  test("runs JavaScript's analogue when asked: two loops on one event loop, and on two worker threads", async () => {
    const { result } = await runToEnd(newLab(), 'gil', 'gil', { runtime: 'node', nodeIterations: 20_000_000 });
    expect(result).toMatchObject({ runtime: 'node', python: null, noPython: 'the Node analogue was asked for' });
    expect(result.runs.map((run) => run.mode)).toEqual(['sequential', 'one-thread-interleaved', 'worker-threads']);
    expect(result.runs.every((run) => run.wallMs > 0)).toBe(true);
  }, 180_000);

  test.each([
    ['loops that would run for hours', { pythonIterations: 100_000_000_000 }, /params\.pythonIterations: Too big/],
    ['no loop at all', { nodeIterations: 0 }, /params\.nodeIterations: Too small/],
  ])('refuses %s, naming the parameter', async (_case, params, message) => {
    await expect(newLab().lab.handlers['scenarios.run']({ id: 'gil', params })).rejects.toThrow(message);
  });
});
