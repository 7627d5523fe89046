/**
 * The Sockets view in Debian's Chromium against browser mode: a TCP server and a client made and stepped from the
 * side panel with the mouse, each state read in the table and checked against `ss`, the client's TIME_WAIT with its
 * 2MSL countdown. The e2e server is shared by every file: this one looks only at the sockets it made, and closes them.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { until } from '../support/poll.js';
import type { RpcClient } from '../support/rpcClient.js';
import { closeLabSession, type LabSession, openLabSession, selectedPid, stopRuns } from './labPage.js';

const webUrl = inject('webUrl');
const SHOTS_DIR = '/tmp/loopscope-shots';

const rowOf = (page: Page, socketId: string): Locator => page.locator(`[data-testid="socket-row"][data-socket="${socketId}"]`);
const stateOf = async (page: Page, socketId: string): Promise<string | null> => ((await rowOf(page, socketId).count()) > 0 ? rowOf(page, socketId).getAttribute('data-state') : null);
const untilState = (page: Page, socketId: string, state: string, timeoutMs = 10_000) =>
  until(`${socketId} to show ${state}`, async () => (await stateOf(page, socketId)) === state, timeoutMs);
/** ss's line for a TCP socket in `state` with this local port (and this peer port, if given), read beside the page. */
const ssLine = (state: string, localPort: number, peerPort?: number): string =>
  execFileSync('ss', ['-Htan', 'state', state, `( sport = :${localPort} )`], { encoding: 'utf8' })
    .split('\n')
    .find((line) => line.trim() !== '' && (peerPort === undefined || line.includes(`:${peerPort}`))) ?? '';
const portOf = async (locator: Locator): Promise<number> => Number(((await locator.textContent()) ?? '').trim().split(':').at(-1));

/** socket() from the side panel, as a user makes one: resolves with the socketId of the socket it selects. */
async function createSocket(page: Page, name: string): Promise<string> {
  const steps = page.getByTestId('socket-steps');
  const before = (await steps.count()) > 0 ? await steps.getAttribute('data-socket') : null;
  await page.getByTestId('sockets-side-tab-peers').click();
  await page.getByTestId('create-tcp').click();
  await page.getByTestId('create-IPv4').click();
  await page.getByTestId('create-name').fill(name);
  await page.getByTestId('create-submit').click();
  return until(`${name} to be made and selected`, async () => {
    const socketId = (await steps.count()) > 0 ? await steps.getAttribute('data-socket') : null;
    return socketId !== null && socketId !== before && socketId;
  });
}

/** Clicks a socket's row and waits for its steps in the side panel. */
async function selectSocket(page: Page, socketId: string): Promise<void> {
  await rowOf(page, socketId).click();
  await page.locator(`[data-testid="socket-steps"][data-socket="${socketId}"]`).waitFor();
}

const step = (page: Page, call: string) => page.locator(`[data-testid="socket-step"][data-call="${call}"]`);

