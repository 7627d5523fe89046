/**
 * HTTP in the Packets view, in Debian's Chromium against browser mode: a capture of all loopback traffic running, curl
 * asks a node:http server of this test's (not the lab's), and the packet that carries the request says HTTP in the
 * list, shows the Hypertext Transfer Protocol layer, and opens in the HTTP view as an exchange marked "from packets",
 * whose Packets link leads back to its TCP stream. The e2e server is shared: the filter keeps to this test's port.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { until } from '../support/poll.js';
import type { RpcClient } from '../support/rpcClient.js';
import { closeLabSession, type LabSession, openLabSession } from './labPage.js';
import { collectPageErrors, findTextProblems } from './visualChecks.js';

const webUrl = inject('webUrl');

describe('the Packets view: HTTP found in the packets opens as an exchange', () => {
  let session: LabSession;
  let page: Page;
  let rpc: RpcClient;
  let errors: string[];
  let server: Server | undefined;
  let port = 0;
  let startedLabServer = false;

  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(200, { 'Content-Type': 'text/plain', 'X-From': 'e2e' }).end('hello from node'));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
    session = await openLabSession(webUrl);
    ({ page, rpc } = session);
    errors = collectPageErrors(page.context());
    await page.getByTestId('nav-packets').click();
    await page.getByTestId('view-packets').waitFor();
  });

  afterAll(async () => {
    server?.close();
    if (!session) return;
    await closeLabSession(session, async (client) => {
      await client.call('capture.stop');
      await client.call('capture.clear');
      if (startedLabServer) await client.call('http.stop');
    });
  });

  test('curl while capturing: the request packet says HTTP, with its layer in the tree', async () => {
    const status = await rpc.call('capture.status');
    expect(status.capability.available, status.capability.detail).toBe(true);
    await page.getByTestId('capture-scope').selectOption('all');
    await page.getByTestId('capture-start').click();
    await until('the toolbar to say capturing', async () => (await page.getByTestId('capture-state').getAttribute('data-state')) === 'capturing');
    await promisify(execFile)('curl', ['-s', '-o', '/dev/null', '-H', 'X-Asked-By: curl', `http://127.0.0.1:${port}/e2e?from=curl`]);

    await page.getByTestId('packet-filter').fill(`tcp.port == ${port}`);
    await page.getByTestId('packet-filter').press('Enter');
    await until('the request and response as HTTP in the list', async () => (await page.getByTestId('packet-protocol').allTextContents()).filter((p) => p === 'HTTP').length === 2);
    const httpRows = page.locator('[data-testid="packet-row"][data-colour="http"]');
    expect(await httpRows.getByTestId('packet-info').allTextContents()).toEqual(['GET /e2e?from=curl HTTP/1.1', 'HTTP/1.1 200 OK  (text/plain)']);

    await httpRows.first().click();
    const layer = page.locator('[data-testid="packet-layer"][data-protocol="http"]');
    await layer.waitFor();
    expect(await layer.locator('summary').first().textContent()).toContain('Hypertext Transfer Protocol');
    expect(await layer.textContent()).toContain('GET /e2e?from=curl HTTP/1.1\\r\\n');
    expect(await layer.textContent()).toContain('X-Asked-By: curl\\r\\n');
    // The request line opens on its parts; the method's bytes are lit in the hex pane: three of them.
    await layer.locator('[data-testid="packet-field"][data-field="http.request.line"]').first().click();
    await layer.locator('[data-testid="packet-field"][data-field="http.request.method"]').click();
    await until('the method’s bytes lit', async () => (await page.locator('[data-testid="hex-cell"].mark').count()) === 3);
  });

  test('Open as exchange: the HTTP view shows it marked "from packets", in both languages', async () => {
    await page.getByTestId('packet-open-exchange').click();
    await page.getByTestId('view-http').waitFor();
    const detail = page.getByTestId('exchange-detail');
    await until('the exchange from the packets', async () => (await detail.getAttribute('data-exchange'))?.startsWith('packets-'));
    expect(await page.getByTestId('from-packets').textContent()).toContain('from packets');
    expect(await detail.textContent()).toContain('GET /e2e?from=curl');
    expect(await detail.textContent()).toContain('a packet capture');
    const languageSwitch = page.getByRole('banner').getByTestId('language-switch');
    await languageSwitch.selectOption('zh-CN');
    await until('the mark in Chinese', async () => (await page.getByTestId('from-packets').textContent())?.includes('来自数据包'));
    expect(await findTextProblems(page)).toEqual([]);
    await languageSwitch.selectOption('en');
    await until('the mark in English again', async () => (await page.getByTestId('from-packets').textContent())?.includes('from packets'));
  });

  test('its Packets link selects its packets in the Packets view, through tcp.stream', async () => {
    const stream = (await page.getByTestId('exchange-detail').getAttribute('data-exchange'))!.split('-')[1];
    await page.getByTestId('exchange-packets').click();
    await page.getByTestId('view-packets').waitFor();
    await until('the stream filter', async () => (await page.getByTestId('packet-filter').inputValue()) === `tcp.stream == ${stream}`);
    const selected = page.locator('[data-testid="packet-row"][aria-selected="true"]');
    await until('the request packet selected', async () => (await selected.count()) === 1);
    expect(await selected.getByTestId('packet-info').textContent()).toBe('GET /e2e?from=curl HTTP/1.1');
    expect(errors).toEqual([]);
  });

  test("an exchange the lab's server logged: its Packets link finds the packets that carried it", async () => {
    const status = await rpc.call('http.status');
    startedLabServer = status.state !== 'running';
    const base = (startedLabServer ? await rpc.call('http.start', {}) : status).url!;
    const target = `/packets-link-${Date.now()}`;
    await rpc.call('http.send', { url: `${base.replace(/\/$/, '')}${target}` });
    const logged = await until('the server’s record in the log', async () => (await rpc.call('http.exchanges', {})).exchanges.find((e) => e.recorder === 'server' && e.target === target));
    await page.getByTestId('nav-http').click();
    const row = page.locator(`[data-testid="exchange-row"][data-exchange="${logged.exchangeId}"]`);
    await row.waitFor();
    await row.click();
    await until('the logged exchange in the detail', async () => (await page.getByTestId('exchange-detail').getAttribute('data-exchange')) === logged.exchangeId);
    expect(await page.getByTestId('from-packets').count()).toBe(0);
    await page.getByTestId('exchange-packets').click();
    await page.getByTestId('view-packets').waitFor();
    await until('a stream filter', async () => /^tcp\.stream == \d+$/.test(await page.getByTestId('packet-filter').inputValue()));
    const selected = page.locator('[data-testid="packet-row"][aria-selected="true"]');
    await until('the request packet selected', async () => (await selected.count()) === 1);
    expect(await selected.getByTestId('packet-info').textContent()).toBe(`GET ${target} HTTP/1.1`);
    expect(errors).toEqual([]);
  });
});
