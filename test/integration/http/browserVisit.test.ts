import { expect, test } from 'vitest';
import { launchChromium } from '../../support/chromium.js';
import { httpLabPerTest } from './httpHarness.js';

const lab = httpLabPerTest();

test('browser-visit: a real Chromium’s visit, step by step, from the page to its sub-requests to the closes', async () => {
  const harness = await lab({ limits: { keepAliveTimeoutMs: 300 } });
  const { runId } = await harness.call('scenarios.run', { id: 'browser-visit' });
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    await page.goto(`http://127.0.0.1:${harness.port}/page`);
    await page.waitForFunction(() => document.getElementById('time')?.textContent?.startsWith('fetch answered'));
    const stopped = await harness.waitFor('scenario.stopped', (event) => event.data.runId === runId);
    expect(stopped.data.reason).toBe('finished');
  } finally {
    await browser.close();
  }
  const said = harness.events.flatMap((event) => (event.type === 'scenario.step' && event.data.runId === runId ? [event.data.text] : []));
  expect(said[0]).toMatch(/^the lab's own lookup of localhost \(dns\.lookup, not your browser's\): .*127\.0\.0\.1/);
  expect(said.some((text) => /^connection c\d+ accepted: the TCP handshake is done/.test(text))).toBe(true);
  for (const path of ['/page', '/static/style.css', '/static/app.js', '/static/dot.png', '/api/time']) {
    expect(said.some((text) => text.startsWith(`GET ${path} → 200`)), path).toBe(true);
  }
  expect(said.some((text) => /reusing kept-alive connection c\d+/.test(text))).toBe(true);
  expect(said.some((text) => /^connection c\d+ closed/.test(text))).toBe(true);
  const time = (await harness.call('http.exchanges', {})).exchanges.find((exchange) => exchange.target === '/api/time');
  const fetched = await harness.call('http.exchange', { exchangeId: time?.exchangeId as string });
  expect(fetched.request.parsed?.headers.find((field) => field.name.toLowerCase() === 'x-requested-with')?.value).toBe('XMLHttpRequest');
});
