import { defineLabTexts } from '../../../shared/labTexts.js';
import { ErrorCode, RpcError } from '../../../shared/rpcError.js';
import {
  type CallRecord,
  type Family,
  MAX_OPEN_SOCKETS,
  type Payload,
  type Protocol,
  type SocketCallName,
  type SocketInfo,
  type SocketOption,
  type TextEncoding,
} from '../../../shared/schemas/sockets.js';
import type { Endpoint } from '../../../shared/schemas/socketStates.js';
import { callRefusal } from '../../../shared/sockets/callRules.js';
import { familyOf } from '../../../shared/sockets/loopback.js';
import { blockingPrefix, pythonLines } from '../../../shared/sockets/pythonLines.js';
import { now } from '../clock.js';
import type { EventHub } from '../hub/eventHub.js';
import { runEveryStep } from '../runEveryStep.js';
import { encodePayload, received } from './payloadCodec.js';
import { type OpArgs, type OpResult, SocketCallError, type SocketHost, type SocketOp, type Wait } from './socketOps.js';
import { SocketRecord } from './socketRecord.js';

/** Closed sockets kept for the list's "recently closed" and for sockets.get. */
const KEPT_CLOSED = 200;

export interface Blocking {
  block: boolean;
  /** Seconds, as Python's settimeout. */
  timeout?: number | undefined;
  signal: AbortSignal;
}

export interface SocketLabOptions {
  hub: EventHub;
  /** The main process's own sockets (system calls on Linux, Node's net and dgram elsewhere). */
  mainHost: () => SocketHost;
  /** A socket-host lab process's sockets; throws (NotFound, Conflict) when that pid is not one. */
  labHost: (pid: number) => SocketHost;
  /** After every call: the kernel tracker polls fast while the lab's sockets change. */
  onActivity: () => void;
}

type Step = { detail: string; bytes?: number | null };

const errors = defineLabTexts('lab.error.socket', {
  noSocket: "No socket '{socketId}'. sockets.list shows the lab's sockets.",
  deferOnUdp: 'TCP_DEFER_ACCEPT is a TCP option: a UDP socket has no handshake to defer.',
  blocked: '{name} is blocked in {busy}() right now: wait for it to return, or close the socket.',
  quitting: 'Loopscope is quitting: it opens no new sockets.',
  cap: 'The lab holds {max} open sockets, its cap: close some with sockets.close.',
  notIPv4: '{name} is an IPv4 socket (AF_INET): give it an IPv4 address such as 127.0.0.1.',
  notIPv6: '{name} is an IPv6 socket (AF_INET6): give it an IPv6 address such as ::1 (or ::ffff:127.0.0.1).',
  internal: '{call}() failed inside the lab: {reason}',
  timeout: '{name}.{call}() timed out: the kernel had nothing for it in time (Python raises socket.timeout).',
  aborted: '{name}.{call}() stopped waiting: its caller went away.',
  closed: '{name}.{call}() stopped waiting: the socket was closed.',
  host: '{name}.{call}() could not run: {reason}',
});

/** What the classic errnos mean in this lab, in a sentence after the kernel's own words (strerror, which stays English). */
const errnoHints = {
  EADDRINUSE: ' Another socket holds that address (a listener, or a connection in TIME_WAIT): set SO_REUSEADDR before bind, or pick another port.',
  ECONNREFUSED: ' Nothing listens on that port: the kernel answered the SYN with RST.',
  ECONNRESET: ' The peer reset the connection (it closed with SO_LINGER 0, or closed with unread data).',
  EPIPE: ' The connection is gone (reset, or this end shut down writing): nothing more can be sent.',
  EMSGSIZE: ' The datagram is larger than UDP allows (65,507 bytes over IPv4, 65,527 over ::1).',
  EAGAIN: ' Nothing ready yet and the call was non-blocking: try again, or call it blocking.',
  EINPROGRESS: ' The handshake goes on in the kernel: call connect again (blocking) to wait for it.',
  other: '',
} as const;
const errnoErrors = defineLabTexts(
  'lab.error.socket.errno',
  Object.fromEntries(Object.entries(errnoHints).map(([errno, hint]) => [errno, `{name}.{call}() failed: {errno} ({reason}).${hint}`])) as Record<keyof typeof errnoHints, string>,
);

