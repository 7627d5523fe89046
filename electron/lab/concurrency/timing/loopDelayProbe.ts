import { monitorEventLoopDelay } from 'node:perf_hooks';
import { now } from '../../clock.js';

export interface LoopDelayReading {
  /** Epoch ms of the reading. */
  at: number;
  /** How late the probe's own sampling timer ran: the loop's delay at that moment. */
  delayMs: number;
}

/**
 * Watches the calling thread's event loop. The work phase's figures (max, mean, p99) come from
 * perf_hooks' monitorEventLoopDelay; the readings over time, for the chart, from a timer every
 * `everyMs` that notes how late it ran: while the loop is blocked the timer cannot run, so the
 * reading after a block carries the whole block. (Reading the histogram and resetting it each
 * time would not do: its first run after a reset only takes its starting time, so it misses the
 * block that follows — measured.) Bounded: at most `maxReadings` are kept, the rest counted.
 */
export class LoopDelayProbe {
  private readonly histogram;
  private readonly readings: LoopDelayReading[] = [];
  private timer: NodeJS.Timeout | null = null;
  private due = 0;
  dropped = 0;

  constructor(
    readonly resolutionMs: number,
    private readonly everyMs = 50,
    private readonly maxReadings = 2000,
  ) {
    this.histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  }

  start(): void {
    this.due = now() + this.everyMs;
    this.timer = setInterval(() => this.read(), this.everyMs);
  }

  /**
   * Starts the work phase's figures. The histogram's first run after enable() only takes its
   * starting time, so it is given two resolutions to take it before the work begins.
   */
  async markWorkStart(): Promise<void> {
    this.histogram.enable();
    await new Promise((resolve) => setTimeout(resolve, 2 * this.resolutionMs));
  }

  /** Ends the work phase's figures, once the loop has turned: the histogram sees a block only when its timer finally runs. */
  async markWorkEnd(): Promise<{ maxMs: number; meanMs: number; p99Ms: number }> {
    await new Promise((resolve) => setTimeout(resolve, 2 * this.resolutionMs));
    this.histogram.disable();
    const ms = (ns: number): number => (Number.isFinite(ns) ? ns / 1e6 : 0);
    return { maxMs: ms(this.histogram.max), meanMs: ms(this.histogram.mean), p99Ms: ms(this.histogram.percentile(99)) };
  }

  stop(): LoopDelayReading[] {
    if (this.timer) clearInterval(this.timer);
    return this.readings;
  }

  private read(): void {
    const at = now();
    const delayMs = Math.max(0, at - this.due);
    this.due = at + this.everyMs;
    if (this.readings.length < this.maxReadings) this.readings.push({ at, delayMs });
    else this.dropped++;
  }
}
