import { z } from 'zod';
import { defineTask } from './taskDefinition.js';

/**
 * A module-level global, like a Python module's. The main process imports this module too (for the
 * task catalog), so it has its own copy: the child's increments never reach it.
 */
let counter = 0;

export const globalsTask = defineTask({
  id: 'globals',
  title: 'Globals are not shared',
  doc: "Increments a module-level counter and prints it; the parent's copy of the same global stays at 0, since processes do not share memory.",
  argsDoc: '',
  kwargs: z
    .object({ times: z.number().int().min(1).max(1000).default(3).describe('How many times to increment the counter.') })
    .strict(),
  run: (_args, { times }) => {
    for (let i = 0; i < times; i++) {
      counter++;
      console.log(`child pid ${process.pid}: counter = ${counter}`);
    }
  },
  parentNote: () => `the parent's counter (pid ${process.pid}) is still ${counter}: the child changed its own copy`,
});