const failureData = (socketId: string, call: SocketCallName, error: SocketCallError): Record<string, unknown> => {
  const { failure } = error;
  if (failure.kind === 'errno') return { socketId, call, errno: failure.name, code: failure.errno };
  return { socketId, call, errno: null, exception: failure.kind };
};

/**
 * The socket lab: each step a user takes is one system call, made at that moment in the process
 * that owns the socket, and recorded with its times, outcome and the Python line it stands for.
 * Calls out of order are refused before any system call, saying what must come first; what the
 * kernel refuses comes back with its errno. Every socket it opened is closed on dispose.
 */
export class SocketLab {
  private readonly records = new Map<string, SocketRecord>();
  private readonly closedOrder: string[] = [];
  private counter = 0;
  private closing = false;

  constructor(private readonly options: SocketLabOptions) {}

  get openCount(): number {
    let open = 0;
    for (const record of this.records.values()) if (record.open) open++;
    return open;
  }

  /** The pids that hold lab sockets now, the main process included: whose sockets the tracker marks as the lab's. */
  hostPids(): number[] {
    const pids = new Set<number>([process.pid]);
    for (const record of this.records.values()) if (record.open) pids.add(record.info.pid);
    return [...pids];
  }

  all(): SocketRecord[] {
    return [...this.records.values()];
  }

  find(socketId: string): SocketRecord {
    const record = this.records.get(socketId);
    if (!record) throw RpcError.said(ErrorCode.NotFound, errors.noSocket({ socketId }), { socketId });
    return record;
  }

  async create(protocol: Protocol, family: Family, owner: 'main' | { pid: number }, name?: string): Promise<SocketRecord> {
    this.checkRoom();
    const host = owner === 'main' ? this.options.mainHost() : this.options.labHost(owner.pid);
    const number = ++this.counter;
    const variable = name ?? `s${number}`;
    const startedAt = now();
    const python = pythonLines.socket(variable, protocol, family);
    let opened: OpResult<'open'>;
    try {
      opened = await host.run('open', { protocol, family }, { block: false }, new AbortController().signal, () => {});
    } catch (error) {
      throw this.rpcError(`socket-${number}`, 'socket', error);
    }
    const record = new SocketRecord(this.freshInfo(`socket-${number}`, variable, protocol, family, host, opened), host);
    this.records.set(record.info.socketId, record);
    const call = this.callRecord('socket', python, startedAt, false, { detail: `fd ${opened.fd}, inode ${opened.inode ?? 'unknown'}, non-blocking` });
    record.record(call);
    this.options.hub.emit('socket.created', { socket: record.snapshot(), call });
    this.options.onActivity();
    return record;
  }

  async setsockopt(socketId: string, option: SocketOption, value: boolean | number | { on: boolean; seconds: number }): Promise<SocketInfo> {
    const record = this.ready(socketId, 'setsockopt');
    if (option === 'TCP_DEFER_ACCEPT' && record.info.protocol !== 'tcp') {
      throw RpcError.said(ErrorCode.InvalidParams, errors.deferOnUdp());
    }
    await this.step(record, 'setsockopt', pythonLines.setsockopt(record.info.name, option, value), 'setsockopt', { option, value }, noWait, (result) => {
      const { options } = record.info;
      if (option === 'SO_REUSEADDR') options.SO_REUSEADDR = Boolean(value);
      else if (option === 'SO_LINGER') options.SO_LINGER = typeof value === 'object' ? value : { on: Boolean(value), seconds: 0 };
      else if (option === 'TCP_DEFER_ACCEPT') options.TCP_DEFER_ACCEPT = Number(value);
      else options.SO_RCVBUF = Number(value);
      return { detail: result.detail };
    });
    return record.snapshot();
  }

  async bind(socketId: string, address: string, port: number, reuseaddr: boolean | undefined): Promise<SocketInfo> {
    const record = this.ready(socketId, 'bind');
    this.checkFamily(record, address);
    if (reuseaddr !== undefined) await this.setsockopt(socketId, 'SO_REUSEADDR', reuseaddr);
    await this.step(record, 'bind', pythonLines.bind(record.info.name, address, port), 'bind', { family: record.info.family, address, port }, noWait, ({ local }) => {
      record.info.local = local;
      record.info.state = 'bound';
      return { detail: port === 0 ? `bound to ${text(local)} (port ${local.port} chosen by the kernel)` : `bound to ${text(local)}` };
    });
    return record.snapshot();
  }

