import { afterEach, describe, expect, test } from 'vitest';
import { EventHub } from '../../../electron/lab/hub/eventHub.js';
import { NodeSockets } from '../../../electron/lab/sockets/nodeSockets.js';
import { type Blocking, SocketLab } from '../../../electron/lab/sockets/socketLab.js';

/**
 * The fallback for platforms without libc through koffi, run here on Linux: the same lab calls
 * on Node's net and dgram, each socket naming the steps they fuse. (macOS and Windows themselves
 * are not tested here.)
 */
const hosts: NodeSockets[] = [];
function fallbackLab(): SocketLab {
  const host = new NodeSockets();
  hosts.push(host);
  const hub = new EventHub({ state: () => ({ processes: [] }) });
  return new SocketLab({ hub, mainHost: () => host, labHost: () => host, onActivity: () => {} });
}
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.dispose()));
});
const wait: Blocking = { block: true, timeout: 5, signal: new AbortController().signal };

describe("Node's net and dgram as the fallback", () => {
  test('TCP: listen, connect, accept, send, recv, peer closed; the fused steps are named', async () => {
    const lab = fallbackLab();
    const server = await lab.create('tcp', 'IPv4', 'main');
    expect(server.info.backend).toBe('node');
    expect(server.info.fused.join(' ')).toMatch(/accept queue never fills/);
    await lab.bind(server.info.socketId, '127.0.0.1', 0, undefined);
    const port = (await lab.listen(server.info.socketId, 8)).local?.port as number;
    const client = await lab.create('tcp', 'IPv4', 'main');
    await lab.connect(client.info.socketId, '127.0.0.1', port, wait);
    const { socket: conn } = await lab.accept(server.info.socketId, wait);
    await lab.send(client.info.socketId, { text: 'hello', encoding: 'utf8' }, wait);
    expect((await lab.recv(conn.socketId, 1024, 'utf8', wait)).data.text).toBe('hello');
    await lab.close(client.info.socketId, undefined);
    expect((await lab.recv(conn.socketId, 1024, 'utf8', wait)).peerClosed).toBe(true);
  });

  test('UDP: a datagram longer than bufsize is cut, with its real size', async () => {
    const lab = fallbackLab();
    const receiver = await lab.create('udp', 'IPv4', 'main');
    const port = (await lab.bind(receiver.info.socketId, '127.0.0.1', 0, undefined)).local?.port as number;
    const sender = await lab.create('udp', 'IPv4', 'main');
    const sent = await lab.sendto(sender.info.socketId, { text: 'hello world', encoding: 'utf8' }, '127.0.0.1', port, wait);
    expect(sent.socket.local?.port).toBeGreaterThan(0);
    const got = await lab.recvfrom(receiver.info.socketId, 5, 'utf8', wait);
    expect(got).toMatchObject({ size: 11, truncated: true, from: { port: sent.socket.local?.port } });
    expect(got.data.text).toBe('hello');
  });
});
