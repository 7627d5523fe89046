import { z } from 'zod';
import { callLab } from '../parentChannel.js';
import { defineTask, delay } from './taskDefinition.js';

export const queueWriterTask = defineTask({
  id: 'queue-writer',
  title: 'Queue writer',
  doc: 'Puts each item into a lab queue, with a random pause before each: queue.put(item) as a multiprocessing.Process would.',
  argsDoc: '',
  scenarioOnly: true,
  kwargs: z
    .object({
      queueId: z.string().min(1).max(64),
      items: z.array(z.string().max(1024)).min(1).max(1000).default(['A', 'B', 'C']),
      maxPauseMs: z.number().int().min(0).max(10_000).default(800),
    })
    .strict(),
  run: async (_args, { queueId, items, maxPauseMs }) => {
    for (const item of items) {
      await delay(Math.random() * maxPauseMs);
      const { qsize } = (await callLab('queues.put', { queueId, item })) as { qsize: number };
      console.log(`put ${JSON.stringify(item)} (qsize now ${qsize})`);
    }
  },
});
