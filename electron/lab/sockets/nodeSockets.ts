import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server, Socket as TcpSocket } from 'node:net';
import type { Protocol } from '../../../shared/schemas/sockets.js';
import type { Endpoint, SocketFamily } from '../../../shared/schemas/socketStates.js';
import { type OpArgs, type OpResult, SocketCallError, type SocketHost, type SocketOp, type Wait } from './socketOps.js';

/** What Node's net and dgram cannot do one call at a time: the UI shows these beside the socket. */
export const FUSED: Record<Protocol, string[]> = {
  tcp: [
    'bind + listen: Node binds a server when it listens, and a client when it connects',
    'accept: Node accepts every connection at once, so the accept queue never fills',
    'recv: Node reads eagerly, so the receive queue never grows',
    'TCP_DEFER_ACCEPT, SO_RCVBUF and SHUT_RD are not available',
  ],
  udp: ['recvfrom: Node reads every datagram as it arrives; a cut at bufsize is done by Loopscope, not the kernel'],
};

interface Entry {
  protocol: Protocol;
  family: SocketFamily;
  bound: Endpoint | null;
  linger0: boolean;
  server?: Server;
  tcp?: TcpSocket;
  udp?: UdpSocket;
  /** What arrived and is not yet taken: accepted connections, chunks (null: end of stream) or datagrams. */
  inbox: unknown[];
  wake: (() => void)[];
  error: NodeJS.ErrnoException | null;
}

const failureOf = (error: NodeJS.ErrnoException): SocketCallError =>
  new SocketCallError({ kind: 'errno', errno: Math.abs(error.errno ?? 0), name: error.code ?? 'EIO', message: error.message });
const unsupported = (what: string): SocketCallError => new SocketCallError({ kind: 'host', message: `${what} is not available with Node's net and dgram` });
const endpointOf = (address: { address?: string | undefined; port?: number | undefined } | string | null): Endpoint =>
  typeof address === 'object' && address ? { address: address.address ?? '', port: address.port ?? 0 } : { address: '', port: 0 };

/**
 * The fallback where libc cannot be reached (macOS, Windows): the same operations on Node's net
 * and dgram, with the steps they fuse named (FUSED). Small on purpose, and not tested on those
 * platforms here; Linux always takes SyscallSockets.
 */
export class NodeSockets implements SocketHost {
  readonly pid = process.pid;
  readonly backend = 'node';
  private readonly entries = new Map<number, Entry>();
  private next = 1;

  fused(protocol: Protocol): string[] {
    return FUSED[protocol];
  }

  async run<O extends SocketOp>(op: O, args: OpArgs<O>, wait: Wait, signal: AbortSignal): Promise<OpResult<O>> {
    const handler = this.ops[op] as (args: OpArgs<O>, wait: Wait, signal: AbortSignal) => Promise<OpResult<O>> | OpResult<O>;
    return handler(args, wait, signal);
  }

  async dispose(): Promise<void> {
    for (const fd of [...this.entries.keys()]) this.close(fd);
  }

