import { describe, expect, test } from 'vitest';
import type { LabEvent } from '../../../shared/contract.js';
import type { SocketInfo } from '../../../shared/schemas/sockets.js';
import { type LabHarness, labPerTest } from '../../support/labHarness.js';
import { until } from '../../support/poll.js';
import { ss, ssEnd } from './ssProbe.js';

const newLab = labPerTest();

async function run(h: LabHarness, id: string, params: Record<string, unknown> = {}): Promise<{ runId: string; steps: () => string[] }> {
  const { runId } = await h.lab.handlers['scenarios.run']({ id, params });
  const steps = (): string[] => h.events.filter((e): e is LabEvent<'scenario.step'> => e.type === 'scenario.step' && e.data.runId === runId).map((e) => e.data.text);
  return { runId, steps };
}

/** The newest lab socket with that Python name. */
const socket = (h: LabHarness, name: string): SocketInfo => {
  const found = h.lab.sockets.lab.all().filter((record) => record.info.name === name).at(-1);
  if (!found) throw new Error(`no socket named ${name}`);
  return found.info;
};
const portOf = (info: SocketInfo): number => info.local?.port as number;
/** The server's accepted end: the socket accept() returned from this listener. */
const acceptedFrom = (h: LabHarness, listener: SocketInfo): SocketInfo =>
  h.lab.sockets.lab.all().find((record) => record.info.acceptedFrom === listener.socketId)?.info as SocketInfo;

