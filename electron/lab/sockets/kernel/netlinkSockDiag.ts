import { createRequire } from 'node:module';
import type { KernelSocket, SocketProtocol } from '../../../../shared/schemas/socketStates.js';
import {
  AF_UNSPEC,
  AF_INET,
  AF_INET6,
  type DiagRequest,
  diagRequest,
  type ExactTarget,
  exactRequest,
  NetlinkError,
  parseDiagChunk,
} from './inetDiagMessages.js';
import type { KernelReader, ReadQuery } from './kernelReader.js';
import { TCP_LISTEN, tcpStateBit } from './kernelStates.js';

const AF_NETLINK = 16;
const SOCK_RAW = 3;
const SOCK_NONBLOCK = 0o4000;
const SOCK_CLOEXEC = 0o2000000;
const NETLINK_SOCK_DIAG = 4;
const EAGAIN = 11;
const EINTR = 4;
const ENOENT = 2;
/** Bits 1–12: every TCP state, request sockets (NEW_SYN_RECV) included; UDP uses 1 (connected) and 7 (not). */
const ALL_STATES = 0x1ffe;
const RECEIVE_BUFFER = 64 * 1024;
const BY_FAMILY: readonly DiagRequest['family'][] = [AF_INET, AF_INET6];
const BOTH_AT_ONCE: readonly DiagRequest['family'][] = [AF_UNSPEC];
/** A dump the kernel has not finished after this many empty non-blocking reads is abandoned, not waited for. */
const MAX_EMPTY_READS = 1000;

interface NetlinkLibc {
  socket(domain: number, type: number, protocol: number): number;
  sendto(fd: number, buffer: Buffer, length: number, flags: number, address: Buffer, addressLength: number): number;
  recv(fd: number, buffer: Buffer, length: number, flags: number): number;
  close(fd: number): number;
  errno(): number;
}

function loadLibc(): NetlinkLibc {
  if (process.platform !== 'linux') throw new Error(`netlink sock_diag exists on Linux only, not on ${process.platform}.`);
  const koffi = createRequire(import.meta.url)('koffi') as typeof import('koffi');
  const lib = koffi.load('libc.so.6');
  return {
    socket: lib.func('int socket(int domain, int type, int protocol)'),
    sendto: lib.func('long sendto(int fd, const void *buf, size_t len, int flags, const void *addr, uint32_t addrlen)'),
    recv: lib.func('long recv(int fd, _Out_ void *buf, size_t len, int flags)'),
    close: lib.func('int close(int fd)'),
    errno: () => koffi.errno(),
  } as NetlinkLibc;
}

/**
 * The kernel's socket tables through NETLINK_SOCK_DIAG, as ss reads them: one dump per family and
 * protocol, filtered in the kernel by state and (for a few ports) by a bytecode program. The socket
 * is non-blocking and every call returns in well under a millisecond (the kernel builds each batch
 * of a dump during the recv that asks for it), so this runs on the main thread.
 */
export class NetlinkSockDiag implements KernelReader {
  readonly source = 'netlink' as const;
  private readonly libc: NetlinkLibc;
  private readonly fd: number;
  private readonly kernelAddress = Buffer.alloc(12); // sockaddr_nl { AF_NETLINK, pad, pid 0 (the kernel), groups 0 }
  private readonly chunk = Buffer.alloc(RECEIVE_BUFFER);
  private seq = 0;
  /** Whether the kernel answers TCPDIAG_GETSOCK, which dumps TCP over IPv4 and IPv6 in one walk of the hash. */
  private bothFamiliesAtOnce = false;
  private closed = false;

