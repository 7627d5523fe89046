import type { Page } from 'playwright-core';
import type { ScenarioRunInfo } from '../../shared/schemas/scenario.js';
import type { Browser } from '../support/chromium.js';
import { until } from '../support/poll.js';
import type { RpcClient } from '../support/rpcClient.js';

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
