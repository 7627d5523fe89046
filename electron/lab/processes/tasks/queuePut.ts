import { z } from 'zod';
import { callLab } from '../parentChannel.js';
import { defineTask } from './taskDefinition.js';

export const queuePutTask = defineTask({
  id: 'queue-put',
  title: 'Put into a queue',
  doc: 'Puts one item into a lab queue and returns: handed to pool workers, it is the Manager().Queue() case.',
  argsDoc: 'Ignored.',
  kwargs: z.object({ queueId: z.string().min(1).max(64), item: z.json() }).strict(),
  run: async (_args, { queueId, item }) => {
    await callLab('queues.put', { queueId, item });
    console.log(`pid ${process.pid} put ${JSON.stringify(item)} into ${queueId}`);
  },
});
