import { z } from 'zod';

export const MAX_COROUTINES = 16;
export const MAX_STEPS = 20;

/** The coroutines' size, checked by the scenario and again by its lab process (a process boundary). */
export const CoroutinesSize = z
  .object({
    coroutines: z
      .number()
      .int()
      .min(1, 'coroutines: at least 1')
      .max(MAX_COROUTINES, `coroutines: at most ${MAX_COROUTINES} on the one thread`)
      .default(3)
      .describe('How many async functions interleave on one thread.'),
    steps: z
      .number()
      .int()
      .min(1, 'steps: at least 1 await per coroutine')
      .max(MAX_STEPS, `steps: at most ${MAX_STEPS} awaits per coroutine`)
      .default(4)
      .describe('How many times each coroutine awaits.'),
    ioMs: z
      .number()
      .int()
      .min(1, 'ioMs: at least 1 ms')
      .max(2000, 'ioMs: at most 2000 ms')
      .default(100)
      .describe('What the first coroutine waits at each await; the n-th waits n times as long.'),
    cpuMs: z
      .number()
      .int()
      .min(1, 'cpuMs: at least 1 ms')
      .max(10_000, 'cpuMs: at most 10,000 ms of CPU work')
      .default(500)
      .describe('The CPU-bound step of the first coroutine in the second run, in milliseconds.'),
  })
  .strict()
  .refine((size) => size.steps * size.ioMs * size.coroutines <= 60_000, {
    message: 'steps × ioMs × coroutines: at most 60,000 ms, so that the longest coroutine waits a minute at most',
  });
export type CoroutinesSize = z.infer<typeof CoroutinesSize>;
