import { z } from 'zod';

/** The remedies' size, checked by the scenario and again by its lab process. */
export const DeadlockSize = z
  .object({
    rounds: z.number().int().min(1, 'rounds: at least 1').max(10_000, 'rounds: at most 10,000 per remedy').default(50),
    timeoutMs: z.number().int().min(1, 'timeoutMs: at least 1 ms').max(5000, 'timeoutMs: at most 5000 ms').default(20),
  })
  .strict();
export type DeadlockSize = z.infer<typeof DeadlockSize>;
