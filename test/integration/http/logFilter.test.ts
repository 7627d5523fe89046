import { describe, expect, test } from 'vitest';
import { httpLabPerTest, rawExchange, request } from './httpHarness.js';

const lab = httpLabPerTest();

describe('the HTTP log filtered on the lab’s side', () => {
  test('pages only the matching exchanges, counts them, and numbers them so eviction does not move them', async () => {
    // A budget of some twenty of these exchanges: the forty sent evict the oldest, and a few more evict the filter's first matches.
    const harness = await lab({ limits: { logBudgetBytes: 128 * 1024 } });
    // Alternate: an even i is a 404, an odd one a 200.
    for (let i = 0; i < 40; i++) await rawExchange(harness.port, request('GET', i % 2 === 0 ? `/nowhere/${i}` : '/'));
    const whole = await harness.call('http.exchanges', { limit: 100 });
    const notFound = await harness.call('http.exchanges', { limit: 100, filter: { text: 'status:404' } });
    expect(notFound.exchanges.map((exchange) => exchange.seq)).toEqual(whole.exchanges.filter((exchange) => exchange.status === 404).map((exchange) => exchange.seq));
    expect(notFound.total).toBe(notFound.exchanges.length);
    // Exchanges evicted before the filter was first asked for are not searched: its count starts with what was held.
    expect(notFound.evicted).toBe(0);
    expect(notFound.first).toBe(1);
    expect(notFound.scanned).toBe(whole.evicted + whole.total);
    // A later page through the same filter: after a cursor, by match number.
    const second = await harness.call('http.exchanges', { after: notFound.first, limit: 3, filter: { text: 'status:404' } });
    expect(second.first).toBe(notFound.first + 1);
    expect(second.exchanges.map((exchange) => exchange.seq)).toEqual(notFound.exchanges.slice(1, 4).map((exchange) => exchange.seq));

    // Enough new exchanges to evict old ones: the matches that remain keep their numbers.
    const kept = notFound.exchanges.at(-1)!;
    const keptOrdinal = notFound.first + notFound.exchanges.length - 1;
    for (let i = 0; i < 8; i++) await rawExchange(harness.port, request('GET', '/'));
    const after = await harness.call('http.exchanges', { after: keptOrdinal - 1, limit: 1, filter: { text: 'status:404' } });
    expect(after.evicted).toBeGreaterThan(notFound.evicted);
    expect(after.first).toBe(keptOrdinal);
    expect(after.exchanges[0]?.seq).toBe(kept.seq);

    // Status classes and words together; a filter nothing matches is an empty page, not an error.
    const ok = await harness.call('http.exchanges', { limit: 500, filter: { text: 'method:get', statuses: ['2xx'] } });
    expect(ok.exchanges.length).toBe(ok.total);
    expect(ok.exchanges.every((exchange) => exchange.status === 200)).toBe(true);
    const none = await harness.call('http.exchanges', { filter: { text: 'method:PATCH' } });
    expect(none).toMatchObject({ exchanges: [], total: 0, first: 1, cursor: 0 });
  });

  test('refuses a filter that is not one, naming the field', async () => {
    const harness = await lab();
    await expect(harness.call('http.exchanges', { filter: { text: 'x', statuses: ['6xx' as never] } })).rejects.toThrow(/statuses/);
    await expect(harness.call('http.exchanges', { filter: { text: 'x'.repeat(1001) } })).rejects.toThrow(/text/);
  });
});
