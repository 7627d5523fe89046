import { type HandlersOf, ms } from '../handlerTypes.js';
import type { LabPools } from './labPools.js';

export const poolHandlers = (pools: LabPools): HandlersOf<'pools'> => ({
  'pools.create': async ({ processes: size }) => (await pools.create(size)).info(),
  'pools.applyAsync': async ({ poolId, task, args, kwargs }) => ({ poolId, taskId: pools.find(poolId).applyAsync(task, args, kwargs) }),
  'pools.close': async ({ poolId }) => pools.find(poolId).close().info(),
  'pools.terminate': async ({ poolId }) => pools.find(poolId).terminate().info(),
  'pools.join': async ({ poolId, timeout }) => ({ poolId, joined: await pools.find(poolId).join(ms(timeout)) }),
  'pools.list': async () => ({ pools: pools.list().map((pool) => pool.info()) }),
});
