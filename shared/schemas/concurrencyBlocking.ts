import { z } from 'zod';
import { Pid } from './common.js';

/**
 * The blocking scenario's result: the same wait (a FIFO, then a TCP socket, fed after a delay by another thread)
 * made five ways, and what the caller's own timer managed meanwhile. Times are milliseconds on the lab process's
 * clock, from the start of the run.
 */

const Ms = z.number().nonnegative();
/** The ticks kept per variant: the scenario's limits keep waitMs / tickMs under this. */
export const MAX_BLOCKING_TICKS = 2000;

export const BlockingVariantId = z.enum(['read-sync', 'read-threadpool', 'read-evented', 'recv-blocking', 'recv-evented']);
export type BlockingVariantId = z.infer<typeof BlockingVariantId>;

export const BlockingVariant = z.object({
  id: BlockingVariantId,
  /** The call as the code makes it: `fs.readSync(fifo)`. */
  call: z.string().max(80),
  /** Sync: the answer is the call's return value. Callback: the call returns at once and the answer comes later. */
  style: z.enum(['sync', 'callback']),
  /** Which thread sat in the kernel waiting: the caller's own, one of libuv's pool threads, or none (epoll said when). */
  waiter: z.enum(['caller', 'pool-thread', 'none']),
  /** When the call was made and when its data was in the caller's hands. */
  startMs: Ms,
  endMs: Ms,
  waitMs: Ms,
  /** Every run of the caller's timer between startMs and endMs: what it could do meanwhile. */
  ticks: z.array(Ms).max(MAX_BLOCKING_TICKS),
  /** How many ticks a free caller would have had in that time. */
  expectedTicks: z.number().int().nonnegative(),
  /** The longest stretch of the wait in which the caller's timer did not run (its lateness at worst). */
  longestGapMs: Ms,
  bytes: z.number().int().nonnegative(),
});
export type BlockingVariant = z.infer<typeof BlockingVariant>;

export const BlockingResult = z.object({
  kind: z.literal('blocking'),
  /** The lab process whose main thread is the caller. */
  pid: Pid,
  /** How long the feeding thread waits before it writes. */
  waitMs: Ms,
  /** The caller's timer interval. */
  tickMs: Ms,
  /** In the order they ran; filled as each finishes. */
  variants: z.array(BlockingVariant).max(5),
  /** Variants that could not run here, with why (a blocking recv needs libc through koffi, on Linux). */
  skipped: z.array(z.object({ id: BlockingVariantId, why: z.string().max(500) })).max(5),
});
export type BlockingResult = z.infer<typeof BlockingResult>;
