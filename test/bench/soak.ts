import { Lab } from '../../electron/lab/lab.js';
import { builtEntry, builtGuardian } from '../support/labHarness.js';
import type { BenchResult } from './stats.js';

/** The ten minutes; LOOPSCOPE_SOAK_SECONDS shortens it (a quick look, not the goal's measure). */
const SOAK_SECONDS = 10 * 60;
const seconds = Number(process.env.LOOPSCOPE_SOAK_SECONDS ?? SOAK_SECONDS);
/** Short processes spawning at once; each exits as soon as it starts. */
const SPAWNERS = 4;
/** Print loops running at once, each printing 1,000 lines as fast as it can. */
const PRINTERS = 2;
/** Queue puts and gets per turn of the event loop. */
const QUEUE_BATCH = 200;

const rssMiB = (): number => process.memoryUsage().rss / 1024 / 1024;

/**
 * Sustained high event rates on one lab: short processes spawned and reaped without pause, print
 * loops' output, and queue traffic, with a client subscribed to everything. The main process's
 * RSS (this process embeds the lab, as browser mode does) at the middle is the baseline for the end:
 * with every store bounded in total, memory stops growing once the stores are full.
 */
export async function soak(): Promise<BenchResult[]> {
  // Not the test harness: it keeps every event, and a soak must hold only what the lab holds.
  const lab = new Lab({
    host: 'embedded',
    appVersion: '0.0.0-bench',
    entries: { taskChild: builtEntry('taskChild'), guardian: builtGuardian },
    maxLiveProcesses: SPAWNERS + PRINTERS + 10,
    log: () => {},
  });
  let events = 0;
  lab.hub.subscribe(({ batch }) => ((events += batch.length), true));
  const deadline = Date.now() + seconds * 1000;
  const running = (): boolean => Date.now() < deadline;
  const counts = { spawned: 0, lines: 0, queueOps: 0 };

  const spawner = async (): Promise<void> => {
    while (running()) {
      const { pid } = await lab.handlers['processes.spawn']({ task: 'exit', args: [], kwargs: {} });
      await lab.handlers['processes.join']({ pid });
      counts.spawned++;
    }
  };
  const printer = async (): Promise<void> => {
    while (running()) {
      const { pid } = await lab.handlers['processes.spawn']({ task: 'print-loop', args: [], kwargs: { times: 1000, intervalMs: 0, pad: 'x'.repeat(200) } });
      await lab.handlers['processes.join']({ pid });
      counts.lines += 1000;
    }
  };
  const queueTraffic = async (): Promise<void> => {
    const { queueId } = await lab.handlers['queues.create']({ maxsize: 0 });
    while (running()) {
      for (let i = 0; i < QUEUE_BATCH; i++) await lab.handlers['queues.put']({ queueId, item: { i, text: 'y'.repeat(100) }, block: false });
      for (let i = 0; i < QUEUE_BATCH; i++) await lab.handlers['queues.get']({ queueId, block: false });
      counts.queueOps += 2 * QUEUE_BATCH;
      await new Promise((resolve) => setImmediate(resolve));
    }
  };

  const readings: { label: string; at: number; rss: number }[] = [];
  const read = (label: string): void => {
    const reading = { label, at: (Date.now() - (deadline - seconds * 1000)) / 1000, rss: rssMiB() };
    readings.push(reading);
    console.log(`soak: ${label} at ${reading.at.toFixed(0)} s: RSS ${reading.rss.toFixed(1)} MiB, ${events} events, ${counts.spawned} spawned, ${counts.lines} lines, ${counts.queueOps} queue ops`);
  };
  read('start');
  const middle = setTimeout(() => read('middle'), (seconds * 1000) / 2);
  try {
    await Promise.all([
      ...Array.from({ length: SPAWNERS }, spawner),
      ...Array.from({ length: PRINTERS }, printer),
      queueTraffic(),
    ]);
    read('end');
  } finally {
    clearTimeout(middle);
    await lab.dispose();
  }
  const mid = readings.find((reading) => reading.label === 'middle')?.rss ?? 0;
  const end = readings.find((reading) => reading.label === 'end')?.rss ?? 0;
  const start = readings[0]?.rss ?? 0;
  return [
    {
      name: `main process RSS at the end of a ${seconds} s soak (start ${start.toFixed(1)} MiB; ${counts.spawned} processes, ${counts.lines} lines, ${counts.queueOps} queue ops, ${events} events)`,
      value: end,
      unit: 'MiB',
      baselineName: 'RSS at the middle of the same run',
      baseline: mid,
      goal: '≤ 1.10 × the middle',
      met: mid > 0 && end <= mid * 1.1,
    },
  ];
}
