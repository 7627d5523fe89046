/**
 * The HTTP view in Debian's Chromium against browser mode: a form POSTed from the composer and decoded from the bytes
 * the mini server received, and the login flow from the composer (the session cookie in the jar, the server's session
 * beside it). What the page shows is checked against the lab's own record (http.exchange, http.sessions). The server is
 * shared by every e2e file: these tests look only at the exchanges and sessions they made.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from '../support/chromium.js';
import { until } from '../support/poll.js';
import type { RpcClient } from '../support/rpcClient.js';
import { closeLabSession, openLabSession } from './labPage.js';
import { collectPageErrors, findTextProblems } from './visualChecks.js';

const webUrl = inject('webUrl');
const SHOTS_DIR = '/tmp/loopscope-shots';
const HAR_SAMPLES = new URL('../../../shared/conformance/har/files/', import.meta.url).pathname;

/** Opens the HTTP view and starts the mini server from its button when it is not running; resolves with its base URL. */
async function openHttpView(page: Page): Promise<string> {
  await page.getByTestId('nav-http').click();
  const state = page.getByTestId('http-server-state');
  await until('the server state', async () => (await state.getAttribute('data-state')) !== null);
  if ((await state.getAttribute('data-state')) !== 'running') await page.getByTestId('http-server-toggle').click();
  await page.locator('[data-testid="http-server-state"][data-state="running"]').waitFor();
  return (await page.getByTestId('http-url-plain').textContent())!.trim();
}

/** Clicks Send and resolves with the exchange id the composer reports for the answer. */
async function send(page: Page): Promise<string> {
  const outcome = page.getByTestId('composer-outcome');
  const before = (await outcome.count()) > 0 ? await outcome.getAttribute('data-exchange') : null;
  await page.getByTestId('composer-send').click();
  return until('the composer to report its exchange', async () => {
    const id = (await outcome.count()) > 0 ? await outcome.getAttribute('data-exchange') : null;
    return id !== null && id !== before && id;
  });
}

/** Types a request into the composer's fields with the mouse and keyboard, as a user does. */
async function compose(page: Page, method: string, url: string, fields: Array<[string, string]> = []): Promise<void> {
  await page.getByTestId('http-side-tab-composer').click();
  await page.getByTestId('composer-mode-fields').click();
  await page.getByTestId('composer-method').selectOption(method);
  await page.getByTestId('composer-url').fill(url);
  await page.getByTestId('composer-headers').fill('');
  if (fields.length === 0) {
    await page.getByTestId('composer-body-none').check();
    return;
  }
  await page.getByTestId('composer-body-form').check();
  const names = page.getByTestId('composer-field-name');
  while ((await names.count()) < fields.length) await page.getByTestId('composer-add-field').click();
  for (const [index, [name, value]] of fields.entries()) {
    await names.nth(index).fill(name);
    await page.getByTestId('composer-field-value').nth(index).fill(value);
  }
}

const detailOf = (page: Page, exchangeId: string) => page.locator(`[data-testid="exchange-detail"][data-exchange="${exchangeId}"]`);

