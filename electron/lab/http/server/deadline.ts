import { now } from '../../clock.js';

/**
 * One timer for a connection's deadlines (headers, idle mid-request, kept-alive idle), armed lazily: moving a deadline
 * later costs nothing, and only a sooner one re-arms the timer. When it fires, `check` looks at the connection as it
 * is then and either acts or names the next deadline. Per request, a busy keep-alive connection thus makes no timer
 * at all (a setTimeout per request, or a refresh() per chunk, was a visible share of the server's time under load).
 */
export class Deadline {
  private timer: NodeJS.Timeout | undefined;
  /** When the armed timer fires; Infinity when none is armed. */
  private due = Infinity;

  constructor(private readonly check: () => void) {}

  /** Makes sure `check` runs at `at` (ms, the clock's) or sooner. */
  by(at: number): void {
    if (at >= this.due) return;
    clearTimeout(this.timer);
    this.due = at;
    this.timer = setTimeout(() => this.fire(), Math.max(0, at - now()));
    this.timer.unref();
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.due = Infinity;
  }

  private fire(): void {
    this.timer = undefined;
    this.due = Infinity;
    this.check();
  }
}
