import { z } from 'zod';
import { callLab } from '../parentChannel.js';
import { defineTask } from './taskDefinition.js';

export const queueReaderTask = defineTask({
  id: 'queue-reader',
  title: 'Queue reader',
  doc: 'Gets items from a lab queue, blocking until each one arrives: queue.get(timeout=…), then prints it.',
  argsDoc: '',
  scenarioOnly: true,
  kwargs: z
    .object({
      queueId: z.string().min(1).max(64),
      count: z.number().int().min(1).max(1000).default(3),
      timeout: z.number().min(0).max(3600).default(30),
    })
    .strict(),
  run: async (_args, { queueId, count, timeout }) => {
    for (let i = 0; i < count; i++) {
      const { item } = (await callLab('queues.get', { queueId, timeout })) as { item: unknown };
      console.log(`got ${JSON.stringify(item)}`);
    }
  },
});
