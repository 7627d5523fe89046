import type { MethodName, Params, Result } from '../../shared/contract.js';
import { type CallContext, internalCall } from './callContext.js';
import type { Lab } from './lab.js';
import { taskInfos } from './processes/taskCatalog.js';

/** Methods a transport session answers itself rather than the lab: a subscription belongs to one client. */
export const sessionMethods = ['events.subscribe', 'events.unsubscribe'] as const satisfies readonly MethodName[];
export type LabMethod = Exclude<MethodName, (typeof sessionMethods)[number]>;
export type LabHandlers = { [M in LabMethod]: (params: Params<M>, context?: CallContext) => Promise<Result<M>> };

/** Python's timeouts are seconds; timers take milliseconds. */
const ms = (seconds: number | undefined): number | undefined => (seconds === undefined ? undefined : seconds * 1000);

/** Every method of the contract, each a line or two over the subsystem that does the work. */
export function createLabHandlers(lab: Lab): LabHandlers {
  const { processes, queues, pools, scenarios } = lab;
  const signal = async <S extends Parameters<typeof processes.signal>[1]>(pid: number, name: S) => {
    processes.signal(pid, name);
    return { pid, signal: name };
  };
  return {
    'system.info': async () => lab.systemInfo(),
    'system.setSubreaper': async ({ enabled }) => ({ subreaper: lab.setSubreaper(enabled) }),
    'processes.tasks': async () => ({ tasks: taskInfos() }),
    'processes.spawn': async (params) => {
      const spawned = await processes.spawn(params);
      return { pid: spawned.pid, name: spawned.record.name };
    },
    'processes.list': async () => ({ processes: lab.rows() }),
    'processes.isAlive': async ({ pid }) => ({ pid, alive: processes.find(pid).alive }),
    'processes.join': async ({ pid, timeout }) => {
      const joined = await processes.join(pid, ms(timeout));
      return { pid, exited: !joined.alive, exitcode: joined.exit?.exitcode ?? null };
    },
    'processes.terminate': ({ pid }) => signal(pid, 'SIGTERM'),
    'processes.kill': ({ pid }) => signal(pid, 'SIGKILL'),
    'processes.signal': ({ pid, signal: name }) => signal(pid, name),
    'processes.output': async ({ pid }) => ({ pid, ...processes.output(pid) }),
    'processes.clear': async () => ({ cleared: processes.clearExited() }),
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
    'pools.create': async ({ processes: size }) => (await pools.create(size)).info(),
    'pools.applyAsync': async ({ poolId, task, args, kwargs }) => ({ poolId, taskId: pools.find(poolId).applyAsync(task, args, kwargs) }),
    'pools.close': async ({ poolId }) => pools.find(poolId).close().info(),
    'pools.terminate': async ({ poolId }) => pools.find(poolId).terminate().info(),
    'pools.join': async ({ poolId, timeout }) => ({ poolId, joined: await pools.find(poolId).join(ms(timeout)) }),
    'pools.list': async () => ({ pools: pools.list().map((pool) => pool.info()) }),
    'scenarios.list': async () => scenarios.list(),
    'scenarios.run': async ({ id, params }) => ({ runId: await scenarios.run(id, params) }),
    'scenarios.action': async ({ runId, action }) => ({ runId, action, outcome: await scenarios.action(runId, action) }),
    'scenarios.stop': async ({ runId }) => {
      await scenarios.stop(runId);
      return { runId };
    },
  };
}
