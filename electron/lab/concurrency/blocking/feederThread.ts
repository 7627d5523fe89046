import type { ThreadKit } from '../threads/labThread.js';

/** What the feeder is to feed: the writing end of a FIFO, or a TCP listener on loopback that answers each client. */
export type FeederData = { mode: 'fifo'; path: string; delayMs: number } | { mode: 'tcp'; delayMs: number };

export type FeederMessage = { type: 'listening'; port: number };

/**
 * The other side of every wait (self-contained: it runs from its source). On its own thread, so that the
 * caller's thread blocking cannot hold it up: it opens the FIFO for writing (which returns once the caller
 * has opened it for reading), or accepts the caller's connection, then waits `delayMs` and sends one byte.
 */
export function feederThread(data: FeederData, kit: ThreadKit): Promise<void> | void {
  if (data.mode === 'fifo') {
    const fs = kit.require('node:fs') as typeof import('node:fs');
    const fd = fs.openSync(data.path, 'w');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, data.delayMs);
    fs.writeSync(fd, 'x');
    fs.closeSync(fd);
    return;
  }
  const net = kit.require('node:net') as typeof import('node:net');
  return new Promise<void>((resolve) => {
    const server = net.createServer((socket) => {
      socket.on('error', () => socket.destroy());
      // One client, one reply: the listener closes once that reply is sent.
      setTimeout(() => socket.end('x', () => server.close(() => resolve())), data.delayMs);
    });
    server.listen(0, '127.0.0.1', () => kit.post({ type: 'listening', port: (server.address() as { port: number }).port }));
  });
}
