/**
 * The Experiments view as a student meets it: the course in the syllabus's order in English and in Chinese, the
 * zombie topic run from its card landing on the zombie's row (Z, as /proc says), the topic remembered as run after a
 * reload, and screenshots of the course light and dark with the same text checks the other views get.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, test } from 'vitest';
import { type Browser, type LaunchOptions, launchChromium } from '../support/chromium.js';
import { until } from '../support/poll.js';
import { kernelStat } from '../support/procfsProbe.js';
import { RpcClient } from '../support/rpcClient.js';
import { openLab, selectedPid, stopRuns } from './labPage.js';
import { collectPageErrors, findTextProblems } from './visualChecks.js';

const webUrl = inject('webUrl');
const SHOTS = '/tmp/shots-experiments';
const topicCard = (page: Page, id: string) => page.locator(`[data-testid="topic"][data-topic="${id}"]`);

describe('the Experiments view', () => {
  const browsers: Browser[] = [];
  let rpc: RpcClient | undefined;
  let before = new Set<string>();

  afterEach(async () => {
    if (rpc) {
      const { runs } = await rpc.call('scenarios.list');
      await stopRuns(rpc, runs.filter((run) => !before.has(run.runId)).map((run) => run.runId));
    }
    rpc?.close();
    rpc = undefined;
    for (const browser of browsers.splice(0)) await browser.close();
  });

  async function open(options: LaunchOptions): Promise<{ page: Page; errors: string[] }> {
    rpc = await RpcClient.connect(webUrl);
    before = new Set((await rpc.call('scenarios.list')).runs.map((run) => run.runId));
    const browser = await launchChromium(options);
    browsers.push(browser);
    const page = await openLab(browser, webUrl);
    const errors = collectPageErrors(browser.context);
    await page.getByTestId('nav-experiments').click();
    await topicCard(page, 'zombie-orphan').waitFor();
    return { page, errors };
  }

  test('lists the 31 topics in the syllabus’s order, in English and in Chinese', async () => {
    const { page, errors } = await open({ locale: 'en-US' });
    const ids = await page.getByTestId('topic').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-topic')));
    const { topics } = await rpc!.call('experiments.list');
    expect(ids).toEqual(topics.map((topic) => topic.id));
    expect(ids).toHaveLength(31);
    expect(await topicCard(page, 'zombie-orphan').locator('h3').textContent()).toBe('Zombie and orphan processes');
    expect(await page.locator('[data-part="systems"] h2').textContent()).toContain('Part 7');

    await page.getByRole('banner').getByTestId('language-switch').selectOption('zh-CN');
    await expect.poll(() => topicCard(page, 'zombie-orphan').locator('h3').textContent()).toBe('僵尸进程与孤儿进程');
    expect(await page.locator('[data-part="network"] h2').textContent()).toContain('网络编程');
    expect(await topicCard(page, 'zombie-orphan').getByTestId('experiment-run').first().textContent()).toContain('运行');
    expect(errors).toEqual([]);
  });

  test('runs the zombie topic from its card and lands on the zombie’s row; the topic is remembered as run', async () => {
    const { page, errors } = await open({ locale: 'zh-CN' });
    await topicCard(page, 'zombie-orphan').locator('[data-experiment="zombie"]').getByTestId('experiment-run').click();
    await page.getByTestId('nav-processes').and(page.locator('[aria-current="page"]')).waitFor();
    const zombie = await until('the zombie’s row selected', async () => {
      const pid = await selectedPid(page);
      return pid !== null && kernelStat(pid)?.state === 'Z' && pid;
    }, 20_000);
    expect(await page.locator(`[data-testid="process-row"][data-pid="${zombie}"] [data-testid="state-badge"]`).getAttribute('data-state')).toBe('Z');

    await page.reload();
    await page.getByTestId('nav-experiments').click();
    await topicCard(page, 'zombie-orphan').getByTestId('topic-ran').waitFor();
    expect(await topicCard(page, 'udp').getByTestId('topic-ran').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  test('screenshots of the course, light and dark, show nothing cut off or too faint', async () => {
    mkdirSync(SHOTS, { recursive: true });
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const locale of ['en-US', 'zh-CN']) {
        const { page, errors } = await open({ colorScheme, locale });
        await page.screenshot({ path: `${SHOTS}/experiments-${locale}-${colorScheme}.png` });
        expect(await findTextProblems(page)).toEqual([]);
        expect(errors).toEqual([]);
        rpc?.close();
        rpc = undefined;
        for (const browser of browsers.splice(0)) await browser.close();
      }
    }
  });
});
