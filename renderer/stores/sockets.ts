import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { ParamsIn, Result } from '../../shared/contract.js';
import { ErrorCode, RpcError } from '../../shared/rpcError.js';
import type { Received, SocketDetail, SocketInfo, SocketRow } from '../../shared/schemas/sockets.js';
import { t } from '../i18n/index.js';
import { rowKey, tableRow } from '../model/sockets/socketRows.js';
import { NO_FILTER, type SocketFilter, type SocketSort, socketTable } from '../model/sockets/socketTable.js';
import { errorMessage, useNoticesStore } from './notices.js';
import { useSessionStore } from './session.js';
import { singleFlight } from './singleFlight.js';

/** How often the table's clocks move (ages, the 2MSL countdown) and, machine-wide, how often the kernel is read again. */
const TICK_MS = 500;
const MACHINE_POLL_MS = 1000;
/** What a socket's panel keeps of its receives: the newest, the older ones counted. */
const RECEIVED_KEPT = 20;

export type Scope = 'lab' | 'all';

/** What came in on one recv or recvfrom. */
export interface Arrival {
  at: number;
  call: 'recv' | 'recvfrom' | 'accept';
  data: Received | null;
  from: { address: string; port: number } | null;
  /** recvfrom: the datagram's real length, longer than data.bytes when truncated. */
  size: number | null;
  truncated: boolean;
  peerClosed: boolean;
}

/** The answer to this page's latest call on a socket, shown under its controls. */
export interface Outcome {
  call: string;
  ok: boolean;
  text: string;
  /** The kernel's errno name when it refused (EADDRINUSE, ECONNRESET), or socket.timeout. */
  errno: string | null;
}

export interface SocketCalls {
  /** Calls of this page's still waiting for the kernel (a blocking accept, recv). */
  pending: readonly string[];
  last: Outcome | null;
  arrivals: readonly Arrival[];
  arrivalsDropped: number;
}

const NO_CALLS: SocketCalls = { pending: [], last: null, arrivals: [], arrivalsDropped: 0 };

/** The errno of a kernel refusal, or Python's socket.timeout for a wait that ran out. */
export function errnoOf(error: unknown): string | null {
  if (!(error instanceof RpcError) || error.code !== ErrorCode.SocketError) return null;
  const data = (error.data ?? {}) as { errno?: unknown; exception?: unknown };
  if (typeof data.errno === 'string') return data.errno;
  return data.exception === 'timeout' ? 'socket.timeout' : null;
}

/**
 * The socket lab as this page sees it: sockets.list (the lab's, or with the switch every socket on the machine),
 * listed again after every event of the sockets stream (and, machine-wide, once a second, since other programs'
 * sockets send no events); the detail of the sockets a panel shows; and this page's calls, each answer kept under
 * the socket it was made on.
 */
