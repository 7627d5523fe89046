import type { EventData } from '../../../../shared/contract.js';
import type {
  Endpoint,
  KernelSocket,
  KernelSource,
  MachineSockets,
  SocketProtocol,
  StateHistoryEntry,
  TrackedSocket,
} from '../../../../shared/schemas/socketStates.js';
import { now as clockNow } from '../../clock.js';
import { BoundedList } from './boundedList.js';
import type { KernelReader, ReadQuery } from './kernelReader.js';
import { InodeOwners, KERNEL_OWNER, UNKNOWN_OWNER } from './inodeOwners.js';
import { openKernelReader } from './openKernelReader.js';
import { changeEntries, observedEntry } from './stateHistory.js';
import type { Opening } from './tcpStateMachine.js';

export interface SocketTrackerOptions {
  /** The hub's emit: lab sockets' state changes go out on the `sockets` stream. */
  emit: (type: 'socket.state', data: EventData<'socket.state'>, at: number) => void;
  /** The lab's own pids (the main process and the lab processes that host sockets): whose sockets are the lab's. */
  labPids: () => readonly number[];
  /** Ports Loopscope itself serves on (browser mode's page and RPC): sockets there are the app's, never the lab's. */
  ownPorts?: () => readonly number[];
  /** While lab sockets change (within activeForMs of noteActivity() or of a change a reading showed). */
  fastIntervalMs?: number;
  idleIntervalMs?: number;
  activeForMs?: number;
  /** While idle, a full reading at least this often: it finds sockets no lab call announced. */
  fullRefreshMs?: number;
  /**
   * Whether nobody is there to see a reading (see IdleWatch): then, with no lab socket the kernel still
   * holds and no recent activity, the poll sleeps until wake() or noteActivity(). Never, by default.
   */
  idle?: () => boolean;
  /** Tests and benchmarks pass one; by default netlink sock_diag, else /proc/net (openKernelReader). */
  reader?: { reader: KernelReader | null; detail: string };
  recentlyClosedCap?: number;
  historyCap?: number;
  now?: () => number;
}

const DEFAULTS = { fastIntervalMs: 25, idleIntervalMs: 1000, activeForMs: 2000, fullRefreshMs: 5000, recentlyClosedCap: 256, historyCap: 64, idle: () => false };

const LISTEN_AND_UDP: ReadQuery = { protocols: ['tcp', 'udp'], tcpStates: 'listen', tcpInfo: false };
/** Beyond this many lab connections, one dump costs less than a lookup each (~40 µs a lookup, ~3 ms a dump of both families). */
const MAX_LOOKUPS = 64;
/** tcp_info (bytes, rtt) at most this often: asking for it costs the kernel ~20 % more per dump. */
const TCP_INFO_INTERVAL_MS = 1000;

interface Track {
  socket: TrackedSocket;
  opening: Opening;
  /** The reading that last showed it (a counter), so a reading matches each track at most once. */
  seenTick: number;
}

const tupleKey = (protocol: SocketProtocol, local: Endpoint, remote: Endpoint): string =>
  `${protocol}|${local.address}|${local.port}|${remote.address}|${remote.port}`;

/** Where a listener's children are born: its family and port (a listener on 0.0.0.0 serves every address). */
const listenerKey = (socket: KernelSocket): string => `${socket.family}|${socket.local.port}`;

const copy = (socket: TrackedSocket): TrackedSocket => ({ ...socket, history: [...socket.history] });

/**
 * Follows every socket the kernel reports across readings and keeps, for each, the states it was
 * seen in: observed when a reading showed them, not-observed when RFC 793 says the kernel passed
 * through them between two readings. Fast polling while the lab's sockets change, slow otherwise.
 * A connection keeps its trackId when its fd closes and the kernel holds it on (inode 0), matched
 * by 4-tuple; the owner it had is kept as formerOwner.
 */