describe('socket scenarios show the state they teach, on the right end', () => {
  test('tcp-handshake: the connection waits in the accept queue until accept()', async () => {
    const h = newLab();
    const { runId } = await run(h, 'tcp-handshake');
    const server = socket(h, 'server_socket');
    const client = socket(h, 'client_socket');
    await until('one connection in the accept queue', () => ssEnd('tcp', portOf(server), undefined)?.receiveQueue === 1);
    expect(ssEnd('tcp', portOf(client))?.state).toBe('ESTABLISHED');
    await h.lab.handlers['scenarios.action']({ runId, action: 'accept' });
    expect(ss('tcp', portOf(server)).find((row) => row.state === 'LISTEN')?.receiveQueue).toBe(0);
    await h.lab.handlers['scenarios.stop']({ runId });
    expect(h.lab.sockets.lab.openCount).toBe(0); // the run's sockets went with it
  });

  test('tcp-backlog-full: clients beyond the queue stay in SYN_SENT', async () => {
    const h = newLab();
    await run(h, 'tcp-backlog-full', { backlog: 1, clients: 4 });
    const port = portOf(socket(h, 'server_socket'));
    await until('a client stuck in SYN_SENT', () => ss('tcp', port).some((row) => row.state === 'SYN_SENT' && row.remotePort === port));
    expect(ss('tcp', port).find((row) => row.state === 'LISTEN')?.receiveQueue).toBe(2); // backlog + 1 on Linux
  });

  test('tcp-close-wait: CLOSE_WAIT on the passive side, FIN_WAIT2 on the closer; TIME_WAIT once the server closes', async () => {
    const h = newLab();
    const { runId } = await run(h, 'tcp-close-wait');
    const client = socket(h, 'client_socket');
    const conn = acceptedFrom(h, socket(h, 'server_socket'));
    await until('CLOSE_WAIT on the server', () => ssEnd('tcp', portOf(conn), portOf(client))?.state === 'CLOSE_WAIT');
    expect(ssEnd('tcp', portOf(client))?.state).toBe('FIN_WAIT2');
    await h.lab.handlers['scenarios.action']({ runId, action: 'close-server' });
    await until('TIME_WAIT on the client', () => ssEnd('tcp', portOf(client))?.state === 'TIME_WAIT');
  });

  test('tcp-last-ack: the closing server end waits in LAST_ACK, held by the kernel', async () => {
    const h = newLab();
    const { runId } = await run(h, 'tcp-last-ack');
    const client = socket(h, 'client_socket');
    const server = socket(h, 'server_socket');
    const end = await until('LAST_ACK on the server end', () => {
      const row = ssEnd('tcp', portOf(server), portOf(client));
      return row?.state === 'LAST_ACK' && row;
    });
    expect(end.pid).toBeNull(); // closed by the app: an orphan the kernel keeps
    expect(end.sendQueue).toBeGreaterThan(0);
    await h.lab.handlers['scenarios.action']({ runId, action: 'read' });
    await until('LAST_ACK over', () => ssEnd('tcp', portOf(server), portOf(client))?.state !== 'LAST_ACK');
  });

  test('tcp-syn-recv: TCP_DEFER_ACCEPT holds the server end in SYN_RECV until data arrives', async () => {
    const h = newLab();
    const { runId } = await run(h, 'tcp-syn-recv');
    const server = socket(h, 'server_socket');
    const client = socket(h, 'client_socket');
    await until('SYN_RECV on the server end', () => ssEnd('tcp', portOf(server), portOf(client))?.state === 'SYN_RECV');
    expect(ssEnd('tcp', portOf(client))?.state).toBe('ESTABLISHED');
    const { outcome } = await h.lab.handlers['scenarios.action']({ runId, action: 'send' });
    expect(outcome).toMatch(/^accepted conn/);
  });

  test.each(['client', 'server'] as const)('tcp-time-wait: the %s closes first and is the one in TIME_WAIT', async (closer) => {
    const h = newLab();
    await run(h, 'tcp-time-wait', { closer });
    const client = socket(h, 'client_socket');
    const conn = acceptedFrom(h, socket(h, 'server_socket'));
    const [closerEnd, otherEnd] = closer === 'client' ? [[portOf(client), portOf(conn)], [portOf(conn), portOf(client)]] : [[portOf(conn), portOf(client)], [portOf(client), portOf(conn)]];
    const row = await until('TIME_WAIT on the closer', () => {
      const found = ssEnd('tcp', closerEnd[0] as number, closerEnd[1]);
      return found?.state === 'TIME_WAIT' && found;
    });
    expect(row.pid).toBeNull();
    expect(ssEnd('tcp', otherEnd[0] as number, otherEnd[1])).toBeUndefined();
  });

  test('tcp-restart-server: EADDRINUSE on a port in TIME_WAIT unless SO_REUSEADDR is on both the old and the new socket', async () => {
    const h = newLab();
    const { runId, steps } = await run(h, 'tcp-restart-server');
    await h.waitFor('scenario.stopped', (e) => e.data.runId === runId);
    const answers = steps()
      .filter((text) => text.startsWith('a new server'))
      .map((text) => text.replace(/port \d+/, 'port P'));
    // As measured here: the TIME_WAIT entry keeps the old socket's SO_REUSEADDR, so both need it.
    expect(answers).toEqual([
      'a new server without SO_REUSEADDR binding port P: EADDRINUSE',
      'a new server with SO_REUSEADDR binding port P: EADDRINUSE',
      'a new server without SO_REUSEADDR binding port P: EADDRINUSE',
      'a new server with SO_REUSEADDR binding port P: bound and listening',
    ]);
    expect(steps().at(-1)).toMatch(/^net\.ipv4\.tcp_tw_reuse is /);
  });

  test('tcp-reset: the peer’s recv fails with ECONNRESET', async () => {
    const h = newLab();
    const { runId, steps } = await run(h, 'tcp-reset');
    await h.waitFor('scenario.stopped', (e) => e.data.runId === runId);
    expect(steps()).toContain('the server’s recv failed: ECONNRESET');
  });

  test('udp-echo and udp-vs-tcp: datagrams keep their boundaries, the stream does not; UDP needs no listener, TCP is refused', async () => {
    const h = newLab();
    const echo = await run(h, 'udp-echo', { messages: ['ping', 'pong'] });
    await h.waitFor('scenario.stopped', (e) => e.data.runId === echo.runId);
    expect(echo.steps().filter((text) => /came back: "(ping|pong)"$/.test(text))).toHaveLength(2);
    const versus = await run(h, 'udp-vs-tcp', { messages: ['one', 'two', 'three'] });
    await h.waitFor('scenario.stopped', (e) => e.data.runId === versus.runId);
    const said = versus.steps();
    expect(said).toContain('UDP: 3 sendto() calls, 3 datagrams received, each whole: "one", "two", "three"');
    expect(said.some((text) => text.includes('one recv() returned 11 bytes: "onetwothree"'))).toBe(true);
    expect(said.some((text) => /TCP connect\(\) to port \d+: ECONNREFUSED/.test(text))).toBe(true);
  });
});