  async listen(socketId: string, backlog: number): Promise<SocketInfo> {
    const record = this.ready(socketId, 'listen');
    const wasBound = record.info.state === 'bound';
    await this.step(record, 'listen', pythonLines.listen(record.info.name, backlog), 'listen', { backlog }, noWait, ({ local }) => {
      record.info.local = local;
      record.info.state = 'listening';
      record.info.backlog = backlog;
      return { detail: `listening on ${text(local)}, backlog ${backlog}${wasBound ? '' : ' (never bound: the kernel chose the port)'}` };
    });
    return record.snapshot();
  }

  async accept(socketId: string, blocking: Blocking): Promise<{ listener: SocketInfo; socket: SocketInfo; address: Endpoint }> {
    const listener = this.ready(socketId, 'accept');
    this.checkRoom();
    const number = ++this.counter;
    const variable = `conn${number}`;
    const python = blockingPrefix(listener.info.name, blocking.block, blocking.timeout) + pythonLines.accept(listener.info.name, variable);
    let accepted: SocketRecord | undefined;
    const result = await this.step(listener, 'accept', python, 'accept', {}, blocking, (result) => {
      // The new socket's event comes first, so the listener's call can name it.
      const info = this.freshInfo(`socket-${number}`, variable, listener.info.protocol, listener.info.family, listener.host, result);
      Object.assign(info, { state: 'connected', local: result.local, remote: result.remote, acceptedFrom: listener.info.socketId });
      accepted = new SocketRecord(info, listener.host);
      this.records.set(info.socketId, accepted);
      const call = this.callRecord('accept', python, now(), false, { detail: `returned by ${listener.info.name}.accept(): connected to ${text(result.remote)}` });
      accepted.record(call);
      this.options.hub.emit('socket.created', { socket: accepted.snapshot(), call });
      return { detail: `${variable} is the new socket for the client at ${text(result.remote)} (fd ${result.fd})` };
    });
    return { listener: listener.snapshot(), socket: (accepted as SocketRecord).snapshot(), address: result.remote };
  }

  async connect(socketId: string, address: string, port: number, blocking: Blocking): Promise<SocketInfo> {
    const record = this.ready(socketId, 'connect');
    this.checkFamily(record, address);
    const python = blockingPrefix(record.info.name, blocking.block, blocking.timeout) + pythonLines.connect(record.info.name, address, port);
    const tcp = record.info.protocol === 'tcp';
    try {
      await this.step(record, 'connect', python, 'connect', { family: record.info.family, address, port }, blocking, ({ local, remote }) => {
        Object.assign(record.info, { local, remote, state: 'connected' });
        return { detail: tcp ? `connected from ${text(local)} to ${text(remote)}: the handshake is done` : `the peer is fixed at ${text(remote)} (no packet was sent)` };
      });
    } catch (error) {
      // EINPROGRESS without blocking: the SYN is out and the handshake goes on in the kernel.
      if (error instanceof RpcError && (error.data as { errno?: string } | undefined)?.errno === 'EINPROGRESS') {
        Object.assign(record.info, { state: 'connecting', remote: { address, port } });
      }
      throw error;
    }
    return record.snapshot();
  }

  async send(socketId: string, data: Payload, blocking: Blocking): Promise<{ socket: SocketInfo; sent: number; size: number }> {
    const record = this.ready(socketId, 'send');
    const bytes = encodePayload(data);
    const python = blockingPrefix(record.info.name, blocking.block, blocking.timeout) + pythonLines.send(record.info.name, data);
    const { sent } = await this.step(record, 'send', python, 'send', { base64: bytes.toString('base64') }, blocking, ({ sent }) => {
      this.countOut(record, sent);
      return { detail: sent < bytes.length ? `the kernel took ${sent} of ${bytes.length} bytes (its send buffer is full)` : `sent ${sent} bytes`, bytes: sent };
    });
    return { socket: record.snapshot(), sent, size: bytes.length };
  }