  private readonly ops: { [O in SocketOp]: (args: OpArgs<O>, wait: Wait, signal: AbortSignal) => Promise<OpResult<O>> | OpResult<O> } = {
    open: ({ protocol, family }) => {
      const fd = this.next++;
      const entry: Entry = { protocol, family, bound: null, linger0: false, inbox: [], wake: [], error: null };
      if (protocol === 'udp') this.attachUdp(entry, createSocket(family === 'IPv6' ? 'udp6' : 'udp4'));
      this.entries.set(fd, entry);
      return { fd, inode: null };
    },
    setsockopt: ({ fd, option, value }) => {
      const entry = this.entry(fd);
      if (option === 'SO_LINGER') entry.linger0 = typeof value === 'object' && value.on && value.seconds === 0;
      else if (option === 'SO_RCVBUF' && entry.udp) entry.udp.setRecvBufferSize(Number(value));
      else if (option !== 'SO_REUSEADDR') throw unsupported(option);
      return { detail: `${option} recorded (Node applies what it can)` };
    },
    bind: async ({ fd, address, port }) => {
      const entry = this.entry(fd);
      if (entry.udp) {
        const udp = entry.udp;
        await this.settle(udp, (done) => udp.bind({ address, port }, done));
        entry.bound = endpointOf(udp.address());
      } else entry.bound = { address, port }; // fused: taken at listen() or connect()
      return { local: entry.bound };
    },
    listen: async ({ fd, backlog }) => {
      const entry = this.entry(fd);
      const server = createServer({ allowHalfOpen: true }, (socket) => {
        entry.inbox.push(socket);
        this.notify(entry);
      });
      entry.server = server;
      await this.settle(server, (done) => server.listen({ host: entry.bound?.address, port: entry.bound?.port ?? 0, backlog }, done));
      return { local: endpointOf(server.address()) };
    },
    accept: async ({ fd }, wait, signal) => {
      const entry = this.entry(fd);
      const socket = (await this.take(entry, wait, signal)) as TcpSocket;
      const accepted = this.next++;
      const child: Entry = { protocol: 'tcp', family: entry.family, bound: null, linger0: false, inbox: [], wake: [], error: null };
      this.attachTcp(child, socket);
      this.entries.set(accepted, child);
      return { fd: accepted, inode: null, local: endpointOf({ address: socket.localAddress, port: socket.localPort }), remote: endpointOf({ address: socket.remoteAddress, port: socket.remotePort }) };
    },
    connect: async ({ fd, address, port }, wait) => {
      const entry = this.entry(fd);
      if (entry.udp) {
        const udp = entry.udp;
        await this.settle(udp, (done) => udp.connect(port, address, done));
        return { local: endpointOf(udp.address()), remote: { address, port } };
      }
      const socket = new TcpSocket({ allowHalfOpen: true });
      this.attachTcp(entry, socket);
      const connected = this.settle(socket, (done) =>
        socket.connect({ host: address, port, ...(entry.bound ? { localAddress: entry.bound.address, localPort: entry.bound.port } : {}) }, done),
      );
      if (!wait.block) {
        connected.catch(() => {}); // the outcome shows on the next call
        throw new SocketCallError({ kind: 'errno', errno: 115, name: 'EINPROGRESS', message: 'Operation now in progress' });
      }
      await connected;
      return { local: endpointOf({ address: socket.localAddress, port: socket.localPort }), remote: { address, port } };
    },
    send: ({ fd, base64 }) => {
      const entry = this.entry(fd);
      if (entry.error) throw failureOf(entry.error);
      const data = Buffer.from(base64, 'base64');
      if (entry.udp) entry.udp.send(data);
      else if (entry.tcp && !entry.tcp.destroyed && entry.tcp.writable) entry.tcp.write(data);
      else throw new SocketCallError({ kind: 'errno', errno: 32, name: 'EPIPE', message: 'Broken pipe' });
      return { sent: data.length };
    },
    sendto: async ({ fd, base64, address, port, bindFirst }) => {
      const entry = this.entry(fd);
      const udp = entry.udp as UdpSocket;
      if (bindFirst !== null) await this.settle(udp, (done) => udp.bind({ address: bindFirst, port: 0 }, done));
      const data = Buffer.from(base64, 'base64');
      await new Promise<void>((resolve, reject) => udp.send(data, port, address, (error) => (error ? reject(failureOf(error)) : resolve())));
      return { sent: data.length, local: endpointOf(udp.address()) };
    },
    recv: async ({ fd, bufsize }, wait, signal) => {
      const entry = this.entry(fd);
      const chunk = (await this.take(entry, wait, signal)) as Buffer | null;
      if (chunk === null) {
        entry.inbox.unshift(null); // the end stays: every later recv returns 0 bytes too
        return { base64: '' };
      }
      if (chunk.length > bufsize) entry.inbox.unshift(chunk.subarray(bufsize));
      return { base64: chunk.subarray(0, bufsize).toString('base64') };
    },
    recvfrom: async ({ fd, bufsize }, wait, signal) => {
      const entry = this.entry(fd);
      const { data, from } = (await this.take(entry, wait, signal)) as { data: Buffer; from: Endpoint };
      return { base64: data.subarray(0, bufsize).toString('base64'), size: data.length, truncated: data.length > bufsize, from };
    },
    shutdown: ({ fd, how }) => {
      const entry = this.entry(fd);
      if (how !== 'SHUT_WR') throw unsupported(how);
      entry.tcp?.end();
      return {};
    },
    close: ({ fd }) => {
      this.close(fd);
      return {};
    },
  };

