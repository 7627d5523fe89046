import type { CallRecord, SocketCallName, SocketDetail, SocketInfo } from '../../../shared/schemas/sockets.js';
import type { SocketHost } from './socketOps.js';

/** The newest calls kept per socket; older ones are counted, not kept. */
const KEPT_CALLS = 200;

/**
 * The app's own record of one lab socket: what it was asked to do and what the kernel answered,
 * with exact times (inferred, in the contract's words). The descriptor lives in `host`'s process.
 */
export class SocketRecord {
  private readonly calls: CallRecord[] = [];
  private dropped = 0;
  /** Calls blocked on it now (a recv and a send may wait at once); `info.waiting` shows the oldest. */
  readonly waits: SocketCallName[] = [];
  /** The connection's 4-tuple, kept after close so the kernel's leftover (TIME_WAIT) still links here. */
  lastTuple: { local: SocketInfo['local']; remote: SocketInfo['remote'] } = { local: null, remote: null };

  constructor(
    readonly info: SocketInfo,
    readonly host: SocketHost,
  ) {}

  get open(): boolean {
    return this.info.state !== 'closed';
  }

  get fd(): number {
    if (this.info.fd === null) throw new Error(`${this.info.socketId} has no descriptor`);
    return this.info.fd;
  }

  startWaiting(call: SocketCallName): void {
    this.waits.push(call);
    this.info.waiting = this.waits[0] ?? null;
  }

  stopWaiting(call: SocketCallName): void {
    this.waits.splice(this.waits.indexOf(call), 1);
    this.info.waiting = this.waits[0] ?? null;
  }

  record(call: CallRecord): void {
    this.calls.push(call);
    if (this.calls.length > KEPT_CALLS) {
      this.calls.shift();
      this.dropped++;
    }
    if (this.info.local || this.info.remote) this.lastTuple = { local: this.info.local, remote: this.info.remote };
  }

  /** A copy, so an event or an answer never changes after it was sent. */
  snapshot(): SocketInfo {
    return structuredClone(this.info);
  }

  detail(): SocketDetail {
    return { ...this.snapshot(), calls: structuredClone(this.calls), callsDropped: this.dropped };
  }

  /** The descriptor is gone (close() ran, or its host went away); the inode stays, to link what the kernel still holds. */
  markClosed(at: number): void {
    this.info.state = 'closed';
    this.info.closedAt = at;
    this.info.fd = null;
  }
}
