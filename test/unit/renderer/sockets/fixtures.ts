import type { TrackedSocket } from '../../../../shared/schemas/socketStates.js';
import type { SocketInfo, SocketRow } from '../../../../shared/schemas/sockets.js';

/** A lab socket as the app records it: a TCP socket in the main process, made at 1000. */
export const labSocket = (socketId: string, fields: Partial<SocketInfo> = {}): SocketInfo => ({
  socketId,
  name: socketId,
  protocol: 'tcp',
  family: 'IPv4',
  host: 'main',
  pid: 100,
  fd: 20,
  inode: null,
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
  createdAt: 1000,
  closedAt: null,
  backend: 'syscalls',
  fused: [],
  ...fields,
});

/** A socket as the tracker follows it: an ESTABLISHED IPv4 TCP socket owned by pid 100, first seen at 1000. */
export const kernelSocket = (trackId: string, fields: Partial<TrackedSocket> = {}): TrackedSocket => ({
  trackId,
  protocol: 'tcp',
  family: 'IPv4',
  local: { address: '127.0.0.1', port: 40000 },
  remote: { address: '127.0.0.1', port: 8080 },
  state: 'ESTABLISHED',
  inode: 5000,
  uid: 1000,
  sendQueue: 0,
  receiveQueue: 0,
  timer: null,
  tcpInfo: null,
  owner: { kind: 'process', pid: 100, name: 'loopscope' },
  lab: false,
  firstSeen: 1000,
  lastSeen: 1000,
  closedAt: null,
  formerOwner: null,
  timeWaitEndsAt: null,
  history: [],
  historyDropped: 0,
  ...fields,
});

/** A row of sockets.list, as the lab joins its record and the kernel's reading. */
export function listRow(lab: SocketInfo | null, kernel: TrackedSocket | null): SocketRow {
  const from = kernel ?? lab;
  return {
    socketId: lab?.socketId ?? null,
    protocol: from?.protocol ?? 'tcp',
    family: from?.family ?? 'IPv4',
    local: kernel?.local ?? lab?.local ?? null,
    remote: kernel?.remote ?? lab?.remote ?? null,
    state: kernel?.state ?? null,
    stateSource: kernel ? 'observed' : 'inferred',
    pid: kernel ? kernel.owner.pid : (lab?.pid ?? null),
    lab,
    kernel,
  };
}
