import { describe, expect, it } from 'vitest';
import { RpcError } from '../../../shared/rpcError.js';
import { checkTaskReferences } from '../../../electron/lab/processes/taskReferences.js';

const open = (...ids: string[]) => ({ list: () => ids.map((queueId) => ({ queueId })) });
const refusal = (run: () => void): RpcError => {
  try {
    run();
  } catch (error) {
    if (error instanceof RpcError) return error;
    throw error;
  }
  throw new Error('not refused');
};

describe('checkTaskReferences', () => {
  it('lets a queue-put through when its queueId names an open queue, and tasks without one always', () => {
    expect(() => checkTaskReferences('queue-put', { queueId: 'queue-2', item: 1 }, open('queue-1', 'queue-2'))).not.toThrow();
    expect(() => checkTaskReferences('sleep', { seconds: 1 }, open())).not.toThrow();
  });

  it('refuses a queue that is not open, naming the kwarg and the open ones, in one line', () => {
    const error = refusal(() => checkTaskReferences('queue-put', { queueId: 'queue-9', item: 1 }, open('queue-1')));
    expect(error.message).toBe("kwargs.queueId: no open queue 'queue-9'. Open queues: queue-1.");
    expect(error.data).toMatchObject({ issues: [{ path: ['kwargs', 'queueId'] }], queueId: 'queue-9' });
    expect(refusal(() => checkTaskReferences('queue-put', { queueId: 'queue-9', item: 1 }, open())).message).toBe(
      "kwargs.queueId: no open queue 'queue-9'. No queue is open: make one first (queues.create).",
    );
  });
});
