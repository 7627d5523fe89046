/**
 * The HTTP log's filter in Debian's Chromium against browser mode: typed words and a status-class toggle narrow the list
 * to what the lab matched, the count says how many of how many, and an exchange logged while the filter is on joins
 * the list only when it matches. The server is shared by every e2e file: the words here are unique to this run.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from '../support/chromium.js';
import { until } from '../support/poll.js';
import type { RpcClient } from '../support/rpcClient.js';
import { closeLabSession, openLabSession } from './labPage.js';
import { collectPageErrors } from './visualChecks.js';

const webUrl = inject('webUrl');
const SHOTS_DIR = '/tmp/loopscope-shots';

/** The paths of the exchanges the list shows now, as the rows' titles carry them. */
const shownTargets = (page: Page): Promise<string[]> =>
  page.getByTestId('exchange-row').evaluateAll((rows) => rows.map((row) => new URL(row.getAttribute('title') ?? '').pathname));

describe('filtering the HTTP log', () => {
  let browser: Browser;
  let page: Page;
  let rpc: RpcClient;
  let base: string;
  let startedServer = false;
  let errors: string[];
  const marker = `f${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    ({ browser, page, rpc } = await openLabSession(webUrl));
    errors = collectPageErrors(browser.context);
    const status = await rpc.call('http.status');
    startedServer = status.state !== 'running';
    base = (startedServer ? await rpc.call('http.start', {}) : status).url!;
    await page.getByTestId('nav-http').click();
  });

  afterAll(() => closeLabSession({ browser, rpc }, async (client) => (startedServer ? void (await client.call('http.stop')) : undefined)));

  test('words and a status class narrow the list to the lab’s matches, and a new match joins it live', async () => {
    // Three exchanges of this run (two the server does not know, 404, and one echo, 200), after one that is not.
    for (const path of ['/', `/nowhere/${marker}/a`, `/nowhere/${marker}/b`, `/search?q=${marker}`]) await fetch(new URL(path, base));
    const filter = page.getByTestId('http-filter-text');
    await filter.click();
    await filter.pressSequentially(marker);
    await until('only this run’s three exchanges listed', async () => (await shownTargets(page)).length === 3 && (await page.getByTestId('exchange-list').getAttribute('data-total')) === '3');
    expect(await page.getByTestId('http-log-counts').textContent()).toMatch(/^\s*3 of \d+ exchanges/);

    // The 4xx toggle, with the mouse: the two 404s stay.
    await page.getByTestId('http-filter-4xx').click();
    expect(await page.getByTestId('http-filter-4xx').getAttribute('aria-pressed')).toBe('true');
    await until('the two 404s', async () => (await page.getByTestId('exchange-list').getAttribute('data-total')) === '2');
    expect(await shownTargets(page)).toEqual([`/nowhere/${marker}/a`, `/nowhere/${marker}/b`]);

    // Logged while the filter is on: a match joins the list, an exchange that does not match stays out of it.
    await fetch(new URL(`/search?q=${marker}-late`, base));
    await fetch(new URL(`/nowhere/${marker}/c`, base));
    await until('the late 404 in the list', async () => (await shownTargets(page)).includes(`/nowhere/${marker}/c`));
    expect(await page.getByTestId('exchange-list').getAttribute('data-total')).toBe('3');

    mkdirSync(SHOTS_DIR, { recursive: true });
    await page.screenshot({ path: `${SHOTS_DIR}/http-filter.png` });

    // Nothing matches: the list says so and how many the log holds; Clear brings the whole log back.
    await filter.fill(`${marker} method:PATCH`);
    await page.getByTestId('exchange-list-empty').waitFor();
    expect(await page.getByTestId('exchange-list-empty').textContent()).toMatch(/No exchange matches the filter \(\d+ in the log\)/);
    await page.getByTestId('http-filter-clear').click();
    await until('the whole log again', async () => Number(await page.getByTestId('exchange-list').getAttribute('data-total')) >= 5);
    expect(await filter.inputValue()).toBe('');
    expect(errors).toEqual([]);
  });
});
