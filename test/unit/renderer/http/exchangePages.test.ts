import { describe, expect, it } from 'vitest';
import type { HttpExchangeSummary } from '../../../../shared/schemas/http.js';
import { appendLive, emptyPages, type FetchedPage, heldRows, missingBlocks, rowAt, storePage } from '../../../../renderer/model/http/exchangePages.js';

const summary = (seq: number): HttpExchangeSummary => ({
  exchangeId: `x${seq}`,
  seq,
  connectionId: 'c1',
  indexOnConnection: 0,
  recorder: 'server',
  fromComposer: false,
  scheme: 'http',
  startedAt: seq,
  method: 'GET',
  target: '/',
  host: '127.0.0.1',
  status: 200,
  statusText: 'OK',
  contentType: 'text/plain',
  requestBytes: 10,
  responseBytes: 20,
  durationMs: 1,
  route: null,
  error: null,
});
const range = (from: number, to: number): HttpExchangeSummary[] => Array.from({ length: to - from + 1 }, (_, at) => summary(from + at));
/** A page of the whole log as http.exchanges answers it: ordinals are seqs. */
const page = (exchanges: HttpExchangeSummary[], total: number, evicted: number): FetchedPage => ({
  exchanges,
  first: exchanges[0]?.seq ?? evicted + 1,
  total,
  evicted,
  scanned: evicted + total,
});

describe('exchange pages', () => {
  it('asks for the blocks a window needs, and finds rows by index once stored', () => {
    const pages = emptyPages(10, 4);
    storePage(pages, page([], 95, 0));
    expect(missingBlocks(pages, 15, 32)).toEqual([
      { block: 1, after: 10, limit: 10 },
      { block: 2, after: 20, limit: 10 },
      { block: 3, after: 30, limit: 10 },
    ]);
    storePage(pages, page(range(11, 20), 95, 0));
    expect(rowAt(pages, 15)?.seq).toBe(16);
    expect(rowAt(pages, 25)).toBeUndefined();
    expect(missingBlocks(pages, 15, 20)).toEqual([]);
  });

  it('keeps the index → seq mapping right when the oldest exchanges are evicted', () => {
    const pages = emptyPages(10, 4);
    storePage(pages, page(range(21, 30), 30, 0));
    expect(rowAt(pages, 20)?.seq).toBe(21);
    storePage(pages, page([], 15, 15));
    // Row 5 is now seq 21, still in the block fetched before.
    expect(rowAt(pages, 5)?.seq).toBe(21);
    expect(rowAt(pages, 15)).toBeUndefined();
  });

  it('appends live rows to a loaded last block, and asks again for a block that was short', () => {
    const pages = emptyPages(10, 4);
    storePage(pages, page(range(1, 5), 5, 0));
    appendLive(pages, summary(6), 6);
    expect(pages.total).toBe(6);
    expect(rowAt(pages, 5)?.seq).toBe(6);
    // A row arrives for a block whose start the page never saw: counted, fetched when shown.
    appendLive(pages, summary(15), 15);
    expect(pages.total).toBe(15);
    expect(rowAt(pages, 14)).toBeUndefined();
    expect(missingBlocks(pages, 0, 15)).toEqual([
      { block: 0, after: 0, limit: 10 },
      { block: 1, after: 10, limit: 10 },
    ]);
  });

  it('holds at most maxBlocks blocks, dropping the least recently read', () => {
    const pages = emptyPages(10, 3);
    for (let block = 0; block < 10; block++) storePage(pages, page(range(block * 10 + 1, block * 10 + 10), 100, 0));
    expect(heldRows(pages)).toBe(30);
    expect(rowAt(pages, 75)?.seq).toBe(76);
    storePage(pages, page(range(1, 10), 100, 0));
    // Block 7 was read just before, so block 8 is the one that went.
    expect(rowAt(pages, 75)?.seq).toBe(76);
    expect(rowAt(pages, 85)).toBeUndefined();
  });

  it('numbers a filtered view by match, so rows stay put when the matches before them are evicted', () => {
    const pages = emptyPages(10, 4);
    // A filter's first five matches; their seqs are far apart in the whole log.
    const matches = [40, 52, 77, 90, 91].map(summary);
    storePage(pages, { exchanges: matches, first: 1, total: 5, evicted: 0, scanned: 91 });
    expect(rowAt(pages, 0)?.seq).toBe(40);
    expect(rowAt(pages, 4)?.seq).toBe(91);
    // The lab evicted the first two matches: row 0 is match 3 now, fetched before as seq 77.
    storePage(pages, { exchanges: [], first: 3, total: 3, evicted: 2, scanned: 95 });
    expect(rowAt(pages, 0)?.seq).toBe(77);
    // A live match is the next ordinal, whatever its seq.
    appendLive(pages, summary(120), pages.evicted + pages.total + 1);
    expect(pages.total).toBe(4);
    expect(rowAt(pages, 3)?.seq).toBe(120);
    expect(pages.scanned).toBe(120);
  });
});
