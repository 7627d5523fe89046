/**
 * The Packets view in Debian's Chromium against browser mode: a capture started from its toolbar (all loopback
 * traffic, CI runs as root), a real TCP connection made by this test on 127.0.0.1, and its three-way handshake read in
 * the list and in the flow diagram, its layers and bytes in the lower panes. The e2e server is shared: the display
 * filter keeps the list to this test's connection, and the capture is stopped and cleared at the end.
 */
import { mkdirSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { until } from '../support/poll.js';
import type { RpcClient } from '../support/rpcClient.js';
import { closeLabSession, type LabSession, openLabSession } from './labPage.js';
import { collectPageErrors, findTextProblems } from './visualChecks.js';

const webUrl = inject('webUrl');
const SHOTS_DIR = '/tmp/loopscope-shots';

const infos = (page: Page): Promise<string[]> => page.getByTestId('packet-info').allTextContents();

/**
 * A server on 127.0.0.1 that echoes and closes when its client has, and a client that sends one line, reads the echo
 * and closes first: the textbook's connection, the client ending in TIME_WAIT.
 */
async function oneConnection(): Promise<{ server: Server; port: number; clientPort: number }> {
  const server = createServer((peer) => {
    peer.on('data', (data) => peer.write(data));
    peer.on('end', () => peer.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the server has no port');
  const client: Socket = createConnection({ host: '127.0.0.1', port: address.port });
  await new Promise<void>((resolve) => client.once('connect', resolve));
  const clientPort = client.localPort ?? 0;
  client.write('hello\n');
  await new Promise<void>((resolve) => client.once('data', () => resolve()));
  client.end();
  await new Promise<void>((resolve) => client.once('close', () => resolve()).resume());
  return { server, port: address.port, clientPort };
}

describe('the Packets view: a handshake in the list and the flow diagram', () => {
  let session: LabSession;
  let page: Page;
  let rpc: RpcClient;
  let errors: string[];
  let server: Server | undefined;
  let port = 0;
  let clientPort = 0;

  beforeAll(async () => {
    session = await openLabSession(webUrl);
    ({ page, rpc } = session);
    errors = collectPageErrors(page.context());
    await page.getByTestId('nav-packets').click();
    await page.getByTestId('view-packets').waitFor();
  });

  afterAll(async () => {
    server?.close();
    if (!session) return; // it never opened: beforeAll's failure is the news
    await closeLabSession(session, async (client) => {
      await client.call('capture.stop');
      await client.call('capture.clear');
    });
  });

  test('Start with all loopback traffic captures a connection made meanwhile: SYN, SYN-ACK, ACK in the list, filtered by its port', async () => {
    const status = await rpc.call('capture.status');
    expect(status.capability.available, status.capability.detail).toBe(true);
    await page.getByTestId('capture-scope').selectOption('all');
    await page.getByTestId('capture-start').click();
    await until('the toolbar to say capturing', async () => (await page.getByTestId('capture-state').getAttribute('data-state')) === 'capturing');

    ({ server, port, clientPort } = await oneConnection());
    await page.getByTestId('packet-filter').fill(`tcp.port == ${port}`);
    await page.getByTestId('packet-filter').press('Enter');
    await until('the connection’s teardown in the list', async () => (await infos(page)).filter((info) => info.includes('FIN')).length >= 2);

    const shown = await infos(page);
    expect(shown[0]).toMatch(new RegExp(`^${clientPort} → ${port} \\[SYN\\] Seq=0 `));
    expect(shown[1]).toMatch(new RegExp(`^${port} → ${clientPort} \\[SYN, ACK\\] Seq=0 Ack=1 `));
    expect(shown[2]).toMatch(new RegExp(`^${clientPort} → ${port} \\[ACK\\] Seq=1 Ack=1 `));
    // The handshake's rows wear Wireshark's SYN/FIN colour; the others are plain TCP.
    const rows = page.getByTestId('packet-row');
    expect(await rows.nth(0).getAttribute('data-colour')).toBe('syn-fin');
    expect(await rows.nth(2).getAttribute('data-colour')).toBe('tcp');
    expect(Number(await page.getByTestId('packet-list').getAttribute('data-total'))).toBe(shown.length);
  });

  test('the SYN selected: its layers by OSI and TCP/IP layer, a field lit in the bytes, and its connection’s flow diagram with the states from the packets', async () => {
    await page.getByTestId('packet-row').first().click();
    await page.getByTestId('layer-tree').waitFor();
    expect(await page.getByTestId('packet-layer').evaluateAll((layers) => layers.map((layer) => layer.getAttribute('data-protocol')))).toEqual(['eth', 'ip', 'tcp']);
    await page.locator('[data-testid="packet-field"][data-field="tcp.srcport"]').click();
    // tcp.srcport is two bytes: exactly two hex cells are lit.
    await until('the source port’s bytes lit', async () => (await page.locator('[data-testid="hex-cell"].mark').count()) === 2);

    const flow = page.getByTestId('flow-diagram');
    await until('the flow diagram of the connection', async () => (await page.getByTestId('flow-arrow').count()) >= 7);
    expect(await page.getByTestId('flow-end').allTextContents()).toEqual([`127.0.0.1:${clientPort}`, `127.0.0.1:${port}`]);
    const flags = await page.getByTestId('flow-arrow').evaluateAll((arrows) => arrows.map((arrow) => arrow.getAttribute('data-flags')));
    expect(flags.slice(0, 3)).toEqual(['SYN', 'SYN, ACK', 'ACK']);
    expect(flags.filter((flag) => flag?.includes('FIN'))).toHaveLength(2);
    expect((await page.getByTestId('flow-state-a').allTextContents()).slice(0, 3)).toEqual(['SYN_SENT', 'ESTABLISHED', 'ESTABLISHED']);
    expect((await page.getByTestId('flow-state-b').allTextContents()).slice(0, 3)).toEqual(['SYN_RECV', 'SYN_RECV', 'ESTABLISHED']);
    // The client closed first: it ends in TIME_WAIT, the server, whose FIN it acknowledged, in CLOSE.
    expect(await page.getByTestId('flow-state-a').last().textContent()).toBe('TIME_WAIT');
    expect(await page.getByTestId('flow-state-b').last().textContent()).toBe('CLOSE');
    expect(await flow.getAttribute('data-stream')).not.toBeNull();
  });

  test('a display filter the lab cannot read is shown under the input with where it fails; the list keeps its filter', async () => {
    const before = await page.getByTestId('packet-list').getAttribute('data-total');
    await page.getByTestId('packet-filter').fill('tcp.port ==');
    await page.getByTestId('packet-filter').press('Enter');
    await page.getByTestId('packet-filter-error').waitFor();
    expect(await page.getByTestId('packet-filter-error').textContent()).toMatch(/\^.*\d/s);
    expect(await page.getByTestId('packet-list').getAttribute('data-total')).toBe(before);
    await page.getByTestId('packet-filter').fill(`tcp.port == ${port}`);
    await page.getByTestId('packet-filter').press('Enter');
    await until('the error to go', async () => (await page.getByTestId('packet-filter-error').count()) === 0);
  });

  test('from the SYN to its socket in the Sockets view, found by its 4-tuple: the client’s end, now in TIME_WAIT', async () => {
    await page.getByTestId('packet-row').first().click();
    await page.getByTestId('packet-open-socket').click();
    await page.getByTestId('view-sockets').waitFor();
    const selected = page.locator('[data-testid="socket-row"][aria-selected="true"]');
    await until('the client’s socket selected', async () => (await selected.count()) === 1);
    expect(await selected.getByTestId('socket-local').textContent()).toBe(`127.0.0.1:${clientPort}`);
    expect(await selected.getByTestId('socket-remote').textContent()).toBe(`127.0.0.1:${port}`);
    expect(await selected.getAttribute('data-state')).toBe('TIME_WAIT');
    await page.getByTestId('nav-packets').click();
    await page.getByTestId('view-packets').waitFor();
  });

  test('screenshots, light and dark, at 1400×900: nothing unreadable, no page errors', async () => {
    mkdirSync(SHOTS_DIR, { recursive: true });
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.getByTestId('packet-row').first().click();
    await page.getByTestId('flow-diagram').waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: `${SHOTS_DIR}/packets-${scheme}.png` });
      expect(await findTextProblems(page)).toEqual([]);
    }
    // In Chinese too: the same panes, the syllabus's terms, nothing cut off. The switch is stored: it is put back.
    const languageSwitch = page.getByRole('banner').getByTestId('language-switch');
    await languageSwitch.selectOption('zh-CN');
    await until('the view in Chinese', async () => (await page.getByTestId('view-packets').getByRole('columnheader').first().textContent()) === '序号');
    await page.screenshot({ path: `${SHOTS_DIR}/packets-zh-CN.png` });
    expect(await findTextProblems(page)).toEqual([]);
    await languageSwitch.selectOption('en');
    await page.emulateMedia({ colorScheme: null });
    expect(errors).toEqual([]);
  });
});