  /** Throws with the reason where netlink is unavailable or refused (not Linux, no koffi, a seccomp or LSM policy). */
  constructor() {
    this.libc = loadLibc();
    this.fd = this.libc.socket(AF_NETLINK, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    if (this.fd < 0) throw new Error(`socket(AF_NETLINK, NETLINK_SOCK_DIAG) failed: errno ${this.libc.errno()}`);
    this.kernelAddress.writeUInt16LE(AF_NETLINK, 0);
    // Probe once, so a policy that refuses dumps shows here rather than on the first tick.
    this.dump({ family: AF_INET, protocol: 'tcp', states: tcpStateBit(TCP_LISTEN), tcpInfo: false }, []);
    try {
      this.dump({ family: AF_UNSPEC, protocol: 'tcp', states: tcpStateBit(TCP_LISTEN), tcpInfo: false }, []);
      this.bothFamiliesAtOnce = true;
    } catch (error) {
      if (!(error instanceof NetlinkError)) throw error; // a kernel without the legacy request: one dump per family
    }
  }

  read(query: ReadQuery): KernelSocket[] {
    const sockets: KernelSocket[] = [];
    for (const protocol of query.protocols) {
      for (const family of protocol === 'tcp' && this.bothFamiliesAtOnce ? BOTH_AT_ONCE : BY_FAMILY) {
        for (const request of requestsFor(protocol, family, query)) this.dump(request, sockets);
      }
    }
    return sockets;
  }

  /** One request per socket, each a hash lookup in the kernel: far cheaper than a dump, which walks the whole table, for a few sockets. */
  lookup(targets: readonly ExactTarget[]): KernelSocket[] {
    const sockets: KernelSocket[] = [];
    for (const target of targets) {
      try {
        const found: KernelSocket[] = [];
        this.exchange(exactRequest(target, ++this.seq), 'tcp', found, true);
        // With no connection on the 4-tuple the kernel's lookup falls back to a listener on the local port: not this socket.
        const [socket] = found;
        if (socket && socket.state !== 'LISTEN' && socket.remote.port === target.remote.port) sockets.push(socket);
      } catch (error) {
        if (!(error instanceof NetlinkError && error.errno === ENOENT)) throw error; // ENOENT: gone from the tables
      }
    }
    return sockets;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.libc.close(this.fd);
  }

  private dump(request: DiagRequest, into: KernelSocket[]): void {
    this.exchange(diagRequest(request, ++this.seq), request.protocol, into, false);
  }

  /** Sends one request and reads its replies until the kernel says it is done. */
  private exchange(message: Buffer, protocol: SocketProtocol, into: KernelSocket[], exact: boolean): void {
    if (this.closed) throw new Error('the netlink socket is closed');
    const seq = this.seq;
    if (this.libc.sendto(this.fd, message, message.length, 0, this.kernelAddress, this.kernelAddress.length) < 0) {
      throw new Error(`sendto(netlink sock_diag) failed: errno ${this.libc.errno()}`);
    }
    for (let empty = 0; empty < MAX_EMPTY_READS; ) {
      const length = this.libc.recv(this.fd, this.chunk, this.chunk.length, 0);
      if (length < 0) {
        const errno = this.libc.errno();
        if (errno !== EAGAIN && errno !== EINTR) throw new Error(`recv(netlink sock_diag) failed: errno ${errno}`);
        empty++;
        continue;
      }
      if (parseDiagChunk(this.chunk, length, seq, protocol, into, exact) === 'done') return;
    }
    throw new Error('netlink sock_diag did not finish its dump');
  }
}

/** A LISTEN-or-ports reading is two dumps: the LISTEN sockets, and every state filtered by port. */
function requestsFor(protocol: SocketProtocol, family: DiagRequest['family'], query: ReadQuery): DiagRequest[] {
  if (protocol === 'udp') return [{ family, protocol, states: ALL_STATES, tcpInfo: false }];
  if (query.tcpStates === 'all') return [{ family, protocol, states: ALL_STATES, tcpInfo: query.tcpInfo }];
  const listen: DiagRequest = { family, protocol, states: tcpStateBit(TCP_LISTEN), tcpInfo: false };
  const ports = query.ports ?? [];
  if (ports.length === 0) return [listen];
  return [listen, { family, protocol, states: ALL_STATES & ~tcpStateBit(TCP_LISTEN), tcpInfo: query.tcpInfo, ports }];
}
