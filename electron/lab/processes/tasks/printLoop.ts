import { z } from 'zod';
import { defineTask, delay } from './taskDefinition.js';

export const printLoopTask = defineTask({
  id: 'print-loop',
  title: 'Print loop',
  doc: 'Prints its args, kwargs and pid on each of its lines (times of them, intervalMs apart), then exits 0: shows that output is captured per process.',
  argsDoc: 'Printed as given.',
  kwargs: z
    .object({
      times: z.number().int().min(1).max(1000).default(5).describe('How many lines to print.'),
      intervalMs: z.number().int().min(0).max(60_000).default(200).describe('Pause between lines, in milliseconds.'),
    })
    .catchall(z.union([z.string().max(1024), z.number(), z.boolean(), z.null()])),
  run: async (args, kwargs) => {
    for (let i = 1; i <= kwargs.times; i++) {
      console.log(`[${i}/${kwargs.times}] pid=${process.pid} args=${JSON.stringify(args)} kwargs=${JSON.stringify(kwargs)}`);
      if (i < kwargs.times) await delay(kwargs.intervalMs);
    }
  },
});
