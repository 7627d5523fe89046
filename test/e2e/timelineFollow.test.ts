/**
 * The timeline follows the user (issue 12, item 4): new lanes scroll into view unless the user
 * scrolled away, a process selected in the tree brings its lane into view, Clear exited clears
 * lanes, finished scenario runs fold into one group, and the panes are resized with the splitters.
 * The server is shared by every e2e file: each test looks at the pids and runs it started.
 */
import { mkdirSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from '../support/chromium.js';
import { until } from '../support/poll.js';
import type { RpcClient } from '../support/rpcClient.js';
import { closeLabSession, endProcesses, openLabSession, rowOf, runScenarioFromPanel, stopRuns } from './labPage.js';
import { collectPageErrors, findTextProblems } from './visualChecks.js';

const webUrl = inject('webUrl');
const SHOTS_DIR = '/tmp/shots-timeline';

const laneOf = (page: Page, pid: number) => page.locator(`[data-testid="timeline-lane"][data-pid="${pid}"]`);
const runLaneOf = (page: Page, runId: string) => page.locator(`[data-testid="timeline-lane"][data-run="${runId}"]`);

/** Whether the lane's label is wholly inside the lanes' scrolled viewport, where a user sees it. */
async function inView(page: Page, lane: Locator): Promise<boolean> {
  const [box, view] = await Promise.all([lane.boundingBox(), page.getByTestId('timeline-scroller').boundingBox()]);
  return box !== null && view !== null && box.y >= view.y - 1 && box.y + box.height <= view.y + view.height + 1;
}

/** A wheel turn over the lanes, as a user scrolls them. */
async function wheelLanes(page: Page, deltaY: number): Promise<void> {
  const view = await page.getByTestId('timeline-scroller').boundingBox();
  if (!view) throw new Error('the timeline lanes are not shown');
  await page.mouse.move(view.x + view.width / 2, view.y + view.height / 2);
  await page.mouse.wheel(0, deltaY);
}

const following = async (page: Page): Promise<boolean> => (await page.getByTestId('timeline-follow').getAttribute('aria-pressed')) === 'true';
const heightOf = async (locator: Locator): Promise<number> => (await locator.boundingBox())?.height ?? 0;

describe('the timeline follows the user', () => {
  let browser: Browser;
  let page: Page;
  let rpc: RpcClient;
  const started: number[] = [];
  const runIds: string[] = [];
  const queueIds: string[] = [];

  beforeAll(async () => {
    ({ browser, page, rpc } = await openLabSession(webUrl));
  });

  afterAll(() =>
    closeLabSession({ browser, rpc }, async () => {
      await stopRuns(rpc, runIds);
      await endProcesses(rpc, started, 'processes.kill');
      for (const queueId of queueIds) await rpc.call('queues.close', { queueId }).catch(() => undefined);
    }),
  );

  const spawnSleep = async (): Promise<number> => {
    const { pid } = await rpc.call('processes.spawn', { task: 'sleep', kwargs: { seconds: 120 } });
    started.push(pid);
    return pid;
  };

  test('scrolls to each new lane, stays where the user scrolled, and follows again from the Follow button', async () => {
    expect(await following(page)).toBe(true);
    // More processes than the pane has room for, started by someone else (a script), as a scenario or a pool does.
    const pids: number[] = [];
    for (let index = 0; index < 14; index++) pids.push(await spawnSleep());
    const newest = pids.at(-1) ?? 0;
    await until('the newest lane to be scrolled into view', () => inView(page, laneOf(page, newest)));
    expect(await inView(page, laneOf(page, pids[0] ?? 0))).toBe(false);

    await wheelLanes(page, -3000);
    await until('following to stop once the user scrolled up', async () => !(await following(page)));
    expect(await page.getByTestId('timeline-follow').textContent()).toContain('Follow');
    const another = await spawnSleep();
    // Its lane is drawn and a sampler tick has shown its state since: the lanes stayed where the user left them.
    await laneOf(page, another).waitFor();
    await rowOf(page, another).locator('[data-testid="state-badge"][data-state="S"]').waitFor();
    expect(await inView(page, laneOf(page, another))).toBe(false);
    expect(await page.getByTestId('timeline-scroller').evaluate((element) => element.scrollTop)).toBe(0);

    await page.getByTestId('timeline-follow').click();
    await until('the newest lane in view again', () => inView(page, laneOf(page, another)));
    expect(await following(page)).toBe(true);
  });

  test('brings the lane of a process clicked in the tree into view', async () => {
    const first = started[0] ?? 0;
    const last = started.at(-1) ?? 0;
    await until('the lanes at the newest process', () => inView(page, laneOf(page, last)));
    expect(await inView(page, laneOf(page, first))).toBe(false);
    await rowOf(page, first).click();
    await until(`pid ${first}'s lane in view`, () => inView(page, laneOf(page, first)));
    expect(await laneOf(page, first).getAttribute('aria-selected')).toBe('true');

    await wheelLanes(page, -3000);
    await until('following to stop', async () => !(await following(page)));
    // A selection is asked for: it is brought into view even while not following.
    await rowOf(page, last).click();
    await until(`pid ${last}'s lane in view`, () => inView(page, laneOf(page, last)));
  });

  test('Clear exited clears the lanes of the processes it clears', async () => {
    const ended = started.splice(0, started.length);
    await endProcesses(rpc, ended, 'processes.kill');
    for (const pid of ended) await rowOf(page, pid, false).waitFor();
    await laneOf(page, ended[0] ?? 0).waitFor();
    await page.getByTestId('clear-exited').click();
    for (const pid of ended) await rowOf(page, pid).waitFor({ state: 'detached' });
    await until('the cleared processes’ lanes to go', async () => {
      const left = await Promise.all(ended.map((pid) => laneOf(page, pid).count()));
      return left.every((count) => count === 0);
    });
  });

  test('nine runs of a scenario fold into one group of finished runs, which opens on a click', async () => {
    for (let index = 0; index < 9; index++) runIds.push((await runScenarioFromPanel(page, rpc, 'wait')).runId);
    await until('the nine runs to finish', async () => (await rpc.call('scenarios.list')).runs.filter((run) => runIds.includes(run.runId) && !run.running).length === 9, 120_000);
    const group = page.getByTestId('timeline-finished-runs');
    await until('the group to hold the nine runs', async () => {
      const text = (await group.count()) === 1 ? await group.textContent() : null;
      return Number(text?.match(/\((\d+)\)/)?.[1] ?? 0) >= 9;
    });
    expect(await group.getAttribute('data-open')).toBe('false');
    for (const runId of runIds) expect(await runLaneOf(page, runId).count()).toBe(0);

    await group.click();
    for (const runId of runIds) await runLaneOf(page, runId).waitFor();
    expect(await group.getAttribute('data-open')).toBe('true');
    await group.click();
    await runLaneOf(page, runIds[0] ?? '').waitFor({ state: 'detached' });
  }, 180_000); // nine runs of three one-second children each, on a loaded machine

  test('says on the Other events lane what lands there', async () => {
    // A queue made by a protocol client names no process: its event goes to the Other events lane.
    const { queueId } = await rpc.call('queues.create', { name: 'timeline-other' });
    queueIds.push(queueId);
    const other = page.locator('[data-testid="timeline-lane"][data-kind="unlinked"]');
    await other.waitFor();
    await wheelLanes(page, 3000);
    await until('the Other events lane in view', () => inView(page, other));
    await other.hover();
    const tip = page.getByTestId('timeline-tooltip');
    await tip.waitFor();
    expect(await tip.textContent()).toMatch(/What lands on this lane.*name no process.*protocol client/);
  });

  test('resizes the panes with the splitters, by mouse and by keyboard, and remembers their sizes', async () => {
    const table = page.getByTestId('process-table');
    const timeline = page.getByTestId('timeline');
    const detail = page.getByTestId('process-detail');
    const upper = page.getByTestId('splitter-tree-timeline');
    expect(await upper.getAttribute('role')).toBe('separator');
    const before = { table: await heightOf(table), timeline: await heightOf(timeline), detail: await heightOf(detail) };

    const handle = await upper.boundingBox();
    if (!handle) throw new Error('no splitter between the tree and the timeline');
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2 + 40, { steps: 4 });
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2 + 60, { steps: 4 });
    await page.mouse.up();
    const dragged = { table: await heightOf(table), timeline: await heightOf(timeline), detail: await heightOf(detail) };
    expect(Math.abs(dragged.table - before.table - 60)).toBeLessThanOrEqual(2);
    expect(Math.abs(before.timeline - dragged.timeline - 60)).toBeLessThanOrEqual(2);
    expect(Math.abs(dragged.detail - before.detail)).toBeLessThanOrEqual(1);

    const lower = page.getByTestId('splitter-timeline-detail');
    const valueBefore = Number(await lower.getAttribute('aria-valuenow'));
    await lower.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    const keyed = { timeline: await heightOf(timeline), detail: await heightOf(detail) };
    expect(Math.abs(keyed.detail - dragged.detail - 32)).toBeLessThanOrEqual(2);
    expect(Math.abs(dragged.timeline - keyed.timeline - 32)).toBeLessThanOrEqual(2);
    expect(Number(await lower.getAttribute('aria-valuenow'))).toBeLessThan(valueBefore);

    await page.reload();
    await page.locator('[data-testid="process-row"][data-role="main"]').waitFor();
    await until('the sizes the user left', async () => Math.abs((await heightOf(page.getByTestId('process-detail'))) - keyed.detail) <= 1);
    expect(Math.abs((await heightOf(page.getByTestId('timeline'))) - keyed.timeline)).toBeLessThanOrEqual(1);

    // A double click puts them back.
    await page.getByTestId('splitter-tree-timeline').dblclick();
    await until('the default sizes', async () => Math.abs((await heightOf(page.getByTestId('timeline'))) - before.timeline) <= 1);
  });
});

