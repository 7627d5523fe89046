import { z } from 'zod';
import { MAX_BLOCKING_TICKS } from '../../../../shared/schemas/concurrencyBlocking.js';

export const MAX_WAIT_MS = 10_000;

/** The blocking scenario's size, checked by the scenario and again by its lab process (a process boundary). */
export const BlockingSize = z
  .object({
    waitMs: z
      .number()
      .int()
      .min(100, 'waitMs: at least 100 ms, so that a wait is long enough to see')
      .max(MAX_WAIT_MS, `waitMs: at most ${MAX_WAIT_MS} ms per variant (five variants run)`)
      .default(1000)
      .describe('How long the feeding thread waits before it writes, in milliseconds.'),
    tickMs: z
      .number()
      .int()
      .min(5, 'tickMs: at least 5 ms')
      .max(1000, 'tickMs: at most 1000 ms')
      .default(50)
      .describe("The caller's own timer, in milliseconds: how often it would do something else."),
  })
  .strict()
  .refine((size) => size.tickMs * 2 <= size.waitMs, { message: 'tickMs: at most half of waitMs, so that a free caller ticks during the wait' })
  .refine((size) => size.waitMs / size.tickMs <= MAX_BLOCKING_TICKS, { message: `waitMs / tickMs: at most ${MAX_BLOCKING_TICKS} ticks per wait` });
export type BlockingSize = z.infer<typeof BlockingSize>;
