import { z } from 'zod';
import { Pid, Timestamp } from './common.js';
import type { EventSpec } from './define.js';

/**
 * TCP states in the kernel's own names (include/net/tcp_states.h, as /proc/net/tcp numbers them and
 * `ss` prints them with dashes). CLOSE is the kernel's TCP_CLOSE, RFC 793's CLOSED.
 */
export const TcpState = z.enum([
  'LISTEN',
  'SYN_SENT',
  'SYN_RECV',
  'ESTABLISHED',
  'FIN_WAIT1',
  'FIN_WAIT2',
  'CLOSE_WAIT',
  'LAST_ACK',
  'CLOSING',
  'TIME_WAIT',
  'CLOSE',
]);
export type TcpState = z.infer<typeof TcpState>;

/** UDP has no states; the kernel reuses TCP_CLOSE for an unconnected socket and TCP_ESTABLISHED for a connected one, which ss prints as UNCONN and ESTAB. */
export const UdpState = z.enum(['UNCONN', 'ESTABLISHED']);
export type UdpState = z.infer<typeof UdpState>;

export const SocketState = z.union([TcpState, UdpState]).meta({ id: 'SocketState' });
export type SocketState = z.infer<typeof SocketState>;

export const SocketProtocol = z.enum(['tcp', 'udp']);
export type SocketProtocol = z.infer<typeof SocketProtocol>;

/** As Node's net names them (socket.remoteFamily). */
export const SocketFamily = z.enum(['IPv4', 'IPv6']);
export type SocketFamily = z.infer<typeof SocketFamily>;

export const Endpoint = z.object({ address: z.string(), port: z.number().int().min(0).max(65_535) }).meta({ id: 'Endpoint' });
export type Endpoint = z.infer<typeof Endpoint>;

/** Which kernel interface a reading came from: netlink sock_diag (what ss uses) or the /proc/net text tables. */
export const KernelSource = z.enum(['netlink', 'procfs']);
export type KernelSource = z.infer<typeof KernelSource>;

/**
 * A socket's pending kernel timer (idiag_timer / the `tr` field of /proc/net/tcp). `time_wait` is the
 * 2MSL wait (60 s on Linux, fixed); `expiresInMs` counts down from the reading's time.
 */
export const KernelTimer = z.object({
  kind: z.enum(['retransmit', 'keepalive', 'time_wait', 'zero_window_probe']),
  expiresInMs: z.number().int(),
}).meta({ id: 'KernelTimer' });
export type KernelTimer = z.infer<typeof KernelTimer>;

/** From the kernel's tcp_info (netlink only; /proc has none of it). */
export const TcpInfo = z.object({
  bytesAcked: z.number().nonnegative(),
  bytesReceived: z.number().nonnegative(),
  /** Segments retransmitted over the connection's life (tcpi_total_retrans). */
  retransmits: z.number().int().nonnegative(),
  rttMs: z.number().nonnegative(),
  rttVarMs: z.number().nonnegative(),
}).meta({ id: 'TcpInfo' });
export type TcpInfo = z.infer<typeof TcpInfo>;

/**
 * One socket as one reading of the kernel's tables shows it. For a LISTEN socket `receiveQueue` is
 * the accept queue (connections waiting for accept()) and `sendQueue` the backlog, as ss shows them.
 * `inode` is 0 when no file descriptor holds the socket any more (TIME_WAIT; FIN_WAIT or LAST_ACK
 * orphaned by close()): the kernel holds it, it has no owner.
 */
export const KernelSocket = z.object({
  protocol: SocketProtocol,
  family: SocketFamily,
  local: Endpoint,
  remote: Endpoint,
  state: SocketState,
  inode: z.number().int().nonnegative(),
  uid: z.number().int().nonnegative(),
  sendQueue: z.number().int().nonnegative(),
  receiveQueue: z.number().int().nonnegative(),
  timer: KernelTimer.nullable(),
  tcpInfo: TcpInfo.nullable(),
}).meta({ id: 'KernelSocket' });
export type KernelSocket = z.infer<typeof KernelSocket>;

/**
 * Who holds a socket: a process (pid and name from /proc/<pid>/fd), the kernel (inode 0: pid null),
 * or unknown (the fd table that holds it could not be read: another user's process, or it just ended).
 */