  private entry(fd: number): Entry {
    const entry = this.entries.get(fd);
    if (!entry) throw new SocketCallError({ kind: 'errno', errno: 9, name: 'EBADF', message: 'Bad file descriptor' });
    return entry;
  }

  private close(fd: number): void {
    const entry = this.entries.get(fd);
    if (!entry) return;
    this.entries.delete(fd);
    entry.server?.close();
    if (entry.tcp) {
      if (entry.linger0) entry.tcp.resetAndDestroy();
      else entry.tcp.end(() => entry.tcp?.destroy());
    }
    entry.udp?.close();
    this.notify(entry);
  }

  private attachTcp(entry: Entry, socket: TcpSocket): void {
    entry.tcp = socket;
    socket.on('data', (chunk: Buffer) => (entry.inbox.push(chunk), this.notify(entry)));
    socket.on('end', () => (entry.inbox.push(null), this.notify(entry)));
    socket.on('error', (error) => ((entry.error = error), this.notify(entry)));
  }

  private attachUdp(entry: Entry, socket: UdpSocket): void {
    entry.udp = socket;
    socket.on('message', (data, info) => (entry.inbox.push({ data, from: { address: info.address, port: info.port } }), this.notify(entry)));
    socket.on('error', (error) => ((entry.error = error), this.notify(entry)));
  }

  private notify(entry: Entry): void {
    for (const wake of entry.wake.splice(0)) wake();
  }

  /** The next thing in the inbox, waiting for it as a blocking call would (EAGAIN without blocking). */
  private async take(entry: Entry, wait: Wait, signal: AbortSignal): Promise<unknown> {
    const deadline = wait.timeoutMs === undefined ? undefined : performance.now() + wait.timeoutMs;
    for (;;) {
      if (entry.inbox.length > 0) return entry.inbox.shift();
      if (entry.error) throw failureOf(entry.error);
      if (!this.isOpen(entry)) throw new SocketCallError({ kind: 'closed' });
      if (!wait.block) throw new SocketCallError({ kind: 'errno', errno: 11, name: 'EAGAIN', message: 'Resource temporarily unavailable' });
      if (signal.aborted) throw new SocketCallError({ kind: 'aborted' });
      await new Promise<void>((resolve) => {
        const timer = deadline === undefined ? undefined : setTimeout(resolve, Math.max(0, deadline - performance.now()));
        const done = (): void => (clearTimeout(timer), signal.removeEventListener('abort', done), resolve());
        signal.addEventListener('abort', done, { once: true });
        entry.wake.push(done);
      });
      if (deadline !== undefined && performance.now() >= deadline && entry.inbox.length === 0) throw new SocketCallError({ kind: 'timeout' });
    }
  }

  private isOpen(entry: Entry): boolean {
    return [...this.entries.values()].includes(entry);
  }

  /** Runs a Node call that reports through a callback or an 'error' event, as one promise. */
  private settle(emitter: NodeJS.EventEmitter, start: (done: () => void) => void): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException): void => reject(failureOf(error));
      emitter.once('error', onError);
      start(() => {
        emitter.off('error', onError);
        resolve();
      });
    });
  }
}
