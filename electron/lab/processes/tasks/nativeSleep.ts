import { z } from 'zod';
import { defineTask } from './taskDefinition.js';

export const nativeSleepTask = defineTask({
  id: 'sleep-native',
  title: 'Sleep (system binary)',
  doc: 'Runs the system’s own sleep(1) rather than Node: about 1 MiB of memory instead of about 40, for experiments with hundreds of processes.',
  argsDoc: '',
  kwargs: z
    .object({ seconds: z.number().min(0).max(86_400).default(30).describe('How long to sleep, in seconds.') })
    .strict(),
  command: ({ seconds }) => ({ file: 'sleep', args: [String(seconds)] }),
});
