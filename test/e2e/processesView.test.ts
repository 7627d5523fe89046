/**
 * The Processes view in Debian's Chromium against browser mode: what a user does with the form,
 * the tree and the output panel, checked against the kernel's own /proc. The server is shared by
 * every e2e file, so each test looks only at the pids it started.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { type RunningServer, startBrowserMode, tokenOf } from '../support/browserMode.js';
import { type Browser, launchChromium } from '../support/chromium.js';
import { until } from '../support/poll.js';
import { kernelStat } from '../support/procfsProbe.js';
import type { RpcClient } from '../support/rpcClient.js';
import { closeLabSession, endProcesses, openLab, openLabSession, rowOf, selectedPid, spawnFromForm } from './labPage.js';
import { collectPageErrors, findTextProblems, type TextProblem } from './visualChecks.js';

const webUrl = inject('webUrl');
const SHOTS_DIR = '/tmp/loopscope-shots';

describe('the Processes view', () => {
  let browser: Browser;
  let page: Page;
  let rpc: RpcClient;
  const started: number[] = [];

  beforeAll(async () => {
    ({ browser, page, rpc } = await openLabSession(webUrl));
  });

  afterAll(() => closeLabSession({ browser, rpc }, () => endProcesses(rpc, started, 'processes.terminate')));

  test('spawns a sleep from the form, shows it under the main process, terminates it from its row, and clears it', async () => {
    const { mainPid } = await rpc.call('system.info');
    expect(Number(await page.getByTestId('main-pid').textContent())).toBe(mainPid);

    const pid = await spawnFromForm(page, 'sleep', { seconds: '60' });
    started.push(pid);
    const row = rowOf(page, pid);
    // The kernel agrees: the pid exists and its parent is the lab's main process.
    expect(kernelStat(pid)?.ppid).toBe(mainPid);
    expect(await row.getAttribute('data-ppid')).toBe(String(mainPid));
    expect(await row.getAttribute('aria-level')).toBe('2');
    await row.locator('[data-testid="state-badge"][data-state="S"]').waitFor();
    expect(await row.getByTestId('state-badge').getAttribute('title')).toMatch(/^S — Interruptible sleep/);

    await row.getByTestId('terminate').click();
    const exited = rowOf(page, pid, false);
    await exited.waitFor();
    expect(await exited.getByTestId('state-badge').textContent()).toBe('killed SIGTERM');
    expect(await exited.evaluate((element) => element.classList.contains('exited'))).toBe(true);
    expect(await exited.getByTestId('terminate').count()).toBe(0);
    await until(`pid ${pid} to leave /proc`, () => kernelStat(pid) === null);

    await page.getByTestId('clear-exited').click();
    await row.waitFor({ state: 'detached' });
  });

  test('shows the lab’s own message when the kwargs are invalid', async () => {
    const expected = await rpc.call('processes.spawn', { task: 'sleep', kwargs: { seconds: -5 } }).then(
      () => expect.unreachable('the lab accepted a negative sleep'),
      (error: Error) => error.message,
    );
    await page.getByTestId('spawn-task').selectOption('sleep');
    await page.getByTestId('spawn-kwarg-seconds').fill('-5');
    await page.getByTestId('spawn-submit').click();
    const error = page.getByTestId('spawn-error');
    await error.waitFor();
    expect(await error.textContent()).toBe(expected);
    expect(expected).toContain('kwargs.seconds');
  });

  test('shows a process’s output live, and moves through the tree by keyboard', async () => {
    const pid = await spawnFromForm(page, 'print-loop', { times: '3', intervalMs: '50' });
    started.push(pid);
    // A spawn selects the new process and focuses the tree; its output is in the detail panel's Output tab.
    expect(await selectedPid(page)).toBe(pid);
    await page.getByTestId('detail-tab-output').click();
    await page.getByTestId('process-table').focus();
    const lines = page.getByTestId('output-line');
    await until('three lines of output', async () => (await lines.count()) === 3);
    expect(await lines.first().getAttribute('data-stream')).toBe('stdout');
    expect(await lines.first().textContent()).toContain(`[1/3] pid=${pid}`);

    await page.keyboard.press('ArrowUp');
    expect(await selectedPid(page)).not.toBe(pid);
    await page.keyboard.press('ArrowDown');
    expect(await selectedPid(page)).toBe(pid);
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('output-panel').evaluate((element) => element.matches(':focus'))).toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('process-table').evaluate((element) => element.matches(':focus'))).toBe(true);
  });

  test('finds a pid with Ctrl+F, filters by a state chip, sorts by a header, and pauses the picture', async () => {
    const pid = await spawnFromForm(page, 'sleep', { seconds: '60' });
    started.push(pid);
    await rowOf(page, pid).locator('[data-testid="state-badge"][data-state="S"]').waitFor();

    await page.keyboard.press('Control+f');
    const search = page.getByTestId('tree-search');
    expect(await search.evaluate((element) => element.matches(':focus'))).toBe(true);
    await page.keyboard.type(String(pid));
    // What matches is highlighted; its ancestors stay, dimmed; the rest is hidden.
    await until('the tree to show only matches and their ancestors', async () =>
      (await page.locator('[data-testid="process-row"]:not(.context)').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-pid')))).every(
        (shown) => shown?.startsWith(String(pid)),
      ),
    );
    expect(await rowOf(page, pid).locator('mark.hit').textContent()).toBe(String(pid));
    expect(await page.locator('[data-testid="process-row"][data-role="main"]').getAttribute('class')).toContain('context');
    await page.keyboard.press('Enter');
    expect(await selectedPid(page)).toBe(pid);
    await search.focus();
    await page.keyboard.press('Escape');
    expect(await search.inputValue()).toBe('');

    await page.getByTestId('state-chip-S').click();
    const states = await page.locator('[data-testid="process-row"]:not(.context) [data-testid="state-badge"]').evaluateAll((badges) => badges.map((b) => b.getAttribute('data-state')));
    expect(states.length).toBeGreaterThan(0);
    expect(states.every((state) => state === 'S')).toBe(true);
    await page.getByTestId('state-chip-all').click();

    await page.getByTestId('sort-pid').click();
    await page.getByTestId('sort-pid').click();
    expect(await page.locator('[role="columnheader"][aria-sort="descending"]').textContent()).toContain('PID');
    await page.getByTestId('sort-pid').click();

    await page.getByTestId('pause').click();
    await page.getByTestId('paused-badge').waitFor();
    await rpc.call('processes.terminate', { pid });
    await until(`pid ${pid} to leave /proc`, () => kernelStat(pid) === null);
    // Frozen: the row still shows it alive, until Resume shows the lab as it is now.
    expect(await rowOf(page, pid).getAttribute('data-alive')).toBe('true');
    await page.getByTestId('pause').click();
    await rowOf(page, pid, false).waitFor();
  });

  test('toggles the theme and keeps the choice across a reload', async () => {
    const theme = () => page.locator('html').getAttribute('data-theme');
    expect(await theme()).toBe('light');
    await page.getByTestId('theme-toggle').click();
    expect(await theme()).toBe('dark');
    await page.reload();
    await page.locator('[data-testid="process-row"][data-role="main"]').waitFor();
    expect(await theme()).toBe('dark');
    await page.getByTestId('theme-toggle').click();
    expect(await theme()).toBe('light');
  });
});

test('a dropped connection shows a banner, and on reconnect the page starts again from a fresh snapshot', async () => {
  // A server of its own, restarted on the same port with the same token, as a user's restart would be.
  const first = await startBrowserMode(['--port', '0']);
  const url = new URL(first.url);
  const browser = await launchChromium();
  let second: RunningServer | undefined;
  try {
    const page = await openLab(browser, first.url);
    const banner = page.getByTestId('connection-banner');
    expect(await banner.count()).toBe(0);
    expect(await page.getByTestId('main-pid').textContent()).toBe(String(first.server.pid));

    first.server.kill('SIGTERM');
    await first.exited;
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Connection to the lab lost — reconnecting…');
    // Until it is back, the page shows the lab as it last saw it.
    expect(await rowOf(page, first.server.pid ?? 0).count()).toBe(1);

    // The same token again, through the environment (an argument would show in every user's ps).
    second = await startBrowserMode(['--port', url.port], tokenOf(url));
    await banner.waitFor({ state: 'detached', timeout: 15_000 });
    await page.locator(`[data-testid="process-row"][data-role="main"][data-pid="${second.server.pid}"]`).waitFor();
    await rowOf(page, first.server.pid ?? 0).waitFor({ state: 'detached' });
    // The lab's facts are fetched after the snapshot is shown.
    await until('the top bar to show the new main pid', async () => (await page.getByTestId('main-pid').textContent()) === String(second?.server.pid));
  } finally {
    await browser.close();
    for (const server of [first, second]) {
      if (server && server.server.exitCode === null) server.server.kill('SIGTERM');
    }
    await Promise.all([first.exited, second?.exited]);
  }
});

/** Pictures of each view in both themes, to look at — and what a user would notice at a glance, asserted. */
describe.each(['light', 'dark'] as const)('screenshots in the %s theme', (colorScheme) => {
  test('of every view, with a few processes: no page error, readable text, nothing cut off', async () => {
    mkdirSync(SHOTS_DIR, { recursive: true });
    const session = await openLabSession(webUrl, { colorScheme });
    const { page, rpc } = session;
    const errors = collectPageErrors(session.browser.context);
    const problems: TextProblem[] = [];
    const pids: number[] = [];
    try {
      await page.reload(); // from its first line, under watch
      await page.locator('[data-testid="process-row"][data-role="main"]').waitFor();
      pids.push(await spawnFromForm(page, 'sleep', { seconds: '60' }));
      pids.push(await spawnFromForm(page, 'cpu-burn', { ms: '4000' }));
      const printer = await spawnFromForm(page, 'print-loop', { times: '6', intervalMs: '100' });
      pids.push(printer);
      await until('the print loop to finish', async () => (await rowOf(page, printer, false).count()) === 1);
      await page.screenshot({ path: `${SHOTS_DIR}/processes-${colorScheme}.png` });
      problems.push(...(await findTextProblems(page)));
      for (const view of ['sockets', 'http']) {
        await page.getByTestId(`nav-${view}`).click();
        await page.getByTestId(`view-${view}`).waitFor();
        await page.screenshot({ path: `${SHOTS_DIR}/${view}-${colorScheme}.png` });
        problems.push(...(await findTextProblems(page)));
      }
      expect(errors).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await closeLabSession(session, () => endProcesses(rpc, pids, 'processes.terminate'));
    }
  });
});
