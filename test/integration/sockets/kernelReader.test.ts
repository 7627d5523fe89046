import { execFileSync } from 'node:child_process';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { once } from 'node:events';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { KernelSocket } from '../../../shared/schemas/socketStates.js';
import { InodeOwners } from '../../../electron/lab/sockets/kernel/inodeOwners.js';
import type { KernelReader } from '../../../electron/lab/sockets/kernel/kernelReader.js';
import { NetlinkSockDiag } from '../../../electron/lab/sockets/kernel/netlinkSockDiag.js';
import { ProcNetTables } from '../../../electron/lab/sockets/kernel/procNetTables.js';
import { until } from '../../support/poll.js';

/** ss's state names (iproute2's sstate_name) → the kernel's. */
const SS_STATES: Record<string, string> = {
  ESTAB: 'ESTABLISHED',
  'SYN-SENT': 'SYN_SENT',
  'SYN-RECV': 'SYN_RECV',
  'FIN-WAIT-1': 'FIN_WAIT1',
  'FIN-WAIT-2': 'FIN_WAIT2',
  'TIME-WAIT': 'TIME_WAIT',
  'CLOSE-WAIT': 'CLOSE_WAIT',
  'LAST-ACK': 'LAST_ACK',
  LISTEN: 'LISTEN',
  CLOSING: 'CLOSING',
  UNCONN: 'UNCONN',
};

interface Row {
  state: string;
  local: string;
  remote: string;
  receiveQueue: number;
  sendQueue: number;
  pid: number | null;
}

/** `[::1]:8080` or `127.0.0.1:*` as ss prints an endpoint → `::1 8080`. */
function ssEndpoint(text: string): string {
  const colon = text.lastIndexOf(':');
  const address = text.slice(0, colon).replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const port = text.slice(colon + 1);
  return `${address === '*' ? '0.0.0.0' : address} ${port === '*' ? 0 : Number(port)}`;
}

function ssRows(protocolFlag: '-tanpH' | '-uanpH'): Row[] {
  return execFileSync('ss', [protocolFlag], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [state = '', rq = '0', sq = '0', local = '', remote = ''] = line.trim().split(/\s+/);
      const pid = /pid=(\d+)/.exec(line)?.[1];
      return {
        state: SS_STATES[state] ?? state,
        local: ssEndpoint(local),
        remote: ssEndpoint(remote),
        receiveQueue: Number(rq),
        sendQueue: Number(sq),
        pid: pid ? Number(pid) : null,
      };
    });
}

function ourRows(sockets: readonly KernelSocket[], owners: InodeOwners): Row[] {
  return sockets.map((socket) => ({
    state: socket.state,
    local: `${socket.local.address} ${socket.local.port}`,
    remote: `${socket.remote.address} ${socket.remote.port}`,
    receiveQueue: socket.receiveQueue,
    sendQueue: socket.sendQueue,
    pid: owners.ownerOf(socket.inode).pid,
  }));
}

const order = (rows: Row[]): Row[] => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

const servers: Server[] = [];
const clients: Socket[] = [];
const connectors: Socket[] = [];
const datagrams: UdpSocket[] = [];
const ports = new Set<number>();

async function listen(host: string): Promise<Server> {
  const server = createServer((socket) => clients.push(socket));
  server.listen(0, host, 7);
  await once(server, 'listening');
  servers.push(server);
  ports.add((server.address() as { port: number }).port);
  return server;
}

async function connect(server: Server, host: string): Promise<void> {
  const client = createConnection({ host, port: (server.address() as { port: number }).port });
  await once(client, 'connect');
  connectors.push(client);
  ports.add(client.localPort as number);
}

async function bindUdp(type: 'udp4' | 'udp6', host: string, connectTo?: number): Promise<UdpSocket> {
  const socket = createSocket(type);
  socket.bind(0, host);
  await once(socket, 'listening');
  if (connectTo !== undefined) {
    socket.connect(connectTo, host);
    await once(socket, 'connect');
  }
  datagrams.push(socket);
  ports.add(socket.address().port);
  return socket;
}

