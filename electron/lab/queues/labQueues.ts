import { defineLabTexts } from '../../../shared/labTexts.js';
import { ErrorCode, RpcError } from '../../../shared/rpcError.js';
import type { JsonValue, QueueInfo } from '../../../shared/schemas/queue.js';
import type { EventHub } from '../hub/eventHub.js';
import { type Blocking, LabQueue } from './labQueue.js';
import { QueueBudget } from './queueBudget.js';

const errors = defineLabTexts('lab.error.queues', {
  cap: 'The lab holds {max} queues, its cap; close some with queues.close.',
  noQueue: "No queue '{queueId}'. queues.list shows the queues.",
});

const MAX_QUEUES = 64;
const PREVIEW_CHARS = 80;

/** Who made a call: a lab process (its pid), or a client of the protocol (null). */
export type Caller = number | null;

const preview = (item: unknown): string => {
  const text = JSON.stringify(item) ?? 'undefined';
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
};

/**
 * The lab's queues, living in the main process like a multiprocessing Manager's: lab processes
 * reach them over their channel, scripts and the UI over the protocol, all through the same
 * calls. Every put and get is an event, with the depth after it; these are the app's own
 * records of its own queues (inferred), not something read from the kernel.
 */
export class LabQueues {
  private readonly queues = new Map<string, LabQueue>();
  private counter = 0;
  readonly budget: QueueBudget;

  constructor(
    private readonly hub: EventHub,
    budgetBytes?: number,
  ) {
    this.budget = new QueueBudget(budgetBytes);
  }

  create(maxsize: number, name?: string): LabQueue {
    if (this.queues.size >= MAX_QUEUES) {
      throw RpcError.said(ErrorCode.LimitReached, errors.cap({ max: MAX_QUEUES }));
    }
    const queueId = `queue-${++this.counter}`;
    const queue = new LabQueue(queueId, name ?? queueId, maxsize, this.budget);
    this.queues.set(queueId, queue);
    this.hub.emit('queue.created', { queueId, name: queue.name, maxsize, cap: queue.capacity });
    return queue;
  }

  find(queueId: string): LabQueue {
    const queue = this.queues.get(queueId);
    if (!queue) throw RpcError.said(ErrorCode.NotFound, errors.noQueue({ queueId }), { queueId });
    return queue;
  }

  /** Resolves with the queue's size after the put. */
  async put(queueId: string, item: unknown, blocking: Blocking, by: Caller): Promise<number> {
    const queue = this.find(queueId);
    let depth = 0;
    try {
      await queue.put(
        item,
        blocking,
        () => this.hub.emit('queue.waiting', { queueId, op: 'put', by, depth: queue.qsize() }),
        () => {
          depth = queue.qsize();
          this.hub.emit('queue.put', { queueId, by, preview: preview(item), depth });
        },
      );
    } catch (error) {
      this.failed(queueId, 'put', by, error);
      throw error;
    }
    return depth;
  }

  /** Resolves with the item and the queue's size after the get. */
  async get(queueId: string, blocking: Blocking, by: Caller): Promise<{ item: JsonValue; qsize: number }> {
    const queue = this.find(queueId);
    let item: unknown;
    try {
      item = await queue.get(blocking, () => this.hub.emit('queue.waiting', { queueId, op: 'get', by, depth: queue.qsize() }));
    } catch (error) {
      this.failed(queueId, 'get', by, error);
      throw error;
    }
    this.hub.emit('queue.got', { queueId, by, preview: preview(item), depth: queue.qsize() });
    return { item: item as JsonValue, qsize: queue.qsize() };
  }

  info(queueId: string): QueueInfo {
    const queue = this.find(queueId);
    return {
      queueId,
      name: queue.name,
      maxsize: queue.maxsize,
      cap: queue.capacity,
      qsize: queue.qsize(),
      waitingGets: queue.waitingGets,
      waitingPuts: queue.waitingPuts,
    };
  }

  list(): QueueInfo[] {
    return [...this.queues.keys()].map((queueId) => this.info(queueId));
  }

  close(queueId: string, reason = 'closed on request'): void {
    this.find(queueId).close(reason);
    this.queues.delete(queueId);
    this.hub.emit('queue.closed', { queueId });
  }

  /** Closes it unless a client already has. */
  closeIfOpen(queueId: string, reason: string): void {
    if (this.queues.has(queueId)) this.close(queueId, reason);
  }

  dispose(): void {
    for (const queueId of [...this.queues.keys()]) this.close(queueId, 'the lab is shutting down');
  }

  private failed(queueId: string, op: 'put' | 'get', by: Caller, error: unknown): void {
    if (error instanceof RpcError && (error.code === ErrorCode.QueueEmpty || error.code === ErrorCode.QueueFull)) {
      this.hub.emit('queue.raised', { queueId, op, by, exception: error.code === ErrorCode.QueueEmpty ? 'Empty' : 'Full' });
    }
  }
}
