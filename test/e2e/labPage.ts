import type { Page } from 'playwright-core';
import type { ScenarioRunInfo } from '../../shared/schemas/scenario.js';
import { type Browser, launchChromium } from '../support/chromium.js';
import { until } from '../support/poll.js';
import { RpcClient } from '../support/rpcClient.js';

/** What the e2e files do with the Processes view, in one place: open it, find rows, spawn from the form. */
export const rowOf = (page: Page, pid: number, alive?: boolean) =>
  page.locator(`[data-testid="process-row"][data-pid="${pid}"]${alive === undefined ? '' : `[data-alive="${alive}"]`}`);

export const stateBadgeOf = (page: Page, pid: number, state: string) =>
  rowOf(page, pid).locator(`[data-testid="state-badge"][data-state="${state}"]`);

export async function openLab(browser: Browser, url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url);
  await page.locator('[data-testid="process-row"][data-role="main"]').waitFor();
  return page;
}

/** Fills the spawn form and submits it; resolves with the pid the form reports. */
export async function spawnFromForm(page: Page, task: string, kwargs: Record<string, string> = {}): Promise<number> {
  await page.getByTestId('side-tab-spawn').click();
  const result = page.getByTestId('spawn-result');
  const before = (await result.count()) > 0 ? await result.getAttribute('data-pid') : null;
  await page.getByTestId('spawn-task').selectOption(task);
  for (const [name, value] of Object.entries(kwargs)) await page.getByTestId(`spawn-kwarg-${name}`).fill(value);
  await page.getByTestId('spawn-submit').click();
  const pid = await until(`the form to report the ${task} it started`, async () => {
    const text = (await result.count()) > 0 ? await result.getAttribute('data-pid') : null;
    return text !== null && text !== before && Number(text);
  });
  await rowOf(page, pid).waitFor();
  return pid;
}

/** The pid of the selected row, or null when none is (or the selection is an adopter group). */
export async function selectedPid(page: Page): Promise<number | null> {
  const selected = page.locator('[data-testid="process-row"][aria-selected="true"]');
  return (await selected.count()) > 0 ? Number(await selected.getAttribute('data-pid')) : null;
}

/**
 * Clicks a scenario's Run in the Scenarios panel; resolves with the run it started, found as the
 * one scenarios.list did not have before (the server is shared: other files run scenarios too).
 */
export async function runScenarioFromPanel(page: Page, rpc: RpcClient, scenario: string): Promise<ScenarioRunInfo> {
  const before = new Set((await rpc.call('scenarios.list')).runs.map((run) => run.runId));
  await page.getByTestId('side-tab-scenarios').click();
  await page.locator(`[data-testid="scenario"][data-scenario="${scenario}"]`).getByTestId('scenario-run').click();
  return until(`the new ${scenario} run`, async () => (await rpc.call('scenarios.list')).runs.find((run) => run.scenario === scenario && !before.has(run.runId) && run.pids.length > 0));
}

/** A run's line in its scenario's card. */
export const runEntryOf = (page: Page, runId: string) => page.locator(`[data-testid="scenario-run-entry"][data-run="${runId}"]`);

/** What an e2e test drives the lab with: the page a user sees and a protocol client to check it against. */
export interface LabSession {
  browser: Browser;
  page: Page;
  rpc: RpcClient;
}

/** Connects a client, starts Chromium and opens the lab; whatever opened is closed again if a later step fails. */
export async function openLabSession(url: string, options: { colorScheme?: 'light' | 'dark' } = {}): Promise<LabSession> {
  const rpc = await RpcClient.connect(url);
  let browser: Browser | undefined;
  try {
    browser = await launchChromium(options);
    return { browser, page: await openLab(browser, url), rpc };
  } catch (failure) {
    rpc.close();
    await browser?.close();
    throw failure;
  }
}

/** Runs the test's own clean-up through the session's client (the server is shared: only what it started), then closes both. */
export async function closeLabSession(session: Pick<LabSession, 'browser' | 'rpc'>, cleanUp: (rpc: RpcClient) => Promise<void>): Promise<void> {
  try {
    await cleanUp(session.rpc);
  } finally {
    session.rpc.close();
    await session.browser.close();
  }
}

/** Ends those of `pids` that are still alive. */
export async function endProcesses(rpc: RpcClient, pids: readonly number[], method: 'processes.terminate' | 'processes.kill'): Promise<void> {
  const { processes } = await rpc.call('processes.list');
  for (const row of processes) if (pids.includes(row.pid) && row.alive) await rpc.call(method, { pid: row.pid });
}

/** Stops those of the scenario runs `runIds` that still run. */
export async function stopRuns(rpc: RpcClient, runIds: readonly string[]): Promise<void> {
  const { runs } = await rpc.call('scenarios.list');
  for (const run of runs) if (runIds.includes(run.runId) && run.running) await rpc.call('scenarios.stop', { runId: run.runId });
}
