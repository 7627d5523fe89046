/**
 * The process lab as a new user meets it: where to start, what the zombie scenario's bare `sh` is,
 * Pause that keeps what is selected and a status bar that counts what is shown, and ending many
 * processes at once. The e2e server is shared: this file looks only at what it starts, and ends
 * many only through a search that finds its own processes alone.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from '../support/chromium.js';
import { until } from '../support/poll.js';
import { kernelStat } from '../support/procfsProbe.js';
import type { RpcClient } from '../support/rpcClient.js';
import { closeLabSession, endProcesses, openLab, openLabSession, rowOf, runScenarioFromPanel, selectedPid, stateBadgeOf, stopRuns } from './labPage.js';

const webUrl = inject('webUrl');

describe('the process lab, first steps', () => {
  let browser: Browser;
  let page: Page;
  let rpc: RpcClient;
  const runs: string[] = [];
  const started: number[] = [];

  beforeAll(async () => {
    ({ browser, page, rpc } = await openLabSession(webUrl));
  });

  afterAll(() =>
    closeLabSession({ browser, rpc }, async () => {
      await stopRuns(rpc, runs);
      await endProcesses(rpc, started, 'processes.kill');
    }),
  );

  test('on first sight the side panel shows the scenarios and says to start there', async () => {
    const fresh = await openLab(browser, webUrl);
    try {
      expect(await fresh.getByTestId('side-tab-scenarios').getAttribute('aria-selected')).toBe('true');
      const start = fresh.getByTestId('scenarios-start');
      await start.waitFor();
      expect(await start.textContent()).toMatch(/^Start here\. Each scenario runs a classic/);
      expect(await fresh.locator('[data-testid="scenario"][data-scenario="zombie"]').isVisible()).toBe(true);
    } finally {
      await fresh.close();
    }
  });

  test('the zombie scenario’s child says whose child it is, in which scenario, beside its bare sh', async () => {
    const run = await runScenarioFromPanel(page, rpc, 'zombie');
    runs.push(run.runId);
    const parentPid = run.pids[0] ?? 0;
    const child = page.locator(`[data-testid="process-row"][data-ppid="${parentPid}"]`);
    await child.waitFor();
    const childPid = Number(await child.getAttribute('data-pid'));
    await stateBadgeOf(page, childPid, 'Z').waitFor();
    expect(await child.locator('.name-text').textContent()).toBe('sh');
    expect(await child.getByTestId('scenario-origin').textContent()).toBe('A zombie, and reaping it · child of zombie parent');
    // The parent is the scenario's own lab process: it has its task beside its name, not an origin.
    expect(await rowOf(page, parentPid).getByTestId('scenario-origin').count()).toBe(0);
    await rpc.call('scenarios.stop', { runId: run.runId });
  });

  test('Pause keeps the selection when a scenario starts meanwhile, and the status bar counts the frozen tree and what changed since', async () => {
    const { pid } = await rpc.call('processes.spawn', { task: 'sleep', kwargs: { seconds: 120 }, name: 'kept selected' });
    started.push(pid);
    await rowOf(page, pid).click();
    expect(await selectedPid(page)).toBe(pid);

    await page.getByTestId('pause').click();
    await page.getByTestId('paused-badge').waitFor();
    const frozenRows = await page.locator('[data-testid="process-row"]').count();
    const run = await runScenarioFromPanel(page, rpc, 'zombie');
    runs.push(run.runId);
    // The run started a process the frozen tree does not have: the selection stays where the user put it.
    const paused = page.getByTestId('status-paused');
    await until('the status bar to count what changed since the pause', async () => Number(await paused.getAttribute('data-changed')) > 0);
    expect(await selectedPid(page)).toBe(pid);
    expect(await page.getByTestId('detail-title').textContent()).toContain(`pid ${pid}`);
    expect(await page.getByTestId('paused-badge').textContent()).toContain(`pid ${run.pids[0]} is selected at Resume`);
    expect(await paused.textContent()).toMatch(/^paused · \d+ process(es)? changed since$/);
    expect(await page.getByTestId('status-counts').textContent()).toMatch(new RegExp(`^${frozenRows} processes`));
    expect(await rowOf(page, run.pids[0] ?? 0).count()).toBe(0);

    await page.getByTestId('pause').click();
    await until('Resume to select what the run started', async () => (await selectedPid(page)) === run.pids[0]);
    expect(await paused.count()).toBe(0);
    await rpc.call('scenarios.stop', { runId: run.runId });
  });

  test('Terminate shown ends, after asking, every live lab process the search finds, and nothing else', async () => {
    const mark = `bulk-${process.pid}`;
    const pids: number[] = [];
    for (let index = 0; index < 3; index++) pids.push((await rpc.call('processes.spawn', { task: 'sleep', kwargs: { seconds: 120 }, name: `${mark}-${index}` })).pid);
    const { pid: bystander } = await rpc.call('processes.spawn', { task: 'sleep', kwargs: { seconds: 120 }, name: 'bystander' });
    started.push(...pids, bystander);
    for (const pid of pids) await rowOf(page, pid, true).waitFor();

    await page.getByTestId('tree-search').click();
    await page.keyboard.type(mark);
    const button = page.getByTestId('terminate-all');
    await until('the button to count the three', async () => (await button.getAttribute('data-count')) === '3');
    expect(await button.textContent()).toContain('Terminate shown (3)');
    await button.click();
    expect(await page.getByText('Terminate 3 lab processes?').isVisible()).toBe(true);
    await page.getByTestId('terminate-all-confirm').click();

    for (const pid of pids) {
      await rowOf(page, pid, false).waitFor();
      expect(await rowOf(page, pid).getByTestId('state-badge').textContent()).toBe('killed SIGTERM');
      await until(`pid ${pid} to leave /proc`, () => kernelStat(pid) === null);
    }
    expect(kernelStat(bystander)?.state).toBe('S');
    await page.getByTestId('tree-search').fill('');
  });
});
