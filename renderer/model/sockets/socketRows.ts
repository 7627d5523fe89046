import type { Endpoint, SocketOwner, TrackedSocket } from '../../../shared/schemas/socketStates.js';
import type { SocketInfo } from '../../../shared/schemas/sockets.js';

/**
 * One line of the sockets table: the kernel's reading of a socket (observed) joined to the lab's own record of it
 * (inferred), or either alone — a lab socket the kernel does not list (made, not yet bound), or a socket of another
 * program's (the machine-wide switch).
 */
export interface SocketRow {
  /** The lab's socketId while it is the lab's (stable from socket() to the end of its TIME_WAIT), else the tracker's id. */
  key: string;
  socketId: string | null;
  trackId: string | null;
  /** Its Python variable (s1, conn2), for the lab's own. */
  name: string | null;
  protocol: SocketInfo['protocol'];
  family: SocketInfo['family'];
  local: Endpoint | null;
  remote: Endpoint | null;
  /** The kernel's state (TIME_WAIT, UNCONN); null where the kernel lists no such socket. */
  kernelState: string | null;
  /** What the lab believes from its own calls (bound, listening), for its own. */
  appState: SocketInfo['state'] | null;
  owner: SocketOwner;
  /** The process that held it before the kernel took it over (TIME_WAIT, an orphaned FIN_WAIT). */
  formerOwner: SocketOwner | null;
  lab: boolean;
  since: number;
  closedAt: number | null;
  /** For a listener, the accept queue and the backlog, as ss shows them. */
  sendQueue: number | null;
  receiveQueue: number | null;
  /** The kernel's counters (tcp_info) where it gives them, else the lab's own count of its calls' bytes. */
  bytesIn: number | null;
  bytesOut: number | null;
  bytesSource: 'observed' | 'inferred' | null;
  timeWaitEndsAt: number | null;
  /** A blocking call the lab is waiting in on it now. */
  waiting: SocketInfo['waiting'];
}

/** What the table shows as the state: the kernel's when it lists the socket, else the lab's own record. */
export const shownState = (row: SocketRow): string => row.kernelState ?? row.appState ?? '';

const processOwner = (socket: SocketInfo, names: ReadonlyMap<number, string>): SocketOwner => ({ kind: 'process', pid: socket.pid, name: names.get(socket.pid) ?? null });

function fromKernel(kernel: TrackedSocket, lab: SocketInfo | undefined): SocketRow {
  const counted = kernel.tcpInfo;
  return {
    key: lab?.socketId ?? kernel.trackId,
    socketId: lab?.socketId ?? null,
    trackId: kernel.trackId,
    name: lab?.name ?? null,
    protocol: kernel.protocol,
    family: kernel.family,
    local: kernel.local,
    remote: kernel.remote,
    kernelState: kernel.state,
    appState: lab?.state ?? null,
    owner: kernel.owner,
    formerOwner: kernel.formerOwner?.owner ?? null,
    lab: kernel.lab || lab !== undefined,
    since: Math.min(kernel.firstSeen, lab?.createdAt ?? Infinity),
    closedAt: kernel.closedAt,
    sendQueue: kernel.sendQueue,
    receiveQueue: kernel.receiveQueue,
    bytesIn: counted ? counted.bytesReceived : (lab?.bytesIn ?? null),
    bytesOut: counted ? counted.bytesAcked : (lab?.bytesOut ?? null),
    bytesSource: counted ? 'observed' : lab ? 'inferred' : null,
    timeWaitEndsAt: kernel.timeWaitEndsAt,
    waiting: lab?.waiting ?? null,
  };
}

function fromLab(socket: SocketInfo, names: ReadonlyMap<number, string>): SocketRow {
  return {
    key: socket.socketId,
    socketId: socket.socketId,
    trackId: null,
    name: socket.name,
    protocol: socket.protocol,
    family: socket.family,
    local: socket.local,
    remote: socket.remote,
    kernelState: null,
    appState: socket.state,
    owner: processOwner(socket, names),
    formerOwner: null,
    lab: true,
    since: socket.createdAt,
    closedAt: socket.closedAt,
    sendQueue: null,
    receiveQueue: null,
    bytesIn: socket.bytesIn,
    bytesOut: socket.bytesOut,
    bytesSource: 'inferred',
    timeWaitEndsAt: null,
    waiting: socket.waiting,
  };
}

export interface JoinInput {
  /** The lab's sockets, open and recently closed. */
  lab: readonly SocketInfo[];
  /** The kernel's, current and recently closed, as the tracker follows them. */
  kernel: readonly TrackedSocket[];
  /**
   * Every inode a lab socket has had, to its socketId: a lab socket's record forgets its inode when it closes, while
   * the kernel's TIME_WAIT that follows names it as its former owner's.
   */
  inodes: ReadonlyMap<number, string>;
  /** Process names by pid, for the lab's own rows the kernel does not list. */
  names: ReadonlyMap<number, string>;
}

/**
 * The table's rows, each socket once: a kernel reading joined to the lab socket with its inode, or, for a socket the
 * kernel holds alone (inode 0), to the lab socket that held it before; then the lab sockets the kernel does not list.
 */
export function joinRows({ lab, kernel, inodes, names }: JoinInput): SocketRow[] {
  const byId = new Map(lab.map((socket) => [socket.socketId, socket]));
  const linked = new Set<string>();
  const rows = kernel.map((reading) => {
    const inode = reading.inode > 0 ? reading.inode : (reading.formerOwner?.inode ?? 0);
    const socketId = inodes.get(inode);
    // Each lab socket once: should two readings name it (never, while the tracker keeps one id per socket), the second stands alone.
    const socket = socketId === undefined || linked.has(socketId) ? undefined : byId.get(socketId);
    if (socket) linked.add(socket.socketId);
    return fromKernel(reading, socket);
  });
  // A lab socket the kernel has nothing of (made, not yet bound; or a reading not yet taken) is still a row.
  for (const socket of lab) if (!linked.has(socket.socketId)) rows.push(fromLab(socket, names));
  return rows;
}

/** Every inode the lab's sockets have now, added to those already known. */
export function learnInodes(known: ReadonlyMap<number, string>, lab: readonly SocketInfo[]): Map<number, string> {
  const next = new Map(known);
  for (const socket of lab) if (socket.inode !== null && socket.inode > 0) next.set(socket.inode, socket.socketId);
  return next;
}