  async sendto(socketId: string, data: Payload, address: string, port: number, blocking: Blocking): Promise<{ socket: SocketInfo; sent: number }> {
    const record = this.ready(socketId, 'sendto');
    this.checkFamily(record, address);
    const bytes = encodePayload(data);
    const python = blockingPrefix(record.info.name, blocking.block, blocking.timeout) + pythonLines.sendto(record.info.name, data, address, port);
    // Unbound, the kernel would bind the socket to every interface (0.0.0.0:port) before sending; Loopscope
    // takes only loopback, so it binds to loopback with port 0 in the same step, and the kernel still chooses the port.
    const implicit = record.info.state === 'created';
    const bindFirst = implicit ? (record.info.family === 'IPv4' ? '127.0.0.1' : '::1') : null;
    const args = { family: record.info.family, base64: bytes.toString('base64'), address, port, bindFirst };
    const { sent } = await this.step(record, 'sendto', python, 'sendto', args, blocking, ({ sent, local }) => {
      record.info.local = local;
      if (implicit) record.info.state = 'bound';
      this.countOut(record, sent);
      const bound = implicit ? `; first the kernel chose port ${local.port} for the unbound socket (bound to ${bindFirst}, as Loopscope keeps to loopback)` : '';
      return { detail: `one datagram of ${sent} bytes to ${address}:${port}${bound}`, bytes: sent };
    });
    return { socket: record.snapshot(), sent };
  }

  async recv(socketId: string, bufsize: number, encoding: TextEncoding, blocking: Blocking): Promise<{ socket: SocketInfo; data: ReturnType<typeof received>; peerClosed: boolean }> {
    const record = this.ready(socketId, 'recv');
    const python = blockingPrefix(record.info.name, blocking.block, blocking.timeout) + pythonLines.recv(record.info.name, bufsize);
    const { base64 } = await this.step(record, 'recv', python, 'recv', { bufsize }, blocking, (result) => {
      const data = received(result.base64, encoding);
      this.countIn(record, data.bytes);
      if (data.bytes === 0 && record.info.protocol === 'tcp') {
        record.info.peerClosed = true;
        return { detail: 'peer closed: recv returned 0 bytes (the peer sent FIN)', bytes: 0 };
      }
      return { detail: `received ${data.bytes} bytes`, bytes: data.bytes };
    });
    const data = received(base64, encoding);
    return { socket: record.snapshot(), data, peerClosed: data.bytes === 0 && record.info.protocol === 'tcp' };
  }

  async recvfrom(
    socketId: string,
    bufsize: number,
    encoding: TextEncoding,
    blocking: Blocking,
  ): Promise<{ socket: SocketInfo; data: ReturnType<typeof received>; from: Endpoint; size: number; truncated: boolean }> {
    const record = this.ready(socketId, 'recvfrom');
    const python = blockingPrefix(record.info.name, blocking.block, blocking.timeout) + pythonLines.recvfrom(record.info.name, bufsize);
    const result = await this.step(record, 'recvfrom', python, 'recvfrom', { bufsize }, blocking, (result) => {
      const got = Buffer.byteLength(result.base64, 'base64');
      this.countIn(record, got);
      return {
        detail: result.truncated
          ? `a datagram of ${result.size} bytes from ${text(result.from)}, cut to ${bufsize} (MSG_TRUNC): the rest is lost`
          : `a datagram of ${result.size} bytes from ${text(result.from)}`,
        bytes: got,
      };
    });
    return { socket: record.snapshot(), data: received(result.base64, encoding), from: result.from, size: result.size, truncated: result.truncated };
  }

  async shutdown(socketId: string, how: 'SHUT_RD' | 'SHUT_WR' | 'SHUT_RDWR'): Promise<SocketInfo> {
    const record = this.ready(socketId, 'shutdown');
    await this.step(record, 'shutdown', pythonLines.shutdown(record.info.name, how), 'shutdown', { how }, noWait, () => {
      if (how !== 'SHUT_RD') record.info.shutdown.write = true;
      if (how !== 'SHUT_WR') record.info.shutdown.read = true;
      return { detail: how === 'SHUT_WR' ? 'FIN sent: this end sends no more, and can still recv()' : how === 'SHUT_RD' ? 'this end reads no more' : 'both directions shut' };
    });
    return record.snapshot();
  }

