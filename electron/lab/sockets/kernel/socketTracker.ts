import type { EventData } from '../../../../shared/contract.js';
import type {
  Endpoint,
  KernelSocket,
  KernelSource,
  MachineSockets,
  SocketProtocol,
  StateHistoryEntry,
  TcpState,
  TrackedSocket,
} from '../../../../shared/schemas/socketStates.js';
import { now as clockNow } from '../../clock.js';
import { BoundedList } from './boundedList.js';
import type { KernelReader } from './kernelReader.js';
import { InodeOwners, KERNEL_OWNER, UNKNOWN_OWNER } from './inodeOwners.js';
import { openKernelReader } from './openKernelReader.js';
import { type Opening, passedStates } from './tcpStateMachine.js';

export interface SocketTrackerOptions {
  /** The hub's emit: lab sockets' state changes go out on the `sockets` stream. */
  emit: (type: 'socket.state', data: EventData<'socket.state'>, at: number) => void;
  /** The lab's own pids (the main process and the lab processes that host sockets): whose sockets are the lab's. */
  labPids: () => readonly number[];
  /** While lab sockets change (within activeForMs of noteActivity()). */
  fastIntervalMs?: number;
  idleIntervalMs?: number;
  activeForMs?: number;
  /** Tests and benchmarks pass one; by default netlink sock_diag, else /proc/net (openKernelReader). */
  reader?: { reader: KernelReader | null; detail: string };
  recentlyClosedCap?: number;
  historyCap?: number;
  now?: () => number;
}

const DEFAULTS = { fastIntervalMs: 25, idleIntervalMs: 1000, activeForMs: 2000, recentlyClosedCap: 256, historyCap: 64 };

interface Track {
  socket: TrackedSocket;
  opening: Opening;
}

const tupleKey = (protocol: SocketProtocol, local: Endpoint, remote: Endpoint): string =>
  `${protocol}|${local.address}|${local.port}|${remote.address}|${remote.port}`;

/** A TCP socket's state is always one of TCP's; UNCONN is UDP's alone. */
const tcpState = (socket: KernelSocket): TcpState => socket.state as TcpState;

const copy = (socket: TrackedSocket): TrackedSocket => ({ ...socket, history: [...socket.history] });

/**
 * Follows every socket the kernel reports across readings and keeps, for each, the states it was
 * seen in: observed when a reading showed them, not-observed when RFC 793 says the kernel passed
 * through them between two readings. Fast polling while the lab's sockets change, slow otherwise.
 * A connection keeps its trackId when its fd closes and the kernel holds it on (inode 0), matched
 * by 4-tuple; the owner it had is kept as formerOwner.
 */
export class SocketTracker {
  private readonly options: Required<Omit<SocketTrackerOptions, 'reader'>>;
  private readonly reader: KernelReader | null;
  readonly detail: string;
  private readonly labOwners: InodeOwners;
  private readonly machineOwners = new InodeOwners('all');
  private readonly live = new Set<Track>();
  private readonly tracksByInode = new Map<number, Track>();
  private readonly tracksByTuple = new Map<string, Track>();
  private readonly closedLab: BoundedList<TrackedSocket>;
  private readonly closedAll: BoundedList<TrackedSocket>;
  private nextId = 1;
  private lastReadingAt: number | null = null;
  private lastActivity = -Infinity;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private lastError: string | null = null;

  constructor(options: SocketTrackerOptions) {
    this.options = { ...DEFAULTS, now: clockNow, ...options };
    const choice = options.reader ?? openKernelReader();
    this.reader = choice.reader;
    this.detail = choice.detail;
    this.labOwners = new InodeOwners({ pids: options.labPids });
    this.closedLab = new BoundedList(this.options.recentlyClosedCap);
    this.closedAll = new BoundedList(this.options.recentlyClosedCap);
  }

  get source(): KernelSource | null {
    return this.reader?.source ?? null;
  }

  start(): void {
    if (this.running || !this.reader) return;
    this.running = true;
    this.loop();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    this.reader?.close();
  }

