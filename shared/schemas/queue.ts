import { z } from 'zod';
import { NoParams, Pid } from './common.js';
import { type EventSpec, method, type MethodSpec } from './define.js';

/** What a queue holds: any JSON value, as a pickled object would be in Python; its size is bounded by the lab. */
export const QueueItem = z.json().meta({ id: 'JsonValue' });
export type JsonValue = z.infer<typeof QueueItem>;

export const QueueInfo = z
  .object({
    queueId: z.string(),
    name: z.string(),
    /** As given: ≤ 0 means unbounded, which the lab still caps (see `cap`). */
    maxsize: z.number().int(),
    cap: z.number().int().positive(),
    qsize: z.number().int().nonnegative(),
    /** Callers blocked in get() or put() right now. */
    waitingGets: z.number().int().nonnegative(),
    waitingPuts: z.number().int().nonnegative(),
  })
  .meta({ id: 'QueueInfo' });
export type QueueInfo = z.infer<typeof QueueInfo>;

/** Python's defaults: block=True, timeout=None (wait as long as it takes). */
export const BlockingOptions = {
  block: z.boolean().default(true),
  timeout: z.number().min(0).max(3600).optional(),
};

const QueueId = z.string().min(1).max(64);
const QueueParams = z.object({ queueId: QueueId }).strict();

export const queueMethods = {
  'queues.create': method({
    doc: 'Make a queue, as multiprocessing.Queue(maxsize): ≤ 0 is unbounded (the lab still caps it at 10,000 items).',
    params: z.object({ maxsize: z.number().int().max(10_000).default(0), name: z.string().min(1).max(64).optional() }).strict(),
    result: QueueInfo,
  }),
  'queues.list': method({ doc: 'Every open queue, with its depth and who waits on it.', params: NoParams, result: z.object({ queues: z.array(QueueInfo) }) }),
  'queues.put': method({
    doc: 'Put an item (any JSON value, ≤ 64 KiB); blocks while full unless block is false, up to timeout seconds; then queue.Full.',
    params: z.object({ queueId: QueueId, item: QueueItem, ...BlockingOptions }).strict(),
    result: z.object({ queueId: QueueId, qsize: z.number().int() }),
  }),
  'queues.putNowait': method({
    doc: 'put(item, block=False): queue.Full at once when there is no room.',
    params: z.object({ queueId: QueueId, item: QueueItem }).strict(),
    result: z.object({ queueId: QueueId, qsize: z.number().int() }),
  }),
  'queues.get': method({
    doc: 'Take the oldest item; blocks while empty unless block is false, up to timeout seconds; then queue.Empty.',
    params: z.object({ queueId: QueueId, ...BlockingOptions }).strict(),
    result: z.object({ queueId: QueueId, item: QueueItem, qsize: z.number().int() }),
  }),
  'queues.getNowait': method({
    doc: 'get(block=False): queue.Empty at once when there is nothing to take.',
    params: QueueParams,
    result: z.object({ queueId: QueueId, item: QueueItem, qsize: z.number().int() }),
  }),
  'queues.qsize': method({ doc: 'How many items the queue holds.', params: QueueParams, result: z.object({ queueId: QueueId, qsize: z.number().int() }) }),
  'queues.empty': method({ doc: 'Whether the queue holds nothing.', params: QueueParams, result: z.object({ queueId: QueueId, empty: z.boolean() }) }),
  'queues.full': method({ doc: 'Whether the queue is at its maxsize (or the lab’s cap).', params: QueueParams, result: z.object({ queueId: QueueId, full: z.boolean() }) }),
  'queues.close': method({ doc: 'Close a queue; callers still blocked on it get an error.', params: QueueParams, result: z.object({ queueId: QueueId }) }),
} as const satisfies Record<string, MethodSpec>;

export const queueEvents = {
  'queue.created': {
    stream: 'queues',
    source: 'inferred',
    doc: 'A queue was made; maxsize as given (≤ 0: unbounded), cap as the lab bounds it.',
    data: z.object({ queueId: z.string(), name: z.string(), maxsize: z.number().int(), cap: z.number().int() }),
  },
  'queue.put': {
    stream: 'queues',
    source: 'inferred',
    doc: 'An item went into a queue; `by` is the lab process that put it (null: a protocol client); `depth` is qsize after.',
    data: z.object({ queueId: z.string(), by: Pid.nullable(), preview: z.string(), depth: z.number().int().nonnegative() }),
  },
  'queue.got': {
    stream: 'queues',
    source: 'inferred',
    doc: 'An item came out of a queue; `by` is who got it; `depth` is qsize after.',
    data: z.object({ queueId: z.string(), by: Pid.nullable(), preview: z.string(), depth: z.number().int().nonnegative() }),
  },
  'queue.waiting': {
    stream: 'queues',
    source: 'inferred',
    doc: 'A blocking put found the queue full, or a get found it empty: the caller waits.',
    data: z.object({ queueId: z.string(), op: z.enum(['put', 'get']), by: Pid.nullable(), depth: z.number().int().nonnegative() }),
  },
  'queue.raised': {
    stream: 'queues',
    source: 'inferred',
    doc: 'A put raised queue.Full or a get raised queue.Empty (non-blocking, or timed out).',
    data: z.object({ queueId: z.string(), op: z.enum(['put', 'get']), by: Pid.nullable(), exception: z.enum(['Empty', 'Full']) }),
  },
  'queue.closed': {
    stream: 'queues',
    source: 'inferred',
    doc: 'A queue was closed; whoever still waited on it got an error.',
    data: z.object({ queueId: z.string() }),
  },
} as const satisfies Record<string, EventSpec>;