describe('the Sockets view: a TCP server and client, step by step', () => {
  let session: LabSession;
  let page: Page;
  let rpc: RpcClient;
  const made: string[] = [];
  const runs: string[] = [];

  beforeAll(async () => {
    session = await openLabSession(webUrl);
    ({ page, rpc } = session);
    await page.getByTestId('nav-sockets').click();
    await page.getByTestId('view-sockets').waitFor();
  });

  afterAll(async () => {
    if (!session) return; // it never opened: beforeAll's failure is the news
    await closeLabSession(session, async (client) => {
      await stopRuns(client, runs);
      const { sockets } = await client.call('sockets.list');
      for (const row of sockets) if (row.lab && made.includes(row.lab.socketId) && row.lab.state !== 'closed') await client.call('sockets.close', { socketId: row.lab.socketId });
    });
  });

  test('socket, bind, listen; connect; accept; close on both sides: LISTEN, ESTABLISHED, FIN_WAIT2 and CLOSE_WAIT, then TIME_WAIT counting down 2MSL, each as ss shows it', async () => {
    const server = await createSocket(page, 'srv');
    made.push(server);
    // Before listen, accept is not offered, and the panel says why.
    expect(await step(page, 'accept').getAttribute('data-enabled')).toBe('false');
    expect(await step(page, 'accept').getByTestId('step-reason').textContent()).toContain('listen()');
    expect(await step(page, 'bind').getByTestId('step-python').textContent()).toBe('srv.bind(("127.0.0.1", 0))');

    await page.getByTestId('step-bind').click();
    await until('bind to answer', async () => (await step(page, 'bind').getByTestId('step-ok').count()) > 0);
    await page.getByTestId('step-listen').click();
    await untilState(page, server, 'LISTEN');
    const serverPort = await portOf(rowOf(page, server).getByTestId('socket-local'));
    expect(serverPort).toBeGreaterThan(1023);
    expect(ssLine('listening', serverPort)).toContain(`127.0.0.1:${serverPort}`);
    expect(await step(page, 'accept').getAttribute('data-enabled')).toBe('true');

    const client = await createSocket(page, 'cli');
    made.push(client);
    await page.getByTestId('step-peer-port').fill(String(serverPort));
    expect(await step(page, 'connect').getByTestId('step-python').textContent()).toBe(`cli.connect(("127.0.0.1", ${serverPort}))`);
    await page.getByTestId('step-connect').click();
    await untilState(page, client, 'ESTABLISHED');
    const clientPort = await portOf(rowOf(page, client).getByTestId('socket-local'));
    expect(ssLine('established', clientPort, serverPort)).toContain(`127.0.0.1:${serverPort}`);
    // Not yet accepted: the connection waits in the listener's accept queue (Recv-Q of a LISTEN row).
    await until('the accept queue to hold the client', async () => (await rowOf(page, server).locator('[role="gridcell"]').nth(7).textContent())?.trim() === '1');

    await selectSocket(page, server);
    await page.getByTestId('step-accept').click();
    const accepted = await until('the accepted socket', async () => {
      const { sockets } = await rpc.call('sockets.list');
      return sockets.find((row) => row.lab?.acceptedFrom === server && row.remote?.port === clientPort)?.socketId ?? undefined;
    });
    made.push(accepted);
    await untilState(page, accepted, 'ESTABLISHED');

    // The client closes first: it is the active closer.
    await selectSocket(page, client);
    await page.getByTestId('step-close').click();
    await untilState(page, client, 'FIN_WAIT2');
    await untilState(page, accepted, 'CLOSE_WAIT');
    expect(ssLine('close-wait', serverPort, clientPort)).not.toBe('');

    await selectSocket(page, accepted);
    await page.getByTestId('step-close').click();
    await untilState(page, client, 'TIME_WAIT');
    expect(ssLine('time-wait', clientPort, serverPort)).not.toBe('');
    const countdown = rowOf(page, client).getByTestId('time-wait-countdown');
    const first = Number(await countdown.getAttribute('data-left-ms'));
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(60_000);
    await until('the 2MSL countdown to move', async () => Number(await countdown.getAttribute('data-left-ms')) < first);
    expect(await countdown.textContent()).toMatch(/^\s*\d+ s\s*$/);
    // The kernel holds it now: no owner, the process it was named.
    expect(await rowOf(page, client).getByTestId('socket-pid').textContent()).toMatch(/\d+/);

    // Its connection panel: the client's end lit in TIME_WAIT on the state diagram, every state on the sequence.
    await rowOf(page, client).click();
    const panel = page.getByTestId('connection-panel');
    await until('the client’s end lit in TIME_WAIT', async () => ((await panel.locator('[data-testid="tcp-node"][data-node="TIME_WAIT"]').getAttribute('data-lit')) ?? '').includes('a'));
    const labels = await panel.getByTestId('sequence-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-label')));
    expect(labels).toEqual(expect.arrayContaining(['ESTABLISHED', 'FIN_WAIT2', 'TIME_WAIT', 'CLOSE_WAIT']));
    // By keyboard: Home, then Down, reads out the second row; the first is the server's socket() with its Python line.
    await panel.getByTestId('sequence-canvas').focus();
    await page.keyboard.press('Home');
    expect(await panel.getByTestId('sequence-readout').textContent()).toContain('srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)');
    await page.keyboard.press('ArrowDown');
    expect(await panel.getByTestId('sequence-readout').textContent()).toContain(labels[1] ?? '');
  });

  test('a socket’s pid opens its process, whose detail lists its sockets, each opening back in the Sockets view; a port in use gets EADDRINUSE under bind()', async () => {
    const server = await createSocket(page, 'srv2');
    made.push(server);
    await page.getByTestId('step-bind').click();
    await until('bind to answer', async () => (await step(page, 'bind').getByTestId('step-ok').count()) > 0);
    await page.getByTestId('step-listen').click();
    await untilState(page, server, 'LISTEN');
    const pid = Number(await rowOf(page, server).getByTestId('socket-pid').textContent());
    await rowOf(page, server).getByTestId('socket-pid').click();
    await until(`pid ${pid} selected in Processes`, async () => (await selectedPid(page)) === pid);
    const listed = page.locator(`[data-testid="process-socket"][data-key="${server}"]`);
    await listed.click();
    await page.getByTestId('view-sockets').waitFor();
    await until('the socket selected again', async () => (await rowOf(page, server).getAttribute('aria-selected')) === 'true');

    // Its port is taken: binding another socket to it gets the kernel's own refusal, errno shown under bind().
    const port = await portOf(rowOf(page, server).getByTestId('socket-local'));
    const second = await createSocket(page, 'again');
    made.push(second);
    await page.getByTestId('step-bind-port').fill(String(port));
    await page.getByTestId('step-bind').click();
    const refused = step(page, 'bind').getByTestId('step-error');
    await refused.waitFor();
    expect(await refused.getAttribute('data-errno')).toBe('EADDRINUSE');
    expect(await step(page, 'bind').getByTestId('step-python').textContent()).toBe(`again.bind(("127.0.0.1", ${port}))`);
  });

  test('the socket scenarios run from the view’s Scenarios tab: tcp-handshake’s sockets appear in the table', async () => {
    const before = new Set([...(await rpc.call('scenarios.list')).runs.map((run) => run.runId)]);
    const socketsBefore = new Set((await rpc.call('sockets.list')).sockets.map((row) => row.socketId));
    await page.getByTestId('sockets-side-tab-scenarios').click();
    await page.locator('[data-testid="scenario"][data-scenario="tcp-handshake"]').getByTestId('scenario-run').click();
    const run = await until('the tcp-handshake run', async () => (await rpc.call('scenarios.list')).runs.find((entry) => entry.scenario === 'tcp-handshake' && !before.has(entry.runId)));
    runs.push(run.runId);
    await until('a socket of the scenario’s in the table', async () => {
      const keys = await page.locator('[data-testid="socket-row"][data-socket]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-socket')));
      return keys.some((key) => !socketsBefore.has(key));
    });
  });
});

