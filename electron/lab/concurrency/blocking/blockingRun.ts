import { type BlockingResult, BlockingVariantId, MAX_BLOCKING_TICKS } from '../../../../shared/schemas/concurrencyBlocking.js';
import type { BlockingSize } from './blockingLimits.js';
import { blockingVariants, fifoIn, recvUnavailable } from './blockingVariants.js';
import { CallerTicker } from './callerTicker.js';

/**
 * In the lab process: the main thread is the caller. Its timer ticks all along; each variant waits for a
 * byte that a feeder thread sends `waitMs` after the wait began, and the ticks inside each wait are kept.
 */
export async function runBlocking(pid: number, dir: string, { waitMs, tickMs }: BlockingSize, report: (result: BlockingResult) => void): Promise<void> {
  const origin = performance.now();
  const clock = (): number => performance.now() - origin;
  const ticker = new CallerTicker(tickMs, clock, MAX_BLOCKING_TICKS * 2);
  const result: BlockingResult = { kind: 'blocking', pid, waitMs, tickMs, variants: [], skipped: [] };
  const noRecv = recvUnavailable();
  ticker.start();
  try {
    for (const id of BlockingVariantId.options) {
      if (id === 'recv-blocking' && noRecv) {
        result.skipped.push({ id, why: noRecv });
        continue;
      }
      const variant = blockingVariants[id];
      const waited = await variant.wait({ clock, delayMs: waitMs, fifo: fifoIn(dir) });
      const { ticks, longestGapMs } = ticker.during(waited.startMs, waited.endMs);
      const spent = waited.endMs - waited.startMs;
      result.variants.push({
        id,
        call: variant.call,
        style: variant.style,
        waiter: variant.waiter,
        ...waited,
        waitMs: spent,
        ticks,
        expectedTicks: Math.round(spent / tickMs),
        longestGapMs,
      });
      report(result);
    }
  } finally {
    ticker.stop();
  }
}
