import { z } from 'zod';
import { defineTask, delay } from './taskDefinition.js';

export const sleepTask = defineTask({
  id: 'sleep',
  title: 'Sleep',
  doc: 'Waits on a timer, then exits 0. The kernel shows it in state S (interruptible sleep) meanwhile.',
  argsDoc: '',
  kwargs: z
    .object({ seconds: z.number().min(0).max(86_400).default(30).describe('How long to sleep, in seconds.') })
    .strict(),
  run: (_args, { seconds }) => delay(seconds * 1000),
});
