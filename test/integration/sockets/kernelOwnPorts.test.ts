/**
 * Loopscope's own server (browser mode's page and RPC) runs in the main process, whose sockets are
 * otherwise the lab's: the tracker leaves the ports it is told are Loopscope's out of the lab's rows.
 */
import { once } from 'node:events';
import { createConnection, createServer, type Server } from 'node:net';
import { afterEach, expect, test } from 'vitest';
import { SocketTracker } from '../../../electron/lab/sockets/kernel/socketTracker.js';

const servers: Server[] = [];
afterEach(() => servers.splice(0).forEach((server) => server.close()));

async function listening(): Promise<number> {
  const server = createServer((socket) => socket.on('error', () => {}));
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as { port: number }).port;
}

test("sockets on Loopscope's own port, and the connections accepted there, are not the lab's", async () => {
  const [own, lab] = [await listening(), await listening()];
  const clients = [own, lab].map((port) => createConnection({ host: '127.0.0.1', port }));
  await Promise.all(clients.map((client) => once(client, 'connect')));
  const tracker = new SocketTracker({ emit: () => {}, labPids: () => [process.pid], ownPorts: () => [own] });
  try {
    tracker.tick();
    const ports = tracker.labSockets().map((socket) => socket.local.port);
    expect(ports).toContain(lab);
    expect(ports).not.toContain(own);
  } finally {
    tracker.stop();
    clients.forEach((client) => client.destroy());
  }
});