export const useSocketsStore = defineStore('sockets', () => {
  const session = useSessionStore();
  const notices = useNoticesStore();
  const scope = ref<Scope>('lab');
  const listed = shallowRef<Result<'sockets.list'> | null>(null);
  const filter = shallowRef<SocketFilter>(NO_FILTER);
  const sort = ref<SocketSort>(null);
  const calls = shallowRef<ReadonlyMap<string, SocketCalls>>(new Map());
  const details = shallowRef<ReadonlyMap<string, SocketDetail>>(new Map());
  /** The sockets whose detail (every call with its Python line) a panel shows. */
  const watched = ref<readonly string[]>([]);
  /** Whether the view is on screen: machine-wide polling stops while it is not. */
  const visible = ref(false);
  const tick = ref(0);
  setInterval(() => tick.value++, TICK_MS);

  const now = (): number => {
    void tick.value;
    return session.labNow();
  };

  const refresh = singleFlight(async () => {
    try {
      listed.value = await session.call('sockets.list', { scope: scope.value });
    } catch (error) {
      notices.report(t('sockets.notices.list'), error);
    }
  });

  const loadDetails = singleFlight(async () => {
    const next = new Map<string, SocketDetail>();
    for (const socketId of watched.value) {
      try {
        next.set(socketId, await session.call('sockets.get', { socketId }));
      } catch {
        // Gone from the lab's records (a socket of a previous session): the panel shows what the list has.
      }
    }
    details.value = next;
  });

  session.onEvent((event) => {
    if (event.stream !== 'sockets') return;
    void refresh();
    const socketId = (event.data as { socketId?: unknown }).socketId ?? (event.data as { socket?: SocketInfo }).socket?.socketId;
    if (typeof socketId === 'string' && watched.value.includes(socketId)) void loadDetails();
  });
  watch(
    () => session.generation,
    (generation) => {
      if (generation > 0) void refresh();
    },
    { immediate: true },
  );
  watch(scope, () => void refresh());
  watch(watched, () => void loadDetails());
  setInterval(() => {
    if (visible.value && scope.value === 'all' && session.phase === 'live') void refresh();
  }, MACHINE_POLL_MS);

  const names = computed(() => new Map([...session.processes.rows.values()].map((row) => [row.pid, row.name])));
  /** sockets.list's rows, open and recently closed, as the lab sent them. */
  const listRows = computed(() => [...(listed.value?.sockets ?? []), ...(listed.value?.recentlyClosed ?? [])]);
  const rows = computed(() => listRows.value.map((row) => tableRow(row, names.value)));
  const listRowOf = (key: string): SocketRow | null => listRows.value.find((row) => rowKey(row) === key) ?? null;
  const table = computed(() => socketTable(rows.value, filter.value, sort.value, now()));
  /** The lab's record of each of its sockets, open or recently closed. */
  const labSockets = computed(() => {
    const byId = new Map<string, SocketInfo>();
    for (const row of listRows.value) if (row.lab) byId.set(row.lab.socketId, row.lab);
    return byId;
  });

  const callsOf = (socketId: string): SocketCalls => calls.value.get(socketId) ?? NO_CALLS;
  const setCalls = (socketId: string, change: (before: SocketCalls) => SocketCalls): void => {
    calls.value = new Map(calls.value).set(socketId, change(callsOf(socketId)));
  };
  const arrive = (socketId: string, arrival: Arrival): void =>
    setCalls(socketId, (before) => {
      const arrivals = [...before.arrivals, arrival];
      const dropped = Math.max(0, arrivals.length - RECEIVED_KEPT);
      return { ...before, arrivals: arrivals.slice(dropped), arrivalsDropped: before.arrivalsDropped + dropped };
    });

  /**
   * Runs one call on a socket, listed as pending while the kernel makes it wait, and keeps its answer (or the lab's
   * error, with the kernel's errno) as the socket's latest. Resolves with the result, or null when it failed.
   */
  async function track<T>(socketId: string, call: string, run: () => Promise<T>, said: (result: T) => string): Promise<T | null> {
    setCalls(socketId, (before) => ({ ...before, pending: [...before.pending, call] }));
    let last: Outcome;
    let result: T | null = null;
    try {
      result = await run();
      last = { call, ok: true, text: said(result), errno: null };
    } catch (error) {
      last = { call, ok: false, text: errorMessage(error), errno: errnoOf(error) };
    }
    setCalls(socketId, (before) => {
      const pending = [...before.pending];
      pending.splice(pending.indexOf(call), 1);
      return { ...before, pending, last };
    });
    void refresh();
    return result;
  }

  const detailOf = (info: SocketInfo): string => info.local ? `${info.state} ${info.local.address}:${info.local.port}` : info.state;

  /** socket(): throws, for the form to show the lab's message. */
  async function create(params: ParamsIn<'sockets.create'>): Promise<SocketInfo> {
    const info = await session.call('sockets.create', params);
    await refresh();
    return info;
  }

  const bind = (params: ParamsIn<'sockets.bind'>) => track(params.socketId, 'bind', () => session.call('sockets.bind', params), detailOf);
  const listen = (params: ParamsIn<'sockets.listen'>) => track(params.socketId, 'listen', () => session.call('sockets.listen', params), detailOf);
  const connect = (params: ParamsIn<'sockets.connect'>) => track(params.socketId, 'connect', () => session.call('sockets.connect', params), detailOf);
  const shutdown = (params: ParamsIn<'sockets.shutdown'>) => track(params.socketId, 'shutdown', () => session.call('sockets.shutdown', params), detailOf);
  const close = (params: ParamsIn<'sockets.close'>) => track(params.socketId, 'close', () => session.call('sockets.close', params), detailOf);
  const setsockopt = (params: ParamsIn<'sockets.setsockopt'>) => track(params.socketId, 'setsockopt', () => session.call('sockets.setsockopt', params), detailOf);
  const accept = (params: ParamsIn<'sockets.accept'>) =>
    track(params.socketId, 'accept', () => session.call('sockets.accept', params), ({ socket, address }) => `${socket.name} ← ${address.address}:${address.port}`);
  const send = (params: ParamsIn<'sockets.send'>) => track(params.socketId, 'send', () => session.call('sockets.send', params), ({ sent, size }) => `${sent} / ${size} B`);
  const sendto = (params: ParamsIn<'sockets.sendto'>) =>
    track(params.socketId, 'sendto', () => session.call('sockets.sendto', params), ({ sent, socket }) => `${sent} B${socket.local ? ` ← ${socket.local.address}:${socket.local.port}` : ''}`);

  async function recv(params: ParamsIn<'sockets.recv'>): Promise<void> {
    const result = await track(params.socketId, 'recv', () => session.call('sockets.recv', params), ({ data }) => `${data.bytes} B`);
    if (result) arrive(params.socketId, { at: session.labNow(), call: 'recv', data: result.data, from: null, size: null, truncated: false, peerClosed: result.peerClosed });
  }

  async function recvfrom(params: ParamsIn<'sockets.recvfrom'>): Promise<void> {
    const result = await track(params.socketId, 'recvfrom', () => session.call('sockets.recvfrom', params), ({ data }) => `${data.bytes} B`);
    if (result) arrive(params.socketId, { at: session.labNow(), call: 'recvfrom', data: result.data, from: result.from, size: result.size, truncated: result.truncated, peerClosed: false });
  }

  return {
    scope,
    listed,
    filter,
    sort,
    watched,
    visible,
    details,
    listRows,
    listRowOf,
    rows,
    table,
    labSockets,
    now,
    refresh,
    callsOf,
    create,
    bind,
    listen,
    accept,
    connect,
    send,
    sendto,
    recv,
    recvfrom,
    shutdown,
    close,
    setsockopt,
  };
});
