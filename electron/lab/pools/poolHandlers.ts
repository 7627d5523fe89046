import { type HandlersOf, ms } from '../handlerTypes.js';
import { checkTaskReferences, type OpenQueues } from '../processes/taskReferences.js';
import type { LabPools } from './labPools.js';

/** `queues`, for pool tasks that name one (queue-put): checked before the task is queued. */
export const poolHandlers = (pools: LabPools, queues: OpenQueues): HandlersOf<'pools'> => ({
  'pools.create': async ({ processes: size }) => (await pools.create(size)).info(),
  'pools.applyAsync': async ({ poolId, task, args, kwargs }) => {
    checkTaskReferences(task, kwargs, queues);
    return { poolId, taskId: pools.find(poolId).applyAsync(task, args, kwargs) };
  },
  'pools.close': async ({ poolId }) => pools.find(poolId).close().info(),
  'pools.terminate': async ({ poolId }) => pools.find(poolId).terminate().info(),
  'pools.join': async ({ poolId, timeout }) => ({ poolId, joined: await pools.find(poolId).join(ms(timeout)) }),
  'pools.list': async () => ({ pools: pools.list().map((pool) => pool.info()) }),
});
