import { z } from 'zod';
import { BlockingSize } from '../../concurrency/blocking/blockingLimits.js';
import { runBlocking } from '../../concurrency/blocking/blockingRun.js';
import { reportToLab } from '../../concurrency/labReports.js';
import { defineTask } from './taskDefinition.js';

export const blockingLabTask = defineTask({
  id: 'blocking-lab',
  title: 'Blocking and non-blocking waits',
  doc: 'Its main thread waits for one byte five ways (readSync, fs.read with a callback and an evented pipe on a FIFO; a blocking recv and an evented socket on TCP) while its own timer counts what it could do meanwhile.',
  argsDoc: 'Ignored.',
  scenarioOnly: true,
  kwargs: z.object({ ...BlockingSize.shape, dir: z.string().min(1).max(4096).describe('A folder for its FIFOs.') }).strict(),
  run: async (_args, { dir, ...size }) => {
    // The kwargs' object loses BlockingSize's refinements: checked again here, at the process boundary.
    BlockingSize.parse(size);
    await runBlocking(process.pid, dir, size, (result) => {
      const variant = result.variants.at(-1);
      if (variant) console.log(`${variant.call}: waited ${variant.waitMs.toFixed(0)} ms, ${variant.ticks.length} of ${variant.expectedTicks} ticks meanwhile`);
      reportToLab(result);
    });
  },
});
