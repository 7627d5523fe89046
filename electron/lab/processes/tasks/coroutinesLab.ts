import { z } from 'zod';
import type { CoroutinesResult } from '../../../../shared/schemas/concurrencyCoroutines.js';
import { CoroutinesSize } from '../../concurrency/coroutines/coroutinesLimits.js';
import { currentTid, runCoroutines } from '../../concurrency/coroutines/coroutinesRun.js';
import { reportToLab } from '../../concurrency/labReports.js';
import { defineTask } from './taskDefinition.js';

export const coroutinesLabTask = defineTask({
  id: 'coroutines-lab',
  title: 'Coroutines on one thread',
  doc: 'Runs async functions at once on its main thread, each awaiting timers, and records every slice each ran between two awaits; then again with a CPU-bound step in the first.',
  argsDoc: 'Ignored.',
  scenarioOnly: true,
  kwargs: z.object(CoroutinesSize.shape).strict(),
  run: async (_args, size) => {
    // The kwargs' object loses CoroutinesSize's refinement: checked again here, at the process boundary.
    CoroutinesSize.parse(size);
    const result: CoroutinesResult = { kind: 'coroutines', pid: process.pid, tid: currentTid(), ...size, runs: [] };
    for (const mode of ['io', 'cpu-step'] as const) {
      const run = await runCoroutines(mode, size);
      result.runs.push(run);
      console.log(`${mode}: ${run.slices.length} slices in ${run.wallMs.toFixed(0)} ms (waits: longest ${run.longestWaitsMs} ms, all ${run.sumWaitsMs} ms), latest resume ${run.maxLateMs.toFixed(0)} ms late`);
      reportToLab(result);
    }
  },
});