/** Not assertions: pictures of the view at 1400×900 in both themes, a connection in TIME_WAIT selected, to look at. */
describe.each(['light', 'dark'] as const)('screenshots in the %s theme', (colorScheme) => {
  test('of the Sockets view', async () => {
    mkdirSync(SHOTS_DIR, { recursive: true });
    const shot = await openLabSession(webUrl, { colorScheme });
    const made: string[] = [];
    try {
      const { page, rpc } = shot;
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.getByTestId('nav-sockets').click();
      const server = await createSocket(page, 'srv');
      made.push(server);
      await page.getByTestId('step-bind').click();
      await until('bind', async () => (await step(page, 'bind').getByTestId('step-ok').count()) > 0);
      await page.getByTestId('step-listen').click();
      await untilState(page, server, 'LISTEN');
      const port = await portOf(rowOf(page, server).getByTestId('socket-local'));
      const client = await createSocket(page, 'cli');
      made.push(client);
      await page.getByTestId('step-peer-port').fill(String(port));
      await page.getByTestId('step-connect').click();
      await untilState(page, client, 'ESTABLISHED');
      await selectSocket(page, server);
      await page.getByTestId('step-accept').click();
      const accepted = await until('the accepted socket', async () => (await rpc.call('sockets.list')).sockets.find((row) => row.lab?.acceptedFrom === server)?.socketId ?? undefined);
      made.push(accepted);
      // Some data across, to show it received as text and bytes (when the lab's record has the client connected).
      await selectSocket(page, client);
      if ((await step(page, 'send').getAttribute('data-enabled')) === 'true') {
        await page.getByTestId('step-payload').fill('你好, TIME_WAIT');
        await page.getByTestId('step-send').click();
        await selectSocket(page, accepted);
        await page.getByTestId('step-recv').click();
        await page.getByTestId('arrival').first().waitFor();
      }
      await selectSocket(page, client);
      await page.getByTestId('step-close').click();
      await selectSocket(page, accepted);
      await page.getByTestId('step-close').click();
      await untilState(page, client, 'TIME_WAIT');
      await rowOf(page, client).click();
      await page.screenshot({ path: `${SHOTS_DIR}/sockets-${colorScheme}.png` });
    } finally {
      await closeLabSession(shot, async (rpc) => {
        const { sockets } = await rpc.call('sockets.list');
        for (const row of sockets) if (row.lab && made.includes(row.lab.socketId) && row.lab.state !== 'closed') await rpc.call('sockets.close', { socketId: row.lab.socketId });
      });
    }
  });
});
