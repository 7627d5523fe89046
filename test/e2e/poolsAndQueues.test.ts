/**
 * The Pools & queues tab in Debian's Chromium against browser mode: the pool and queue scenarios
 * run from the Scenarios panel, and a pool and a queue driven from the tab's own controls. The
 * server is shared by every e2e file, so each test finds its own run, pool or queue by its pids
 * and ids, and looks at nothing else.
 */
import { mkdirSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { ScenarioRunInfo } from '../../shared/schemas/scenario.js';
import type { Browser } from '../support/chromium.js';
import { until } from '../support/poll.js';
import { kernelStat } from '../support/procfsProbe.js';
import type { RpcClient } from '../support/rpcClient.js';
import { closeLabSession, openLabSession, runEntryOf, runScenarioFromPanel, selectedPid, stopRuns } from './labPage.js';
import { collectPageErrors, findTextProblems } from './visualChecks.js';

const webUrl = inject('webUrl');
const SHOTS_DIR = '/tmp/loopscope-shots';

const poolCardOf = (page: Page, poolId: string) => page.locator(`[data-testid="pool-card"][data-pool="${poolId}"]`);
const queueCardOf = (page: Page, queueId: string) => page.locator(`[data-testid="queue-card"][data-queue="${queueId}"]`);

/** The run once scenarios.list names all `count` of its processes (a scenario starts them one by one). */
const withPids = (rpc: RpcClient, run: ScenarioRunInfo, count: number): Promise<ScenarioRunInfo> =>
  until(`${run.runId}'s ${count} processes`, async () => (await rpc.call('scenarios.list')).runs.find((listed) => listed.runId === run.runId && listed.pids.length >= count));

/** The pool whose workers are these pids. */
const poolOfWorkers = async (rpc: RpcClient, pids: readonly number[]): Promise<string> =>
  until('the pool of these workers', async () => (await rpc.call('pools.list')).pools.find((pool) => pids.every((pid) => pool.workers.includes(pid)))?.poolId);

/** What a queue card's list of calls shows, oldest first. */
const opsOf = (card: Locator) =>
  card.getByTestId('queue-op').evaluateAll((ops) => ops.map((op) => ({ op: op.getAttribute('data-op'), by: op.getAttribute('data-by'), preview: op.getAttribute('data-preview') })));

describe('pools and queues, from the Scenarios panel and the Pools & queues tab', () => {
  let browser: Browser;
  let page: Page;
  let rpc: RpcClient;
  const runs: string[] = [];
  const pools: string[] = [];
  const queues: string[] = [];

  beforeAll(async () => {
    ({ browser, page, rpc } = await openLabSession(webUrl));
  });

  afterAll(() =>
    closeLabSession({ browser, rpc }, async () => {
      await stopRuns(rpc, runs);
      for (const pool of (await rpc.call('pools.list')).pools) if (pools.includes(pool.poolId) && pool.state !== 'joined') await rpc.call('pools.terminate', { poolId: pool.poolId });
      for (const queue of (await rpc.call('queues.list')).queues) if (queues.includes(queue.queueId)) await rpc.call('queues.close', { queueId: queue.queueId });
    }),
  );

  test('the pool scenario: 10 tasks finish on at most 3 reused workers, each a bar on its worker’s lane; once joined, no worker is left in /proc; the timeline says how each task ended, by keyboard', async () => {
    const run = await withPids(rpc, await runScenarioFromPanel(page, rpc, 'pool'), 3);
    runs.push(run.runId);
    // Running a pool scenario opens the tab that shows it.
    await until('the Pools & queues tab', async () => (await page.getByTestId('detail-tab-pools').getAttribute('aria-selected')) === 'true');
    const poolId = await poolOfWorkers(rpc, run.pids);
    const card = poolCardOf(page, poolId);
    const progress = card.getByTestId('pool-progress');
    await until('10 of 10 tasks finished', async () => (await progress.getAttribute('data-finished')) === '10' && (await progress.getAttribute('data-total')) === '10', 30_000);
    expect(await progress.textContent()).toContain('10 / 10');
    // Which worker ran what is the app's own record of its dispatch, and the card says so.
    expect(await card.getByTestId('source-mark').first().getAttribute('title')).toBe('Inferred: Loopscope’s own record of its pool — not read from the kernel.');

    const lanes = await card.getByTestId('pool-lane').evaluateAll((all) =>
      all.map((lane) => ({ pid: Number(lane.getAttribute('data-pid')), bars: [...lane.querySelectorAll('[data-testid="pool-bar"]')].map((bar) => bar.getAttribute('data-status')) })),
    );
    expect(lanes.length).toBeLessThanOrEqual(3);
    expect(lanes.every((lane) => run.pids.includes(lane.pid))).toBe(true);
    expect(lanes.flatMap((lane) => lane.bars)).toEqual(Array(10).fill('done'));
    // Reused: with ten tasks on three lanes, some worker ran more than one.
    expect(Math.max(...lanes.map((lane) => lane.bars.length))).toBeGreaterThan(1);

    await until('the pool to be joined', async () => (await card.getAttribute('data-state')) === 'joined', 15_000);
    expect(run.pids.map((pid) => kernelStat(pid))).toEqual(run.pids.map(() => null));
    await until('the run to finish', async () => (await runEntryOf(page, run.runId).getAttribute('data-status')) === 'finished');

    // A worker's pid selects it; on its timeline lane, Right steps through its marks, each said in words.
    const worker = lanes[0]?.pid ?? 0;
    await card.locator(`[data-testid="pool-worker"][data-pid="${worker}"]`).click();
    await until(`pid ${worker} to be selected`, async () => (await selectedPid(page)) === worker);
    await page.getByTestId('timeline-lanes').focus();
    const tooltip = page.getByTestId('timeline-tooltip');
    const said: string[] = [];
    while (said.length < 12 && !said.some((text) => text.includes('done in'))) {
      await page.keyboard.press('ArrowRight');
      said.push((await tooltip.count()) > 0 ? ((await tooltip.textContent()) ?? '') : '');
    }
    expect(said.find((text) => text.includes('done in'))).toMatch(new RegExp(`task ${poolId}-task-\\d+ done in .+ on worker pid ${worker}`));
    await page.keyboard.press('Escape');
    expect(await tooltip.count()).toBe(0);
  });

  test('the queue scenario: puts A, B, C by the writer, gets A, B, C by the reader, in order; the queue then closes', async () => {
    const run = await withPids(rpc, await runScenarioFromPanel(page, rpc, 'queue'), 2);
    runs.push(run.runId);
    const { processes } = await rpc.call('processes.list');
    const pidNamed = (name: string) => processes.find((row) => run.pids.includes(row.pid) && row.name === name)?.pid ?? 0;
    const [reader, writer] = [pidNamed('reader'), pidNamed('writer')];
    expect(reader * writer).toBeGreaterThan(0);
    await until('the Pools & queues tab', async () => (await page.getByTestId('detail-tab-pools').getAttribute('aria-selected')) === 'true');

    const card = page.getByTestId('queue-card').filter({ has: page.locator(`[data-testid="queue-op"][data-by="${writer}"]`) });
    await until('the run to finish', async () => (await runEntryOf(page, run.runId).getAttribute('data-status')) === 'finished', 20_000);
    await until('the queue to show closed', async () => (await card.getAttribute('data-closed')) === 'true');
    const ops = await opsOf(card);
    expect(ops.filter((op) => op.op === 'put')).toEqual(['"A"', '"B"', '"C"'].map((preview) => ({ op: 'put', by: String(writer), preview })));
    expect(ops.filter((op) => op.op === 'got')).toEqual(['"A"', '"B"', '"C"'].map((preview) => ({ op: 'got', by: String(reader), preview })));
    expect(await card.getByTestId('queue-depth').getAttribute('data-depth')).toBe('0');
  });

  test('a queue made in the tab: get_nowait raises queue.Empty in the lab’s words, put fills it, a non-blocking put raises queue.Full', async () => {
    const before = new Set((await rpc.call('queues.list')).queues.map((queue) => queue.queueId));
    await page.getByTestId('queue-create-maxsize').fill('1');
    await page.getByTestId('queue-create-submit').click();
    const queueId = await until('the new queue', async () => (await rpc.call('queues.list')).queues.find((queue) => !before.has(queue.queueId))?.queueId);
    queues.push(queueId);
    const card = queueCardOf(page, queueId);
    const error = card.getByTestId('queue-error');

    await card.getByTestId('queue-get-nowait').click();
    await error.waitFor();
    expect(await error.textContent()).toBe(`queue.Empty: ${queueId} has no items (get_nowait)`);
    await card.getByTestId('queue-item').fill('A');
    await card.getByTestId('queue-put').click();
    await until('the put', async () => (await card.getByTestId('queue-outcome').count()) > 0);
    expect(await card.getByTestId('queue-outcome').textContent()).toBe('→ put "A" → qsize 1');
    await card.getByTestId('queue-block').uncheck();
    await card.getByTestId('queue-put').click();
    await until('queue.Full', async () => (await error.count()) > 0 && (await error.textContent())?.startsWith('queue.Full:'));
    await until('the depth', async () => (await card.getByTestId('queue-depth').getAttribute('data-depth')) === '1');
    await until('both raises and the put in the list, the raises marked', async () => (await opsOf(card)).map((op) => op.op).join() === 'raised,put,raised');
  });

  test('a pool made in the tab: apply_async, join refused while it runs, close, join', async () => {
    const before = new Set((await rpc.call('pools.list')).pools.map((pool) => pool.poolId));
    await page.getByTestId('pool-create-processes').fill('2');
    await page.getByTestId('pool-create-submit').click();
    const poolId = await until('the new pool', async () => (await rpc.call('pools.list')).pools.find((pool) => !before.has(pool.poolId))?.poolId);
    pools.push(poolId);
    const card = poolCardOf(page, poolId);
    const queued: string[] = [];
    for (const seconds of ['0.2', '0.3', '0.1']) {
      await card.getByTestId('pool-apply-kwargs').fill(`seconds=${seconds}`);
      await card.getByTestId('pool-apply-submit').click();
      const applied = card.getByTestId('pool-apply-result');
      queued.push(await until('apply_async to answer with a new task id', async () => {
        const text = (await applied.count()) > 0 ? ((await applied.textContent()) ?? '') : '';
        return text.includes(poolId) && !queued.includes(text) && text;
      }));
    }
    const result = card.getByTestId('pool-join-result');
    await card.getByTestId('pool-join').click();
    await until('join to be refused', async () => (await result.count()) > 0 && (await result.getAttribute('data-state')) === 'refused');
    expect(await result.textContent()).toContain('still running: call close or terminate before join');

    await card.getByTestId('pool-close').click();
    await card.getByTestId('pool-join-timeout').fill('20');
    await card.getByTestId('pool-join').click();
    await until('join to return', async () => (await result.textContent())?.trim() === 'joined: every worker has exited', 25_000);
    const progress = card.getByTestId('pool-progress');
    expect([await progress.getAttribute('data-finished'), await progress.getAttribute('data-total')]).toEqual(['3', '3']);
    await until('the card to say joined', async () => (await card.getAttribute('data-state')) === 'joined');
    expect(await card.locator('[data-testid="pool-bar"]').evaluateAll((bars) => bars.map((bar) => bar.getAttribute('data-status')))).toEqual(['done', 'done', 'done']);
  });
});

/** Pictures of the tab in both themes, with both scenarios run, to look at — and what a user would notice, asserted. */
describe.each(['light', 'dark'] as const)('screenshots in the %s theme', (colorScheme) => {
  test('of the Pools & queues tab: no page error, readable text, nothing cut off', async () => {
    mkdirSync(SHOTS_DIR, { recursive: true });
    const session = await openLabSession(webUrl, { colorScheme });
    const { page, rpc } = session;
    const errors = collectPageErrors(session.browser.context);
    const started: string[] = [];
    try {
      const queueRun = await runScenarioFromPanel(page, rpc, 'queue');
      const poolRun = await withPids(rpc, await runScenarioFromPanel(page, rpc, 'pool'), 3);
      started.push(queueRun.runId, poolRun.runId);
      const card = poolCardOf(page, await poolOfWorkers(rpc, poolRun.pids));
      await until('some tasks to finish', async () => Number(await card.getByTestId('pool-progress').getAttribute('data-finished')) >= 4, 20_000);
      await page.screenshot({ path: `${SHOTS_DIR}/pools-queues-running-${colorScheme}.png` });
      await until('the pool to be joined', async () => (await card.getAttribute('data-state')) === 'joined', 20_000);
      await page.screenshot({ path: `${SHOTS_DIR}/pools-queues-${colorScheme}.png` });
      expect(errors).toEqual([]);
      expect(await findTextProblems(page)).toEqual([]);
    } finally {
      await closeLabSession(session, () => stopRuns(rpc, started));
    }
  });
});
