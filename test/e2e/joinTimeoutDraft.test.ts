/**
 * The detail pane's join timeout keeps what the user typed (issue 12, point 8), as the queue's controls and the pool's
 * join timeout do: across a switch to the Pools & queues tab (which unmounts the process's actions) and across
 * selecting another process, each process with its own. The e2e server is shared: this file ends what it started.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from '../support/chromium.js';
import { until } from '../support/poll.js';
import type { RpcClient } from '../support/rpcClient.js';
import { closeLabSession, endProcesses, openLabSession, rowOf, selectedPid } from './labPage.js';

const webUrl = inject('webUrl');

/** Types into a number input as a user does, key by key, after clicking into it. */
async function typeInto(input: Locator, text: string): Promise<void> {
  await input.click();
  await input.press('Control+a');
  await input.press('Backspace');
  if (text) await input.pressSequentially(text);
}

describe('the detail pane’s join timeout', () => {
  let browser: Browser;
  let page: Page;
  let rpc: RpcClient;
  const pids: number[] = [];

  beforeAll(async () => {
    ({ browser, page, rpc } = await openLabSession(webUrl));
  });

  afterAll(() => closeLabSession({ browser, rpc }, (client) => endProcesses(client, pids, 'processes.kill')));

  const timeoutField = () => page.getByTestId('detail-join-timeout');
  async function select(pid: number): Promise<void> {
    await rowOf(page, pid).click();
    await until(`pid ${pid} selected`, async () => (await selectedPid(page)) === pid);
    await page.getByTestId('detail-tab-overview').click();
    await timeoutField().waitFor();
  }

  test('keeps the typed value across a tab switch and another selection, per process, and joins with it', async () => {
    for (const name of ['draft-a', 'draft-b']) pids.push((await rpc.call('processes.spawn', { task: 'sleep', kwargs: { seconds: 120 }, name })).pid);
    const [first, second] = pids as [number, number];
    await rowOf(page, first, true).waitFor();
    await rowOf(page, second, true).waitFor();

    await select(first);
    await typeInto(timeoutField(), '7.5');

    await page.getByTestId('detail-tab-pools').click();
    await until('the actions to leave with the tab', async () => (await timeoutField().count()) === 0);
    await page.getByTestId('detail-tab-overview').click();
    expect(await timeoutField().inputValue()).toBe('7.5');

    // Another process has a timeout of its own, from the default; the first keeps what was typed for it.
    await select(second);
    expect(await timeoutField().inputValue()).toBe('2');
    await typeInto(timeoutField(), '');
    await select(first);
    expect(await timeoutField().inputValue()).toBe('7.5');
    await select(second);
    expect(await timeoutField().inputValue()).toBe('');

    // The kept value is the one Join sends: join(7.5) waits, and says for how long.
    await select(first);
    await page.getByTestId('detail-join').click();
    const result = page.getByTestId('detail-join-result');
    await until('join(7.5) to wait', async () => (await result.count()) > 0 && (await result.getAttribute('data-state')) === 'waiting');
    expect(await result.textContent()).toContain('7.5');
  });

  test('at 1400×900 its answer and the Join button are shown whole in the detail pane’s bar, not clipped by it', async () => {
    await page.setViewportSize({ width: 1400, height: 900 });
    const [, second] = pids as [number, number];
    await select(second);
    await typeInto(timeoutField(), '0.3');
    await page.getByTestId('detail-join').click();
    const result = page.getByTestId('detail-join-result');
    await until('join(0.3) to time out', async () => (await result.count()) > 0 && (await result.getAttribute('data-state')) === 'done');
    expect(await result.textContent()).toContain('timed out after 0.3 s');
    const bar = await page.getByTestId('process-detail').locator('.tab-bar').boundingBox();
    for (const shown of [result, page.getByTestId('detail-join'), timeoutField(), page.getByTestId('detail-terminate')]) {
      const box = await shown.boundingBox();
      expect(box && bar && box.y >= bar.y - 0.5 && box.y + box.height <= bar.y + bar.height + 0.5 && box.x + box.width <= bar.x + bar.width + 0.5).toBe(true);
      expect(await shown.evaluate((element) => element.scrollWidth <= element.clientWidth + 1)).toBe(true);
    }
  });
});