export class SocketTracker {
  readonly detail: string;
  private readonly options: Required<Omit<SocketTrackerOptions, 'reader'>>;
  private readonly reader: KernelReader | null;
  private readonly labOwners: InodeOwners;
  private readonly machineOwners = new InodeOwners('all');
  private readonly live = new Set<Track>();
  private readonly tracksByInode = new Map<number, Track>();
  private readonly tracksByTuple = new Map<string, Track>();
  private readonly closedLab: BoundedList<TrackedSocket>;
  private readonly closedAll: BoundedList<TrackedSocket>;
  private nextId = 1;
  private tickCount = 0;
  private lastFullAt = -Infinity;
  private lastTcpInfoAt = -Infinity;
  private lastActivity = -Infinity;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private sleeping = false;
  private lastError: string | null = null;

  constructor(options: SocketTrackerOptions) {
    this.options = { ...DEFAULTS, now: clockNow, ownPorts: () => [], ...options };
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
    this.sleeping = false;
    clearTimeout(this.timer);
    this.reader?.close();
  }

  /** Out of its sleep: a reading now, then on the schedule again. Awake already: nothing. */
  wake(): void {
    if (!this.sleeping) return;
    this.sleeping = false;
    this.loop();
  }

  get asleep(): boolean {
    return this.sleeping;
  }

