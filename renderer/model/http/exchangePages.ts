import type { HttpExchangeSummary } from '../../../shared/schemas/http.js';

/**
 * The log's rows as a virtual list needs them: random access by row index over a log that may hold 100,000 exchanges,
 * while the page holds only the blocks it has fetched recently. The lab numbers rows with consecutive ordinals (the
 * seq; through a filter, the match's number among all its matches) and evicts the oldest, so row `i` is ordinal
 * `evicted + 1 + i`, and a block (`size` consecutive ordinals) stays valid when the oldest rows leave: only the
 * index → ordinal mapping moves. Blocks are kept in least-recently-used order, at most `maxBlocks`.
 */
export interface ExchangePages {
  readonly size: number;
  readonly maxBlocks: number;
  /** Exchanges evicted before the first row, and rows in the log after them. */
  evicted: number;
  total: number;
  /** The newest seq `total` includes: a live row numbered above it is new to these pages. */
  scanned: number;
  /** By block number; a Map keeps insertion order, which is the recency order here. */
  blocks: Map<number, HttpExchangeSummary[]>;
}

export function emptyPages(size = 200, maxBlocks = 50): ExchangePages {
  return { size, maxBlocks, evicted: 0, total: 0, scanned: 0, blocks: new Map() };
}

export const ordinalOfRow = (pages: ExchangePages, index: number): number => pages.evicted + 1 + index;
const blockOf = (pages: ExchangePages, ordinal: number): number => Math.floor((ordinal - 1) / pages.size);

/** The row at `index`, or undefined while its block is not loaded. Reading a block marks it recently used. */
export function rowAt(pages: ExchangePages, index: number): HttpExchangeSummary | undefined {
  if (index < 0 || index >= pages.total) return undefined;
  const ordinal = ordinalOfRow(pages, index);
  const block = blockOf(pages, ordinal);
  const rows = pages.blocks.get(block);
  if (!rows) return undefined;
  pages.blocks.delete(block);
  pages.blocks.set(block, rows);
  return rows[ordinal - 1 - block * pages.size];
}

/** What to ask `http.exchanges` for: one `{after, limit}` per block of rows `[start, end)` that is missing or short. */
export function missingBlocks(pages: ExchangePages, start: number, end: number): Array<{ block: number; after: number; limit: number }> {
  const wanted: Array<{ block: number; after: number; limit: number }> = [];
  if (pages.total === 0) return wanted;
  const first = blockOf(pages, ordinalOfRow(pages, Math.max(0, start)));
  const last = blockOf(pages, ordinalOfRow(pages, Math.min(pages.total, end) - 1));
  const lastOrdinal = ordinalOfRow(pages, pages.total - 1);
  for (let block = first; block <= last; block++) {
    const rows = pages.blocks.get(block);
    const expected = Math.min(pages.size, lastOrdinal - block * pages.size);
    if (!rows || rows.length < expected) wanted.push({ block, after: block * pages.size, limit: pages.size });
  }
  return wanted;
}

export interface FetchedPage {
  exchanges: readonly HttpExchangeSummary[];
  /** The first row's ordinal; the rows are consecutive. */
  first: number;
  total: number;
  evicted: number;
  scanned: number;
}

/** A fetched page: its rows go to their blocks; the log's bounds, as the lab counted them just now, come with it. */
export function storePage(pages: ExchangePages, page: FetchedPage): void {
  pages.evicted = page.evicted;
  pages.total = page.total;
  pages.scanned = Math.max(pages.scanned, page.scanned);
  page.exchanges.forEach((row, i) => place(pages, row, page.first + i));
  trim(pages);
}

/**
 * A row that arrived as an event, at `ordinal` (its seq in the whole log; through a filter, the next match's number):
 * the rows grew by one; it is kept when its block is loaded (or starts a new one).
 */
export function appendLive(pages: ExchangePages, row: HttpExchangeSummary, ordinal: number): void {
  pages.total = Math.max(pages.total, ordinal - pages.evicted);
  pages.scanned = Math.max(pages.scanned, row.seq);
  const block = blockOf(pages, ordinal);
  const offset = ordinal - 1 - block * pages.size;
  if (pages.blocks.has(block) || offset === 0) place(pages, row, ordinal);
  trim(pages);
}

function place(pages: ExchangePages, row: HttpExchangeSummary, ordinal: number): void {
  const block = blockOf(pages, ordinal);
  const offset = ordinal - 1 - block * pages.size;
  const rows = pages.blocks.get(block) ?? [];
  // Rows arrive in order within a block; a row past a gap (a page not yet fetched) starts the block again from the fetch.
  if (offset === rows.length) rows.push(row);
  else if (offset < rows.length) rows[offset] = row;
  else return;
  pages.blocks.delete(block);
  pages.blocks.set(block, rows);
}

function trim(pages: ExchangePages): void {
  const firstLive = blockOf(pages, pages.evicted + 1);
  for (const block of pages.blocks.keys()) if (block < firstLive) pages.blocks.delete(block);
  while (pages.blocks.size > pages.maxBlocks) {
    const oldest = pages.blocks.keys().next().value;
    if (oldest === undefined) break;
    pages.blocks.delete(oldest);
  }
}

/** Rows held in the page, for the test that the cache stays bounded. */
export const heldRows = (pages: ExchangePages): number => [...pages.blocks.values()].reduce((sum, rows) => sum + rows.length, 0);
