import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { defineLabTexts, type LabText } from '../../../shared/labTexts.js';
import { type Capability, capabilityOf } from '../../../shared/schemas/system.js';

/**
 * The BSD socket API of Linux's libc, through koffi, synchronously: every socket is non-blocking,
 * so no call here ever waits (waiting is readiness.ts's job, off the event loop and off libuv's
 * thread pool). Buffers are passed as pointers in place. Constants are Linux's (x86_64 and arm64 agree).
 */
export const AF_INET = 2;
export const AF_INET6 = 10;
export const SOCK_STREAM = 1;
export const SOCK_DGRAM = 2;
export const SOCK_NONBLOCK = 0o4000;
export const SOCK_CLOEXEC = 0o2000000;
export const SOL_SOCKET = 1;
export const SO_REUSEADDR = 2;
export const SO_ERROR = 4;
export const SO_RCVBUF = 8;
export const SO_LINGER = 13;
export const IPPROTO_TCP = 6;
export const TCP_DEFER_ACCEPT = 9;
/** A send on a reset connection returns EPIPE instead of raising SIGPIPE, which would kill the app. */
export const MSG_NOSIGNAL = 0x4000;
/** recvmsg: return the datagram's real length, and say in msg_flags that it was cut. */
export const MSG_TRUNC = 0x20;
export const SHUT = { SHUT_RD: 0, SHUT_WR: 1, SHUT_RDWR: 2 } as const;
export const POLLIN = 0x1;
export const POLLOUT = 0x4;

export interface MsgHdr {
  msg_name: Buffer;
  msg_namelen: number;
  msg_iov: { iov_base: Buffer; iov_len: number }[];
  msg_iovlen: number;
  msg_control: null;
  msg_controllen: number;
  msg_flags: number;
}

export interface Libc {
  socket(domain: number, type: number, protocol: number): number;
  setsockopt(fd: number, level: number, name: number, value: Buffer, length: number): number;
  getsockopt(fd: number, level: number, name: number, value: Buffer, length: number[]): number;
  bind(fd: number, address: Buffer, length: number): number;
  listen(fd: number, backlog: number): number;
  accept4(fd: number, address: Buffer, length: number[], flags: number): number;
  connect(fd: number, address: Buffer, length: number): number;
  send(fd: number, data: Buffer, length: number, flags: number): number;
  sendto(fd: number, data: Buffer, length: number, flags: number, address: Buffer, addressLength: number): number;
  recv(fd: number, data: Buffer, length: number, flags: number): number;
  recvmsg(fd: number, message: MsgHdr, flags: number): number;
  getsockname(fd: number, address: Buffer, length: number[]): number;
  getpeername(fd: number, address: Buffer, length: number[]): number;
  shutdown(fd: number, how: number): number;
  close(fd: number): number;
  /** For waking the poll thread (readiness.ts). */
  eventfd(initval: number, flags: number): number;
  write(fd: number, data: Buffer, length: number): number;
  /** The C library's words for an errno. */
  strerror(errno: number): string;
  /** The errno of the last call on this thread. */
  errno(): number;
}

let libc: Libc | null | undefined;
const texts = defineLabTexts('lab.capability.socketSyscalls', {
  available: 'Each socket step is one system call on a non-blocking descriptor (libc through koffi), watched by one poll thread.',
  notLinux: "one system call per step needs Linux's libc; on {platform} Node's net and dgram stand in, with some steps fused.",
  noKoffi: "libc could not be reached through koffi ({reason}); Node's net and dgram stand in, with some steps fused.",
});

/** Why libc did not load; set where loading fails. */
let loadError: LabText = texts.notLinux({ platform: process.platform });

/** Where koffi's module is, for the poll worker, which loads it itself. */
export const koffiPath = (): string => createRequire(import.meta.url).resolve('koffi');

/** Loaded on first use; null where it cannot be (not Linux, or koffi has no binary here): then the Node fallback serves. */
export function loadLibc(): Libc | null {
  if (libc !== undefined) return libc;
  if (process.platform !== 'linux') {
    loadError = texts.notLinux({ platform: process.platform });
    return (libc = null);
  }
  try {
    const koffi = createRequire(import.meta.url)('koffi') as typeof import('koffi');
    const lib = koffi.load('libc.so.6');
    const iovec = koffi.struct('loopscope_iovec', { iov_base: 'void *', iov_len: 'size_t' });
    koffi.struct('loopscope_msghdr', {
      msg_name: 'void *',
      msg_namelen: 'uint32_t',
      msg_iov: koffi.pointer(iovec),
      msg_iovlen: 'size_t',
      msg_control: 'void *',
      msg_controllen: 'size_t',
      msg_flags: 'int',
    });
    libc = {
      socket: lib.func('int socket(int, int, int)'),
      setsockopt: lib.func('int setsockopt(int, int, int, const void *, uint32_t)'),
      getsockopt: lib.func('int getsockopt(int, int, int, _Out_ void *, _Inout_ uint32_t *)'),
      bind: lib.func('int bind(int, const void *, uint32_t)'),
      listen: lib.func('int listen(int, int)'),
      accept4: lib.func('int accept4(int, _Out_ void *, _Inout_ uint32_t *, int)'),
      connect: lib.func('int connect(int, const void *, uint32_t)'),
      send: lib.func('intptr_t send(int, const void *, size_t, int)'),
      sendto: lib.func('intptr_t sendto(int, const void *, size_t, int, const void *, uint32_t)'),
      recv: lib.func('intptr_t recv(int, _Out_ void *, size_t, int)'),
      recvmsg: lib.func('intptr_t recvmsg(int, _Inout_ loopscope_msghdr *, int)'),
      getsockname: lib.func('int getsockname(int, _Out_ void *, _Inout_ uint32_t *)'),
      getpeername: lib.func('int getpeername(int, _Out_ void *, _Inout_ uint32_t *)'),
      shutdown: lib.func('int shutdown(int, int)'),
      close: lib.func('int close(int)'),
      eventfd: lib.func('int eventfd(unsigned int, int)'),
      write: lib.func('intptr_t write(int, const void *, size_t)'),
      strerror: lib.func('const char *strerror(int)'),
      errno: () => koffi.errno(),
    } as Libc;
  } catch (error) {
    loadError = texts.noKoffi({ reason: (error as Error).message });
    libc = null;
  }
  return libc;
}

/** Why libc is not loaded (meaningful once loadLibc returned null). */
export const libcUnavailable = (): LabText => loadError;

export function socketSyscallSupport(): Capability {
  return loadLibc() ? capabilityOf(true, texts.available()) : capabilityOf(false, loadError);
}

/** Errno numbers to names; the first name wins where two share a number (EAGAIN, not EWOULDBLOCK). */
const errnoNames = new Map<number, string>();
for (const [name, code] of Object.entries(constants.errno)) if (!errnoNames.has(code)) errnoNames.set(code, name);

/** The errno's name and the C library's words for it: EADDRINUSE, "Address already in use". */
export function describeErrno(libc: Libc, errno: number): { name: string; message: string } {
  return { name: errnoNames.get(errno) ?? `errno ${errno}`, message: libc.strerror(errno) };
}
