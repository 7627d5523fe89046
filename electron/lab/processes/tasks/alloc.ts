import { z } from 'zod';
import { defineTask, delay } from './taskDefinition.js';

export const allocTask = defineTask({
  id: 'alloc',
  title: 'Allocate memory',
  doc: 'Allocates and touches the given MiB, holds it, then exits 0: RSS grows by about that much, as /proc shows.',
  argsDoc: '',
  kwargs: z
    .object({
      mib: z.number().int().min(1).max(4096).default(64).describe('How many MiB to allocate.'),
      seconds: z.number().min(0).max(3600).default(30).describe('How long to hold it, in seconds.'),
    })
    .strict(),
  run: async (_args, { mib, seconds }) => {
    // Buffer.alloc zero-fills, so every page is touched and counts in RSS, not just reserved.
    const held = Array.from({ length: mib }, () => Buffer.alloc(1024 * 1024, 1));
    console.log(`holding ${held.length} MiB in pid ${process.pid}`);
    await delay(seconds * 1000);
  },
});
