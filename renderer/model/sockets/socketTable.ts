import { shownState, type TableRow } from './socketRows.js';

/** How long a new row stays highlighted, and a closed one fades in place before it moves to "recently closed". */
export const FRESH_MS = 2000;
export const FADE_MS = 3000;

export interface SocketFilter {
  /** Shown states to keep; empty keeps every state. */
  states: ReadonlySet<string>;
  /** A port on either end. */
  port: number | null;
  /** The owner's pid (or, for a socket the kernel holds, its former owner's). */
  pid: number | null;
}

export const NO_FILTER: SocketFilter = { states: new Set(), port: null, pid: null };

export type SocketColumn = 'protocol' | 'local' | 'remote' | 'state' | 'pid' | 'process' | 'age' | 'sendQueue' | 'receiveQueue' | 'bytesIn' | 'bytesOut';
/** null: the order sockets appeared in. */
export type SocketSort = { column: SocketColumn; descending: boolean } | null;

export interface TableLine {
  row: TableRow;
  /** Appeared within FRESH_MS. */
  fresh: boolean;
  /** Closed within FADE_MS: still in the table, fading out. */
  fading: boolean;
}

export interface SocketTable {
  current: TableLine[];
  recentlyClosed: TableLine[];
  /** Current rows the filter hid, so the table can say so. */
  hidden: number;
}

const ownerPid = (row: TableRow): number | null => row.owner.pid ?? row.formerOwner?.pid ?? null;

export function matchesFilter(row: TableRow, filter: SocketFilter): boolean {
  if (filter.states.size > 0 && !filter.states.has(shownState(row))) return false;
  if (filter.port !== null && row.local?.port !== filter.port && row.remote?.port !== filter.port) return false;
  if (filter.pid !== null && ownerPid(row) !== filter.pid) return false;
  return true;
}

/** An address as ss prints it: 127.0.0.1:8080, [::1]:8080; a socket with no address yet as *. */
export function endpointText(endpoint: TableRow['local']): string {
  if (!endpoint) return '*';
  const host = endpoint.address.includes(':') ? `[${endpoint.address}]` : endpoint.address;
  return `${host}:${endpoint.port === 0 ? '*' : endpoint.port}`;
}

const byEndpoint = (endpoint: TableRow['local']): string => (endpoint ? `${endpoint.address}\u0000${String(endpoint.port).padStart(5, '0')}` : '');
/** Unknown numbers sort below every known one. */
const known = (value: number | null): number => value ?? -1;

const COMPARE: Record<SocketColumn, (a: TableRow, b: TableRow) => number> = {
  protocol: (a, b) => a.protocol.localeCompare(b.protocol) || a.family.localeCompare(b.family),
  local: (a, b) => byEndpoint(a.local).localeCompare(byEndpoint(b.local)),
  remote: (a, b) => byEndpoint(a.remote).localeCompare(byEndpoint(b.remote)),
  state: (a, b) => shownState(a).localeCompare(shownState(b)),
  pid: (a, b) => known(ownerPid(a)) - known(ownerPid(b)),
  process: (a, b) => (a.owner.name ?? '').localeCompare(b.owner.name ?? ''),
  // Oldest first reads as largest age first.
  age: (a, b) => b.since - a.since,
  sendQueue: (a, b) => known(a.sendQueue) - known(b.sendQueue),
  receiveQueue: (a, b) => known(a.receiveQueue) - known(b.receiveQueue),
  bytesIn: (a, b) => known(a.bytesIn) - known(b.bytesIn),
  bytesOut: (a, b) => known(a.bytesOut) - known(b.bytesOut),
};

const NUMERIC: readonly SocketColumn[] = ['pid', 'age', 'sendQueue', 'receiveQueue', 'bytesIn', 'bytesOut'];

/** By the column, ties in the order the sockets appeared, so rows do not swap places between readings. */
export function rowOrder(sort: SocketSort): (a: TableRow, b: TableRow) => number {
  const appeared = (a: TableRow, b: TableRow): number => a.since - b.since || a.key.localeCompare(b.key);
  if (!sort) return appeared;
  const compare = COMPARE[sort.column];
  const sign = sort.descending ? -1 : 1;
  return (a, b) => sign * compare(a, b) || appeared(a, b);
}

/** A header click: ascending, then descending, then back to the order they appeared in; numbers start with the largest. */
export function nextSocketSort(sort: SocketSort, column: SocketColumn): SocketSort {
  const largestFirst = NUMERIC.includes(column);
  if (sort?.column !== column) return { column, descending: largestFirst };
  if (sort.descending === largestFirst) return { column, descending: !largestFirst };
  return null;
}

/**
 * The table at `now`: open sockets (and those closed less than FADE_MS ago, fading) that pass the filter, in order;
 * and the recently closed, newest first, under the same filter.
 */
export function socketTable(rows: readonly TableRow[], filter: SocketFilter, sort: SocketSort, now: number): SocketTable {
  const line = (row: TableRow): TableLine => ({ row, fresh: row.closedAt === null && now - row.since < FRESH_MS, fading: row.closedAt !== null && now - row.closedAt < FADE_MS });
  const shown = rows.filter((row) => row.closedAt === null || now - row.closedAt < FADE_MS);
  const closed = rows.filter((row) => row.closedAt !== null && now - row.closedAt >= FADE_MS);
  const current = shown.filter((row) => matchesFilter(row, filter));
  return {
    current: current.sort(rowOrder(sort)).map(line),
    recentlyClosed: closed
      .filter((row) => matchesFilter(row, filter))
      .sort((a, b) => (b.closedAt ?? 0) - (a.closedAt ?? 0))
      .map(line),
    hidden: shown.length - current.length,
  };
}

/** The states present, for the filter's chips: what the rows show, in the order TCP goes through them. */
export function statesPresent(rows: readonly TableRow[], order: readonly string[]): string[] {
  const present = new Set(rows.filter((row) => row.closedAt === null).map(shownState));
  return [...present].sort((a, b) => rank(order, a) - rank(order, b) || a.localeCompare(b));
}

const rank = (order: readonly string[], state: string): number => {
  const index = order.indexOf(state);
  return index === -1 ? order.length : index;
};

/** Linux's 2MSL wait: TCP_TIMEWAIT_LEN, fixed at 60 s. */
export const TIME_WAIT_MS = 60_000;

/**
 * What is left of a TIME_WAIT's 2MSL wait at `now`, in ms, between 0 and the 60 s Linux waits (this page's clock and
 * the lab's agree only to within the snapshot's latency); null when it is not waiting.
 */
export const timeWaitLeft = (row: TableRow, now: number): number | null =>
  row.kernelState === 'TIME_WAIT' && row.timeWaitEndsAt !== null ? Math.min(TIME_WAIT_MS, Math.max(0, row.timeWaitEndsAt - now)) : null;
