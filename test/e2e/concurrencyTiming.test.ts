/**
 * The timing scenarios in the Concurrency view, run as a user runs them (Run on the card, defaults):
 * each panel draws the numbers scenarios.results holds; screenshots in both themes, looked at.
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
const RUN_MS = 240_000;

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

describe.each(['light', 'dark'] as const)('the timing panels in the %s theme', (colorScheme) => {
  let browser: Browser;
  let page: Page;
  let rpc: RpcClient;
  let errors: string[];
  const runs: string[] = [];

  beforeAll(async () => {
    ({ browser, page, rpc } = await openLabSession(webUrl, { colorScheme }));
    errors = collectPageErrors(page.context());
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByTestId('nav-concurrency').click();
    await page.getByTestId('view-concurrency').waitFor();
    mkdirSync(SHOTS_DIR, { recursive: true });
  });

  afterAll(() => closeLabSession({ browser, rpc }, () => stopRuns(rpc, runs)));

  test('speedup: a row per run with the wall time and speedup the lab measured, and a chart per kind of work', async () => {
    const { runId, result } = await runToResult(page, rpc, 'speedup');
    runs.push(runId);
    const rows = page.getByTestId('speedup-row');
    await until('every row drawn', async () => (await rows.count()) === result.rows.length);
    const shown = await rows.evaluateAll((cells) => cells.map((row) => [row.getAttribute('data-work'), row.getAttribute('data-mode')]));
    expect(shown).toEqual(result.rows.map((row) => [row.work, row.mode]));
    expect(await rows.first().textContent()).toContain(`${result.rows[0]?.speedup.toFixed(2)}×`);
    expect(await page.locator('[data-testid="speedup-panel"] figure').count()).toBe(2);
    await page.getByTestId('speedup-panel').screenshot({ path: `${SHOTS_DIR}/timing-speedup-${colorScheme}.png` });
  }, RUN_MS);

  test('gil: says which runtime ran and its GIL state, with a row per run', async () => {
    const { runId, result } = await runToResult(page, rpc, 'gil');
    runs.push(runId);
    await until('every row drawn', async () => (await page.getByTestId('gil-row').count()) === result.runs.length);
    expect(await page.getByTestId('gil-runtime').getAttribute('data-gil')).toBe(String(result.python?.gilEnabled ?? 'none'));
    if (result.python) expect(await page.getByTestId('gil-runtime').textContent()).toContain(result.python.version);
    await page.getByTestId('gil-panel').screenshot({ path: `${SHOTS_DIR}/timing-gil-${colorScheme}.png` });
  }, RUN_MS);

  test('event-loop-block: a row per place of the work with its longest delay, and the delay over time', async () => {
    const { runId, result } = await runToResult(page, rpc, 'event-loop-block');
    runs.push(runId);
    await until('every row drawn', async () => (await page.getByTestId('loop-row').count()) === 3);
    const places = await page.getByTestId('loop-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-place')));
    expect(places).toEqual(result.phases.map((phase) => phase.place));
    expect(await page.locator('[data-testid="event-loop-panel"] [data-series]').count()).toBe(3);
    await page.getByTestId('event-loop-panel').screenshot({ path: `${SHOTS_DIR}/timing-event-loop-${colorScheme}.png` });
  }, RUN_MS);

  test('shows no page error and no unreadable text', async () => {
    expect(await findTextProblems(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
