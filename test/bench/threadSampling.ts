import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { now } from '../../electron/lab/clock.js';
import { Lab } from '../../electron/lab/lab.js';
import { builtEntry, builtGuardian } from '../support/labHarness.js';
import { until } from '../support/poll.js';
import type { BenchResult } from './stats.js';

/** 20 processes of ~10 threads each: Node's 7, and 3 worker threads that name themselves. */
const SHOWN = 20;
const WORKERS = 3;
/** Lab processes (the sleep task) beside them in the larger tree, as a user's lab holds many. */
const OTHERS = 80;
const INTERVAL_MS = 500;
/** Short windows, many rounds: a burst of load from the rest of a shared machine then falls on both sides alike. */
const TICKS_PER_WINDOW = 4;
const ROUNDS = 6;

const WORKERS_SCRIPT = `
  const { Worker } = require('node:worker_threads');
  for (let i = 0; i < ${WORKERS}; i++) new Worker("require('node:fs').writeFileSync('/proc/thread-self/comm', 'worker-" + i + "'); setInterval(() => {}, 1000);", { eval: true });
  setInterval(() => {}, 1000);`;

const threadsOf = (pid: number): string[] => {
  try {
    return readdirSync(`/proc/${pid}/task`).map((tid) => readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim());
  } catch {
    return [];
  }
};

/**
 * The main process's CPU time per tick, with and without the threads shown, in alternating windows
 * of ticks at 2 Hz so that whatever else loads the machine falls on both alike.
 */
async function alternate(tick: () => Promise<unknown>, setShown: (on: boolean) => Promise<void>): Promise<{ without: number; with: number }> {
  const used = { without: 0, with: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    for (const on of [false, true]) {
      await setShown(on);
      await tick(); // the first tick after a change reads what the next ones compare against
      const start = process.cpuUsage();
      for (let i = 0; i < TICKS_PER_WINDOW; i++) {
        const started = performance.now();
        await tick();
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, INTERVAL_MS - (performance.now() - started))));
      }
      const spent = process.cpuUsage(start);
      used[on ? 'with' : 'without'] += (spent.user + spent.system) / 1000;
    }
  }
  const ticks = ROUNDS * TICKS_PER_WINDOW;
  return { without: used.without / ticks, with: used.with / ticks };
}

/** The main process's CPU time in the thread read itself, with the threads shown, at the sampler's rate (its caches as cold as in a tick). */
async function threadReadAlone(lab: Lab): Promise<number> {
  const ticks = ROUNDS * TICKS_PER_WINDOW;
  let spent = 0;
  for (let i = 0; i < ticks; i++) {
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
    const start = process.cpuUsage();
    lab.threads.tick(now());
    const used = process.cpuUsage(start);
    spent += (used.user + used.system) / 1000;
  }
  return spent / ticks;
}

/**
 * What showing threads costs a sampler tick: the threads of 20 processes (~200 threads, read from
 * /proc/<pid>/task/<tid>/stat) against the same tick without them, first in a tree of only those 20
 * (the worst case: every process shown), then with 80 more lab processes in the tree.
 */
export async function threadSampling(): Promise<BenchResult[]> {
  // No client, and so no test harness checking every event: what is measured is the sampler's work.
  const lab = new Lab({
    host: 'embedded',
    appVersion: '0.0.0-bench',
    sampleIntervalMs: 60_000, // ticks are driven below
    maxLiveProcesses: OTHERS + 10,
    entries: { taskChild: builtEntry('taskChild'), guardian: builtGuardian },
    log: () => {},
  });
  const children: ChildProcess[] = [];
  const client = new AbortController();
  try {
    // Children of this process are in the lab's tree (its root), as a lab process's would be under it.
    for (let i = 0; i < SHOWN; i++) children.push(spawn(process.execPath, ['-e', WORKERS_SCRIPT], { stdio: 'ignore' }));
    const pids = children.map((child) => child.pid as number);
    await until('every worker named itself', () => pids.every((pid) => threadsOf(pid).filter((name) => name.startsWith('worker-')).length === WORKERS), 120_000);
    const threads = pids.reduce((sum, pid) => sum + threadsOf(pid).length, 0);
    const tick = () => lab.sampler.tick();
    await until('the sampler saw them all', async () => {
      const seen = new Set((await tick()).map((o) => o.pid));
      return pids.every((pid) => seen.has(pid));
    });
    const setShown = async (on: boolean): Promise<void> => {
      const answer = await lab.handlers['threads.show']({ pids: on ? pids : [] }, { pid: null, signal: client.signal });
      if (answer.pids.length !== (on ? SHOWN : 0)) throw new Error(`threads.show kept ${answer.pids.length} of ${on ? SHOWN : 0}`);
    };
    const alone = await alternate(tick, setShown);

    for (let i = 0; i < OTHERS; i++) await lab.handlers['processes.spawn']({ task: 'sleep', args: [], kwargs: { seconds: 900 } });
    await until(
      'every lab process booted and sampled',
      async () => (await tick()).filter((o) => o.state === 'S').length >= SHOWN + OTHERS,
      120_000,
    );
    const among = await alternate(tick, setShown);
    await setShown(true);
    const readOnly = await threadReadAlone(lab);
    return [
      {
        name: `sampler CPU time per tick, ${SHOWN} processes with their ${threads} threads shown, in a tree of ${SHOWN + OTHERS} processes`,
        value: among.with,
        unit: 'ms',
        baselineName: 'the same tick without threads',
        baseline: among.without,
        goal: '≤ 1.3× the baseline',
        met: among.with <= 1.3 * among.without,
      },
      {
        name: `of which the thread read alone (ThreadSampler.tick for the ${threads} threads, at the same rate)`,
        value: readOnly,
        unit: 'ms',
        baselineName: 'the tick without threads',
        baseline: among.without,
        goal: null,
        met: true,
      },
      {
        name: `the same, in a tree of only those ${SHOWN} processes (every process's threads shown)`,
        value: alone.with,
        unit: 'ms',
        baselineName: 'the same tick without threads',
        baseline: alone.without,
        goal: null,
        met: true,
      },
    ];
  } finally {
    client.abort();
    for (const child of children) child.kill('SIGKILL');
    await lab.dispose();
  }
}
