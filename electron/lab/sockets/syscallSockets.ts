import { readlinkSync } from 'node:fs';
import {
  AF_INET,
  AF_INET6,
  describeErrno,
  IPPROTO_TCP,
  type Libc,
  MSG_NOSIGNAL,
  MSG_TRUNC,
  POLLIN,
  POLLOUT,
  SHUT,
  SO_ERROR,
  SO_LINGER,
  SO_RCVBUF,
  SO_REUSEADDR,
  SOCK_CLOEXEC,
  SOCK_DGRAM,
  SOCK_NONBLOCK,
  SOCK_STREAM,
  SOL_SOCKET,
  TCP_DEFER_ACCEPT,
} from './libc.js';
import { Readiness, WaitEnded } from './readiness.js';
import { decodeSockaddr, encodeSockaddr, SOCKADDR_MAX } from './sockaddr.js';
import { type OpArgs, type OpResult, SocketCallError, type SocketHost, type SocketOp, type Wait } from './socketOps.js';

const EAGAIN = 11;
const EINPROGRESS = 115;
const EALREADY = 114;
const EISCONN = 106;

/** The kernel's inode for the socket behind `fd`, as /proc/self/fd shows it: socket:[N]. */
function inodeOf(fd: number): number | null {
  try {
    const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

interface Call {
  wait: Wait;
  /** When a blocking call with a timeout gives up, however many times it had to wait. */
  deadline: number | undefined;
  signal: AbortSignal;
  onWaiting: () => void;
}

/**
 * This process's sockets, one libc call per step. Descriptors are non-blocking and never given to
 * libuv; a call that would block retries when the poll thread says the descriptor is ready.
 */
export class SyscallSockets implements SocketHost {
  readonly pid = process.pid;
  readonly backend = 'syscalls';
  private readonly readiness: Readiness;
  private readonly fds = new Set<number>();

  constructor(
    private readonly libc: Libc,
    koffi: string,
  ) {
    this.readiness = new Readiness(libc, koffi);
  }

  fused(): string[] {
    return [];
  }

  get openCount(): number {
    return this.fds.size;
  }

  async run<O extends SocketOp>(op: O, args: OpArgs<O>, wait: Wait, signal: AbortSignal, onWaiting: () => void): Promise<OpResult<O>> {
    const call: Call = { wait, signal, onWaiting, deadline: wait.timeoutMs === undefined ? undefined : performance.now() + wait.timeoutMs };
    const handler = this.ops[op] as (args: OpArgs<O>, call: Call) => OpResult<O> | Promise<OpResult<O>>;
    return handler(args, call);
  }

  async dispose(): Promise<void> {
    for (const fd of [...this.fds]) this.close(fd);
    await this.readiness.dispose();
  }

  private readonly ops: { [O in SocketOp]: (args: OpArgs<O>, call: Call) => OpResult<O> | Promise<OpResult<O>> } = {
    open: ({ protocol, family }) => {
      const fd = this.check(
        this.libc.socket(family === 'IPv6' ? AF_INET6 : AF_INET, (protocol === 'tcp' ? SOCK_STREAM : SOCK_DGRAM) | SOCK_NONBLOCK | SOCK_CLOEXEC, 0),
      );
      this.fds.add(fd);
      return { fd, inode: inodeOf(fd) };
    },
    setsockopt: ({ fd, option, value }) => {
      const int = (n: number): Buffer => {
        const buffer = Buffer.alloc(4);
        buffer.writeInt32LE(n);
        return buffer;
      };
      switch (option) {
        case 'SO_REUSEADDR':
          this.check(this.libc.setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, int(value ? 1 : 0), 4));
          return { detail: `SO_REUSEADDR ${value ? 'on' : 'off'}` };
        case 'SO_LINGER': {
          const linger = typeof value === 'object' ? value : { on: Boolean(value), seconds: 0 };
          const buffer = Buffer.alloc(8); // struct linger { int l_onoff; int l_linger; }
          buffer.writeInt32LE(linger.on ? 1 : 0, 0);
          buffer.writeInt32LE(linger.seconds, 4);
          this.check(this.libc.setsockopt(fd, SOL_SOCKET, SO_LINGER, buffer, 8));
          return { detail: linger.on ? (linger.seconds === 0 ? 'SO_LINGER {1, 0}: close() will send RST' : `SO_LINGER {1, ${linger.seconds}}`) : 'SO_LINGER off' };
        }
        case 'TCP_DEFER_ACCEPT':
          this.check(this.libc.setsockopt(fd, IPPROTO_TCP, TCP_DEFER_ACCEPT, int(Number(value)), 4));
          return { detail: `TCP_DEFER_ACCEPT ${Number(value)} s: a connection waits in SYN_RECV until its first data` };
        case 'SO_RCVBUF': {
          this.check(this.libc.setsockopt(fd, SOL_SOCKET, SO_RCVBUF, int(Number(value)), 4));
          const read = Buffer.alloc(4);
          this.check(this.libc.getsockopt(fd, SOL_SOCKET, SO_RCVBUF, read, [4]));
          return { detail: `SO_RCVBUF ${Number(value)}: the kernel reports ${read.readInt32LE()} (it doubles the value for its own bookkeeping)` };
        }
      }
    },
    bind: ({ fd, family, address, port }) => {
      const sockaddr = encodeSockaddr(family, address, port);
      this.check(this.libc.bind(fd, sockaddr, sockaddr.length));
      return { local: this.localOf(fd) };
    },
    listen: ({ fd, backlog }) => {
      this.check(this.libc.listen(fd, backlog));
      return { local: this.localOf(fd) };
    },
    accept: async ({ fd }, call) => {
      const peer = Buffer.alloc(SOCKADDR_MAX);
      const accepted = await this.retry(fd, POLLIN, call, () => this.libc.accept4(fd, peer, [SOCKADDR_MAX], SOCK_NONBLOCK | SOCK_CLOEXEC));
      this.fds.add(accepted);
      return { fd: accepted, inode: inodeOf(accepted), local: this.localOf(accepted), remote: decodeSockaddr(peer) };
    },
    connect: async ({ fd, family, address, port }, call) => {
      const sockaddr = encodeSockaddr(family, address, port);
      if (this.libc.connect(fd, sockaddr, sockaddr.length) !== 0) {
        const errno = this.libc.errno();
        if (errno !== EISCONN) {
          // In progress: the SYN is out. Without blocking, that is the answer (the kernel's EINPROGRESS).
          if ((errno !== EINPROGRESS && errno !== EALREADY) || !call.wait.block) throw this.errnoError(errno);
          call.onWaiting();
          await this.waitFor(fd, POLLOUT, call);
          const error = Buffer.alloc(4);
          this.check(this.libc.getsockopt(fd, SOL_SOCKET, SO_ERROR, error, [4]));
          if (error.readInt32LE() !== 0) throw this.errnoError(error.readInt32LE());
        }
      }
      return { local: this.localOf(fd), remote: this.peerOf(fd) };
    },
    send: async ({ fd, base64 }, call) => {
      const data = Buffer.from(base64, 'base64');
      return { sent: await this.retry(fd, POLLOUT, call, () => this.libc.send(fd, data, data.length, MSG_NOSIGNAL)) };
    },
    sendto: async ({ fd, family, base64, address, port, bindFirst }, call) => {
      if (bindFirst !== null) {
        const local = encodeSockaddr(family, bindFirst, 0);
        this.check(this.libc.bind(fd, local, local.length));
      }
      const data = Buffer.from(base64, 'base64');
      const sockaddr = encodeSockaddr(family, address, port);
      const sent = await this.retry(fd, POLLOUT, call, () => this.libc.sendto(fd, data, data.length, MSG_NOSIGNAL, sockaddr, sockaddr.length));
      return { sent, local: this.localOf(fd) };
    },
    recv: async ({ fd, bufsize }, call) => {
      const buffer = Buffer.alloc(bufsize);
      const got = await this.retry(fd, POLLIN, call, () => this.libc.recv(fd, buffer, bufsize, 0));
      return { base64: buffer.subarray(0, got).toString('base64') };
    },
    recvfrom: async ({ fd, bufsize }, call) => {
      const buffer = Buffer.alloc(bufsize);
      const name = Buffer.alloc(SOCKADDR_MAX);
      const message = {
        msg_name: name,
        msg_namelen: SOCKADDR_MAX,
        msg_iov: [{ iov_base: buffer, iov_len: bufsize }],
        msg_iovlen: 1,
        msg_control: null,
        msg_controllen: 0,
        msg_flags: 0,
      };
      // With MSG_TRUNC in flags the kernel returns the datagram's real length even when it is cut; msg_flags says it was.
      const size = await this.retry(fd, POLLIN, call, () => this.libc.recvmsg(fd, message, MSG_TRUNC));
      return {
        base64: buffer.subarray(0, Math.min(size, bufsize)).toString('base64'),
        size,
        truncated: (message.msg_flags & MSG_TRUNC) !== 0,
        from: decodeSockaddr(name),
      };
    },
    shutdown: ({ fd, how }) => {
      this.check(this.libc.shutdown(fd, SHUT[how]));
      return {};
    },
    close: ({ fd }) => {
      this.close(fd);
      return {};
    },
  };

  private close(fd: number): void {
    if (!this.fds.delete(fd)) return;
    this.readiness.forget(fd);
    this.libc.close(fd);
  }

  /** Calls `attempt` until the kernel does it; on EAGAIN, waits for the descriptor (or fails at once without blocking). */
  private async retry(fd: number, events: number, call: Call, attempt: () => number): Promise<number> {
    let told = false;
    for (;;) {
      const result = attempt();
      if (result >= 0) return result;
      const errno = this.libc.errno();
      if (errno !== EAGAIN || !call.wait.block) throw this.errnoError(errno);
      if (!told) call.onWaiting();
      told = true;
      await this.waitFor(fd, events, call);
    }
  }

  private async waitFor(fd: number, events: number, call: Call): Promise<void> {
    try {
      const timeoutMs = call.deadline === undefined ? undefined : Math.max(0, call.deadline - performance.now());
      await this.readiness.wait(fd, events, { timeoutMs, signal: call.signal });
    } catch (error) {
      if (error instanceof WaitEnded) throw new SocketCallError({ kind: error.reason });
      throw error;
    }
  }

  private localOf(fd: number): ReturnType<typeof decodeSockaddr> {
    const buffer = Buffer.alloc(SOCKADDR_MAX);
    this.check(this.libc.getsockname(fd, buffer, [SOCKADDR_MAX]));
    return decodeSockaddr(buffer);
  }

  private peerOf(fd: number): ReturnType<typeof decodeSockaddr> {
    const buffer = Buffer.alloc(SOCKADDR_MAX);
    this.check(this.libc.getpeername(fd, buffer, [SOCKADDR_MAX]));
    return decodeSockaddr(buffer);
  }

  private check(result: number): number {
    if (result < 0) throw this.errnoError(this.libc.errno());
    return result;
  }

  private errnoError(errno: number): SocketCallError {
    return new SocketCallError({ kind: 'errno', errno, ...describeErrno(this.libc, errno) });
  }
}
