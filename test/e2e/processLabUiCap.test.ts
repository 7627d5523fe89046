/**
 * At the process cap one Terminate per row is no way out: Terminate all ends every lab process
 * at once, after asking. On a server of this file's own with a small cap (the shared e2e server
 * runs other files' processes, which must not be ended).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type RunningServer, startBrowserMode, stopBrowserMode } from '../support/browserMode.js';
import { until } from '../support/poll.js';
import { kernelStat } from '../support/procfsProbe.js';
import type { RpcClient } from '../support/rpcClient.js';
import { closeLabSession, type LabSession, openLabSession, rowOf } from './labPage.js';

const CAP = 6;

describe('Terminate all, at the process cap', () => {
  let server: RunningServer;
  let session: LabSession;
  let page: Page;
  let rpc: RpcClient;

  beforeAll(async () => {
    server = await startBrowserMode(['--port', '0', '--max-processes', String(CAP)]);
    session = await openLabSession(server.url);
    ({ page, rpc } = session);
  });

  afterAll(async () => {
    if (session) await closeLabSession(session, async () => {});
    await stopBrowserMode(server);
  });

  test('the lab refuses one more; Terminate all ends all of them with SIGTERM, and a new one starts again', async () => {
    const pids: number[] = [];
    for (let index = 0; index < CAP; index++) pids.push((await rpc.call('processes.spawn', { task: 'sleep', kwargs: { seconds: 120 } })).pid);
    await expect(rpc.call('processes.spawn', { task: 'sleep', kwargs: { seconds: 120 } })).rejects.toThrow(/cap|limit|max/i);
    for (const pid of pids) await rowOf(page, pid, true).waitFor();

    const button = page.getByTestId('terminate-all');
    await until('the button to count every lab process', async () => (await button.getAttribute('data-count')) === String(CAP));
    expect(await button.textContent()).toContain(`Terminate all (${CAP})`);
    await button.click();
    // Asked first; Cancel (or Escape) leaves everything running.
    await page.getByTestId('terminate-all-cancel').click();
    expect(pids.every((pid) => kernelStat(pid) !== null)).toBe(true);
    await button.click();
    await page.getByTestId('terminate-all-confirm').click();

    for (const pid of pids) {
      await rowOf(page, pid, false).waitFor();
      expect(await rowOf(page, pid).getByTestId('state-badge').textContent()).toBe('killed SIGTERM');
      await until(`pid ${pid} to leave /proc`, () => kernelStat(pid) === null);
    }
    // The main process is not a lab process: it was never asked to end.
    expect(await page.locator('[data-testid="process-row"][data-role="main"][data-alive="true"]').count()).toBe(1);
    await until('the button to count none', async () => (await button.getAttribute('data-count')) === '0');
    expect(await button.isDisabled()).toBe(true);
    const { pid } = await rpc.call('processes.spawn', { task: 'sleep', kwargs: { seconds: 1 } });
    await rowOf(page, pid).waitFor();
  });
});
