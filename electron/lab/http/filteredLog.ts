import type { ExchangeFilter } from '../../../shared/http/exchangeFilter.js';
import type { HttpExchangeSummary } from '../../../shared/schemas/http.js';
import type { ExchangeLog } from './exchangeLog.js';

/**
 * A log page as the list reads it. Rows are numbered by an ordinal that never changes: the seq in the whole log, or
 * the match's number among every match the filter has had (evicted ones included), so a page the list holds stays
 * valid when the oldest exchanges are evicted: row i is ordinal `evicted + 1 + i`.
 */
export interface LogPage {
  exchanges: HttpExchangeSummary[];
  /** The ordinal of exchanges[0]; the rows are consecutive. */
  first: number;
  /** The last ordinal returned, the `after` of the next page. */
  cursor: number;
  more: boolean;
  /** Rows now, and rows evicted before them. */
  total: number;
  evicted: number;
  /** The newest seq these counts include: a live exchange numbered above it is not counted yet. */
  scanned: number;
}

/** How many filters' matches each log keeps, most recently used last: a user types a few, not hundreds. */
const KEPT_FILTERS = 4;

/** The seqs one filter matches in one log, brought up to date with the log each time it is read. */
class FilterMatches {
  private seqs: number[] = [];
  private head = 0;
  private scanned = 0;
  private evicted = 0;

  constructor(private readonly filter: ExchangeFilter) {}

  page(log: ExchangeLog, after: number, limit: number): LogPage {
    this.catchUp(log);
    const start = Math.max(after, this.evicted);
    const from = this.head + start - this.evicted;
    const seqs = this.seqs.slice(from, from + limit);
    const exchanges = seqs.map((seq) => (log.bySeq(seq) as { summary: HttpExchangeSummary }).summary);
    const total = this.seqs.length - this.head;
    return { exchanges, first: start + 1, cursor: start + exchanges.length, more: from + limit < this.seqs.length, total, evicted: this.evicted, scanned: this.scanned };
  }

  private catchUp(log: ExchangeLog): void {
    while (this.head < this.seqs.length && (this.seqs[this.head] as number) < log.firstSeq) {
      this.head++;
      this.evicted++;
    }
    if (this.head > 4096 && this.head * 2 > this.seqs.length) {
      this.seqs = this.seqs.slice(this.head);
      this.head = 0;
    }
    for (const entry of log.after(this.scanned)) if (this.filter.matches(entry.summary)) this.seqs.push(entry.summary.seq);
    this.scanned = log.newestSeq;
  }
}

/** One log's pages, whole or through a filter; each filter's matches are kept and extended, not searched again. */
export class FilteredLog {
  private readonly kept = new Map<string, FilterMatches>();

  constructor(readonly log: ExchangeLog) {}

  page(filter: ExchangeFilter | null, after: number, limit: number): LogPage {
    const log = this.log;
    if (filter === null || filter.empty) {
      const page = log.page(after, limit);
      const first = page.exchanges[0]?.seq ?? Math.max(after, log.evicted) + 1;
      return { ...page, first, total: log.size, evicted: log.evicted, scanned: log.newestSeq };
    }
    let matches = this.kept.get(filter.key);
    if (matches) this.kept.delete(filter.key);
    else matches = new FilterMatches(filter);
    this.kept.set(filter.key, matches);
    while (this.kept.size > KEPT_FILTERS) this.kept.delete(this.kept.keys().next().value as string);
    return matches.page(log, after, limit);
  }
}