  async close(socketId: string, linger: number | undefined): Promise<SocketInfo> {
    const record = this.ready(socketId, 'close');
    if (linger !== undefined) await this.setsockopt(socketId, 'SO_LINGER', { on: true, seconds: linger });
    const abort = record.info.options.SO_LINGER?.on === true && record.info.options.SO_LINGER.seconds === 0 && record.info.protocol === 'tcp';
    const wasConnected = record.info.state === 'connected' && record.info.protocol === 'tcp';
    await this.step(record, 'close', pythonLines.close(record.info.name), 'close', {}, noWait, () => {
      record.markClosed(now());
      this.rememberClosed(record);
      return {
        detail: abort
          ? 'closed with SO_LINGER {1, 0}: the kernel sent RST, not FIN (a forced close); the peer sees ECONNRESET'
          : wasConnected
            ? 'closed: the kernel sends FIN and finishes the teardown without the app'
            : 'closed',
      };
    });
    return record.snapshot();
  }

  /** The host process is gone, and its descriptors with it. */
  hostGone(pid: number, detail: string): void {
    for (const record of this.records.values()) {
      if (!record.open || record.info.pid !== pid || record.info.host !== 'lab') continue;
      record.markClosed(now());
      this.rememberClosed(record);
      this.options.hub.emit('socket.lost', { socketId: record.info.socketId, socket: record.snapshot(), detail });
    }
  }

  /** Closes every socket it opened, each with a real close() (recorded), then ends the hosts. */
  async dispose(hosts: readonly SocketHost[]): Promise<void> {
    this.closing = true;
    const open = [...this.records.values()].filter((record) => record.open);
    await runEveryStep(
      open.map((record) => [record.info.socketId, () => this.step(record, 'close', pythonLines.close(record.info.name), 'close', {}, noWait, () => {
        record.markClosed(now());
        return { detail: 'closed: Loopscope is quitting' };
      })] as const),
      () => {},
    );
    await runEveryStep(hosts.map((host) => [`host ${host.pid}`, () => host.dispose()] as const), () => {});
  }

  private ready(socketId: string, call: Exclude<SocketCallName, 'socket'>): SocketRecord {
    const record = this.find(socketId);
    const refusal = callRefusal(call, record.info);
    if (refusal) throw RpcError.said(ErrorCode.Conflict, refusal, { socketId, call, state: record.info.state });
    // Reading and writing may wait at once (as two Python threads could); one direction waits once.
    const direction = (name: SocketCallName): string => (name === 'send' || name === 'sendto' || name === 'connect' ? 'out' : 'in');
    const busy = record.waits.find((waiting) => direction(waiting) === direction(call));
    if (busy && call !== 'close' && call !== 'setsockopt' && call !== 'shutdown') {
      throw RpcError.said(ErrorCode.Conflict, errors.blocked({ name: record.info.name, busy }), {
        socketId,
        call,
        waiting: busy,
      });
    }
    return record;
  }

  private checkRoom(): void {
    if (this.closing) throw RpcError.said(ErrorCode.Conflict, errors.quitting());
    if (this.openCount >= MAX_OPEN_SOCKETS) {
      throw RpcError.said(ErrorCode.LimitReached, errors.cap({ max: MAX_OPEN_SOCKETS }), { maxOpenSockets: MAX_OPEN_SOCKETS });
    }
  }

  private checkFamily(record: SocketRecord, address: string): void {
    if (familyOf(address) === record.info.family) return;
    throw RpcError.said(ErrorCode.InvalidParams, (record.info.family === 'IPv4' ? errors.notIPv4 : errors.notIPv6)({ name: record.info.name }));
  }

