import { z } from 'zod';
import { defineTask, delay } from './taskDefinition.js';

export const crashTask = defineTask({
  id: 'crash',
  title: 'Crash',
  doc: 'Throws an uncaught exception after a delay: Node prints the stack trace to stderr and the process exits 1.',
  argsDoc: '',
  kwargs: z
    .object({
      afterMs: z.number().int().min(0).max(60_000).default(500).describe('How long to run before crashing, in milliseconds.'),
      message: z.string().max(200).default('something went wrong').describe('The exception message.'),
    })
    .strict(),
  run: async (_args, { afterMs, message }) => {
    await delay(afterMs);
    throw new Error(message);
  },
});