  /** The lab made a socket call: poll fast for a while, starting now. */
  noteActivity(): void {
    const wasIdle = !this.active();
    this.lastActivity = performance.now();
    this.sleeping = false;
    if (wasIdle && this.running) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.loop(), 0);
      this.timer.unref();
    }
  }

  /**
   * One reading now, outside the schedule. While the lab is active (or `full`), and every
   * fullRefreshMs regardless, a dump of every table; otherwise the LISTEN and UDP dumps (small
   * tables) and an exact lookup of each of the lab's connected TCP sockets, since a TCP dump walks
   * the kernel's whole hash however few sockets it holds (~1.5 ms a family here).
   */
  tick(full = false): void {
    if (!this.reader) return;
    const at = this.options.now();
    const partial = full || this.active() || at - this.lastFullAt >= this.options.fullRefreshMs ? null : this.partialReading();
    if (partial) {
      this.apply(partial.reading, at, partial.looked, null);
      return;
    }
    const tcpInfo = full || at - this.lastTcpInfoAt >= TCP_INFO_INTERVAL_MS;
    if (tcpInfo) this.lastTcpInfoAt = at;
    const reading = this.reader.read({ protocols: ['tcp', 'udp'], tcpStates: 'all', tcpInfo });
    this.apply(reading, at, null, this.lastFullAt === -Infinity ? null : this.lastFullAt);
    this.lastFullAt = at;
  }

  /** Whether the kernel's tables can be read here, by what, and the last scheduled reading's failure if it keeps failing: without a reading. */
  kernelStatus(): Pick<MachineSockets, 'available' | 'detail' | 'source'> {
    const detail = this.lastError ? `${this.detail}; the last reading failed: ${this.lastError}` : this.detail;
    return { available: this.reader !== null, detail, source: this.source };
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
    const unavailable = (detail: string): MachineSockets => ({
      available: false,
      detail,
      source: this.source,
      at,
      sockets: [],
      recentlyClosed: [],
      droppedClosed: 0,
    });
    if (!this.reader) return unavailable(this.detail);
    try {
      this.tick(true);
    } catch (error) {
      return unavailable(`${this.detail}: ${(error as Error).message}`);
    }
    const tracks = [...this.live];
    this.machineOwners.resolve(tracks.map((track) => track.socket.inode));
    for (const { socket } of tracks) {
      if (socket.owner.kind === 'unknown') socket.owner = this.machineOwners.ownerOf(socket.inode);
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
    if (!this.active() && this.options.idle() && ![...this.live].some((track) => track.socket.lab)) {
      this.sleeping = true;
      return;
    }
    this.timer = setTimeout(() => this.loop(), this.active() ? this.options.fastIntervalMs : this.options.idleIntervalMs);
    this.timer.unref();
  }

  /** The cheap reading for idle times; null where a full one is cheaper, or the reader cannot look sockets up one by one (/proc/net). */
  private partialReading(): { reading: KernelSocket[]; looked: Set<Track> } | null {
    if (!this.reader) return null;
    const looked = [...this.live].filter(({ socket }) => socket.lab && socket.protocol === 'tcp' && socket.state !== 'LISTEN');
    if (looked.length > MAX_LOOKUPS) return null;
    const found = this.reader.lookup(looked.map((track) => track.socket));
    if (!found) return null;
    return { reading: [...this.reader.read(LISTEN_AND_UDP), ...found], looked: new Set(looked) };
  }

  /**
   * Folds one reading into the tracks. `looked` (a partial reading) limits which tracks it can
   * close to those it covered. `arrivalsNotBefore`, for a full reading: the previous full reading,
   * after which its new sockets appeared (null on the first, whose sockets predate the tracker).
   */
  private apply(reading: readonly KernelSocket[], at: number, looked: ReadonlySet<Track> | null, arrivalsNotBefore: number | null): void {
    const tick = ++this.tickCount;
    this.labOwners.resolve(reading.map((socket) => socket.inode));
    const own = new Set(this.options.ownPorts());
    const labOwned = (socket: KernelSocket): boolean => this.labOwners.has(socket.inode) && !own.has(socket.local.port);
    const listeners = new Map<string, boolean>(); // family|port → whether a lab process listens there
    for (const socket of reading) {
      if (socket.protocol !== 'tcp' || socket.state !== 'LISTEN') continue;
      const key = listenerKey(socket);
      listeners.set(key, listeners.get(key) === true || labOwned(socket));
    }
    let labChanged = false;
    for (const socket of reading) {
      const isChild = socket.protocol === 'tcp' && socket.state !== 'LISTEN' && listeners.has(listenerKey(socket));
      const existing = this.match(socket, tick);
      const track = existing ?? this.create(socket, at, isChild ? 'passive' : 'active');
      // A connection waiting in a lab listener's accept queue has no fd yet, but it is the lab's.
      const lab =
        socket.inode !== 0 ? labOwned(socket) : track.socket.lab || (isChild && listeners.get(listenerKey(socket)) === true);
      const changed = existing ? this.update(track, socket, at, lab) : this.arrive(track, socket, at, lab, arrivalsNotBefore);
      labChanged ||= changed;
      track.seenTick = tick;
    }
    for (const track of this.live) {
      if (track.seenTick === tick) continue;
      const covered = looked === null || track.socket.protocol === 'udp' || track.socket.state === 'LISTEN' || looked.has(track);
      if (!covered) continue;
      labChanged ||= track.socket.lab;
      this.close(track, at);
    }
    // Poll fast while the lab's sockets change, whoever changed them (a peer outside the lab, a timer).
    if (labChanged) this.lastActivity = performance.now();
  }

  /** The track this reading's socket continues: by inode while an fd holds it, else by 4-tuple. */
  private match(socket: KernelSocket, tick: number): Track | undefined {
    if (socket.inode !== 0) {
      const track = this.tracksByInode.get(socket.inode);
      if (track && track.socket.protocol === socket.protocol && track.seenTick !== tick) return track;
    }
    const track = this.tracksByTuple.get(tupleKey(socket.protocol, socket.local, socket.remote));
    if (!track || track.seenTick === tick) return undefined;
    const previous = track.socket;
    if (previous.inode !== 0 && socket.inode !== 0) return undefined; // two fds: two sockets
    if (previous.state === 'TIME_WAIT' && socket.state !== 'TIME_WAIT') return undefined; // a reused 4-tuple: a new connection
    return track;
  }

  private create(socket: KernelSocket, at: number, opening: Opening): Track {
    const track: Track = {
      opening,
      seenTick: 0,
      // Every field spelled out, in one order: one object shape for every track, which V8 keeps fast.
      socket: {
        protocol: socket.protocol,
        family: socket.family,
        local: socket.local,
        remote: socket.remote,
        state: socket.state,
        inode: socket.inode,
        uid: socket.uid,
        sendQueue: socket.sendQueue,
        receiveQueue: socket.receiveQueue,
        timer: socket.timer,
        tcpInfo: socket.tcpInfo,
        trackId: `k${this.nextId++}`,
        owner: socket.inode === 0 ? KERNEL_OWNER : UNKNOWN_OWNER,
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
    this.index(track);
    return track;
  }

  private index(track: Track): void {
    const { socket } = track;
    this.tracksByTuple.set(tupleKey(socket.protocol, socket.local, socket.remote), track);
    if (socket.inode !== 0) this.tracksByInode.set(socket.inode, track);
  }

  /** A socket new in this reading. Returns whether it is the lab's. */
  private arrive(track: Track, socket: KernelSocket, at: number, lab: boolean, notBefore: number | null): boolean {
    this.copyReading(track, socket, at, lab);
    const { protocol, state } = socket;
    this.record(track, changeEntries(protocol, null, state, track.opening, notBefore, at, this.source ?? 'netlink'), at);
    return lab;
  }

  /** Returns whether a lab socket changed state, or a lab listener's queue changed (a client arrived or was accepted). */
  private update(track: Track, socket: KernelSocket, at: number, lab: boolean): boolean {
    const current = track.socket;
    const from = current.state;
    const seenBefore = current.lastSeen;
    const becameLab = lab && !current.lab;
    const queueChanged = current.receiveQueue !== socket.receiveQueue;
    if (current.inode !== socket.inode) {
      if (this.tracksByInode.get(current.inode) === track) this.tracksByInode.delete(current.inode);
      if (current.inode !== 0 && socket.inode === 0) {
        current.formerOwner = { trackId: current.trackId, inode: current.inode, owner: current.owner };
      }
      current.owner = UNKNOWN_OWNER; // until copyReading names the kernel or a lab process, or the machine-wide scan another
      current.inode = socket.inode;
      this.index(track);
    }
    this.copyReading(track, socket, at, lab);
    if (from !== socket.state) {
      this.record(track, changeEntries(socket.protocol, from, socket.state, track.opening, seenBefore, at, this.source ?? 'netlink'), at);
      return lab;
    }
    if (becameLab) this.emitChange(track, current.history.slice(-1), at); // first seen as the lab's now: its current state goes out once
    return lab && queueChanged && socket.state === 'LISTEN';
  }

  private copyReading(track: Track, socket: KernelSocket, at: number, lab: boolean): void {
    const current = track.socket;
    current.state = socket.state;
    current.inode = socket.inode;
    current.uid = socket.uid;
    current.sendQueue = socket.sendQueue;
    current.receiveQueue = socket.receiveQueue;
    current.timer = socket.timer;
    current.tcpInfo = socket.tcpInfo ?? current.tcpInfo; // readings without tcp_info, and TIME_WAIT (which has none), keep the last
    current.lab = lab;
    current.lastSeen = at;
    current.timeWaitEndsAt = socket.state === 'TIME_WAIT' && socket.timer ? at + socket.timer.expiresInMs : null;
    if (socket.inode === 0) current.owner = KERNEL_OWNER;
    else if (this.labOwners.has(socket.inode)) current.owner = this.labOwners.ownerOf(socket.inode);
  }

  private close(track: Track, at: number): void {
    const { socket } = track;
    this.live.delete(track);
    if (this.tracksByInode.get(socket.inode) === track) this.tracksByInode.delete(socket.inode);
    const key = tupleKey(socket.protocol, socket.local, socket.remote);
    if (this.tracksByTuple.get(key) === track) this.tracksByTuple.delete(key);
    socket.closedAt = at;
    this.record(track, [observedEntry(null, at, this.source ?? 'netlink')], at);
    this.closedAll.push(socket);
    if (socket.lab) this.closedLab.push(socket);
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