  /** One system call on the socket's host: recorded, with its Python line and times, whatever the kernel answers. */
  private async step<O extends SocketOp>(
    record: SocketRecord,
    call: SocketCallName,
    python: string,
    op: O,
    args: Omit<OpArgs<O>, 'fd'>,
    blocking: Blocking | typeof noWait,
    apply: (result: OpResult<O>) => Step,
  ): Promise<OpResult<O>> {
    const startedAt = now();
    let waited = false;
    const wait: Wait = { block: blocking.block, timeoutMs: blocking.timeout === undefined ? undefined : blocking.timeout * 1000 };
    const onWaiting = (): void => {
      waited = true;
      record.startWaiting(call);
      this.options.hub.emit('socket.waiting', { socketId: record.info.socketId, call, python, since: now() });
    };
    let result: OpResult<O>;
    try {
      result = await record.host.run(op, { ...args, fd: record.fd } as OpArgs<O>, wait, blocking.signal, onWaiting);
    } catch (error) {
      if (waited) record.stopWaiting(call);
      const rpc = this.rpcError(record.info.socketId, call, error, record);
      const errno = (rpc.data as { errno?: string | null } | undefined)?.errno ?? null;
      this.finish(record, this.callRecord(call, python, startedAt, waited, { detail: rpc.message }, { errno }));
      throw rpc;
    }
    if (waited) record.stopWaiting(call);
    this.finish(record, this.callRecord(call, python, startedAt, waited, apply(result)));
    return result;
  }

  private finish(record: SocketRecord, call: CallRecord): void {
    record.record(call);
    this.options.hub.emit('socket.call', { socketId: record.info.socketId, call, socket: record.snapshot() });
    this.options.onActivity();
  }

  /** `failure` when the call did not succeed: its errno, or null for a timeout or a wait that ended. */
  private callRecord(call: SocketCallName, python: string, startedAt: number, waited: boolean, step: Step, failure?: { errno: string | null }): CallRecord {
    return { call, python, startedAt, endedAt: now(), waited, ok: failure === undefined, errno: failure?.errno ?? null, detail: step.detail, bytes: step.bytes ?? null };
  }

  private rpcError(socketId: string, call: SocketCallName, error: unknown, record?: SocketRecord): RpcError {
    if (error instanceof RpcError) return error;
    if (!(error instanceof SocketCallError)) return RpcError.said(ErrorCode.Internal, errors.internal({ call, reason: (error as Error).message }));
    const { failure } = error;
    const name = record?.info.name ?? 's';
    if (failure.kind === 'errno') {
      if (record && (failure.name === 'ECONNRESET' || failure.name === 'EPIPE')) record.info.reset = true;
      const said = errnoErrors[failure.name in errnoHints ? (failure.name as keyof typeof errnoHints) : 'other'];
      return RpcError.said(ErrorCode.SocketError, said({ name, call, errno: failure.name, reason: failure.message }), failureData(socketId, call, error));
    }
    return RpcError.said(ErrorCode.SocketError, errors[failure.kind]({ name, call, reason: error.message }), failureData(socketId, call, error));
  }

  private freshInfo(socketId: string, name: string, protocol: Protocol, family: Family, host: SocketHost, opened: { fd: number; inode: number | null }): SocketInfo {
    return {
      socketId,
      name,
      protocol,
      family,
      host: host.pid === process.pid ? 'main' : 'lab',
      pid: host.pid,
      fd: opened.fd,
      inode: opened.inode,
      state: 'created',
      local: null,
      remote: null,
      acceptedFrom: null,
      backlog: null,
      options: { SO_REUSEADDR: false, SO_LINGER: null, TCP_DEFER_ACCEPT: null, SO_RCVBUF: null },
      shutdown: { read: false, write: false },
      peerClosed: false,
      reset: false,
      bytesIn: 0,
      bytesOut: 0,
      datagramsIn: 0,
      datagramsOut: 0,
      waiting: null,
      createdAt: now(),
      closedAt: null,
      backend: host.backend,
      fused: host.fused(protocol),
    };
  }

  private countIn(record: SocketRecord, bytes: number): void {
    record.info.bytesIn += bytes;
    if (record.info.protocol === 'udp') record.info.datagramsIn++;
  }

  private countOut(record: SocketRecord, bytes: number): void {
    record.info.bytesOut += bytes;
    if (record.info.protocol === 'udp') record.info.datagramsOut++;
  }

  private rememberClosed(record: SocketRecord): void {
    this.closedOrder.push(record.info.socketId);
    while (this.closedOrder.length > KEPT_CLOSED) this.records.delete(this.closedOrder.shift() as string);
  }
}

const noWait = { block: false, timeout: undefined, signal: new AbortController().signal } as const;

const text = (endpoint: Endpoint): string => (endpoint.address.includes(':') ? `[${endpoint.address}]:${endpoint.port}` : `${endpoint.address}:${endpoint.port}`);
