import { z } from 'zod';
import { RaceMethod, type RaceResult } from '../../../../shared/schemas/concurrency.js';
import { reportToLab } from '../../concurrency/labReports.js';
import { RaceSize } from '../../concurrency/race/raceLimits.js';
import { runRace } from '../../concurrency/race/raceRun.js';
import { defineTask } from './taskDefinition.js';

export const raceLabTask = defineTask({
  id: 'race-lab',
  title: 'Race on a shared counter',
  doc: 'Starts worker threads that add one to a counter in a SharedArrayBuffer, plainly, under an Atomics mutex, and with Atomics.add, each method from one barrier, and reports what each count came to.',
  argsDoc: 'Ignored.',
  scenarioOnly: true,
  kwargs: z.object({ ...RaceSize.shape, methods: z.array(RaceMethod).min(1).max(3).default(['plain', 'mutex', 'atomic']) }).strict(),
  run: async (_args, { workers, iterations, methods }) => {
    // The kwargs' object loses RaceSize's refinement: the total is checked again here, at the process boundary.
    RaceSize.parse({ workers, iterations });
    const result: RaceResult = { kind: 'race', workers, iterations, runs: [] };
    for (const method of methods) {
      const run = await runRace(method, workers, iterations);
      result.runs.push(run);
      console.log(`${method}: ${run.final} of ${run.expected} (${run.lost} lost) in ${run.elapsedMs.toFixed(1)} ms`);
      reportToLab(result);
    }
  },
});
