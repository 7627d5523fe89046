import { z } from 'zod';

const MAX_HOLDING_MS = 600_000;

/** The locks scenario's size, checked by the scenario and again by its lab process. */
export const LocksSize = z
  .object({
    threads: z.number().int().min(1, 'threads: at least 1').max(16, 'threads: at most 16 in the locks scenario').default(3),
    rounds: z.number().int().min(1, 'rounds: at least 1').max(100, 'rounds: at most 100').default(5),
    holdMs: z.number().int().min(10, 'holdMs: at least 10 ms').max(5000, 'holdMs: at most 5000 ms').default(300),
    permits: z.number().int().min(1, 'permits: at least 1').max(16, 'permits: at most 16').default(2),
  })
  .strict()
  // Each round holds M and R for holdMs and S for 2.5 × holdMs.
  .refine((size) => size.threads * size.rounds * size.holdMs * 4.5 <= MAX_HOLDING_MS, {
    message: `threads × rounds × holdMs × 4.5 (the three locks' holds): at most ${MAX_HOLDING_MS / 60_000} minutes of holding locks in one run`,
  });
export type LocksSize = z.infer<typeof LocksSize>;
