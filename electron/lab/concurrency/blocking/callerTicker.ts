/**
 * The caller's other work: a timer on its own thread that notes when it ran. While the thread waits in a
 * blocking call it cannot run, so the ticks a wait holds say what the caller could do meanwhile.
 */
export class CallerTicker {
  private readonly ticks: number[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly tickMs: number,
    private readonly clock: () => number,
    /** Older ticks are dropped past this many: a tick list never grows without bound. */
    private readonly keep: number,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => {
      this.ticks.push(this.clock());
      if (this.ticks.length > this.keep) this.ticks.shift();
    }, this.tickMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The ticks from `startMs` to `endMs`, and the longest stretch in between without one. */
  during(startMs: number, endMs: number): { ticks: number[]; longestGapMs: number } {
    const ticks = this.ticks.filter((at) => at >= startMs && at <= endMs);
    const marks = [startMs, ...ticks, endMs];
    const longestGapMs = Math.max(0, ...marks.slice(1).map((at, i) => at - (marks[i] as number)));
    return { ticks, longestGapMs };
  }
}