/** The Processes view with lanes, a folded group and other events, to look at: and what a user would notice at a glance, asserted. */
describe.each(['light', 'dark'] as const)('screenshots of the Processes view in the %s theme', (colorScheme) => {
  test.each([
    [1400, 900],
    [1920, 1080],
  ])('at %i×%i: no page error, readable text, nothing cut off', async (width, height) => {
    mkdirSync(SHOTS_DIR, { recursive: true });
    const session = await openLabSession(webUrl, { colorScheme });
    const errors = collectPageErrors(session.browser.context);
    const pids: number[] = [];
    try {
      const { page, rpc } = session;
      await page.setViewportSize({ width, height });
      for (let index = 0; index < 3; index++) pids.push((await rpc.call('processes.spawn', { task: 'sleep', kwargs: { seconds: 60 } })).pid);
      await laneOf(page, pids.at(-1) ?? 0).waitFor();
      await rowOf(page, pids[0] ?? 0).click();
      await page.screenshot({ path: `${SHOTS_DIR}/processes-${width}x${height}-${colorScheme}.png` });
      const problems = await findTextProblems(page);
      // The top of the lanes, where the finished runs' group is, opened.
      await wheelLanes(page, -5000);
      const group = page.getByTestId('timeline-finished-runs');
      if ((await group.count()) > 0) await group.click();
      await page.getByTestId('timeline-follow').hover();
      await page.screenshot({ path: `${SHOTS_DIR}/processes-${width}x${height}-${colorScheme}-lanes-top.png` });
      problems.push(...(await findTextProblems(page)));
      expect(errors).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await closeLabSession(session, (rpc) => endProcesses(rpc, pids, 'processes.kill'));
    }
  }, 120_000);
});
