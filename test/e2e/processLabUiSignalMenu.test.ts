/**
 * The Signal menu used as people use it: opened with a click, an item clicked with the mouse where
 * it is drawn, at the window sizes users have; the menu inside the window near its edges, the tab
 * bar under it unscrolled; the keyboard pattern intact. Screenshots of the detail pane with the
 * menu open, light and dark, go to /tmp/shots-ui/ to be looked at. Only the pid this file starts
 * is touched: the e2e server is shared.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from '../support/chromium.js';
import { until } from '../support/poll.js';
import { kernelStat } from '../support/procfsProbe.js';
import type { RpcClient } from '../support/rpcClient.js';
import { closeLabSession, endProcesses, openLabSession, rowOf, stateBadgeOf } from './labPage.js';
import { collectPageErrors, findTextProblems } from './visualChecks.js';

const webUrl = inject('webUrl');
const SHOTS = '/tmp/shots-ui';
const SIZES = [
  { width: 1400, height: 900 },
  { width: 1920, height: 1080 },
] as const;

describe('the Signal menu, with the mouse', () => {
  let browser: Browser;
  let page: Page;
  let rpc: RpcClient;
  let errors: string[];
  let pid: number;

  beforeAll(async () => {
    ({ browser, page, rpc } = await openLabSession(webUrl));
    errors = collectPageErrors(browser.context);
    ({ pid } = await rpc.call('processes.spawn', { task: 'sleep', kwargs: { seconds: 120 }, name: 'signal target' }));
    await rowOf(page, pid).click();
    await page.getByTestId('detail-tab-overview').click();
    await stateBadgeOf(page, pid, 'S').waitFor();
  });

  afterAll(() => closeLabSession({ browser, rpc }, () => endProcesses(rpc, [pid], 'processes.kill')));

  const menu = () => page.getByTestId('signal-menu-list');
  const tabBarScroll = () => page.getByTestId('process-detail').locator('.tab-bar .extra').evaluate((extra) => extra.scrollLeft);

  /** Opens the menu with a click on its button and checks that every item is drawn, whole, in the window, and is what a click there hits. */
  async function openByMouse(): Promise<void> {
    // The button is greyed while the last signal's reply is on its way (the new state can arrive first): a user waits for it too.
    await until('the Signal button is enabled', () => page.getByTestId('signal-menu').isEnabled());
    const button = await page.getByTestId('signal-menu').boundingBox();
    if (!button) throw new Error('no Signal button on screen');
    await page.mouse.click(button.x + button.width / 2, button.y + button.height / 2);
    await menu().waitFor();
    const hits = await menu().evaluate((list) =>
      [...list.querySelectorAll<HTMLElement>('[role="menuitem"]')].map((item) => {
        const box = item.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return { item: item.querySelector('.name')?.textContent?.trim(), onTop: hit !== null && item.contains(hit), inWindow: box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth };
      }),
    );
    expect(hits.map((hit) => hit.item)).toEqual(['STOP', 'CONT', 'INT', 'HUP', 'USR1']);
    expect(hits.filter((hit) => !hit.onTop || !hit.inWindow)).toEqual([]);
  }

  /** Clicks an item with the mouse at the middle of where it is drawn. */
  async function clickItem(name: string): Promise<void> {
    const box = await page.getByTestId(`signal-${name}`).boundingBox();
    if (!box) throw new Error(`no ${name} item on screen`);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await menu().waitFor({ state: 'detached' });
  }

  for (const size of SIZES) {
    test(`at ${size.width}×${size.height}: STOP then CONT, each clicked where it is drawn; the process goes to T and back, as /proc says`, async () => {
      await page.setViewportSize(size);
      await openByMouse();
      expect(await tabBarScroll()).toBe(0);
      await clickItem('STOP');
      await stateBadgeOf(page, pid, 'T').waitFor();
      expect(kernelStat(pid)?.state).toBe('T');

      await openByMouse();
      await clickItem('CONT');
      await stateBadgeOf(page, pid, 'S').waitFor();
      expect(kernelStat(pid)?.state).toBe('S');
      // The title and the other actions stayed where they were.
      expect(await tabBarScroll()).toBe(0);
      expect(await page.getByTestId('detail-title').isVisible()).toBe(true);
    });
  }

  test('near the window’s bottom and right edges the menu stays inside it; a click outside closes it', async () => {
    // A short window puts the detail pane's button close to the bottom edge.
    await page.setViewportSize({ width: 1100, height: 520 });
    await openByMouse();
    const box = await menu().boundingBox();
    expect(box && box.y + box.height <= 520 && box.x + box.width <= 1100).toBe(true);
    // Outside the menu, on text that does nothing when clicked (the side bar's buttons would switch views): the pane's title.
    const title = await page.getByTestId('detail-title').boundingBox();
    if (!title) throw new Error('no detail title on screen');
    await page.mouse.click(title.x + 4, title.y + title.height / 2);
    await menu().waitFor({ state: 'detached' });
  });

  test('by keyboard: arrows move through the items without scrolling the tab bar, Escape closes and gives focus back', async () => {
    await page.setViewportSize(SIZES[0]);
    await page.getByTestId('signal-menu').focus();
    await page.keyboard.press('Enter');
    await menu().waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('signal-STOP');
    for (let step = 0; step < 4; step++) await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('signal-USR1');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('signal-STOP');
    await page.keyboard.press('End');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('signal-USR1');
    expect(await tabBarScroll()).toBe(0);
    await page.keyboard.press('Escape');
    await menu().waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('signal-menu');
  });

  test('screenshots of the detail pane with the menu open, at both sizes, light and dark, show nothing cut off or too faint', async () => {
    mkdirSync(SHOTS, { recursive: true });
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await until(`the ${theme} theme`, async () => (await page.evaluate(() => document.documentElement.dataset.theme)) === theme);
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await openByMouse();
        const detail = await page.getByTestId('process-detail').boundingBox();
        const open = await menu().boundingBox();
        if (!detail || !open) throw new Error('the detail pane or the menu is not on screen');
        const top = Math.min(detail.y, open.y);
        await page.screenshot({ path: `${SHOTS}/signal-menu-${size.width}x${size.height}-${theme}.png`, clip: { x: detail.x, y: top, width: detail.width, height: Math.max(detail.y + detail.height, open.y + open.height) - top } });
        // What the picture shows: the pane and the menu (the rest of the page is other tests' to judge).
        const shown = `${await page.getByTestId('process-detail').textContent()} ${await menu().textContent()}`;
        expect((await findTextProblems(page)).filter((problem) => shown.includes(problem.text))).toEqual([]);
        await page.keyboard.press('Escape');
        await menu().waitFor({ state: 'detached' });
      }
    }
    expect(errors).toEqual([]);
  });
});
