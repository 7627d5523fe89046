import type { Protocol, SocketOption } from '../../../shared/schemas/sockets.js';
import type { Endpoint, SocketFamily } from '../../../shared/schemas/socketStates.js';

/**
 * The system calls a socket host makes, with arguments and results that survive a process
 * boundary (plain JSON; bytes as base64): the main process runs them itself, or sends them to the
 * socket-host lab process that owns the descriptors. The app's records stay in the main process.
 */
export interface SocketOps {
  open: { args: { protocol: Protocol; family: SocketFamily }; result: { fd: number; inode: number | null } };
  setsockopt: { args: { fd: number; option: SocketOption; value: boolean | number | { on: boolean; seconds: number } }; result: { detail: string } };
  bind: { args: { fd: number; family: SocketFamily; address: string; port: number }; result: { local: Endpoint } };
  listen: { args: { fd: number; backlog: number }; result: { local: Endpoint } };
  accept: { args: { fd: number }; result: { fd: number; inode: number | null; local: Endpoint; remote: Endpoint } };
  connect: { args: { fd: number; family: SocketFamily; address: string; port: number }; result: { local: Endpoint; remote: Endpoint } };
  send: { args: { fd: number; base64: string }; result: { sent: number } };
  /** `bindFirst`: an unbound socket is bound to this loopback address, port 0, before the datagram goes (see SocketLab.sendto). */
  sendto: { args: { fd: number; family: SocketFamily; base64: string; address: string; port: number; bindFirst: string | null }; result: { sent: number; local: Endpoint } };
  recv: { args: { fd: number; bufsize: number }; result: { base64: string } };
  recvfrom: { args: { fd: number; bufsize: number }; result: { base64: string; size: number; truncated: boolean; from: Endpoint } };
  shutdown: { args: { fd: number; how: 'SHUT_RD' | 'SHUT_WR' | 'SHUT_RDWR' }; result: Record<string, never> };
  close: { args: { fd: number }; result: Record<string, never> };
}
export type SocketOp = keyof SocketOps;
export type OpArgs<O extends SocketOp> = SocketOps[O]['args'];
export type OpResult<O extends SocketOp> = SocketOps[O]['result'];

/** How a call that would block behaves: Python's blocking mode, or its settimeout (ms here). */
export interface Wait {
  block: boolean;
  timeoutMs?: number | undefined;
}

/** How a call ended when the kernel did not do it: its errno, a timeout, or the caller or socket going away. */
export type CallFailure =
  | { kind: 'errno'; errno: number; name: string; message: string }
  | { kind: 'timeout' }
  | { kind: 'aborted' }
  | { kind: 'closed' }
  | { kind: 'host'; message: string };

export class SocketCallError extends Error {
  constructor(readonly failure: CallFailure) {
    super(failure.kind === 'errno' ? `${failure.name}: ${failure.message}` : failure.kind === 'host' ? failure.message : failure.kind);
  }
}

/** One process's sockets, as the lab drives them: here, or over a lab process's channel. */
export interface SocketHost {
  readonly pid: number;
  /** 'syscalls': one libc call per step; 'node': Node's net and dgram, with `fused` naming the steps it cannot take alone. */
  readonly backend: 'syscalls' | 'node';
  fused(protocol: Protocol): string[];
  /** `onWaiting` is told once if the call has to wait for the kernel. */
  run<O extends SocketOp>(op: O, args: OpArgs<O>, wait: Wait, signal: AbortSignal, onWaiting: () => void): Promise<OpResult<O>>;
  /** Closes every descriptor it holds. */
  dispose(): Promise<void>;
}
