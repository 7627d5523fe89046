import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { startLab } from '../support/labHarness.js';
import { until } from '../support/poll.js';
import { type BenchResult, percentile } from './stats.js';

const CHILDREN = 200;
const TICKS = 60;

/** The floor: the same /proc files read once each, with no parsing, diffing or events. */
function bareReads(pids: readonly number[]): void {
  for (const pid of pids) {
    readFileSync(`/proc/${pid}/stat`, 'utf8');
    for (const tid of readdirSync(`/proc/${pid}/task`)) readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8');
  }
}

/** Sampler cost per tick with 200 live children: the lab's whole tick (read, diff, emit) against the bare reads. */
export async function samplerCost(): Promise<BenchResult[]> {
  const children: ChildProcess[] = [];
  const harness = startLab({ sampleIntervalMs: 60_000, entries: { taskChild: '', guardian: null } });
  try {
    for (let i = 0; i < CHILDREN; i++) children.push(spawn('sleep', ['600'], { stdio: 'ignore' }));
    const observed = await until('all children sampled', async () => {
      const seen = await harness.lab.sampler.tick();
      return seen.length > CHILDREN && seen;
    });
    const pids = observed.map((o) => o.pid);
    const tick: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < TICKS; i++) {
      let start = performance.now();
      await harness.lab.sampler.tick();
      tick.push(performance.now() - start);
      start = performance.now();
      bareReads(pids);
      bare.push(performance.now() - start);
    }
    const median = percentile(tick, 50);
    return [
      {
        name: `sampler tick, ${pids.length} processes (median of ${TICKS})`,
        value: median,
        unit: 'ms',
        baselineName: 'bare reads of the same /proc files',
        baseline: percentile(bare, 50),
        goal: '< 10 ms',
        met: median < 10,
      },
      {
        name: 'sampler CPU at 2 Hz',
        value: (median * 2) / 10,
        unit: '% of one core',
        baselineName: 'bare reads at 2 Hz',
        baseline: (percentile(bare, 50) * 2) / 10,
        goal: '≤ 2 %',
        met: (median * 2) / 10 <= 2,
      },
    ];
  } finally {
    for (const child of children) child.kill('SIGKILL');
    await harness.lab.dispose();
  }
}
