import { z } from 'zod';
import { callLab } from '../parentChannel.js';
import { defineTask } from './taskDefinition.js';

export const queuePutTask = defineTask({
  id: 'queue-put',
  title: 'Put into a queue',
  doc: 'Puts one item into a lab queue and returns: handed to pool workers, it is the Manager().Queue() case.',
  argsDoc: '',
  kwargs: z
    .object({
      // `names: 'queue'`: the lab checks it is an open queue before the child starts, and the spawn form offers those.
      queueId: z.string().min(1).max(64).meta({ description: 'The open queue to put into.', names: 'queue' }),
      item: z.json().describe('The item: any JSON value.'),
    })
    .strict(),
  run: async (_args, { queueId, item }) => {
    try {
      await callLab('queues.put', { queueId, item });
    } catch (error) {
      // The queue closed after the lab checked it. A fresh error, in the lab's words: its stack is this task's, not
      // the channel's internals; a pool records its message as the task's failure, a process exits 1 with it.
      throw new Error(`queue.put failed: ${(error as Error).message}`);
    }
    console.log(`pid ${process.pid} put ${JSON.stringify(item)} into ${queueId}`);
  },
});
