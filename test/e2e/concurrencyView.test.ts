/**
 * The Concurrency view driven as a user drives it: Run on a scenario's card, and its panel draws what
 * the lab measured — checked against scenarios.results, the numbers a script reads.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { DeadlockResult, RaceResult } from '../../shared/schemas/concurrency.js';
import type { Browser } from '../support/chromium.js';
import { until } from '../support/poll.js';
import type { RpcClient } from '../support/rpcClient.js';
import { closeLabSession, openLabSession, stopRuns } from './labPage.js';
import { collectPageErrors, findTextProblems } from './visualChecks.js';

const webUrl = inject('webUrl');
const SHOTS_DIR = '/tmp/loopscope-shots';

/** Clicks Run on the scenario's card in the view; resolves with the new run's id (the server is shared). */
async function runFromView(page: Page, rpc: RpcClient, scenario: string): Promise<string> {
  const before = new Set((await rpc.call('scenarios.list')).runs.map((run) => run.runId));
  await page.locator(`[data-testid="view-concurrency"] [data-testid="scenario"][data-scenario="${scenario}"]`).getByTestId('scenario-run').click();
  const run = await until(`the new ${scenario} run`, async () => (await rpc.call('scenarios.list')).runs.find((r) => r.scenario === scenario && !before.has(r.runId)));
  return run.runId;
}

async function resultOf<K extends 'race' | 'deadlock'>(rpc: RpcClient, runId: string, kind: K) {
  const { results } = await rpc.call('scenarios.results', { runId });
  return results.find((result) => result.kind === kind) as (K extends 'race' ? RaceResult : DeadlockResult) | undefined;
}

async function showDeadlock(page: Page, rpc: RpcClient): Promise<{ runId: string; result: DeadlockResult }> {
  const runId = await runFromView(page, rpc, 'deadlock');
  await page.locator('[data-testid="remedy"][data-state="finished"]').nth(1).waitFor({ timeout: 30_000 });
  const result = await until('both remedies in the results', async () => {
    const found = await resultOf(rpc, runId, 'deadlock');
    return found?.remedies.every((r) => r.state === 'finished') && found.remedies.length === 2 && found;
  });
  return { runId, result };
}

describe('the Concurrency view', () => {
  let browser: Browser;
  let page: Page;
  let rpc: RpcClient;
  let errors: string[];
  const runs: string[] = [];

  beforeAll(async () => {
    ({ browser, page, rpc } = await openLabSession(webUrl));
    errors = collectPageErrors(page.context());
    await page.getByTestId('nav-concurrency').click();
    await page.getByTestId('view-concurrency').waitFor();
  });

  afterAll(() => closeLabSession({ browser, rpc }, () => stopRuns(rpc, runs)));

  test('deadlock: the wait-for graph shows the cycle the lab found, named, with both remedies finished', async () => {
    const { runId, result } = await showDeadlock(page, rpc);
    runs.push(runId);
    const cycleText = await page.getByTestId('deadlock-cycle').textContent();
    expect(cycleText).toContain('Deadlock: a cycle of 2 threads.');
    for (const [i, thread] of (result.cycle?.threads ?? []).entries()) expect(cycleText).toContain(`${thread} waits for ${result.cycle?.locks[i]}`);
    const inCycle = await page.locator('[data-testid="graph-node"][data-cycle="true"]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-node')).sort());
    expect(inCycle).toEqual(['lock:L1', 'lock:L2', 'thread:deadlock-A', 'thread:deadlock-B']);
    expect(await page.locator('[data-testid="graph-edge"][data-cycle="true"]').count()).toBe(4);
    const figures = await page.locator('[data-testid="remedy"]').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-remedy')));
    expect(figures).toEqual(['lock-order', 'try-lock']);
    expect(await page.locator('[data-testid="remedy"][data-remedy="try-lock"]').textContent()).toContain(`${result.remedies[1]?.retries} retries`);
    await rpc.call('scenarios.stop', { runId });
  });

  test('race: the table shows the counts and lost updates the lab measured', async () => {
    const runId = await runFromView(page, rpc, 'race');
    runs.push(runId);
    await page.locator('[data-testid="race-row"][data-method="atomic"]').waitFor({ timeout: 30_000 });
    const result = await until('the race result', async () => {
      const found = await resultOf(rpc, runId, 'race');
      return found?.runs.length === 3 && found;
    });
    for (const run of result.runs) {
      const row = page.locator(`[data-testid="race-row"][data-method="${run.method}"]`);
      expect(await row.getByTestId('race-lost').textContent()).toBe(run.lost.toLocaleString('en'));
    }
    expect(await page.getByTestId('race-verdict').getAttribute('data-loss')).toBe(result.runs[0]?.loss);
  });

  test('shows no page error and no unreadable text', async () => {
    expect(await findTextProblems(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});

/** Not assertions: pictures of the deadlock and race panels in both themes, to look at. */
describe.each(['light', 'dark'] as const)('screenshots in the %s theme', (colorScheme) => {
  test('of the Concurrency view', async () => {
    mkdirSync(SHOTS_DIR, { recursive: true });
    const shot = await openLabSession(webUrl, { colorScheme });
    const runs: string[] = [];
    try {
      const { page, rpc } = shot;
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.getByTestId('nav-concurrency').click();
      const { runId } = await showDeadlock(page, rpc);
      runs.push(runId);
      await page.screenshot({ path: `${SHOTS_DIR}/concurrency-deadlock-${colorScheme}.png` });
      const race = await runFromView(page, rpc, 'race');
      runs.push(race);
      await page.locator('[data-testid="race-row"][data-method="atomic"]').waitFor({ timeout: 30_000 });
      await page.screenshot({ path: `${SHOTS_DIR}/concurrency-race-${colorScheme}.png` });
      const locks = await runFromView(page, rpc, 'locks');
      runs.push(locks);
      await page.locator('[data-testid="lock-waiter"]').first().waitFor({ timeout: 30_000 });
      await page.screenshot({ path: `${SHOTS_DIR}/concurrency-locks-${colorScheme}.png` });
    } finally {
      await closeLabSession(shot, (rpc) => stopRuns(rpc, runs));
    }
  });
});
