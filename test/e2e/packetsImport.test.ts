/**
 * Opening a capture file in the Packets view, in Debian's Chromium against browser mode: a corpus pcap chosen with the
 * toolbar's Open…, its packets in the list as tshark numbers them, a packet's layers, End to the last row; a damaged
 * file shown with the byte where it breaks. Screenshots light and dark. The e2e server is shared: the test clears the
 * capture at the end.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { until } from '../support/poll.js';
import { CORPUS } from '../unit/packets/tsharkFields.js';
import { closeLabSession, type LabSession, openLabSession } from './labPage.js';
import { collectPageErrors, findTextProblems } from './visualChecks.js';

const webUrl = inject('webUrl');
const SHOTS_DIR = '/tmp/loopscope-shots';
const NAME = 'gopacket__test_loopback.pcap';
const file = readFileSync(join(CORPUS, NAME));
const tsharkCount = execFileSync('tshark', ['-r', join(CORPUS, NAME), '-T', 'fields', '-e', 'frame.number'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n').length;

const openFile = (page: Page, name: string, buffer: Buffer): Promise<void> => page.getByTestId('capture-open').setInputFiles({ name, mimeType: 'application/vnd.tcpdump.pcap', buffer });

describe('the Packets view: a capture file opened from the toolbar', () => {
  let session: LabSession;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    session = await openLabSession(webUrl);
    ({ page } = session);
    errors = collectPageErrors(page.context());
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.getByTestId('nav-packets').click();
    await page.getByTestId('view-packets').waitFor();
  });

  afterAll(async () => {
    if (!session) return;
    await closeLabSession(session, async (client) => {
      await client.call('capture.clear');
    });
  });

  test('Open… reads a pcap: its packets as tshark numbers them, its name in the toolbar, a packet’s layers', async () => {
    await openFile(page, NAME, file);
    await until('the file’s name in the toolbar', async () => (await page.getByTestId('capture-file').textContent()) === NAME);
    await until('every packet counted in the list', async () => (await page.getByTestId('packet-list').getAttribute('data-total')) === String(tsharkCount));
    expect(await page.getByTestId('capture-error').count()).toBe(0);
    await page.getByTestId('packet-row').first().click();
    await until('packet 1’s layers', async () => (await page.getByTestId('view-packets').textContent())?.includes('Packet 1') ?? false);
    // End goes to the last packet, which the list draws.
    await page.getByTestId('packet-list').press('End');
    await until('the last packet in view', async () => (await page.locator(`[data-testid="packet-row"][data-number="${tsharkCount}"]`).count()) === 1);
    await page.getByTestId('packet-row').first().click();
  });

  test('screenshots, light and dark, at 1400×900: nothing unreadable, no page errors', async () => {
    mkdirSync(SHOTS_DIR, { recursive: true });
    await page.getByTestId('packet-list').press('Home');
    await page.locator('[data-testid="packet-row"][data-number="4"]').click();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      // The theme follows the system's through a change event: the page has switched once <html> says so.
      await until(`the ${scheme} theme`, async () => (await page.locator('html').getAttribute('data-theme')) === scheme);
      await page.screenshot({ path: `${SHOTS_DIR}/packets-imported-${scheme}.png` });
      expect(await findTextProblems(page)).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: null });
    expect(errors).toEqual([]);
  });

  test('a damaged file: the packets before the damage, and the byte where it is', async () => {
    const cut = file.subarray(0, file.length - 10);
    await openFile(page, 'cut.pcap', cut);
    await until('the damage named', async () => (await page.getByTestId('capture-error').count()) === 1);
    expect(await page.getByTestId('capture-error').textContent()).toMatch(/^cut\.pcap is damaged at byte \d+: the capture ends inside a record .* the file is truncated\. The \d+ packets before it are shown\.$/);
    await until('the packets before the damage in the list', async () => (await page.getByTestId('packet-list').getAttribute('data-total')) === String(tsharkCount - 1));
    await page.screenshot({ path: `${SHOTS_DIR}/packets-imported-damaged.png` });
    expect(errors).toEqual([]);
  });
});