  /** The lab made a socket call: poll fast for a while, starting now. */
  noteActivity(): void {
    const wasIdle = !this.active();
    this.lastActivity = performance.now();
    if (wasIdle && this.running) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.loop(), 0);
      this.timer.unref();
    }
  }

  /** One reading now, outside the schedule. */
  tick(): void {
    if (!this.reader) return;
    const at = this.options.now();
    const reading = this.reader.read({ protocols: ['tcp', 'udp'], tcpStates: 'all' });
    this.labOwners.resolve(reading.map((socket) => socket.inode));
    const listeners = new Set<string>();
    const labListeners = new Set<string>();
    for (const socket of reading) {
      if (socket.state !== 'LISTEN') continue;
      listeners.add(`${socket.family}|${socket.local.port}`);
      if (this.labOwners.has(socket.inode)) labListeners.add(`${socket.family}|${socket.local.port}`);
    }
    const readInodes = new Set<number>();
    for (const socket of reading) if (socket.inode !== 0) readInodes.add(socket.inode);
    const seen = new Set<Track>();
    for (const socket of reading) {
      const listenerKey = `${socket.family}|${socket.local.port}`;
      const child = socket.protocol === 'tcp' && socket.state !== 'LISTEN' && listeners.has(listenerKey);
      const track = this.match(socket, seen, readInodes) ?? this.create(socket, at, child ? 'passive' : 'active');
      // A connection waiting in a lab listener's accept queue has no fd yet, but it is the lab's.
      const lab = this.labOwners.has(socket.inode) || (socket.inode === 0 && (track.socket.lab || (child && labListeners.has(listenerKey))));
      this.update(track, socket, at, lab);
      seen.add(track);
    }
    for (const track of this.live) if (!seen.has(track)) this.close(track, at);
    this.lastReadingAt = at;
  }

  labSockets(): TrackedSocket[] {
    return [...this.live].filter((track) => track.socket.lab).map((track) => copy(track.socket));
  }

  recentlyClosed(scope: 'lab' | 'all'): TrackedSocket[] {
    return (scope === 'lab' ? this.closedLab : this.closedAll).items().map(copy);
  }

  byInode(inode: number): TrackedSocket | undefined {
    const track = inode === 0 ? undefined : this.tracksByInode.get(inode);
    return track && copy(track.socket);
  }

  byTuple(protocol: SocketProtocol, local: Endpoint, remote: Endpoint): TrackedSocket | undefined {
    const track = this.tracksByTuple.get(tupleKey(protocol, local, remote));
    return track && copy(track.socket);
  }

  /** `sockets.list({ scope: 'all' })`: every socket on the machine, read now, with owners from every readable fd table. */
  machineSockets(): MachineSockets {
    const at = this.options.now();
    if (!this.reader) {
      return { available: false, detail: this.detail, source: null, at, sockets: [], recentlyClosed: [], droppedClosed: 0 };
    }
    try {
      this.tick();
    } catch (error) {
      return { available: false, detail: `${this.detail}: ${(error as Error).message}`, source: this.reader.source, at, sockets: [], recentlyClosed: [], droppedClosed: 0 };
    }
    const tracks = [...this.live];
    this.machineOwners.resolve(tracks.map((track) => track.socket.inode));
    for (const { socket } of tracks) {
      if (socket.inode !== 0 && socket.owner.kind === 'unknown') socket.owner = this.machineOwners.ownerOf(socket.inode);
    }
    return {
      available: true,
      detail: this.detail,
      source: this.reader.source,
      at,
      sockets: tracks.map((track) => copy(track.socket)),
      recentlyClosed: this.recentlyClosed('all'),
      droppedClosed: this.closedAll.dropped,
    };
  }

  /** The last reading's failure, if the most recent one failed. */
  get error(): string | null {
    return this.lastError;
  }

  private active(): boolean {
    return performance.now() - this.lastActivity < this.options.activeForMs;
  }

  private loop(): void {
    if (!this.running) return;
    try {
      this.tick();
      this.lastError = null;
    } catch (error) {
      this.lastError = (error as Error).message; // kept for sockets.list to show; the next tick tries again
    }
    this.timer = setTimeout(() => this.loop(), this.active() ? this.options.fastIntervalMs : this.options.idleIntervalMs);
    this.timer.unref();
  }

  /** The track this reading's socket continues: by inode while an fd holds it, else by 4-tuple. */
  private match(socket: KernelSocket, seen: ReadonlySet<Track>, readInodes: ReadonlySet<number>): Track | undefined {
    if (socket.inode !== 0) {
      const track = this.tracksByInode.get(socket.inode);
      if (track && track.socket.protocol === socket.protocol) return track;
    }
    const track = this.tracksByTuple.get(tupleKey(socket.protocol, socket.local, socket.remote));
    if (!track || seen.has(track)) return undefined;
    const previous = track.socket;
    if (previous.inode !== 0 && (socket.inode !== 0 || readInodes.has(previous.inode))) return undefined; // two fds: two sockets
    if (previous.state === 'TIME_WAIT' && socket.state !== 'TIME_WAIT') return undefined; // a reused 4-tuple: a new connection
    return track;
  }

  private create(socket: KernelSocket, at: number, opening: Opening): Track {
    const track: Track = {
      opening,
      socket: {
        ...socket,
        trackId: `k${this.nextId++}`,
        owner: UNKNOWN_OWNER,
        lab: false,
        firstSeen: at,
        lastSeen: at,
        closedAt: null,
        formerOwner: null,
        timeWaitEndsAt: null,
        history: [],
        historyDropped: 0,
      },
    };
    this.live.add(track);
    return track;
  }

  /** A socket new since the last reading: the states its opening must have passed (none on the first reading, whose sockets predate the tracker). */
  private arrivalEntries(track: Track, socket: KernelSocket, at: number): StateHistoryEntry[] {
    const observed = this.observedEntry(socket.state, at);
    if (this.lastReadingAt === null || socket.protocol === 'udp') return [observed];
    const passed = passedStates(null, tcpState(socket), track.opening);
    return [...this.notObserved(passed.states, passed.alternative, at), observed];
  }

  private update(track: Track, socket: KernelSocket, at: number, lab: boolean): void {
    const previous = track.socket;
    if (previous.inode !== socket.inode) {
      if (this.tracksByInode.get(previous.inode) === track) this.tracksByInode.delete(previous.inode);
      if (previous.inode !== 0 && socket.inode === 0) {
        previous.formerOwner = { trackId: previous.trackId, inode: previous.inode, owner: previous.owner };
      }
    }
    if (socket.inode !== 0) this.tracksByInode.set(socket.inode, track);
    this.tracksByTuple.set(tupleKey(socket.protocol, socket.local, socket.remote), track);
    const arriving = previous.history.length === 0;
    const owner =
      socket.inode === 0
        ? KERNEL_OWNER
        : this.labOwners.has(socket.inode)
          ? this.labOwners.ownerOf(socket.inode)
          : previous.owner.kind === 'process' && previous.inode === socket.inode
            ? previous.owner
            : UNKNOWN_OWNER;
    const becameLab = lab && !previous.lab;
    const from = previous.state;
    Object.assign(previous, socket, { owner, lab, lastSeen: at });
    previous.timeWaitEndsAt = socket.state === 'TIME_WAIT' && socket.timer ? at + socket.timer.expiresInMs : null;
    if (arriving) {
      this.record(track, this.arrivalEntries(track, socket, at), at);
    } else if (from !== socket.state) {
      const passed = socket.protocol === 'tcp' ? passedStates(from as TcpState, tcpState(socket)) : { states: [], alternative: null };
      this.record(track, [...this.notObserved(passed.states, passed.alternative, at), this.observedEntry(socket.state, at)], at);
    } else if (becameLab) {
      this.emitChange(track, previous.history.slice(-1), at); // first seen as the lab's now: its current state goes out once
    }
  }

  private close(track: Track, at: number): void {
    const { socket } = track;
    this.live.delete(track);
    if (this.tracksByInode.get(socket.inode) === track) this.tracksByInode.delete(socket.inode);
    const key = tupleKey(socket.protocol, socket.local, socket.remote);
    if (this.tracksByTuple.get(key) === track) this.tracksByTuple.delete(key);
    socket.closedAt = at;
    this.record(track, [this.observedEntry(null, at)], at);
    this.closedAll.push(socket);
    if (socket.lab) this.closedLab.push(socket);
  }

  private observedEntry(state: StateHistoryEntry['state'], at: number): StateHistoryEntry {
    const via = state === null ? `gone from ${this.reader?.source ?? 'the kernel'}` : (this.reader?.source ?? 'kernel');
    return { state, provenance: 'observed', at, notBefore: null, via };
  }

  private notObserved(states: readonly StateHistoryEntry['state'][], alternative: string | null, at: number): StateHistoryEntry[] {
    const via = alternative ? `RFC 793 (${alternative})` : 'RFC 793';
    return states.map((state) => ({ state, provenance: 'not-observed', at, notBefore: this.lastReadingAt, via }));
  }

  private record(track: Track, entries: StateHistoryEntry[], at: number): void {
    const { socket } = track;
    socket.history.push(...entries);
    const excess = socket.history.length - this.options.historyCap;
    if (excess > 0) {
      socket.history.splice(0, excess);
      socket.historyDropped += excess;
    }
    if (socket.lab) this.emitChange(track, entries, at);
  }

  private emitChange(track: Track, entries: StateHistoryEntry[], at: number): void {
    if (entries.length === 0) return;
    const { socket } = track;
    this.options.emit(
      'socket.state',
      {
        trackId: socket.trackId,
        protocol: socket.protocol,
        family: socket.family,
        local: socket.local,
        remote: socket.remote,
        inode: socket.inode,
        owner: socket.owner,
        lab: socket.lab,
        entries,
        sendQueue: socket.sendQueue,
        receiveQueue: socket.receiveQueue,
        timer: socket.timer,
        formerOwner: socket.formerOwner,
      },
      at,
    );
  }
}
