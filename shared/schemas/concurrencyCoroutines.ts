import { z } from 'zod';
import { Pid } from './common.js';

/**
 * The coroutines scenario's result: async functions interleaving on one thread, every slice each ran between two
 * awaits (its switch points), once with IO-bound waits only and once with a CPU-bound step in the first. Times are
 * milliseconds from the start of that run, on the lab process's clock.
 */

const Ms = z.number().nonnegative();
export const MAX_COROUTINE_SLICES = 500;

export const CoroutineSlice = z.object({
  coroutine: z.string().max(15),
  step: z.number().int().nonnegative(),
  /** The thread it ran on (/proc/thread-self): the same for every slice. */
  tid: z.number().int().positive().nullable(),
  /** When it ran, until the await that ended the slice (or its return). */
  startMs: Ms,
  endMs: Ms,
  /** When the await before this slice was due to resume it (null for the first slice): startMs − dueMs is how late. */
  dueMs: Ms.nullable(),
  /** What it awaited at the end of the slice (null: it returned). */
  awaited: z.string().max(40).nullable(),
  /** This slice spun the CPU instead of yielding. */
  cpu: z.boolean(),
});
export type CoroutineSlice = z.infer<typeof CoroutineSlice>;

export const CoroutineRunMode = z.enum(['io', 'cpu-step']);
export type CoroutineRunMode = z.infer<typeof CoroutineRunMode>;

export const CoroutineRun = z.object({
  mode: CoroutineRunMode,
  /** From the first coroutine's start to the last one's return. */
  wallMs: Ms,
  /** The longest coroutine's own waits, and every coroutine's waits end to end (what running them one after another would take). */
  longestWaitsMs: Ms,
  sumWaitsMs: Ms,
  /** The latest any resume came after it was due. */
  maxLateMs: Ms,
  /** Slices in the order they ran: one after another on one thread, each switch an await. */
  slices: z.array(CoroutineSlice).max(MAX_COROUTINE_SLICES),
});
export type CoroutineRun = z.infer<typeof CoroutineRun>;

export const CoroutinesResult = z.object({
  kind: z.literal('coroutines'),
  pid: Pid,
  /** The one thread every coroutine ran on. */
  tid: z.number().int().positive().nullable(),
  coroutines: z.number().int().positive(),
  steps: z.number().int().positive(),
  ioMs: Ms,
  cpuMs: Ms,
  /** io, then cpu-step; filled as each finishes. */
  runs: z.array(CoroutineRun).max(2),
});
export type CoroutinesResult = z.infer<typeof CoroutinesResult>;
