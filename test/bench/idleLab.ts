import { Lab } from '../../electron/lab/lab.js';
import { builtEntry, builtGuardian } from '../support/labHarness.js';
import type { BenchResult } from './stats.js';

const WINDOW_MS = 20_000;

/** The main process's CPU over a window, in % of one core. */
async function cpuShare(ms: number): Promise<number> {
  const start = process.cpuUsage();
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const used = process.cpuUsage(start);
  return ((used.user + used.system) / 1000 / (performance.now() - started)) * 100;
}

/**
 * An idle lab: no client, no lab process, only the main process and its guardian in the tree, with
 * the default sampling interval; against this same process once the lab has ended, over the same window.
 */
export async function idleLab(): Promise<BenchResult[]> {
  const lab = new Lab({ host: 'embedded', appVersion: '0.0.0-bench', entries: { taskChild: builtEntry('taskChild'), guardian: builtGuardian }, log: () => {} });
  let idle: number;
  try {
    await new Promise((resolve) => setTimeout(resolve, 2000)); // past the start: the guardian up, the first ticks taken
    idle = await cpuShare(WINDOW_MS);
    if (lab.machine.running) throw new Error('the machine-wide reading runs with no client');
  } finally {
    await lab.dispose();
  }
  const without = await cpuShare(WINDOW_MS);
  return [
    {
      name: `an idle lab: no client, no lab process (${WINDOW_MS / 1000} s window), main process CPU`,
      value: idle,
      unit: '% of one core',
      baselineName: 'this process once the lab has ended',
      baseline: without,
      goal: '≤ 0.1 %',
      met: idle <= 0.1,
    },
  ];
}
