/**
 * The zombie scenario driven from the Scenarios panel, checked against /proc. The e2e server is
 * shared by every file, so the test finds its own run and looks only at the pids that run started.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from '../support/chromium.js';
import { until } from '../support/poll.js';
import { kernelStat } from '../support/procfsProbe.js';
import type { RpcClient } from '../support/rpcClient.js';
import { closeLabSession, openLabSession, rowOf, runEntryOf, runScenarioFromPanel, selectedPid, stateBadgeOf, stopRuns } from './labPage.js';

const webUrl = inject('webUrl');

describe('the zombie scenario, from the Scenarios panel', () => {
  let browser: Browser;
  let page: Page;
  let rpc: RpcClient;
  const runs: string[] = [];

  beforeAll(async () => {
    ({ browser, page, rpc } = await openLabSession(webUrl));
  });

  afterAll(() => closeLabSession({ browser, rpc }, () => stopRuns(rpc, runs)));

  test('Run shows the child as Z (as /proc does, with the status it holds); Reap takes it out of the tree and out of /proc', async () => {
    const run = await runScenarioFromPanel(page, rpc, 'zombie');
    runs.push(run.runId);
    const entry = runEntryOf(page, run.runId);
    const parentPid = run.pids[0] ?? 0;
    expect(parentPid).toBeGreaterThan(0);
    await entry.waitFor();
    expect(await entry.getAttribute('data-status')).toBe('running');

    // Running a scenario selects its first process: the parent that does not reap.
    await until('the parent to be selected', async () => (await selectedPid(page)) === parentPid);
    const child = page.locator(`[data-testid="process-row"][data-ppid="${parentPid}"]`);
    await child.waitFor();
    const childPid = Number(await child.getAttribute('data-pid'));
    await stateBadgeOf(page, childPid, 'Z').waitFor();
    expect(kernelStat(childPid)?.state).toBe('Z');
    expect(await rowOf(page, childPid).getAttribute('aria-level')).toBe(String(Number(await rowOf(page, parentPid).getAttribute('aria-level')) + 1));

    // Its detail says what the kernel holds for the parent, and how long it has been a zombie.
    await rowOf(page, childPid).click();
    await page.getByTestId('detail-tab-overview').click();
    expect(await page.getByTestId('detail-held-exit').textContent()).toContain('the kernel holds exit status 3 for its parent');
    expect(await page.getByTestId('detail-state-age').textContent()).toMatch(/^for \d+ s$/);
    await page.locator(`g.lane[data-pid="${childPid}"] [data-testid="timeline-segment"][data-state="Z"]`).waitFor();

    await entry.getByTestId('scenario-action-reap').click();
    expect(await entry.getByTestId('scenario-outcome').textContent()).toBe('→ the parent was unblocked');
    await rowOf(page, childPid).waitFor({ state: 'detached' });
    await until(`pid ${childPid} to leave /proc`, () => kernelStat(childPid) === null);
    // The parent then ran its course, and the run says so.
    await until('the run to finish', async () => (await entry.getAttribute('data-status')) === 'finished');
    expect(await rowOf(page, parentPid, false).getByTestId('state-badge').textContent()).toBe('exited 0');
  });
});
