/**
 * An open page across restarts of browser mode, on a server of this file's own (the shared e2e
 * server must not restart) on one fixed port, as README says a page needs: with the same token the
 * page reconnects and says the lab restarted and its processes ended; with a new token it says the
 * token was refused and how to open the new address, and opening it in the tab connects again.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type RunningServer, startBrowserMode, stopBrowserMode } from '../support/browserMode.js';
import { type Browser, launchChromium } from '../support/chromium.js';
import { freePort } from '../support/freePort.js';
import { until } from '../support/poll.js';
import { kernelStat } from '../support/procfsProbe.js';
import { RpcClient } from '../support/rpcClient.js';
import { openLab, rowOf } from './labPage.js';

const tokenA = 'restart-test-token-aaaaaaaaaaaaaaaa';
const tokenB = 'restart-test-token-bbbbbbbbbbbbbbbb';

describe('a page across restarts of the lab', () => {
  let port: number;
  let server: RunningServer | undefined;
  let browser: Browser;
  let page: Page;

  const start = async (token: string): Promise<RunningServer> => (server = await startBrowserMode(['--port', String(port)], token));
  const stop = (): Promise<void> => stopBrowserMode(server);
  const banner = () => page.getByTestId('connection-banner');

  beforeAll(async () => {
    port = await freePort();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await stop();
    await browser?.close();
  });

  test('same token: it reconnects and says the lab restarted, and the process started before is gone from the tree and from /proc', async () => {
    const first = await start(tokenA);
    page = await openLab(browser, first.url);
    const rpc = await RpcClient.connect(first.url);
    const { pid } = await rpc.call('processes.spawn', { task: 'sleep', kwargs: { seconds: 120 }, name: 'survivor?' });
    rpc.close();
    await rowOf(page, pid, true).waitFor();

    await stop();
    await until('the page to say the connection is lost', async () => (await banner().getAttribute('data-phase').catch(() => null)) === 'lost');
    expect(kernelStat(pid)).toBeNull();

    await start(tokenA);
    const restarted = page.getByTestId('restart-banner');
    await restarted.waitFor({ timeout: 20_000 });
    expect(await restarted.textContent()).toMatch(/The lab restarted at \d\d:\d\d:\d\d: the lab process of its previous run ended with it/);
    await rowOf(page, pid).waitFor({ state: 'detached' });
    expect(await banner().count()).toBe(0);

    await page.getByTestId('restart-dismiss').click();
    await restarted.waitFor({ state: 'detached' });
  });

  test('new token: it says the token was refused and how to open the new address; opened in the tab, it connects', async () => {
    await stop();
    const next = await start(tokenB);
    await until('the page to say its token was refused', async () => (await banner().getAttribute('data-phase').catch(() => null)) === 'refused', 20_000);
    const text = (await banner().textContent()) ?? '';
    expect(text).toContain('This page’s token was refused');
    expect(text).toContain('Loopscope listening on http://127.0.0.1:PORT/#token=');
    expect(await page.getByTestId('connection-status').textContent()).toContain('token refused');

    // The user pastes the new address into the same tab: only its fragment differs.
    await page.goto(next.url);
    await page.locator('[data-testid="process-row"][data-role="main"]').waitFor({ timeout: 20_000 });
    expect(await banner().count()).toBe(0);
    expect(page.url()).not.toContain(tokenB);
  });
});