beforeAll(async () => {
  const v4 = await listen('127.0.0.1');
  const v6 = await listen('::1');
  for (let i = 0; i < 2; i++) {
    await connect(v4, '127.0.0.1');
    await connect(v6, '::1');
  }
  await until('every connection accepted', () => clients.length === 4);
  const unconnected = await bindUdp('udp4', '127.0.0.1');
  await bindUdp('udp4', '127.0.0.1', unconnected.address().port);
  await bindUdp('udp6', '::1');
});

afterAll(() => {
  for (const socket of [...clients, ...connectors]) socket.destroy();
  for (const server of servers) server.close();
  for (const socket of datagrams) socket.close();
});

const ours = (row: Row): boolean => ports.has(Number(row.local.split(' ')[1]));

describe.each([
  ['netlink sock_diag', () => new NetlinkSockDiag()],
  ['/proc/net', () => new ProcNetTables()],
])('the kernel socket reader (%s) against ss taken at the same moment', (name, open: () => KernelReader) => {
  test('TCP over IPv4 and IPv6: states, addresses, queues and owner pids agree', () => {
    const reader = open();
    const owners = new InodeOwners({ pids: () => [process.pid] });
    const theirs = ssRows('-tanpH').filter(ours);
    const reading = reader.read({ protocols: ['tcp'], tcpStates: 'all', tcpInfo: true });
    reader.close();
    owners.resolve(reading.map((socket) => socket.inode));
    const mine = ourRows(reading, owners).filter(ours);
    expect(mine.filter((row) => row.state === 'LISTEN')).toHaveLength(2);
    expect(mine.filter((row) => row.state === 'ESTABLISHED')).toHaveLength(8);
    expect(mine.every((row) => row.pid === process.pid)).toBe(true);
    // /proc/net/tcp does not print a listener's backlog, which ss shows as its Send-Q.
    const comparable = (rows: Row[]): Row[] =>
      order(name === '/proc/net' ? rows.map((row) => (row.state === 'LISTEN' ? { ...row, sendQueue: 0 } : row)) : rows);
    expect(comparable(mine)).toEqual(comparable(theirs));
  });

  test('UDP over IPv4 and IPv6: UNCONN and ESTABLISHED as ss shows them', () => {
    const reader = open();
    const owners = new InodeOwners({ pids: () => [process.pid] });
    const theirs = ssRows('-uanpH').filter(ours);
    const reading = reader.read({ protocols: ['udp'], tcpStates: 'all', tcpInfo: true });
    reader.close();
    owners.resolve(reading.map((socket) => socket.inode));
    const mine = ourRows(reading, owners).filter(ours);
    expect(mine.map((row) => row.state).sort()).toEqual(['ESTABLISHED', 'UNCONN', 'UNCONN']);
    expect(order(mine)).toEqual(order(theirs));
  });
});

describe('netlink filters in the kernel', () => {
  test("LISTEN only; and one port's connections, by the bytecode filter, beside the listeners", () => {
    const reader = new NetlinkSockDiag();
    const listening = reader.read({ protocols: ['tcp'], tcpStates: 'listen', tcpInfo: false });
    expect(new Set(listening.map((socket) => socket.state))).toEqual(new Set(['LISTEN']));
    const port = connectors.find((socket) => socket.remoteFamily === 'IPv6')?.localPort as number;
    const filtered = reader.read({ protocols: ['tcp'], tcpStates: 'listen', ports: [port], tcpInfo: true });
    reader.close();
    const connected = filtered.filter((socket) => socket.state !== 'LISTEN');
    // The client's socket (local port P) and the server's accepted end (remote port P): nothing else.
    expect(connected.map((socket) => [socket.local.port, socket.remote.port].includes(port))).toEqual([true, true]);
    expect(connected.every((socket) => socket.family === 'IPv6' && socket.tcpInfo !== null)).toBe(true);
  });
});