export const SocketOwner = z.object({
  kind: z.enum(['process', 'kernel', 'unknown']),
  pid: Pid.nullable(),
  name: z.string().nullable(),
}).meta({ id: 'SocketOwner' });
export type SocketOwner = z.infer<typeof SocketOwner>;

/**
 * One state in a socket's history and how Loopscope knows it: `observed` in a kernel reading at `at`;
 * `inferred` from the app's own call at `at`; `not-observed` when the kernel must have passed through
 * it (RFC 793's state machine says so) between two readings, `notBefore` and `at`, and none caught it.
 * `state` null: the socket left the kernel's tables (RFC 793's CLOSED, where no TCB remains).
 */
export const StateHistoryEntry = z.object({
  state: SocketState.nullable(),
  provenance: z.enum(['observed', 'inferred', 'not-observed']),
  at: Timestamp,
  /** For not-observed entries: the previous reading, after which it happened. */
  notBefore: Timestamp.nullable(),
  /** Where it was read (observed), or the call that implies it (inferred, e.g. 'connect'). */
  via: z.string(),
}).meta({ id: 'StateHistoryEntry' });
export type StateHistoryEntry = z.infer<typeof StateHistoryEntry>;

/** What the socket was before the kernel took it over: the owned socket with the same 4-tuple. */
export const FormerOwner = z.object({ trackId: z.string(), inode: z.number().int().positive(), owner: SocketOwner });
export type FormerOwner = z.infer<typeof FormerOwner>;

/**
 * A socket the tracker follows across readings. `trackId` is the tracker's own name for it (stable
 * while the kernel keeps it, including the step to inode 0); `lab` marks the lab's own sockets.
 */
export const TrackedSocket = KernelSocket.extend({
  trackId: z.string(),
  owner: SocketOwner,
  lab: z.boolean(),
  firstSeen: Timestamp,
  lastSeen: Timestamp,
  /** Set once the socket has left the kernel's tables. */
  closedAt: Timestamp.nullable(),
  formerOwner: FormerOwner.nullable(),
  /** For TIME_WAIT: when the 2MSL wait ends, from the timer field of the reading (ms since the epoch). */
  timeWaitEndsAt: Timestamp.nullable(),
  /** Oldest first, bounded: `historyDropped` counts the entries that left it. */
  history: z.array(StateHistoryEntry),
  historyDropped: z.number().int().nonnegative(),
}).meta({ id: 'TrackedSocket' });
export type TrackedSocket = z.infer<typeof TrackedSocket>;

/** The machine-wide view, `sockets.list({ scope: 'all' })`: every socket the kernel reports now, plus the recently closed. */
export const MachineSockets = z.object({
  available: z.boolean(),
  /** Why not, where unavailable (not Linux; netlink and /proc/net both refused). */
  detail: z.string(),
  source: KernelSource.nullable(),
  at: Timestamp,
  sockets: z.array(TrackedSocket),
  recentlyClosed: z.array(TrackedSocket),
  /** Closed sockets that left the bounded recently-closed list. */
  droppedClosed: z.number().int().nonnegative(),
}).meta({ id: 'MachineSockets' });
export type MachineSockets = z.infer<typeof MachineSockets>;

const StateChange = z.object({
  trackId: z.string(),
  protocol: SocketProtocol,
  family: SocketFamily,
  local: Endpoint,
  remote: Endpoint,
  inode: z.number().int().nonnegative(),
  owner: SocketOwner,
  lab: z.boolean(),
  /** The states before this reading's, oldest first: not-observed entries the state machine fills in, then the observed one. */
  entries: z.array(StateHistoryEntry).min(1),
  sendQueue: z.number().int().nonnegative(),
  receiveQueue: z.number().int().nonnegative(),
  timer: KernelTimer.nullable(),
  formerOwner: FormerOwner.nullable(),
});

export const socketStateEvents = {
  'socket.state': {
    stream: 'sockets',
    source: 'observed',
    doc: 'A kernel reading showed a lab socket in a new state (or gone: state null); entries the reading implies but did not catch are marked not-observed.',
    data: StateChange,
  },
} as const satisfies Record<string, EventSpec>;
