import { once } from 'node:events';
import { closeSync, open, openSync, read, readSync } from 'node:fs';
import { connect, Socket } from 'node:net';
import { join } from 'node:path';
import type { BlockingVariant, BlockingVariantId } from '../../../../shared/schemas/concurrencyBlocking.js';
import { makeFifo } from '../../scenarios/fifo.js';
import { AF_INET, loadLibc, SOCK_CLOEXEC, SOCK_STREAM } from '../../sockets/libc.js';
import { encodeSockaddr } from '../../sockets/sockaddr.js';
import { type LabThread, startLabThread } from '../threads/labThread.js';
import { type FeederData, type FeederMessage, feederThread } from './feederThread.js';

/** When the caller made its call and when the data was in its hands, on the run's clock. */
export interface Waited {
  startMs: number;
  endMs: number;
  bytes: number;
}

export interface WaitContext {
  clock(): number;
  delayMs: number;
  /** A fresh FIFO's path. */
  fifo(name: string): string;
}

interface VariantSpec extends Pick<BlockingVariant, 'call' | 'style' | 'waiter'> {
  wait(context: WaitContext): Promise<Waited>;
}

async function withFeeder<T>(data: FeederData, use: (feeder: LabThread) => Promise<T>): Promise<T> {
  const feeder = startLabThread(data.mode === 'fifo' ? 'feeder-fifo' : 'feeder-tcp', feederThread, data);
  try {
    await feeder.tid; // running: the caller may block from here on without holding it up
    const result = await use(feeder);
    await feeder.done;
    return result;
  } finally {
    await feeder.worker.terminate();
  }
}

const fromFifo = (context: WaitContext, id: string, readFifo: (path: string) => Promise<Waited>): Promise<Waited> => {
  const path = context.fifo(id);
  return withFeeder({ mode: 'fifo', path, delayMs: context.delayMs }, () => readFifo(path));
};

const fromListener = (context: WaitContext, recv: (port: number) => Promise<Waited>): Promise<Waited> =>
  withFeeder({ mode: 'tcp', delayMs: context.delayMs }, async (feeder) => {
    const listening = new Promise<number>((resolve) => feeder.onMessage((message) => resolve((message as FeederMessage).port)));
    return recv(await listening);
  });

const openAsync = (path: string): Promise<number> => new Promise((resolve, reject) => open(path, 'r', (error, fd) => (error ? reject(error) : resolve(fd))));

/** The five ways to wait for the same byte, in the order they run. */
export const blockingVariants: Record<BlockingVariantId, VariantSpec> = {
  'read-sync': {
    call: 'fs.readSync(fifo)',
    style: 'sync',
    waiter: 'caller',
    wait: (context) =>
      fromFifo(context, 'read-sync', async (path) => {
        const fd = openSync(path, 'r');
        try {
          const startMs = context.clock();
          const bytes = readSync(fd, Buffer.alloc(16));
          return { startMs, endMs: context.clock(), bytes };
        } finally {
          closeSync(fd);
        }
      }),
  },
  'read-threadpool': {
    call: 'fs.read(fifo, callback)',
    style: 'callback',
    waiter: 'pool-thread',
    wait: (context) =>
      fromFifo(context, 'read-threadpool', async (path) => {
        const fd = await openAsync(path);
        try {
          const startMs = context.clock();
          const bytes = await new Promise<number>((resolve, reject) => read(fd, Buffer.alloc(16), 0, 16, null, (error, n) => (error ? reject(error) : resolve(n))));
          return { startMs, endMs: context.clock(), bytes };
        } finally {
          closeSync(fd);
        }
      }),
  },
  'read-evented': {
    call: "new net.Socket({ fd: fifo }).on('data')",
    style: 'callback',
    waiter: 'none',
    wait: (context) =>
      fromFifo(context, 'read-evented', async (path) => {
        // libuv makes the descriptor non-blocking and asks epoll when it is readable: no thread waits in read().
        const pipe = new Socket({ fd: await openAsync(path), readable: true, writable: false });
        try {
          const startMs = context.clock();
          const [data] = (await once(pipe, 'data')) as [Buffer];
          return { startMs, endMs: context.clock(), bytes: data.length };
        } finally {
          pipe.destroy();
        }
      }),
  },
  'recv-blocking': {
    call: 'recv(fd) on a blocking socket',
    style: 'sync',
    waiter: 'caller',
    wait: (context) =>
      fromListener(context, async (port) => {
        const libc = loadLibc();
        if (!libc) throw new Error('libc is not reachable here');
        const fd = libc.socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        try {
          const address = encodeSockaddr('IPv4', '127.0.0.1', port);
          if (libc.connect(fd, address, address.length) !== 0) throw new Error(`connect: ${libc.strerror(libc.errno())}`);
          const startMs = context.clock();
          const bytes = Number(libc.recv(fd, Buffer.alloc(16), 16, 0));
          const endMs = context.clock();
          if (bytes < 0) throw new Error(`recv: ${libc.strerror(libc.errno())}`);
          return { startMs, endMs, bytes };
        } finally {
          libc.close(fd);
        }
      }),
  },
  'recv-evented': {
    call: "net.connect(port).on('data')",
    style: 'callback',
    waiter: 'none',
    wait: (context) =>
      fromListener(context, async (port) => {
        const socket = connect(port, '127.0.0.1');
        try {
          await once(socket, 'connect');
          const startMs = context.clock();
          const [data] = (await once(socket, 'data')) as [Buffer];
          return { startMs, endMs: context.clock(), bytes: data.length };
        } finally {
          socket.destroy();
        }
      }),
  },
};

/** Where the blocking recv cannot run, why; null where it can. */
export const recvUnavailable = (): string | null =>
  loadLibc() ? null : `a blocking recv() on a raw descriptor needs libc through koffi, on Linux (here: ${process.platform})`;

export const fifoIn = (dir: string) => (name: string): string => {
  const path = join(dir, name);
  makeFifo(path);
  return path;
};
