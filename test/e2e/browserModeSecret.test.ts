/**
 * Browser mode's secret stays with Loopscope. A cookie set by 127.0.0.1 would go to every port of
 * 127.0.0.1, so any local server the user visits next (their own dev server, the HTTP lab's mini
 * server) would receive it. Here a real Chromium opens the lab, then visits another local port, and
 * that server's raw bytes are searched for anything of Loopscope's.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { tokenOf } from '../support/browserMode.js';
import { type Browser, launchChromium } from '../support/chromium.js';
import { until } from '../support/poll.js';
import { openLab } from './labPage.js';

const webUrl = inject('webUrl');
const token = tokenOf(webUrl);

let browser: Browser;
let other: Server;
const received: string[] = [];

beforeAll(async () => {
  other = createServer((socket) => {
    let head = '';
    socket.on('data', (chunk) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      received.push(head);
      socket.end('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok');
    });
  });
  other.listen(0, '127.0.0.1');
  await once(other, 'listening');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  other?.close();
});

test('a page of the lab leaves nothing of its secret for another local port to receive', async () => {
  const page = await openLab(browser, webUrl);
  // The token has left the address bar, and no cookie holds it.
  expect(page.url()).not.toContain(token);
  expect(await browser.context.cookies()).toEqual([]);

  const port = (other.address() as { port: number }).port;
  // The user visits another local server in the same browser, by IP and by name. (The lab's page
  // itself cannot reach other ports at all: its CSP allows connections to its own origin only.)
  const visit = await browser.context.newPage();
  await visit.goto(`http://127.0.0.1:${port}/visited`);
  await visit.goto(`http://localhost:${port}/visited-by-name`);
  await until('the other server to see both visits', async () => received.length >= 2);

  for (const request of received) {
    expect(request).not.toContain(token);
    expect(request.toLowerCase()).not.toMatch(/^cookie:/m);
  }
});

test('a reload keeps the page connected: the token stays in the tab, not in a cookie', async () => {
  const page = await openLab(browser, webUrl);
  await page.reload();
  await page.locator('[data-testid="process-row"][data-role="main"]').waitFor();
  expect(await browser.context.cookies()).toEqual([]);
});
