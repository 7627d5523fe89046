/**
 * The blocking and coroutines scenarios in the Concurrency view, run as a user runs them (Run on the card, defaults):
 * each panel draws what scenarios.results holds; English in the light theme, Chinese in the dark, screenshots looked at.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { ScenarioResult } from '../../shared/schemas/scenario.js';
import type { Browser } from '../support/chromium.js';
import { until } from '../support/poll.js';
import type { RpcClient } from '../support/rpcClient.js';
import { closeLabSession, openLabSession, stopRuns } from './labPage.js';
import { collectPageErrors, findTextProblems } from './visualChecks.js';

const webUrl = inject('webUrl');
const SHOTS_DIR = '/tmp/loopscope-shots';
const RUN_MS = 120_000;

async function runToResult<K extends ScenarioResult['kind']>(page: Page, rpc: RpcClient, scenario: K): Promise<{ runId: string; result: Extract<ScenarioResult, { kind: K }> }> {
  const before = new Set((await rpc.call('scenarios.list')).runs.map((run) => run.runId));
  await page.locator(`[data-testid="view-concurrency"] [data-testid="scenario"][data-scenario="${scenario}"]`).getByTestId('scenario-run').click();
  const run = await until(`the new ${scenario} run`, async () => (await rpc.call('scenarios.list')).runs.find((r) => r.scenario === scenario && !before.has(r.runId)));
  const result = await until(
    `${scenario} to finish`,
    async () => {
      const state = await rpc.call('scenarios.results', { runId: run.runId });
      return !state.running && state.results.find((candidate): candidate is Extract<ScenarioResult, { kind: K }> => candidate.kind === scenario);
    },
    RUN_MS,
  );
  return { runId: run.runId, result };
}

describe.each([
  ['light', 'en'],
  ['dark', 'zh-CN'],
] as const)('the blocking and coroutines panels in the %s theme, in %s', (colorScheme, language) => {
  let browser: Browser;
  let page: Page;
  let rpc: RpcClient;
  let errors: string[];
  const runs: string[] = [];

  beforeAll(async () => {
    ({ browser, page, rpc } = await openLabSession(webUrl, { colorScheme }));
    errors = collectPageErrors(page.context());
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('banner').getByTestId('language-switch').selectOption(language);
    await page.getByTestId('nav-concurrency').click();
    await page.getByTestId('view-concurrency').waitFor();
    mkdirSync(SHOTS_DIR, { recursive: true });
  });

  afterAll(() => closeLabSession({ browser, rpc }, () => stopRuns(rpc, runs)));

  test('blocking: a lane per variant with the ticks the caller ran meanwhile, none while readSync or recv blocked it', async () => {
    const { runId, result } = await runToResult(page, rpc, 'blocking');
    runs.push(runId);
    const rows = page.getByTestId('blocking-row');
    await until('every row drawn', async () => (await rows.count()) === result.variants.length);
    expect(await rows.evaluateAll((cells) => cells.map((row) => row.getAttribute('data-variant')))).toEqual(result.variants.map((variant) => variant.id));
    for (const variant of result.variants) {
      const lane = page.locator(`[data-testid="blocking-lane"][data-variant="${variant.id}"]`);
      expect(await lane.getByTestId('blocking-tick').count(), variant.id).toBe(variant.ticks.length);
    }
    expect(await page.locator('[data-testid="blocking-lane"][data-variant="read-sync"] [data-testid="blocking-tick"]').count()).toBe(0);
    expect(await page.locator('[data-testid="blocking-lane"][data-variant="read-evented"] [data-testid="blocking-tick"]').count()).toBeGreaterThan(0);
    await page.getByTestId('blocking-panel').screenshot({ path: `${SHOTS_DIR}/waits-blocking-${colorScheme}-${language}.png` });
  }, RUN_MS);

  test('coroutines: per run a lane per coroutine on the one thread, a bar per slice between awaits', async () => {
    const { runId, result } = await runToResult(page, rpc, 'coroutines');
    runs.push(runId);
    const shown = page.getByTestId('coroutine-run');
    await until('both runs drawn', async () => (await shown.count()) === 2);
    expect(await shown.evaluateAll((figures) => figures.map((figure) => figure.getAttribute('data-mode')))).toEqual(['io', 'cpu-step']);
    for (const run of result.runs) {
      const figure = page.locator(`[data-testid="coroutine-run"][data-mode="${run.mode}"]`);
      expect(await figure.getByTestId('coroutine-lane').count()).toBe(result.coroutines);
      expect(await figure.getByTestId('coroutine-slice').count()).toBe(run.slices.length);
    }
    expect(await page.locator('[data-testid="coroutine-run"][data-mode="cpu-step"] [data-testid="coroutine-slice"].cpu').count()).toBe(1);
    await page.getByTestId('coroutines-panel').screenshot({ path: `${SHOTS_DIR}/waits-coroutines-${colorScheme}-${language}.png` });
  }, RUN_MS);

  test('shows no page error and no unreadable text', async () => {
    expect(await findTextProblems(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
