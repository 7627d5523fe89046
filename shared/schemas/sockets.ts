import { z } from 'zod';
import { loopbackRefusal } from '../sockets/loopback.js';
import { Pid, Timestamp } from './common.js';
import { type EventSpec, method, type MethodSpec } from './define.js';
import { BlockingOptions } from './queue.js';
import { Endpoint, KernelSource, SocketFamily, SocketProtocol, SocketState, TrackedSocket } from './socketStates.js';

/**
 * The socket lab's contract: peers stepped one system call at a time. Everything here is the
 * app's own record of its own calls (inferred); what the kernel shows of the same sockets is the
 * tracker's (shared/schemas/socketStates.ts, observed).
 */

/** Payloads and receive buffers are capped above UDP's limit, so the kernel's own EMSGSIZE stays reachable. */
export const MAX_PAYLOAD_BYTES = 70_000;
/** Open lab sockets at once, in every host together. */
export const MAX_OPEN_SOCKETS = 256;

export const SocketId = z.string().min(1).max(64);
export const Protocol = SocketProtocol;
export type Protocol = z.infer<typeof Protocol>;
export const Family = SocketFamily;
export type Family = z.infer<typeof Family>;

/** Refused before any system call when outside loopback (0.0.0.0 and :: included), with the rule named. */
export const LoopbackAddress = z
  .string()
  .min(1)
  .max(64)
  .superRefine((address, context) => {
    const refusal = loopbackRefusal(address);
    if (refusal) context.addIssue({ code: 'custom', message: refusal });
  })
  .meta({ id: 'LoopbackAddress' });

const portRule = 'ports below 1024 are privileged and refused';
/** Where to bind: 0 lets the kernel choose (the port it chose is shown). */
export const BindPort = z
  .number()
  .int()
  .max(65_535)
  .refine((port) => port === 0 || port >= 1024, { message: `port 0 (the kernel chooses) or 1024–65535: ${portRule}` });
/** Where to connect or send: a real port. */
export const PeerPort = z.number().int().min(1024, { message: `1024–65535: ${portRule}` }).max(65_535);

export const TextEncoding = z.enum(['utf8', 'gbk']);
export type TextEncoding = z.infer<typeof TextEncoding>;