describe('the HTTP view', () => {
  let browser: Browser;
  let page: Page;
  let rpc: RpcClient;
  let base: string;
  let startedServer = false;
  let errors: string[];

  beforeAll(async () => {
    ({ browser, page, rpc } = await openLabSession(webUrl));
    errors = collectPageErrors(browser.context);
    startedServer = (await rpc.call('http.status')).state !== 'running';
    base = await openHttpView(page);
  });

  afterAll(() =>
    closeLabSession({ browser, rpc }, async (client) => {
      await client.call('http.clearCookieJar');
      if (startedServer) await client.call('http.stop');
    }),
  );

  test('a POST with form fields from the composer is decoded from the bytes the server received', async () => {
    await compose(page, 'POST', new URL('/form', base).href, [
      ['name', 'Ada Lovelace'],
      ['topic', 'GET vs POST & more'],
    ]);
    const exchangeId = await send(page);

    // The answer's exchange is in the list, selected, and the detail shows it.
    const row = page.locator(`[data-testid="exchange-row"][data-exchange="${exchangeId}"]`);
    await row.waitFor();
    expect(await row.getAttribute('aria-selected')).toBe('true');
    expect(await row.getAttribute('data-method')).toBe('POST');
    await detailOf(page, exchangeId).waitFor();

    await page.getByTestId('exchange-tab-payload').click();
    const field = (name: string) => page.locator(`[data-testid="form-field"][data-name="${name}"] td`).nth(1);
    await field('name').waitFor();
    expect(await field('name').textContent()).toBe('Ada Lovelace');
    expect(await field('topic').textContent()).toBe('GET vs POST & more');
    expect(await page.locator('[data-testid="url-part"][data-part="path"]').textContent()).toContain('/form');

    // The lab read the same body off the socket: the bytes it logged are the urlencoded form.
    const exchange = await rpc.call('http.exchange', { exchangeId });
    const body = Buffer.from(exchange.request.parsed?.body.base64 ?? '', 'base64').toString('latin1');
    expect(body).toBe('name=Ada+Lovelace&topic=GET+vs+POST+%26+more');

    // Headers: Content-Type is the form's, with its one-line explanation.
    await page.getByTestId('exchange-tab-headers').click();
    const contentType = page.getByTestId('request-header-rows').locator('[data-testid="header-row"][data-name="content-type"]');
    expect(await contentType.textContent()).toContain('application/x-www-form-urlencoded');
    expect(await contentType.getByTestId('header-explanation').count()).toBe(1);

    // Raw: picking the Content-Type line highlights exactly its bytes.
    await page.getByTestId('exchange-tab-raw').click();
    const request = page.locator('[data-testid="raw-tab"] section[data-side="request"]');
    const index = exchange.request.parsed!.headers.findIndex((header) => header.name.toLowerCase() === 'content-type');
    await request.locator(`[data-testid="raw-field"][data-field="header-${index}"]`).click();
    const marked = (await request.getByTestId('byte-mark').allTextContents()).join('');
    expect(marked).toBe('Content-Type: application/x-www-form-urlencoded\\r\\n');
  });

  test('logging in from the composer: the session cookie in the jar, and the session the server keeps under it', async () => {
    await page.getByTestId('http-side-tab-composer').click();
    if (await page.getByTestId('cookie-jar-clear').isEnabled()) await page.getByTestId('cookie-jar-clear').click();
    await page.getByTestId('cookie-jar-empty').waitFor();

    await compose(page, 'POST', new URL('/login', base).href, [
      ['user', 'grace'],
      ['password', 'loopscope'],
    ]);
    const loginId = await send(page);
    await detailOf(page, loginId).waitFor();
    expect(await page.locator(`[data-testid="exchange-row"][data-exchange="${loginId}"]`).getAttribute('data-status')).toBe('302');

    // The response set sid, HttpOnly; the jar keeps it.
    await page.getByTestId('exchange-tab-cookies').click();
    const setSid = page.locator('[data-testid="cookie-set"][data-name="sid"]');
    await setSid.waitFor();
    const sid = (await setSid.locator('td').nth(1).textContent())!.trim();
    expect(sid.length).toBeGreaterThan(10);
    await page.locator('[data-testid="jar-cookie"][data-name="sid"]').waitFor();
    expect(await page.locator('[data-testid="jar-cookie"][data-name="sid"]').textContent()).toContain(sid);

    // The server's side: the session under that id, for that user, shown beside the cookie.
    const session = page.locator(`[data-testid="cookie-lesson"] [data-testid="server-session"][data-session="${sid}"]`);
    await session.waitFor();
    expect(await session.getAttribute('data-user')).toBe('grace');
    const { sessions } = await rpc.call('http.sessions');
    expect(sessions.find((record) => record.sessionId === sid)?.user).toBe('grace');

    // The next request carries only the id; the server finds the user by it.
    await compose(page, 'GET', new URL('/account', base).href);
    await page.getByTestId('composer-headers').fill('Accept: application/json');
    const accountId = await send(page);
    await detailOf(page, accountId).waitFor();
    await page.getByTestId('exchange-tab-cookies').click();
    const sent = page.locator('[data-testid="cookie-sent"][data-name="sid"] td').nth(1);
    await sent.waitFor();
    expect(await sent.textContent()).toBe(sid);
    await page.getByTestId('http-side-tab-sessions').click();
    const listed = page.locator(`[data-testid="sessions-panel"] [data-testid="server-session"][data-session="${sid}"]`);
    await until('the visit counted in the server-side session', async () => (await listed.count()) > 0 && (await listed.getByTestId('session-data').textContent())?.includes('"visits": 1'));

    await page.getByTestId('exchange-tab-response').click();
    await page.getByTestId('json-tree').waitFor();
    expect(await page.locator('[data-testid="json-row"][data-path=\'$."user"\']').textContent()).toContain('"grace"');

    // Logging out ends it on the server.
    await compose(page, 'POST', new URL('/logout', base).href);
    await send(page);
    await until('the session to end', async () => !(await rpc.call('http.sessions')).sessions.some((record) => record.sessionId === sid));
  });

  test('HTTPS from the composer: the decrypted exchange beside the TLS records that crossed the socket', async () => {
    const tlsBase = (await page.getByTestId('http-url-tls').textContent())!.trim();
    await compose(page, 'GET', new URL('/page', tlsBase).href);
    const exchangeId = await send(page);
    await detailOf(page, exchangeId).waitFor();

    // Decrypted, the request line reads as plain HTTP; the Raw tab says these bytes are after TLS.
    await page.getByTestId('exchange-tab-raw').click();
    await page.getByTestId('raw-decrypted').waitFor();
    const requestText = (await page.locator('[data-testid="raw-tab"] section[data-side="request"] [data-testid="byte-view"]').textContent()) ?? '';
    expect(requestText).toContain('GET /page HTTP/1.1');

    // The TLS tab lists the records: handshake first, then application data, as the lab recorded them.
    await page.getByTestId('raw-show-tls').click();
    const records = page.getByTestId('tls-record');
    await records.first().waitFor();
    expect(await records.first().getAttribute('data-type')).toBe('22');
    expect(await page.locator('[data-testid="tls-record"][data-type="23"]').count()).toBeGreaterThan(0);
    const { connection } = await rpc.call('http.exchange', { exchangeId });
    expect(await records.count()).toBe(connection.tls?.records.length);
    // What crossed the socket is not the plaintext: the first record's bytes are a TLS header (0x16 0x03), not "GET".
    expect(await records.first().locator('td').nth(4).textContent()).toMatch(/^16 03 /);
  });

  test('Export HAR downloads the live log as a HAR 1.2 file with the exchanges made here', async () => {
    const download = page.waitForEvent('download');
    await page.getByTestId('har-export').click();
    const file = await (await download).path();
    const har = JSON.parse(readFileSync(file, 'utf8')) as { log: { version: string; entries: Array<{ request: { method: string; url: string } }> } };
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries.some((entry) => entry.request.method === 'POST' && entry.request.url === new URL('/form', base).href)).toBe(true);
  });

  test('every sample HAR opens from the file picker as its own labelled log, warnings shown for those that depart from the schema', async () => {
    let warned = 0;
    for (const name of readdirSync(HAR_SAMPLES)) {
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId('har-import').click();
      await (await chooser).setFiles(join(HAR_SAMPLES, name));
      await until(`${name} to open`, async () => (await page.getByTestId('imported-banner').count()) > 0 && (await page.getByTestId('imported-banner').textContent())?.includes(name));
      await until(`${name}'s rows`, async () => Number(await page.getByTestId('exchange-list').getAttribute('data-total')) > 0);
      await page.getByTestId('exchange-row').first().click();
      await page.locator('[data-testid="exchange-detail"][data-exchange]').waitFor();
      if ((await page.getByTestId('har-warnings').count()) > 0) warned++;
    }
    // DESIGN.md: 6 of the 9 files are valid against the schema, 3 are not.
    expect(warned).toBe(3);
    await page.getByTestId('show-live').click();
  });

  test('screenshots, light and dark, at 1400×900: nothing unreadable, no page errors', async () => {
    mkdirSync(SHOTS_DIR, { recursive: true });
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.getByTestId('http-side-tab-composer').click();
    await page.getByTestId('exchange-row').last().click();
    await page.getByTestId('exchange-tab-headers').click();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: `${SHOTS_DIR}/http-${scheme}.png` });
      expect(await findTextProblems(page)).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: null });
    expect(errors).toEqual([]);
  });
});
