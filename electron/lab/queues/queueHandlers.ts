import { internalCall } from '../callContext.js';
import type { HandlersOf } from '../handlerTypes.js';
import type { LabQueues } from './labQueues.js';

/** A lab process calling over its channel is `context.pid`; its calls stop waiting when it goes. */
export const queueHandlers = (queues: LabQueues): HandlersOf<'queues'> => ({
  'queues.create': async ({ maxsize, name }) => queues.info(queues.create(maxsize, name).queueId),
  'queues.list': async () => ({ queues: queues.list() }),
  'queues.put': async ({ queueId, item, block, timeout }, context = internalCall) => ({
    queueId,
    qsize: await queues.put(queueId, item, { block, timeout, signal: context.signal }, context.pid),
  }),
  'queues.putNowait': async ({ queueId, item }, context = internalCall) => ({ queueId, qsize: await queues.put(queueId, item, { block: false }, context.pid) }),
  'queues.get': async ({ queueId, block, timeout }, context = internalCall) => ({
    queueId,
    ...(await queues.get(queueId, { block, timeout, signal: context.signal }, context.pid)),
  }),
  'queues.getNowait': async ({ queueId }, context = internalCall) => ({ queueId, ...(await queues.get(queueId, { block: false }, context.pid)) }),
  'queues.qsize': async ({ queueId }) => ({ queueId, qsize: queues.find(queueId).qsize() }),
  'queues.empty': async ({ queueId }) => ({ queueId, empty: queues.find(queueId).empty() }),
  'queues.full': async ({ queueId }) => ({ queueId, full: queues.find(queueId).full() }),
  'queues.close': async ({ queueId }) => {
    queues.close(queueId);
    return { queueId };
  },
});
