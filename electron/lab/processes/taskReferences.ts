import { defineLabTexts } from '../../../shared/labTexts.js';
import { ErrorCode, RpcError } from '../../../shared/rpcError.js';
import { builtInTasks } from './tasks/index.js';

const errors = defineLabTexts('lab.error.taskReference', {
  notOpen: "kwargs.{kwarg}: no open queue '{queueId}'. Open queues: {open}.",
  noneOpen: "kwargs.{kwarg}: no open queue '{queueId}'. No queue is open: make one first (queues.create).",
});

/** What the check asks of the lab's queues: which are open now. */
export interface OpenQueues {
  list(): ReadonlyArray<{ queueId: string }>;
}

/**
 * A kwarg whose schema says `names: 'queue'` (queue-put's queueId) must name an open queue: checked before the child
 * starts or the task is queued, so a wrong one is one clear error rather than a child that crashes on its first call.
 */
export function checkTaskReferences(taskId: string, kwargs: Record<string, unknown>, queues: OpenQueues): void {
  const task = builtInTasks.find((candidate) => candidate.id === taskId);
  if (!task) return; // resolveTask says what is wrong with the task itself
  for (const [name, schema] of Object.entries(task.kwargs.shape)) {
    if ((schema as { meta(): { names?: unknown } | undefined }).meta()?.names !== 'queue') continue;
    const queueId = kwargs[name];
    const open = queues.list().map((queue) => queue.queueId);
    if (typeof queueId !== 'string' || open.includes(queueId)) continue;
    const said = (open.length > 0 ? errors.notOpen : errors.noneOpen)({ kwarg: name, queueId, open: open.join(', ') });
    throw RpcError.said(ErrorCode.NotFound, said, {
      issues: [{ path: ['kwargs', name], message: `no open queue '${queueId}'` }],
      queueId,
    });
  }
}
