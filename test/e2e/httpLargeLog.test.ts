/**
 * A log of 100,000 exchanges in the HTTP view: a HAR file of that size imported through the page's file picker (sent
 * in parts, as the WebSocket's frame is 1 MiB), shown as its own labelled log apart from the live one, and scrolled by
 * keyboard from one end to the other while the page holds only the rows on screen. Speed is the bench's business;
 * this checks what a user sees: the right rows at each end, and a DOM that does not grow with the log.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from '../support/chromium.js';
import { until } from '../support/poll.js';
import type { RpcClient } from '../support/rpcClient.js';
import { closeLabSession, openLabSession } from './labPage.js';

const webUrl = inject('webUrl');
const ENTRIES = 100_000;

/** A minimal HAR 1.2 entry for `/item/<index>`; each has the fields the schema requires. */
const entry = (index: number) => ({
  startedDateTime: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, index)).toISOString(),
  time: 1,
  request: { method: index % 2 ? 'POST' : 'GET', url: `http://127.0.0.1:8080/item/${index}`, httpVersion: 'HTTP/1.1', cookies: [], headers: [], queryString: [], headersSize: -1, bodySize: 0 },
  response: {
    status: index % 7 === 0 ? 404 : 200,
    statusText: index % 7 === 0 ? 'Not Found' : 'OK',
    httpVersion: 'HTTP/1.1',
    cookies: [],
    headers: [{ name: 'Content-Type', value: 'text/plain' }],
    content: { size: 2, mimeType: 'text/plain', text: 'ok' },
    redirectURL: '',
    headersSize: -1,
    bodySize: 2,
  },
  cache: {},
  timings: { send: 0, wait: 1, receive: 0 },
});

const rowFor = (page: Page, index: number) => page.locator('[data-testid="exchange-row"]').filter({ hasText: `/item/${index}` }).filter({ hasNotText: `/item/${index}0` });

describe('the HTTP view with 100,000 exchanges', () => {
  let browser: Browser;
  let page: Page;
  let rpc: RpcClient;
  let folder: string;

  beforeAll(async () => {
    ({ browser, page, rpc } = await openLabSession(webUrl));
    folder = mkdtempSync(join(tmpdir(), 'loopscope-har-'));
  });

  afterAll(async () => {
    rmSync(folder, { recursive: true, force: true });
    await closeLabSession({ browser, rpc }, async () => {});
  });

  test('an imported HAR of 100,000 entries opens as its own log and scrolls end to end with a bounded DOM', async () => {
    const file = join(folder, 'hundred-thousand.har');
    const entries = Array.from({ length: ENTRIES }, (_, index) => entry(index));
    writeFileSync(file, JSON.stringify({ log: { version: '1.2', creator: { name: 'loopscope-test', version: '1' }, entries } }));

    await page.getByTestId('nav-http').click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('har-import').click();
    await (await chooser).setFiles(file);

    const list = page.getByTestId('exchange-list');
    await until('the imported log to be shown', async () => (await list.getAttribute('data-total')) === String(ENTRIES), 120_000);
    expect(await page.getByTestId('imported-banner').textContent()).toContain('hundred-thousand.har');
    expect(await page.getByTestId('http-log-select').inputValue()).not.toBe('live');

    await rowFor(page, 0).waitFor();
    await rowFor(page, 0).click();
    expect(await page.locator('[data-testid="exchange-row"]').count()).toBeLessThan(200);

    await list.press('End');
    await rowFor(page, ENTRIES - 1).waitFor();
    await until('the last row to be selected', async () => (await rowFor(page, ENTRIES - 1).getAttribute('aria-selected')) === 'true');
    expect(await rowFor(page, ENTRIES - 1).getAttribute('data-method')).toBe('POST');
    expect(await page.locator('[data-testid="exchange-row"]').count()).toBeLessThan(200);

    // Up one row from the end is the one before it, and the detail loads it.
    await list.press('ArrowUp');
    await until('the row before the last to be selected', async () => (await rowFor(page, ENTRIES - 2).getAttribute('aria-selected')) === 'true');
    await page.locator(`[data-testid="exchange-detail"]`).getByText(`/item/${ENTRIES - 2}`).first().waitFor();

    // The live log is still there, apart.
    await page.getByTestId('show-live').click();
    await until('the live log', async () => (await page.getByTestId('http-log-select').inputValue()) === 'live');
    expect(await page.getByTestId('imported-banner').count()).toBe(0);
  }, 180_000);
});