/** What to send: text in an encoding (GBK, as the syllabus's examples use), or raw bytes. Capped at MAX_PAYLOAD_BYTES once encoded. */
export const Payload = z
  .union([
    z.object({ text: z.string().max(MAX_PAYLOAD_BYTES), encoding: TextEncoding.default('utf8') }).strict(),
    z.object({ base64: z.string().max(Math.ceil(MAX_PAYLOAD_BYTES / 3) * 4).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 only') }).strict(),
  ])
  .meta({ id: 'Payload' });
export type Payload = z.infer<typeof Payload>;

/** What came in: the bytes (base64) and their text in the encoding asked for (undecodable bytes as U+FFFD). */
export const Received = z
  .object({ bytes: z.number().int().nonnegative(), base64: z.string(), text: z.string(), encoding: TextEncoding })
  .meta({ id: 'Received' });
export type Received = z.infer<typeof Received>;

/**
 * Where the socket lives: the main process, or a lab process running the `socket-host` task
 * (processes.spawn { task: 'socket-host' }), so two ends of a connection can have different owners.
 */
export const OwnerParam = z.union([z.literal('main'), z.object({ pid: Pid }).strict()]).default('main');

/** What the app believes of the socket from its own calls. The kernel's state is the tracker's reading. */
export const AppState = z.enum(['created', 'bound', 'listening', 'connecting', 'connected', 'closed']);
export type AppState = z.infer<typeof AppState>;

export const SocketCallName = z.enum([
  'socket',
  'setsockopt',
  'bind',
  'listen',
  'accept',
  'connect',
  'send',
  'sendto',
  'recv',
  'recvfrom',
  'shutdown',
  'close',
]);
export type SocketCallName = z.infer<typeof SocketCallName>;

export const SocketOption = z.enum(['SO_REUSEADDR', 'SO_LINGER', 'TCP_DEFER_ACCEPT', 'SO_RCVBUF']);
export type SocketOption = z.infer<typeof SocketOption>;

export const SocketOptions = z
  .object({
    SO_REUSEADDR: z.boolean(),
    /** SO_LINGER {onoff, linger}: {on, 0 s} makes close() send RST (the forced close). */
    SO_LINGER: z.object({ on: z.boolean(), seconds: z.number().int().nonnegative() }).nullable(),
    /** Seconds the kernel holds a new connection's server end in SYN_RECV until data arrives. */
    TCP_DEFER_ACCEPT: z.number().int().nonnegative().nullable(),
    /** As set; the kernel doubles it and reports the double (see the call's detail). */
    SO_RCVBUF: z.number().int().positive().nullable(),
  })
  .meta({ id: 'SocketOptions' });
export type SocketOptions = z.infer<typeof SocketOptions>;

export const CallRecord = z
  .object({
    call: SocketCallName,
    /** The line of Python the syllabus would write for this step. */
    python: z.string(),
    startedAt: Timestamp,
    /** When the kernel answered (after a wait, for a blocking call). */
    endedAt: Timestamp,
    /** Whether it had to wait for the kernel (a blocking accept, recv, connect or send). */
    waited: z.boolean(),
    ok: z.boolean(),
    /** The kernel's errno name (EADDRINUSE, EAGAIN, ECONNRESET, …) when it refused; null otherwise. */
    errno: z.string().nullable(),
    /** What happened, in words: "bound to 127.0.0.1:43211", "peer closed (recv returned 0 bytes)", the error. */
    detail: z.string(),
    /** Bytes the call moved, where it moves any. */
    bytes: z.number().int().nonnegative().nullable(),
  })
  .meta({ id: 'SocketCall' });
export type CallRecord = z.infer<typeof CallRecord>;

export const SocketInfo = z
  .object({
    socketId: z.string(),
    /** The Python variable the lines beside each step use (s1, conn3). */
    name: z.string(),
    protocol: Protocol,
    family: Family,
    /** 'main': the lab's own process; 'lab': a socket-host lab process. */
    host: z.enum(['main', 'lab']),
    /** The process that holds the descriptor. */
    pid: Pid,
    fd: z.number().int().nullable(),
    /** The socket's inode (/proc/<pid>/fd shows socket:[N]), which links it to the kernel's tables; kept after close (the kernel's leftover, TIME_WAIT, links by it as formerOwner). */
    inode: z.number().int().nullable(),
    state: AppState,
    local: Endpoint.nullable(),
    remote: Endpoint.nullable(),
    /** For a socket accept() returned: the listener it came from. */
    acceptedFrom: z.string().nullable(),
    backlog: z.number().int().nullable(),
    options: SocketOptions,
    shutdown: z.object({ read: z.boolean(), write: z.boolean() }),
    /** A recv returned 0 bytes: the peer sent FIN. */
    peerClosed: z.boolean(),
    /** The kernel reported ECONNRESET or EPIPE: the peer reset the connection. */
    reset: z.boolean(),
    bytesIn: z.number().int().nonnegative(),
    bytesOut: z.number().int().nonnegative(),
    datagramsIn: z.number().int().nonnegative(),
    datagramsOut: z.number().int().nonnegative(),
    /** A blocking call waiting for the kernel right now, if any. */
    waiting: SocketCallName.nullable(),
    createdAt: Timestamp,
    closedAt: Timestamp.nullable(),
    /** 'syscalls': one libc call per step (Linux); 'node': Node's net/dgram, where some steps are fused. */
    backend: z.enum(['syscalls', 'node']),
    /** Steps this backend cannot take separately (empty with syscalls). */
    fused: z.array(z.string()),
  })
  .meta({ id: 'SocketInfo' });
export type SocketInfo = z.infer<typeof SocketInfo>;

export const SocketDetail = SocketInfo.extend({
  /** The calls made on it, oldest first (the newest 200; `callsDropped` counts the older ones). */
  calls: z.array(CallRecord),
  callsDropped: z.number().int().nonnegative(),
}).meta({ id: 'SocketDetail' });
export type SocketDetail = z.infer<typeof SocketDetail>;

/**
 * One row of the Sockets table: the app's record (inferred) beside the kernel's reading (observed).
 * `state` is the kernel's when a reading has one, else what the app's calls imply (`stateSource`
 * says which; null: not in the kernel's tables, as a TCP socket that is bound but not listening).
 * A lab socket whose end the kernel now holds (TIME_WAIT, an orphaned FIN_WAIT or LAST_ACK) keeps
 * its row, with `pid` null and `kernel.formerOwner` naming it.
 */
export const SocketRow = z
  .object({
    /** Null for a socket that is not the lab's (scope 'all'). */
    socketId: z.string().nullable(),
    protocol: Protocol,
    family: Family,
    local: Endpoint.nullable(),
    remote: Endpoint.nullable(),
    state: SocketState.nullable(),
    stateSource: z.enum(['observed', 'inferred']),
    /** Who holds it now: null when the kernel does (TIME_WAIT). */
    pid: Pid.nullable(),
    lab: SocketInfo.nullable(),
    kernel: TrackedSocket.nullable(),
  })
  .meta({ id: 'SocketRow' });
export type SocketRow = z.infer<typeof SocketRow>;

const Target = { socketId: SocketId };
const Waits = { ...BlockingOptions };
const BufSize = z.number().int().min(1).max(MAX_PAYLOAD_BYTES).default(1024);

export const socketMethods = {
  'sockets.list': method({
    doc: "The lab's sockets ('lab', the default) or every socket on the machine ('all', read-only), current and recently closed: the app's record beside the kernel's reading.",
    params: z.object({ scope: z.enum(['lab', 'all']).default('lab') }).strict().default({ scope: 'lab' }),
    result: z.object({
      scope: z.enum(['lab', 'all']),
      sockets: z.array(SocketRow),
      recentlyClosed: z.array(SocketRow),
      /** Whether the kernel's tables could be read here, from where, and if not why. */
      kernel: z.object({ available: z.boolean(), detail: z.string(), source: KernelSource.nullable() }),
    }),
  }),
  'sockets.get': method({
    doc: 'One lab socket with every call made on it, each with its Python line, times, outcome and errno.',
    params: z.object(Target).strict(),
    result: SocketDetail,
  }),
  'sockets.create': method({
    doc: 'socket(): a TCP or UDP socket, in the main process or in a socket-host lab process (owner {pid}); non-blocking, close-on-exec.',
    params: z
      .object({
        protocol: Protocol,
        family: Family.default('IPv4'),
        owner: OwnerParam,
        /** The Python variable shown in the lines beside each step. */
        name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,31}$/, 'a Python identifier').optional(),
      })
      .strict(),
    result: SocketInfo,
  }),
  'sockets.setsockopt': method({
    doc: 'setsockopt(): SO_REUSEADDR (true/false), SO_LINGER ({on, seconds}; {true, 0} makes close send RST), TCP_DEFER_ACCEPT (seconds), SO_RCVBUF (bytes).',
    params: z
      .object({
        ...Target,
        option: SocketOption,
        value: z.union([z.boolean(), z.number().int().min(0).max(16_777_216), z.object({ on: z.boolean(), seconds: z.number().int().min(0).max(3600) }).strict()]),
      })
      .strict(),
    result: SocketInfo,
  }),
  'sockets.bind': method({
    doc: 'bind((address, port)): loopback only; port 0 lets the kernel choose. `reuseaddr` sets SO_REUSEADDR just before.',
    params: z.object({ ...Target, address: LoopbackAddress, port: BindPort, reuseaddr: z.boolean().optional() }).strict(),
    result: SocketInfo,
  }),
  'sockets.listen': method({
    doc: 'listen(backlog): the TCP socket becomes a listener; clients then wait in its accept queue until accept().',
    params: z.object({ ...Target, backlog: z.number().int().min(0).max(4096).default(128) }).strict(),
    result: SocketInfo,
  }),
  'sockets.accept': method({
    doc: 'accept(): the next client from the accept queue, as a new socket; blocks while the queue is empty unless block is false (then EAGAIN).',
    params: z.object({ ...Target, ...Waits }).strict(),
    result: z.object({ listener: SocketInfo, socket: SocketInfo, address: Endpoint }),
  }),
  'sockets.connect': method({
    doc: 'connect((address, port)): TCP sends SYN and waits for the handshake unless block is false (then EINPROGRESS; connect again to wait). UDP only fixes the peer.',
    params: z.object({ ...Target, address: LoopbackAddress, port: PeerPort, ...Waits }).strict(),
    result: SocketInfo,
  }),
  'sockets.send': method({
    doc: 'send(data) on a connected socket (MSG_NOSIGNAL: a reset peer gives EPIPE); blocks while the send buffer is full unless block is false (then EAGAIN). Returns what the kernel took.',
    params: z.object({ ...Target, data: Payload, ...Waits }).strict(),
    result: z.object({ socket: SocketInfo, sent: z.number().int().nonnegative(), size: z.number().int().nonnegative() }),
  }),
  'sockets.sendto': method({
    doc: 'sendto(data, (address, port)): one UDP datagram; an unbound socket is bound by the kernel first (its ephemeral port is shown). Over 65,507 bytes (IPv4) or 65,527 (::1): the kernel’s EMSGSIZE.',
    params: z.object({ ...Target, data: Payload, address: LoopbackAddress, port: PeerPort, ...Waits }).strict(),
    result: z.object({ socket: SocketInfo, sent: z.number().int().nonnegative() }),
  }),
  'sockets.recv': method({
    doc: 'recv(bufsize): up to bufsize bytes; 0 bytes with peerClosed true when the peer has closed. Blocks while nothing is there unless block is false (then EAGAIN).',
    params: z.object({ ...Target, bufsize: BufSize, encoding: TextEncoding.default('utf8'), ...Waits }).strict(),
    result: z.object({ socket: SocketInfo, data: Received, peerClosed: z.boolean() }),
  }),
  'sockets.recvfrom': method({
    doc: 'recvfrom(bufsize): one datagram and its sender; a datagram longer than bufsize is cut (MSG_TRUNC) and `size` gives its real length.',
    params: z.object({ ...Target, bufsize: BufSize, encoding: TextEncoding.default('utf8'), ...Waits }).strict(),
    result: z.object({
      socket: SocketInfo,
      data: Received,
      from: Endpoint,
      size: z.number().int().nonnegative(),
      truncated: z.boolean(),
    }),
  }),
  'sockets.shutdown': method({
    doc: 'shutdown(how): SHUT_WR sends FIN and keeps reading (the half-close); SHUT_RD; SHUT_RDWR.',
    params: z.object({ ...Target, how: z.enum(['SHUT_RD', 'SHUT_WR', 'SHUT_RDWR']).default('SHUT_WR') }).strict(),
    result: SocketInfo,
  }),
  'sockets.close': method({
    doc: 'close(). `linger: 0` sets SO_LINGER {1, 0} first, so a TCP close sends RST instead of FIN (the forced close; the peer gets ECONNRESET).',
    params: z.object({ ...Target, linger: z.number().int().min(0).max(3600).optional() }).strict(),
    result: SocketInfo,
  }),
} as const satisfies Record<string, MethodSpec>;

const CallEvent = z.object({ socketId: z.string(), call: CallRecord, socket: SocketInfo });

export const socketEvents = {
  'socket.created': {
    stream: 'sockets',
    source: 'inferred',
    doc: 'A lab socket exists: made by socket(), or returned by accept().',
    data: z.object({ socket: SocketInfo, call: CallRecord }),
  },
  'socket.waiting': {
    stream: 'sockets',
    source: 'inferred',
    doc: 'A blocking call found the kernel not ready (EAGAIN, EINPROGRESS) and waits for it: accept on an empty queue, recv with nothing there, a handshake in progress.',
    data: z.object({ socketId: z.string(), call: SocketCallName, python: z.string(), since: Timestamp }),
  },
  'socket.call': {
    stream: 'sockets',
    source: 'inferred',
    doc: 'A system call on a lab socket returned: its Python line, times, outcome, errno, and the socket as the app sees it after.',
    data: CallEvent,
  },
  'socket.lost': {
    stream: 'sockets',
    source: 'inferred',
    doc: 'A lab socket’s host process exited, and the kernel closed its descriptors with it.',
    data: z.object({ socketId: z.string(), socket: SocketInfo, detail: z.string() }),
  },
} as const satisfies Record<string, EventSpec>;
