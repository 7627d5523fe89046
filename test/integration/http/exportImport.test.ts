import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { PART_CHARS } from '../../../electron/lab/http/harTransfer.js';
import { httpLabPerTest, rawExchange, request } from './httpHarness.js';

const lab = httpLabPerTest();
const SECRET = 'tok-7f1e2d';

describe('the log leaves and comes back as HAR, in parts, with Loopscope’s token never in it', () => {
  test('export in parts → import in parts → the same exchanges in their own log', async () => {
    const harness = await lab({ limits: { maxLoggedBodyBytes: 512 * 1024 } });
    const big = 'z'.repeat(300 * 1024); // more than one part
    await rawExchange(harness.port, request('POST', '/methods', { Cookie: `loopscope_token=${SECRET}; theme=dark` }, big));
    await rawExchange(harness.port, request('GET', `/search?q=1&loopscope_token=${SECRET}`));
    const first = await harness.call('http.exportHar', {});
    expect(first.parts).toBeGreaterThan(1);
    const texts = [first.text];
    for (let part = 1; part < first.parts; part++) texts.push((await harness.call('http.exportHar', { exportId: first.exportId, part })).text);
    expect(texts.every((text) => text.length <= PART_CHARS)).toBe(true);
    const har = texts.join('');
    expect(har).not.toContain(SECRET);
    expect(JSON.parse(har).log.entries).toHaveLength(2);

    let importId: string | undefined;
    let opened = null;
    for (const [part, text] of texts.entries()) {
      const answer = await harness.call('http.importHar', { importId, part, parts: texts.length, text });
      importId = answer.importId;
      opened = answer.log;
    }
    expect(opened?.exchanges).toBe(2);
    const page = await harness.call('http.exchanges', { log: opened?.logId });
    expect(page.exchanges.map((exchange) => [exchange.method, exchange.status])).toEqual([['POST', 201], ['GET', 200]]);
    const imported = await harness.call('http.exchange', { log: opened?.logId, exchangeId: page.exchanges[1]?.exchangeId as string });
    expect(imported.request.parsed?.url).toMatch(/^\/search\?q=1/);
    expect((await harness.call('http.exchanges', {})).total).toBe(2); // the live log is its own
  });

  test('the live log holds the token masked, byte for byte', async () => {
    const harness = await lab();
    const sent = request('GET', '/', { Cookie: `theme=dark; loopscope_token_v2=${SECRET}` });
    await rawExchange(harness.port, sent);
    const { exchanges } = await harness.call('http.exchanges', {});
    const exchange = await harness.call('http.exchange', { exchangeId: exchanges[0]?.exchangeId as string });
    const raw = Buffer.from(exchange.request.raw, 'base64').toString();
    expect(raw).not.toContain(SECRET);
    expect(raw).toBe(sent.replace(SECRET, '*'.repeat(SECRET.length)));
  });

  test('every sample HAR of the conformance folder opens through the parts', async () => {
    const harness = await lab();
    const folder = new URL('../../../../shared/conformance/har/files/', import.meta.url);
    const files = readdirSync(folder).filter((name) => name.endsWith('.har'));
    expect(files.length).toBeGreaterThan(0);
    for (const name of files) {
      const text = readFileSync(new URL(name, folder), 'utf8');
      const parts = Math.max(1, Math.ceil(text.length / PART_CHARS));
      let importId: string | undefined;
      let opened = null;
      for (let part = 0; part < parts; part++) {
        const answer = await harness.call('http.importHar', { importId, part, parts, text: text.slice(part * PART_CHARS, (part + 1) * PART_CHARS) });
        importId = answer.importId;
        opened = answer.log;
      }
      expect(opened, name).not.toBeNull();
      const page = await harness.call('http.exchanges', { log: opened?.logId });
      for (const summary of page.exchanges.slice(0, 5)) await harness.call('http.exchange', { log: opened?.logId, exchangeId: summary.exchangeId });
    }
  });

  test('what is not HAR is refused with the reason', async () => {
    const harness = await lab();
    await expect(harness.call('http.importHar', { part: 0, parts: 1, text: 'not json' })).rejects.toThrow(/cannot be read as HAR/);
  });
});
