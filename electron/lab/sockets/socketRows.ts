import type { Result } from '../../../shared/contract.js';
import type { SocketInfo, SocketRow } from '../../../shared/schemas/sockets.js';
import type { SocketState, TrackedSocket } from '../../../shared/schemas/socketStates.js';
import type { SocketTracker } from './kernel/socketTracker.js';
import type { SocketLab } from './socketLab.js';
import type { SocketRecord } from './socketRecord.js';

/** What the app's own calls imply the kernel shows, where no reading has it yet; null: not in the kernel's tables. */
function inferredState(info: SocketInfo): SocketState | null {
  if (info.protocol === 'udp') return info.state === 'connected' ? 'ESTABLISHED' : info.state === 'bound' ? 'UNCONN' : null;
  return ({ listening: 'LISTEN', connecting: 'SYN_SENT', connected: 'ESTABLISHED' } as const)[info.state as 'listening'] ?? null;
}

/** A kernel socket was this record's: by its inode while open, or as the former owner of what the kernel holds on after close. */
const belongsTo = (kernel: TrackedSocket, record: SocketRecord): boolean =>
  record.info.inode !== null && (kernel.inode === record.info.inode || kernel.formerOwner?.inode === record.info.inode);

/**
 * The Sockets table: the app's records (inferred) beside the tracker's readings (observed), one
 * row per socket. A lab socket closed while the kernel still holds its end (TIME_WAIT, an
 * orphaned FIN_WAIT or LAST_ACK) stays among the current rows, owned by the kernel.
 */
export class SocketRows {
  constructor(
    private readonly sockets: SocketLab,
    private readonly tracker: SocketTracker,
  ) {}

  list(scope: 'lab' | 'all'): Result<'sockets.list'> {
    this.tracker.tick(); // a fresh reading, so the answer shows the kernel as it is now
    const machine = this.tracker.machineSockets();
    const kernel = { available: machine.available, detail: machine.detail, source: machine.source };
    const records = this.sockets.all();
    const recordOf = (tracked: TrackedSocket): SocketRecord | undefined => records.find((record) => belongsTo(tracked, record));
    if (scope === 'all') {
      return {
        scope,
        sockets: machine.sockets.map((tracked) => this.row(recordOf(tracked) ?? null, tracked)),
        recentlyClosed: machine.recentlyClosed.map((tracked) => this.row(recordOf(tracked) ?? null, tracked)),
        kernel,
      };
    }
    const current = this.tracker.labSockets();
    const sockets: SocketRow[] = [];
    const recentlyClosed: SocketRow[] = [];
    const matched = new Set<TrackedSocket>();
    for (const record of records) {
      const tracked = current.find((candidate) => belongsTo(candidate, record));
      if (tracked) matched.add(tracked);
      if (record.open || tracked) sockets.push(this.row(record, tracked ?? null));
      else recentlyClosed.push(this.row(record, this.tracker.recentlyClosed('lab').find((candidate) => belongsTo(candidate, record)) ?? null));
    }
    // Connections the kernel made on a lab listener that nobody has accepted yet: no descriptor, no record.
    for (const tracked of current) if (!matched.has(tracked)) sockets.push(this.row(null, tracked));
    return { scope, sockets, recentlyClosed, kernel };
  }

  private row(record: SocketRecord | null, kernel: TrackedSocket | null): SocketRow {
    const info = record?.snapshot() ?? null;
    const observed = kernel && kernel.closedAt === null ? kernel.state : null;
    return {
      socketId: info?.socketId ?? null,
      protocol: info?.protocol ?? (kernel as TrackedSocket).protocol,
      family: info?.family ?? (kernel as TrackedSocket).family,
      local: kernel?.local ?? info?.local ?? null,
      remote: kernel?.remote ?? info?.remote ?? null,
      state: observed ?? (info && info.state !== 'closed' ? inferredState(info) : null),
      stateSource: observed ? 'observed' : 'inferred',
      pid: kernel && kernel.closedAt === null ? kernel.owner.pid : info && info.state !== 'closed' ? info.pid : null,
      lab: info,
      kernel,
    };
  }
}
