import type { HttpExchangeSummary } from '../../../shared/schemas/http.js';
import type { LoggedExchange } from './loggedExchange.js';

/**
 * The log of exchanges, oldest first, bounded by a byte budget: past it the oldest go, and are counted. Seq numbers
 * are contiguous, so a page after a cursor is a binary search and an evicted exchange is a visible gap.
 */
export class ExchangeLog {
  private entries: LoggedExchange[] = [];
  /** Index of the oldest live entry; the array is compacted now and then rather than shifted per eviction. */
  private head = 0;
  private readonly byId = new Map<string, LoggedExchange>();
  private lastSeq = 0;
  private bytesHeld = 0;
  private evictedCount = 0;
  private evictedBytesCount = 0;

  constructor(private readonly budget: () => number) {}

  /** Numbers the exchange as it is logged (in the order exchanges end, so pages stay sorted) and holds it. */
  add(exchange: LoggedExchange): void {
    exchange.summary.seq = ++this.lastSeq;
    this.entries.push(exchange);
    this.byId.set(exchange.summary.exchangeId, exchange);
    this.bytesHeld += exchange.cost;
    this.evict();
  }

  get(exchangeId: string): LoggedExchange | undefined {
    return this.byId.get(exchangeId);
  }

  page(after: number, limit: number): { exchanges: HttpExchangeSummary[]; cursor: number; more: boolean } {
    const low = this.indexAfter(after);
    const taken = this.entries.slice(low, low + limit);
    const cursor = taken.at(-1)?.summary.seq ?? after;
    return { exchanges: taken.map((entry) => entry.summary), cursor, more: low + limit < this.entries.length };
  }

  /** The live exchanges with seq > `after`, oldest first. */
  *after(after: number): Generator<LoggedExchange> {
    for (let i = this.indexAfter(after); i < this.entries.length; i++) yield this.entries[i] as LoggedExchange;
  }

  /** The live exchange numbered `seq`: seqs are contiguous, so it is found by its distance from the oldest. */
  bySeq(seq: number): LoggedExchange | undefined {
    const index = this.head + seq - this.firstSeq;
    return index >= this.head && index < this.entries.length ? this.entries[index] : undefined;
  }

  /** The oldest live exchange's seq (one past the last when the log is empty). */
  get firstSeq(): number {
    return this.evictedCount + 1;
  }

  get newestSeq(): number {
    return this.lastSeq;
  }

  private indexAfter(after: number): number {
    let low = this.head;
    let high = this.entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.entries[mid] as LoggedExchange).summary.seq <= after) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  all(): LoggedExchange[] {
    return this.entries.slice(this.head);
  }

  get size(): number {
    return this.entries.length - this.head;
  }

  get bytes(): number {
    return this.bytesHeld;
  }

  get evicted(): number {
    return this.evictedCount;
  }

  get evictedBytes(): number {
    return this.evictedBytesCount;
  }

  private evict(): void {
    const budget = this.budget();
    while (this.bytesHeld > budget && this.head < this.entries.length - 1) {
      const oldest = this.entries[this.head] as LoggedExchange;
      this.entries[this.head++] = undefined as never;
      this.byId.delete(oldest.summary.exchangeId);
      const cost = oldest.cost;
      this.bytesHeld -= cost;
      this.evictedCount++;
      this.evictedBytesCount += cost;
    }
    if (this.head > 4096 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }
}
