import { z } from 'zod';
import { reportToLab } from '../../concurrency/labReports.js';
import { spinIterations } from '../../concurrency/timing/cpuWork.js';
import type { GilReport } from '../../concurrency/timing/gilReports.js';
import { startNamedWorker } from '../../concurrency/timing/namedWorker.js';
import { defineTask } from './taskDefinition.js';

/** 5 × 10⁹: about seven seconds a loop here, four loops in all. */
export const MAX_NODE_GIL_ITERATIONS = 5_000_000_000;
/** A slice of the interleaved loops between two switches. */
const SLICE = 1_000_000;

const report = (message: GilReport): void => reportToLab(message);

async function timed(run: () => unknown): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/** One loop cut into slices, each ending in a switch to whatever else waits on this thread. */
async function slicedLoop(iterations: number): Promise<void> {
  for (let done = 0; done < iterations; done += SLICE) {
    spinIterations(Math.min(SLICE, iterations - done));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export const nodeGilTask = defineTask({
  id: 'node-gil',
  title: 'One event loop against worker threads',
  doc: "JavaScript's analogue of the GIL: a loop twice in a row, two loops interleaved on one thread (taking turns, as CPython's threads do), and two loops on two worker threads, each timed.",
  argsDoc: 'Ignored.',
  scenarioOnly: true,
  kwargs: z
    .object({ iterations: z.number().int().min(1).max(MAX_NODE_GIL_ITERATIONS).describe('How many times each loop steps.') })
    .strict(),
  run: async (_args, { iterations }) => {
    const runs: [GilReport & { type: 'run' }, () => unknown][] = [
      [{ type: 'run', mode: 'sequential', workers: 1, wallMs: 0 }, () => (spinIterations(iterations), spinIterations(iterations))],
      [{ type: 'run', mode: 'one-thread-interleaved', workers: 2, wallMs: 0 }, () => Promise.all([slicedLoop(iterations), slicedLoop(iterations)])],
      [
        { type: 'run', mode: 'worker-threads', workers: 2, wallMs: 0 },
        () => Promise.all([1, 2].map((k) => startNamedWorker(`gil-worker-${k}`, (n: number, kit) => kit.spinIterations(n), iterations).done)),
      ],
    ];
    for (const [run, body] of runs) {
      const wallMs = await timed(body);
      console.log(`${run.mode}: two loops of ${iterations} in ${wallMs.toFixed(0)} ms`);
      report({ ...run, wallMs });
    }
  },
});
