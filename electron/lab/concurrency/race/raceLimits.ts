import { z } from 'zod';

/** Threads are real threads of one lab process: past this many the machine only shuffles them. */
export const MAX_RACE_THREADS = 64;
export const MAX_RACE_ITERATIONS = 10_000_000;
/** Every thread's increments together, per method: the mutex run, the slowest, then takes seconds, not hours. */
export const MAX_RACE_INCREMENTS = 20_000_000;

/** The race's size, checked by the scenario and again by its lab process (a process boundary). */
export const RaceSize = z
  .object({
    workers: z
      .number()
      .int()
      .min(1, 'workers: at least 1 thread')
      .max(MAX_RACE_THREADS, `workers: at most ${MAX_RACE_THREADS} threads in one lab process`)
      .default(2)
      .describe('How many threads race on the counter.'),
    iterations: z
      .number()
      .int()
      .min(1, 'iterations: at least 1 increment per thread')
      .max(MAX_RACE_ITERATIONS, `iterations: at most ${MAX_RACE_ITERATIONS.toLocaleString('en')} per thread`)
      .default(3_000_000)
      .describe('How many times each thread adds one.'),
  })
  .strict()
  .refine((size) => size.workers * size.iterations <= MAX_RACE_INCREMENTS, {
    message: `workers × iterations: at most ${MAX_RACE_INCREMENTS.toLocaleString('en')} increments per run, so that it finishes in seconds rather than hours`,
  });
