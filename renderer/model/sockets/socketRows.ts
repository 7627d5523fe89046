import type { Endpoint, SocketOwner } from '../../../shared/schemas/socketStates.js';
import type { SocketInfo, SocketRow } from '../../../shared/schemas/sockets.js';

/**
 * One line of the sockets table, from a row of sockets.list: the kernel's reading of a socket (observed) beside the
 * lab's own record of it (inferred), or either alone — a lab socket the kernel does not list (made, not yet bound),
 * or another program's socket (the machine-wide switch).
 */
export interface TableRow {
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
export const shownState = (row: TableRow): string => row.kernelState ?? row.appState ?? '';

/** Who holds a socket the kernel does not list: the lab's host process (even once it closed it), else nobody known. */
const ownerOf = (pid: number | null, names: ReadonlyMap<number, string>): SocketOwner =>
  pid === null ? { kind: 'unknown', pid: null, name: null } : { kind: 'process', pid, name: names.get(pid) ?? null };

/** A row's name in the table: the lab's socketId while it is the lab's, else the tracker's id. */
export const rowKey = (row: SocketRow): string => row.socketId ?? row.kernel?.trackId ?? '';

/**
 * The row as the table reads it: the kernel's state, queues and owner where it lists the socket; the lab's record for
 * the rest; bytes from the kernel's tcp_info where it has them, else the lab's count of its own calls.
 */
export function tableRow(row: SocketRow, names: ReadonlyMap<number, string>): TableRow {
  const { socketId, protocol, family, local, remote, pid, lab, kernel } = row;
  const counted = kernel?.tcpInfo ?? null;
  return {
    key: rowKey(row),
    socketId,
    trackId: kernel?.trackId ?? null,
    name: lab?.name ?? null,
    protocol,
    family,
    local,
    remote,
    kernelState: kernel?.state ?? null,
    appState: lab?.state ?? null,
    owner: kernel?.owner ?? ownerOf(pid ?? lab?.pid ?? null, names),
    formerOwner: kernel?.formerOwner?.owner ?? null,
    lab: lab !== null || kernel?.lab === true,
    since: Math.min(kernel?.firstSeen ?? Infinity, lab?.createdAt ?? Infinity),
    // While the kernel holds it (a TIME_WAIT after close()) it is not closed, whatever the lab's record says.
    closedAt: kernel ? kernel.closedAt : (lab?.closedAt ?? null),
    sendQueue: kernel?.sendQueue ?? null,
    receiveQueue: kernel?.receiveQueue ?? null,
    bytesIn: counted ? counted.bytesReceived : (lab?.bytesIn ?? null),
    bytesOut: counted ? counted.bytesAcked : (lab?.bytesOut ?? null),
    bytesSource: counted ? 'observed' : lab ? 'inferred' : null,
    timeWaitEndsAt: kernel?.timeWaitEndsAt ?? null,
    waiting: lab?.waiting ?? null,
  };
}
