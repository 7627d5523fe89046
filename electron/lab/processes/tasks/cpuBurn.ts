import { z } from 'zod';
import { defineTask } from './taskDefinition.js';

export const cpuBurnTask = defineTask({
  id: 'cpu-burn',
  title: 'CPU burn',
  doc: 'Spins on one core for the given time, then exits 0: state R and close to 100 % CPU, as htop counts it.',
  argsDoc: '',
  kwargs: z
    .object({ ms: z.number().int().min(0).max(3_600_000).default(5000).describe('How long to spin, in milliseconds.') })
    .strict(),
  run: (_args, { ms }) => {
    const end = performance.now() + ms;
    // A bare loop on purpose: the point is to keep one core busy and never yield.
    while (performance.now() < end);
  },
});
