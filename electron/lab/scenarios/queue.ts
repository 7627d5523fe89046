import { z } from 'zod';
import { defineScenario } from './scenarioDefinition.js';
import { defineLabTexts } from '../../../shared/labTexts.js';

const steps = defineLabTexts('lab.step.queue', { made: 'made {queueId}; the reader (pid {reader}) waits on it, the writer (pid {writer}) puts {items}' });

export const queueScenario = defineScenario({
  info: {
    id: 'queue',
    title: 'A queue between two processes',
    topic: 'queues',
    observe:
      'The writer puts A, B, C with random pauses; the reader blocks in get() until each arrives. Every put and get is on the timeline with the queue’s depth; the order is kept: first in, first out.',
    explanation:
      'Processes share no memory, so they pass data through a queue: one process puts, another gets, and a get on an empty queue blocks until an item arrives. Here the queue lives in Loopscope’s main process, as a multiprocessing Manager’s would, and both processes reach it over their channel; its depth is the app’s own record (inferred), not a kernel reading.',
    actions: [],
  },
  params: z
    .object({
      items: z.array(z.string().max(64)).min(1).max(100).default(['A', 'B', 'C']),
      maxsize: z.number().int().max(10_000).default(0),
      maxPauseMs: z.number().int().min(0).max(10_000).default(800),
    })
    .strict(),
  unavailable: () => null,
  async start(context, { items, maxsize, maxPauseMs }) {
    const queueId = context.createQueue(maxsize, 'scenario queue');
    const reader = await context.spawn({ task: 'queue-reader', kwargs: { queueId, count: items.length }, name: 'reader' });
    // The writer starts once the reader blocks in get(), so the wait the lesson is about happens however slowly the
    // reader's process starts (on a busy machine it could otherwise find every item already there).
    await Promise.race([context.whenGetWaits(queueId), reader.reaped]);
    const writer = await context.spawn({ task: 'queue-writer', kwargs: { queueId, items, maxPauseMs }, name: 'writer' });
    context.say(steps.made({ queueId, reader: reader.pid, writer: writer.pid, items: items.join(', ') }));
    return { finished: Promise.all([reader.reaped, writer.reaped]).then(() => undefined) };
  },
});
