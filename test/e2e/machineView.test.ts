/**
 * The Processes view's machine-wide mode in Debian's Chromium against browser mode: 2,000 `sleep` processes this
 * test starts, every process of the machine as a tree from pid 1, virtual (the DOM holds a screenful), filtered,
 * found and collapsed on the lab's side; the lab's own processes marked and still actionable, every other one
 * read-only with the reason; a process's sockets opened in the Sockets view's machine-wide scope.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { until } from '../support/poll.js';
import type { RpcClient } from '../support/rpcClient.js';
import { closeLabSession, endProcesses, type LabSession, openLabSession } from './labPage.js';
import { collectPageErrors, findTextProblems } from './visualChecks.js';

const webUrl = inject('webUrl');
const SHOTS_DIR = '/tmp/loopscope-shots';
const SLEEPS = 2000;
/** A duration no other program on this shared machine sleeps for: the filter finds only these. */
const SLEEP_FOR = `600.${process.pid}`;

const machineRow = (page: Page, pid: number) => page.locator(`[data-testid="machine-row"][data-pid="${pid}"]`);
const total = async (page: Page): Promise<number> => Number(await page.getByTestId('machine-list').getAttribute('data-total'));

describe('the whole machine in the Processes view', () => {
  let session: LabSession;
  let page: Page;
  let rpc: RpcClient;
  let errors: string[];
  const sleeps: ChildProcess[] = [];
  const labPids: number[] = [];

  beforeAll(async () => {
    for (let i = 0; i < SLEEPS; i++) sleeps.push(spawn('sleep', [SLEEP_FOR], { stdio: 'ignore' }));
    session = await openLabSession(webUrl);
    ({ page, rpc } = session);
    errors = collectPageErrors(page.context());
    await page.setViewportSize({ width: 1400, height: 900 });
  }, 300_000);

  afterAll(async () => {
    for (const child of sleeps) child.kill('SIGKILL');
    if (session) await closeLabSession(session, (client) => endProcesses(client, labPids, 'processes.kill'));
  });

  test('the switch shows every process from pid 1, kernel threads hidden, in a virtual list', async () => {
    await page.getByTestId('machine-switch-machine').click();
    await until('the machine with the sleeps', async () => (await page.getByTestId('machine-list').count()) > 0 && (await total(page)) > SLEEPS);
    await expect.poll(() => page.getByTestId('machine-row').first().getAttribute('data-pid')).toBe('1');
    // A screenful and the overscan in the DOM, not 2,000 rows.
    expect(await page.getByTestId('machine-row').count()).toBeLessThan(120);
    expect(await page.locator('[data-testid="machine-row"].kernel').count()).toBe(0);
    await expect.poll(() => page.getByTestId('machine-core').count()).toBeGreaterThan(0);
  });

  test('filter and find on the lab’s side; collapse folds a subtree', async () => {
    await page.getByTestId('machine-filter').fill(`sleep ${SLEEP_FOR}`);
    // The sleeps and their ancestors (pid 1 … this test's worker), kept for context.
    await until('the filtered tree', async () => {
      const shown = await total(page);
      return shown > SLEEPS && shown < SLEEPS + 20;
    });
    const target = sleeps[SLEEPS - 1]?.pid as number;
    await page.getByTestId('machine-find').fill(String(target));
    await page.getByTestId('machine-find').press('Enter');
    await expect.poll(() => machineRow(page, target).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.getByTestId('machine-readonly').textContent()).toContain(`(${target})`);
    expect(await page.getByTestId('machine-detail').getByTestId('signal-menu').count()).toBe(0);
    // This test's worker, the sleeps' parent: found, so scrolled into view, then folded.
    await page.getByTestId('machine-find').fill(String(process.pid));
    await page.getByTestId('machine-find').press('Enter');
    const parent = machineRow(page, process.pid);
    await expect.poll(() => parent.getAttribute('aria-selected')).toBe('true');
    await parent.getByTestId('machine-twisty').click();
    await until('the sleeps folded under their parent', async () => (await total(page)) < 20);
    await parent.getByTestId('machine-twisty').click();
    await until('unfolded again', async () => (await total(page)) > SLEEPS);
    await page.getByTestId('machine-filter').fill('');
  });

  test('the lab’s own processes are marked and still take signals; its main process opens its sockets machine-wide', async () => {
    const { pid } = await rpc.call('processes.spawn', { task: 'sleep', args: [], kwargs: { seconds: 600 } });
    labPids.push(pid);
    await page.getByTestId('machine-filter').fill(String(pid));
    await expect.poll(() => machineRow(page, pid).getAttribute('data-owner')).toBe('lab');
    await machineRow(page, pid).click();
    await page.getByTestId('machine-detail').getByTestId('signal-menu').click();
    await page.getByTestId('signal-STOP').click();
    await until('the lab process stopped', async () => (await rpc.call('processes.list')).processes.find((row) => row.pid === pid)?.state === 'T');
    await rpc.call('processes.signal', { pid, signal: 'SIGCONT' });

    const { mainPid } = await rpc.call('system.info');
    await page.getByTestId('machine-filter').fill(String(mainPid));
    await expect.poll(() => machineRow(page, mainPid).getAttribute('data-owner')).toBe('main');
    await machineRow(page, mainPid).click();
    await page.getByTestId('machine-open-sockets').click();
    await expect.poll(() => page.getByTestId('scope-all').getAttribute('aria-checked')).toBe('true');
    expect(await page.getByTestId('socket-filter-pid').inputValue()).toBe(String(mainPid));
    await page.getByTestId('nav-processes').click();
    await page.getByTestId('machine-filter').fill('');
  });

  test('screenshots with ~2,000 rows, light and dark, at 1400×900: nothing unreadable, no page errors', async () => {
    mkdirSync(SHOTS_DIR, { recursive: true });
    await until('the whole machine listed', async () => (await total(page)) > SLEEPS);
    await page.getByTestId('machine-find').fill('');
    await page.getByTestId('machine-list').evaluate((element) => (element.scrollTop = 0));
    await page.getByTestId('machine-row').first().click();
    await expect.poll(() => page.getByTestId('machine-row').count()).toBeGreaterThan(20);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: `${SHOTS_DIR}/machine-${scheme}.png` });
      expect(await findTextProblems(page)).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: null });
    await page.getByTestId('machine-pane').getByTestId('machine-switch-lab').click();
    expect(errors).toEqual([]);
  });
});
