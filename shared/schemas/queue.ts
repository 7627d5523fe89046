import { z } from 'zod';

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
