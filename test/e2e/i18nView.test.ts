/**
 * The UI's languages in Debian's Chromium against browser mode: the system's language, the switch in the top bar and
 * what a reload keeps, an unknown language, the welcome dialog shown once, and the Processes view in Chinese, with
 * screenshots to look at and the same text checks the other screenshot tests make (nothing cut off, nothing faint).
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, test } from 'vitest';
import { type Browser, type LaunchOptions, launchChromium } from '../support/chromium.js';
import { until } from '../support/poll.js';
import { RpcClient } from '../support/rpcClient.js';
import { openLab, rowOf, stopRuns } from './labPage.js';
import { collectPageErrors, findTextProblems } from './visualChecks.js';

const webUrl = inject('webUrl');
const SHOTS_DIR = '/tmp/loopscope-shots';

/** The side panel's first tab: a label every page load shows. */
const spawnTab = (page: Page) => page.getByTestId('side-tab-spawn');
/** The top bar's language switch (the welcome dialog has one too). */
const languageSwitch = (page: Page) => page.getByRole('banner').getByTestId('language-switch');

describe('the UI in English and Chinese', () => {
  const browsers: Browser[] = [];
  const runs: string[] = [];
  let rpc: RpcClient | undefined;

  afterEach(async () => {
    if (rpc) await stopRuns(rpc, runs);
    rpc?.close();
    rpc = undefined;
    for (const browser of browsers.splice(0)) await browser.close();
  });

  async function open(options: LaunchOptions): Promise<Page> {
    const browser = await launchChromium(options);
    browsers.push(browser);
    return openLab(browser, webUrl);
  }

  test('follows an English system, switches to Chinese from the top bar without a reload, and keeps it after one', async () => {
    const page = await open({ locale: 'en-US' });
    await expect.poll(() => spawnTab(page).textContent()).toBe('New process');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    const marker = await page.evaluate(() => ((window as unknown as { marker: number }).marker = Math.random()));

    await languageSwitch(page).selectOption('zh-CN');
    await expect.poll(() => spawnTab(page).textContent()).toBe('新建进程');
    expect(await page.getByTestId('status-counts').textContent()).toContain('个进程');
    // The same document: switched in place, not reloaded.
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(marker);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');

    await page.reload();
    await page.locator('[data-testid="process-row"][data-role="main"]').waitFor();
    await expect.poll(() => spawnTab(page).textContent()).toBe('新建进程');
    expect(await languageSwitch(page).inputValue()).toBe('zh-CN');
  });

  test('follows a Chinese system by itself, settings included: the lab’s come from settings.get', async () => {
    const page = await open({ locale: 'zh-CN' });
    await expect.poll(() => spawnTab(page).textContent()).toBe('新建进程');
    const { saved } = await (rpc = await RpcClient.connect(webUrl)).call('settings.get');
    await page.getByTestId('open-settings').click();
    const dialog = page.getByTestId('settings');
    await dialog.waitFor();
    expect(await dialog.locator('h2').textContent()).toBe('设置');
    await expect.poll(() => dialog.getByTestId('settings-samplingIntervalMs').inputValue()).toBe(String(saved.samplingIntervalMs));
    expect(await dialog.getByTestId('settings-maxLiveProcesses').inputValue()).toBe(String(saved.maxLiveProcesses));
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  test('shows English for a language it does not speak', async () => {
    const page = await open({ locale: 'fr-FR' });
    expect(await page.evaluate(() => navigator.language)).toBe('fr-FR');
    await expect.poll(() => spawnTab(page).textContent()).toBe('New process');
    expect(await languageSwitch(page).inputValue()).toBe('en');
  });

  test('opens the welcome once, with this machine’s capabilities; later only from the top bar', async () => {
    const page = await open({ locale: 'en-US', firstRun: true });
    const dialog = page.getByTestId('first-run');
    await dialog.waitFor();
    const info = await (rpc = await RpcClient.connect(webUrl)).call('system.info');
    const procfs = dialog.getByTestId('first-run-capability-procfs');
    await expect.poll(() => procfs.getAttribute('data-available')).toBe(String(info.capabilities.procfs.available));
    expect(await procfs.textContent()).toContain(info.capabilities.procfs.detail);
    expect(await dialog.getByTestId('first-run-capability-packetCapture').count()).toBe(1);

    await dialog.getByTestId('first-run-close').click();
    await dialog.waitFor({ state: 'hidden' });
    await page.reload();
    await page.locator('[data-testid="process-row"][data-role="main"]').waitFor();
    expect(await dialog.isVisible()).toBe(false);

    await page.getByTestId('open-first-run').click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  test('the Processes view in Chinese: the welcome starts the zombie scenario, and every label fits', async () => {
    mkdirSync(SHOTS_DIR, { recursive: true });
    const page = await open({ locale: 'zh-CN', firstRun: true });
    const errors = collectPageErrors(page.context());
    rpc = await RpcClient.connect(webUrl);
    const before = new Set((await rpc.call('scenarios.list')).runs.map((run) => run.runId));
    const dialog = page.getByTestId('first-run');
    await dialog.waitFor();
    await expect.poll(() => dialog.getByTestId('first-run-zombie').textContent()).toBe('从僵尸进程场景开始');
    await page.screenshot({ path: `${SHOTS_DIR}/i18n-first-run-zh.png` });
    await dialog.getByTestId('first-run-zombie').click();
    await dialog.waitFor({ state: 'hidden' });

    const run = await until('the zombie run the welcome started', async () =>
      (await rpc!.call('scenarios.list')).runs.find((candidate) => candidate.scenario === 'zombie' && !before.has(candidate.runId) && candidate.pids.length > 0),
    );
    runs.push(run.runId);
    // Its zombie: a Z badge, in Chinese, in the tree.
    const zombieBadge = page.locator('[data-testid="state-badge"][data-state="Z"]').first();
    await zombieBadge.waitFor({ timeout: 20_000 });
    expect(await zombieBadge.textContent()).toContain('僵尸进程');
    await rowOf(page, run.pids[0]!).click();
    await page.getByTestId('process-overview').waitFor();
    // Its card in the Scenarios panel says what to watch for, and its action, in Chinese too.
    const card = page.locator('[data-testid="scenario"][data-scenario="zombie"]');
    await expect.poll(() => card.getByTestId('scenario-action-reap').textContent()).toBe('回收');
    expect(await card.locator('.observe').textContent()).toContain('以 Z 状态（读自 /proc）留在进程树中');
    await page.screenshot({ path: `${SHOTS_DIR}/i18n-processes-zh.png` });

    expect(await findTextProblems(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
