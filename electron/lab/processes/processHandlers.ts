import type { ProcessRow } from '../../../shared/schemas/process.js';
import { type HandlersOf, ms } from '../handlerTypes.js';
import type { LabProcesses } from './labProcesses.js';
import { taskInfos } from './taskCatalog.js';
import { checkTaskReferences, type OpenQueues } from './taskReferences.js';

/** `rows` is the whole tree as the sampler last saw it, lab processes and the rest; `queues`, for tasks that name one. */
export function processHandlers(processes: LabProcesses, rows: () => ProcessRow[], queues: OpenQueues): HandlersOf<'processes'> {
  const signal = async <S extends Parameters<typeof processes.signal>[1]>(pid: number, name: S) => {
    processes.signal(pid, name);
    return { pid, signal: name };
  };
  return {
    'processes.tasks': async () => ({ tasks: taskInfos() }),
    'processes.spawn': async (params) => {
      checkTaskReferences(params.task, params.kwargs, queues);
      const spawned = await processes.spawn(params);
      return { pid: spawned.pid, name: spawned.record.name };
    },
    'processes.list': async () => ({ processes: rows() }),
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
  };
}
