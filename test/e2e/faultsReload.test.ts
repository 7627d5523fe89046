/**
 * The page reloaded in the middle of a run (issue 10, item 9): a scenario holding a zombie, a pool worker in the middle
 * of a task, a stopped child and a crashed one. What the page shows is the main process's state, not the page's own:
 * after the reload the tree has the same processes in the same states (as processes.list has them), the timeline the
 * same lanes, the scenario's run is still running, and no page error was raised. The e2e server is shared: this file
 * looks only at what it started, and ends it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from '../support/chromium.js';
import { until } from '../support/poll.js';
import type { RpcClient } from '../support/rpcClient.js';
import { closeLabSession, endProcesses, openLabSession, rowOf, runEntryOf, runScenarioFromPanel, stateBadgeOf, stopRuns } from './labPage.js';
import { collectPageErrors } from './visualChecks.js';

const webUrl = inject('webUrl');

interface ShownRow {
  alive: string | null;
  /** The state letter of a live row; null on an exited one. */
  state: string | null;
  /** The badge's words: "Zzombie" (letter and label), "exited 1". */
  badge: string;
}

/** What the page shows of each pid: whether it is alive, and its state badge. */
async function treeOf(page: Page, pids: readonly number[]): Promise<Record<number, ShownRow>> {
  const shown: Record<number, ShownRow> = {};
  for (const pid of pids) {
    const [row, badge] = [rowOf(page, pid), rowOf(page, pid).getByTestId('state-badge')];
    shown[pid] = { alive: await row.getAttribute('data-alive'), state: await badge.getAttribute('data-state'), badge: ((await badge.textContent()) ?? '').trim() };
  }
  return shown;
}

/** The timeline's lanes of these pids and of this run, in the order they are drawn. */
async function lanesOf(page: Page, pids: readonly number[], runId: string): Promise<string[]> {
  const lanes = page.getByTestId('timeline-lane');
  const keys: string[] = [];
  for (let i = 0; i < (await lanes.count()); i++) {
    const lane = lanes.nth(i);
    const [pid, run] = [await lane.getAttribute('data-pid'), await lane.getAttribute('data-run')];
    if (pid !== null && pids.includes(Number(pid))) keys.push(`pid ${pid}`);
    if (run === runId) keys.push(`run ${run}`);
  }
  return keys;
}

describe('a reload in the middle of a run', () => {
  let browser: Browser;
  let page: Page;
  let rpc: RpcClient;
  let errors: string[];
  const runs: string[] = [];
  const pools: string[] = [];
  const pids: number[] = [];

  beforeAll(async () => {
    const session = await openLabSession(webUrl);
    ({ browser, page, rpc } = session);
    errors = collectPageErrors(browser.context);
  });

  afterAll(() =>
    closeLabSession({ browser, rpc }, async () => {
      await stopRuns(rpc, runs);
      for (const poolId of pools) await rpc.call('pools.terminate', { poolId });
      await endProcesses(rpc, pids, 'processes.kill');
    }),
  );

  test('brings back the same processes, states and lanes from the main process, with no page error', async () => {
    const run = await runScenarioFromPanel(page, rpc, 'zombie');
    runs.push(run.runId);
    const parent = run.pids[0] ?? 0;
    const child = page.locator(`[data-testid="process-row"][data-ppid="${parent}"]`);
    await child.waitFor();
    const zombie = Number(await child.getAttribute('data-pid'));
    await stateBadgeOf(page, zombie, 'Z').waitFor();

    const { poolId } = await rpc.call('pools.create', { processes: 1 });
    pools.push(poolId);
    await rpc.call('pools.applyAsync', { poolId, task: 'sleep', kwargs: { seconds: 60 } });
    const worker = await until(
      'the pool worker to run its task',
      async () => (await rpc.call('pools.list')).pools.find((pool) => pool.poolId === poolId)?.tasks.find((task) => task.status === 'running')?.workerPid ?? false,
    );

    const stopped = (await rpc.call('processes.spawn', { task: 'sleep', kwargs: { seconds: 120 }, name: 'stopped before the reload' })).pid;
    const crashed = (await rpc.call('processes.spawn', { task: 'crash', kwargs: { afterMs: 0, message: 'before the reload' } })).pid;
    pids.push(stopped, crashed);
    await stateBadgeOf(page, stopped, 'S').waitFor();
    await rpc.call('processes.signal', { pid: stopped, signal: 'SIGSTOP' });
    await stateBadgeOf(page, stopped, 'T').waitFor();
    await rowOf(page, crashed, false).waitFor();
    await rowOf(page, worker, true).waitFor();

    const shownPids = [parent, zombie, worker, stopped, crashed];
    const before = await treeOf(page, shownPids);
    const lanesBefore = await lanesOf(page, shownPids, run.runId);
    expect(before[zombie]?.state).toBe('Z');
    expect(before[stopped]?.state).toBe('T');
    expect(before[crashed]).toEqual({ alive: 'false', state: null, badge: 'exited 1' });
    expect(lanesBefore).toContain(`run ${run.runId}`);
    expect(lanesBefore).toContain(`pid ${crashed}`);

    await page.reload();
    await page.locator('[data-testid="process-row"][data-role="main"]').waitFor();
    for (const pid of shownPids) await rowOf(page, pid).waitFor();
    expect(await treeOf(page, shownPids)).toEqual(before);
    expect(await lanesOf(page, shownPids, run.runId)).toEqual(lanesBefore);

    // As the main process has them, not as the page remembered them.
    const listed = new Map((await rpc.call('processes.list')).processes.map((row) => [row.pid, row]));
    for (const pid of shownPids) {
      const row = listed.get(pid);
      expect(String(row?.alive)).toBe(before[pid]?.alive);
      expect(before[pid]?.state).toBe(row?.alive ? row.state : null);
    }
    await page.getByTestId('side-tab-scenarios').click();
    expect(await runEntryOf(page, run.runId).getAttribute('data-status')).toBe('running');
    expect(errors).toEqual([]);
  });
});
