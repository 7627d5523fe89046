/**
 * After the lab restarts under an open page with the same token (issue 12, point 7), nothing on the page still answers
 * for the old run: the spawn form no longer says "Started … · pid …" of a process that ended with it, and the new run's
 * pool-1 and queue-1 (the ids a new run hands out again) show none of the old pool-1's join answer or typed timeout,
 * nor the old queue-1's calls or typed item. On a browser-mode server of this file's own, on one fixed port.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type RunningServer, startBrowserMode, stopBrowserMode } from '../support/browserMode.js';
import { type Browser, launchChromium } from '../support/chromium.js';
import { freePort } from '../support/freePort.js';
import { until } from '../support/poll.js';
import { kernelStat } from '../support/procfsProbe.js';
import { RpcClient } from '../support/rpcClient.js';
import { openLab, spawnFromForm } from './labPage.js';

const token = 'restart-form-token-cccccccccccccccc';

describe('the forms after a restart of the lab', () => {
  let port: number;
  let server: RunningServer | undefined;
  let browser: Browser;
  let page: Page;

  const start = async (): Promise<RunningServer> => (server = await startBrowserMode(['--port', String(port)], token));
  const stop = (): Promise<void> => stopBrowserMode(server);
  const poolCard = () => page.locator('[data-testid="pool-card"][data-pool="pool-1"]');
  const queueCard = () => page.locator('[data-testid="queue-card"][data-queue="queue-1"]');

  beforeAll(async () => {
    port = await freePort();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await stop();
    await browser?.close();
  });

  test('the spawn form’s “Started”, the pool’s join answer and the queue’s calls of the old run are gone', async () => {
    const first = await start();
    page = await openLab(browser, first.url);

    await page.getByTestId('side-tab-spawn').click();
    await page.getByTestId('spawn-name').fill('survivor?');
    const pid = await spawnFromForm(page, 'sleep', { seconds: '120' });
    expect(await page.getByTestId('spawn-result').textContent()).toContain('survivor?');

    const rpc = await RpcClient.connect(first.url);
    try {
      expect((await rpc.call('pools.create', { processes: 1 })).poolId).toBe('pool-1');
      expect((await rpc.call('queues.create', { maxsize: 0 })).queueId).toBe('queue-1');
    } finally {
      rpc.close();
    }
    await page.getByTestId('detail-tab-pools').click();
    await poolCard().getByTestId('pool-close').click();
    await poolCard().getByTestId('pool-join').click();
    await until('the old pool’s join to answer', async () => (await poolCard().getByTestId('pool-join-result').getAttribute('data-state').catch(() => null)) === 'done', 20_000);
    await poolCard().getByTestId('pool-join-timeout').fill('9');
    await queueCard().getByTestId('queue-item').fill('"old"');
    await queueCard().getByTestId('queue-put').click();
    await queueCard().getByTestId('queue-outcome').waitFor();
    await queueCard().getByTestId('queue-item').fill('typed before');

    await stop();
    expect(kernelStat(pid)).toBeNull();
    await start();
    await page.getByTestId('restart-banner').waitFor({ timeout: 20_000 });

    // The side panel never left the spawn form: it is still on the page, without the old run's answer.
    await page.getByTestId('spawn-submit').waitFor();
    expect(await page.getByTestId('spawn-result').count()).toBe(0);

    const rpcAgain = await RpcClient.connect(server!.url);
    try {
      expect((await rpcAgain.call('pools.create', { processes: 1 })).poolId).toBe('pool-1');
      expect((await rpcAgain.call('queues.create', { maxsize: 0 })).queueId).toBe('queue-1');
    } finally {
      rpcAgain.close();
    }
    await until('the new run’s pool-1 in its card', async () => (await poolCard().getAttribute('data-state').catch(() => null)) === 'running');
    await queueCard().waitFor();
    expect(await poolCard().getByTestId('pool-join-result').count()).toBe(0);
    expect(await poolCard().getByTestId('pool-join-timeout').inputValue()).toBe('5');
    expect(await queueCard().getByTestId('queue-call').count()).toBe(0);
    expect(await queueCard().getByTestId('queue-item').inputValue()).toBe('');
  });
});
