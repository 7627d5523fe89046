import { monitorEventLoopDelay } from 'node:perf_hooks';
import { builtEntry, builtGuardian, startLab } from '../support/labHarness.js';
import type { BenchResult } from './stats.js';

const BURST = 200;

/** The longest the event loop was held, in ms, while `work` ran. */
async function longestBlock(work: () => Promise<unknown>): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  await work();
  histogram.disable();
  return histogram.max / 1e6;
}

/** A burst of 200 spawns, issued at once, against an idle loop measured the same way for as long. */
async function burst(task: 'sleep-native' | 'sleep'): Promise<{ blocked: number; idle: number; ms: number }> {
  const harness = startLab({
    sampleIntervalMs: 60_000,
    maxLiveProcesses: BURST + 10,
    entries: { taskChild: builtEntry('taskChild'), guardian: builtGuardian },
  });
  const { lab } = harness;
  try {
    const started = performance.now();
    const blocked = await longestBlock(() =>
      Promise.all(Array.from({ length: BURST }, () => lab.handlers['processes.spawn']({ task, args: [], kwargs: { seconds: 600 } }))),
    );
    const ms = performance.now() - started;
    const idle = await longestBlock(() => new Promise((resolve) => setTimeout(resolve, ms)));
    return { blocked, idle, ms };
  } finally {
    await lab.dispose();
  }
}

export async function spawnBurst(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const task of ['sleep-native', 'sleep'] as const) {
    const { blocked, idle, ms } = await burst(task);
    results.push({
      name: `longest event-loop block during a burst of ${BURST} ${task === 'sleep' ? 'Node' : 'sleep(1)'} spawns (burst took ${ms.toFixed(0)} ms)`,
      value: blocked,
      unit: 'ms',
      baselineName: 'an idle loop measured as long',
      baseline: idle,
      // Node children are reported only: 200 Node runtimes booting at once keep both cores busy, and the
      // main process waits for a core however the spawns are paced.
      goal: task === 'sleep' ? null : '≤ 50 ms',
      met: task === 'sleep' || blocked <= 50,
    });
  }
  return results;
}
