/**
 * Signals and join from the detail panel, checked against /proc. Only the pids these tests start
 * are looked at: the e2e server is shared by every file.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from '../support/chromium.js';
import { until } from '../support/poll.js';
import { kernelStat } from '../support/procfsProbe.js';
import type { RpcClient } from '../support/rpcClient.js';
import { closeLabSession, endProcesses, openLabSession, rowOf, spawnFromForm, stateBadgeOf } from './labPage.js';

const webUrl = inject('webUrl');

describe('signals and join from the detail panel', () => {
  let browser: Browser;
  let page: Page;
  let rpc: RpcClient;
  const started: number[] = [];

  beforeAll(async () => {
    ({ browser, page, rpc } = await openLabSession(webUrl));
  });

  afterAll(() => closeLabSession({ browser, rpc }, () => endProcesses(rpc, started, 'processes.kill')));

  async function signal(name: string): Promise<void> {
    await page.getByTestId('signal-menu').click();
    await page.getByTestId(`signal-${name}`).click();
  }

  test('STOP shows T, as /proc does; CONT brings back S; Kill ends it with SIGKILL, exitcode -9', async () => {
    const pid = await spawnFromForm(page, 'sleep', { seconds: '60' });
    started.push(pid);
    await stateBadgeOf(page, pid, 'S').waitFor();
    await page.getByTestId('detail-tab-overview').click();

    await signal('STOP');
    await stateBadgeOf(page, pid, 'T').waitFor();
    expect(kernelStat(pid)?.state).toBe('T');
    expect(await page.getByTestId('detail-state').getByTestId('state-badge').getAttribute('data-state')).toBe('T');

    await signal('CONT');
    await stateBadgeOf(page, pid, 'S').waitFor();
    expect(kernelStat(pid)?.state).toBe('S');
    // Both changes are in its history, read from the event log.
    const history = page.getByTestId('state-history');
    await until('T and its end in the history', async () => /stopped[\s\S]*sleeping/.test((await history.textContent()) ?? ''));

    await page.getByTestId('detail-kill').click();
    await rowOf(page, pid, false).waitFor();
    expect(await rowOf(page, pid).getByTestId('state-badge').textContent()).toBe('killed SIGKILL');
    expect(await page.getByTestId('detail-exit').textContent()).toContain('killed SIGKILL, exitcode -9');
    await until(`pid ${pid} to leave /proc`, () => kernelStat(pid) === null);
  });

  test('Join says it timed out while the process lives, and its exitcode once it ends', async () => {
    const pid = await spawnFromForm(page, 'sleep', { seconds: '60' });
    started.push(pid);
    const result = page.getByTestId('detail-join-result');

    await page.getByTestId('detail-join-timeout').fill('0.3');
    await page.getByTestId('detail-join').click();
    await until('the join to time out', async () => (await result.count()) > 0 && (await result.textContent())?.trim() === 'timed out after 0.3 s: still alive');

    await page.getByTestId('detail-join-timeout').fill('20');
    await page.getByTestId('detail-join').click();
    await until('the join to wait', async () => (await result.textContent())?.includes('joining… up to 20 s'));
    await page.getByTestId('detail-terminate').click();
    await until('the join to return', async () => (await result.textContent())?.trim() === 'exited, exitcode -15');
  });
});
