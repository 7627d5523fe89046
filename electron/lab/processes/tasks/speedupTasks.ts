import { z } from 'zod';
import { reportToLab } from '../../concurrency/labReports.js';
import { callingThreadKit, startNamedWorker } from '../../concurrency/timing/namedWorker.js';
import type { SpeedupReport } from '../../concurrency/timing/speedupReports.js';
import { runShare, type ShareSpec, shares } from '../../concurrency/timing/speedupWork.js';
import { defineTask } from './taskDefinition.js';

const ShareKwargs = {
  work: z.enum(['cpu', 'io']),
  iterations: z.number().int().min(1).max(10_000_000_000),
  port: z.number().int().min(1).max(65_535),
};

const report = (message: SpeedupReport): void => reportToLab(message);

/** The speedup scenario's runs inside one lab process: sequential, on worker threads, and with async IO on one thread. */
export const speedupRunnerTask = defineTask({
  id: 'speedup-runner',
  title: 'Speedup: threads and async',
  doc: 'Runs the same tasks one after another, on 1…N worker threads, and all at once on one thread with async IO, and times each run.',
  argsDoc: 'Ignored.',
  scenarioOnly: true,
  kwargs: z.object({ ...ShareKwargs, tasks: z.number().int().min(1).max(256), workerCounts: z.array(z.number().int().min(1).max(64)).min(1).max(16) }).strict(),
  run: async (_args, { work, iterations, port, tasks, workerCounts }) => {
    const spec = (count: number): ShareSpec => ({ work, count, iterations, port });
    const timed = async (mode: SpeedupReport['mode'], workers: number, body: () => Promise<unknown>): Promise<void> => {
      report({ type: 'runStarted', mode, workers });
      const start = performance.now();
      await body();
      const wallMs = performance.now() - start;
      console.log(`${work}, ${mode}, ${workers} worker(s): ${wallMs.toFixed(0)} ms`);
      report({ type: 'runEnded', mode, workers, wallMs });
    };
    await timed('sequential', 1, () => runShare(spec(tasks), callingThreadKit()));
    for (const workers of workerCounts) {
      await timed('threads', workers, () =>
        Promise.all(shares(tasks, workers).map((count, k) => startNamedWorker(`speedup-${k + 1}`, runShare, spec(count)).done)),
      );
    }
    // Every task at once on this one thread: IO waits overlap, CPU work still takes turns.
    await timed('async', tasks, () => Promise.all(Array.from({ length: tasks }, () => runShare(spec(1), callingThreadKit()))));
  },
});

/** One process's share of the speedup scenario's tasks, for its processes runs. */
export const speedupShareTask = defineTask({
  id: 'speedup-share',
  title: 'Speedup: one process’s share',
  doc: 'Runs its share of the speedup tasks one after another, then exits.',
  argsDoc: 'Ignored.',
  scenarioOnly: true,
  kwargs: z.object({ ...ShareKwargs, count: z.number().int().min(1).max(256) }).strict(),
  run: async (_args, spec) => void (await runShare(spec, callingThreadKit())),
});
