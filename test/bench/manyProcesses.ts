import { builtEntry, builtGuardian, startLab } from '../support/labHarness.js';
import { until } from '../support/poll.js';
import type { BenchResult } from './stats.js';

const PROCESSES = 500;
const WINDOW_MS = 6000;

/** CPU the whole main process spends over a window, in % of one core. */
async function cpuOver(ms: number): Promise<number> {
  const start = process.cpuUsage();
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const used = process.cpuUsage(start);
  return ((used.user + used.system) / 1000 / (performance.now() - started)) * 100;
}

/** 500 live sleep-native lab processes sampled at 2 Hz, against the same lab with its sampler stopped. */
export async function manyProcesses(): Promise<BenchResult[]> {
  const harness = startLab({
    sampleIntervalMs: 500,
    maxLiveProcesses: PROCESSES + 10,
    entries: { taskChild: builtEntry('taskChild'), guardian: builtGuardian },
  });
  const { lab } = harness; // the harness subscribes and keeps every event, as a connected client would
  try {
    await Promise.all(
      Array.from({ length: PROCESSES }, () => lab.handlers['processes.spawn']({ task: 'sleep-native', args: [], kwargs: { seconds: 600 } })),
    );
    await until(
      'every process sampled',
      async () => (await lab.handlers['processes.list']({})).processes.filter((p) => p.role === 'lab' && p.state === 'S').length >= PROCESSES,
      30_000,
    );
    const sampling = await cpuOver(WINDOW_MS);
    lab.sampler.stop();
    const idle = await cpuOver(WINDOW_MS);
    return [
      {
        name: `main process CPU with ${PROCESSES} lab processes sampled at 2 Hz (${WINDOW_MS / 1000} s window)`,
        value: sampling,
        unit: '% of one core',
        baselineName: 'the same lab with its sampler stopped',
        baseline: idle,
        goal: '< 5 %',
        met: sampling < 5,
      },
    ];
  } finally {
    await lab.dispose();
  }
}
