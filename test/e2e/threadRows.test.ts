/**
 * Threads in the Processes view's tree, in Debian's Chromium against browser mode: a lab process's
 * threads shown under its row by keyboard, checked against /proc/<pid>/task, and screenshots.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from '../support/chromium.js';
import { until } from '../support/poll.js';
import type { RpcClient } from '../support/rpcClient.js';
import { kernelThreads } from '../support/taskProbe.js';
import { closeLabSession, endProcesses, openLabSession, rowOf, selectedPid } from './labPage.js';
import { collectPageErrors, findTextProblems } from './visualChecks.js';

const webUrl = inject('webUrl');
const SHOTS_DIR = '/tmp/loopscope-shots';

/** What the page shows of each thread under a process: tid, name, state letter. */
const shownThreads = (page: Page, pid: number) =>
  page.locator(`[data-testid="thread-list"][data-pid="${pid}"] [data-testid="thread-row"]`).evaluateAll((rows) =>
    rows.map((row) => ({
      tid: Number(row.getAttribute('data-tid')),
      name: row.querySelector('.name-text')?.textContent ?? '',
      state: row.getAttribute('data-state') ?? '',
    })),
  );

describe('threads in the process tree', () => {
  let browser: Browser;
  let page: Page;
  let rpc: RpcClient;
  let errors: string[];
  const started: number[] = [];

  beforeAll(async () => {
    ({ browser, page, rpc } = await openLabSession(webUrl));
    errors = collectPageErrors(browser.context);
  });

  afterAll(() => closeLabSession({ browser, rpc }, () => endProcesses(rpc, started, 'processes.kill')));

  test('→ on a selected lab process shows its threads as /proc/<pid>/task lists them, SIGSTOP stops every one, ← hides them', async () => {
    const { pid } = await rpc.call('processes.spawn', { task: 'sleep', kwargs: { seconds: 120 } });
    started.push(pid);
    const row = rowOf(page, pid, true);
    await until('the new process sleeping in the tree', async () => (await row.locator('[data-testid="state-badge"][data-state="S"]').count()) === 1, 30_000);
    await row.click();
    expect(await selectedPid(page)).toBe(pid);
    await page.getByTestId('process-table').focus();
    await page.keyboard.press('ArrowRight');
    expect(await row.getByTestId('thread-toggle').getAttribute('aria-expanded')).toBe('true');

    // Node's own threads: the main one (tid = pid) and its helpers, each with the comm the kernel holds.
    const agree = async (state?: string) => {
      const before = kernelThreads(pid);
      const shown = await shownThreads(page, pid);
      const after = kernelThreads(pid);
      const tidsAgree = shown.length > 0 && shown.map((t) => t.tid).join() === [...after.keys()].sort((a, b) => a - b).join();
      return (
        tidsAgree &&
        shown.every((t) => t.name === after.get(t.tid)?.name && (state ? t.state === state : [before.get(t.tid)?.state, after.get(t.tid)?.state].includes(t.state)))
      );
    };
    await until('the thread rows agree with /proc/<pid>/task', agree);
    expect((await shownThreads(page, pid))[0]?.tid).toBe(pid);

    await rpc.call('processes.signal', { pid, signal: 'SIGSTOP' });
    await until('every thread shown stopped, as the kernel has it', () => agree('T'));
    await rpc.call('processes.signal', { pid, signal: 'SIGCONT' });
    await until('the threads running again', async () => (await shownThreads(page, pid)).every((t) => t.state !== 'T'));

    await page.keyboard.press('ArrowLeft');
    await until('the thread rows hidden by ←', async () => (await page.locator(`[data-testid="thread-list"][data-pid="${pid}"]`).count()) === 0);
    expect(await selectedPid(page)).toBe(pid); // ← hid the threads before it moved to the parent
  });

  test('screenshots with threads shown, light and dark, at 1400×900: nothing unreadable, no page errors', async () => {
    const { pid } = await rpc.call('processes.spawn', { task: 'cpu-burn', kwargs: { ms: 60_000 } });
    started.push(pid);
    await rowOf(page, pid, true).getByTestId('thread-toggle').click();
    await until('the burning thread running, with a CPU share', async () => (await shownThreads(page, pid)).some((t) => t.state === 'R'));
    await until('a CPU % read for it', async () => (await page.locator(`[data-testid="thread-list"][data-pid="${pid}"]`).textContent())?.match(/[1-9]\d*\.\d/) !== null);
    mkdirSync(SHOTS_DIR, { recursive: true });
    await page.setViewportSize({ width: 1400, height: 900 });
    await rowOf(page, pid, true).evaluate((row) => row.scrollIntoView({ block: 'start' }));
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: `${SHOTS_DIR}/threads-${scheme}.png` });
      expect(await findTextProblems(page)).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: null });
    expect(errors).toEqual([]);
  });
});
