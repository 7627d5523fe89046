import type { StateHistoryEntry } from '../../../shared/schemas/socketStates.js';
import type { CallRecord, SocketDetail, SocketRow } from '../../../shared/schemas/sockets.js';
import type { EndEntry } from './sequenceLayout.js';
import { isTcpState, type TcpState } from './tcpStates.js';

const sameEndpoint = (a: SocketRow['local'], b: SocketRow['local']): boolean => a !== null && b !== null && a.address === b.address && a.port === b.port;

/** The other end of a connection on this machine: the socket whose local and remote are this one's, swapped. */
export function findPeer(rows: readonly SocketRow[], row: SocketRow): SocketRow | null {
  if (!row.remote || row.remote.port === 0) return null;
  return rows.find((other) => other !== row && other.protocol === row.protocol && sameEndpoint(other.local, row.remote) && sameEndpoint(other.remote, row.local)) ?? null;
}

/** A call's outcome in the kernel's and the API's words: "→ 5 B", "→ EINPROGRESS". */
const outcome = (call: CallRecord): string => (call.ok ? (call.bytes === null ? '' : ` → ${call.bytes} B`) : ` → ${call.errno ?? '✕'}`);

/** A call as marks on its end's lifeline: one when it returned at once, two (its start and its return) when it waited. */
function callEntries(call: CallRecord): EndEntry[] {
  const returned: EndEntry = { at: call.endedAt, kind: 'call', label: `${call.call}()${outcome(call)}`, detail: `${call.python}\n${call.detail}`, source: 'inferred', failed: !call.ok, state: null };
  if (!call.waited) return [returned];
  return [{ at: call.startedAt, kind: 'call', label: `${call.call}() …`, detail: call.python, source: 'inferred', failed: false, state: null }, returned];
}

/** A kernel reading (or a state it implies) as a mark: a socket gone from the tables reads as CLOSE. */
const stateEntry = (entry: StateHistoryEntry): EndEntry => ({
  at: entry.at,
  kind: 'state',
  label: entry.state ?? 'CLOSE',
  detail: entry.via,
  source: entry.provenance,
  failed: false,
  state: isTcpState(entry.state ?? 'CLOSE') ? ((entry.state ?? 'CLOSE') as TcpState) : null,
});

/**
 * One end's lifeline: its calls (the lab's, inferred) and its states (the kernel's, observed or not-observed). For a
 * socket accept() returned, what led to it comes first: its listener's calls and states up to the accept.
 */
export function endEntries(detail: SocketDetail | null, history: readonly StateHistoryEntry[], listener: { detail: SocketDetail | null; history: readonly StateHistoryEntry[] } | null): EndEntry[] {
  const own = [...(detail?.calls ?? []).flatMap(callEntries), ...history.map(stateEntry)];
  const bornAt = detail?.createdAt ?? Infinity;
  const before = listener ? [...(listener.detail?.calls ?? []).flatMap(callEntries), ...listener.history.map(stateEntry)].filter((entry) => entry.at <= bornAt) : [];
  // Stable: at equal times, the lab's call comes before the reading that shows what it did.
  return [...before, ...own].sort((a, b) => a.at - b.at);
}

/** The TCP states an end has been in, oldest first, for the state diagram: a socket the lab made begins CLOSED. */
export function diagramStates(history: readonly StateHistoryEntry[], madeByLab: boolean): TcpState[] {
  const states = history.map((entry) => entry.state ?? 'CLOSE').filter(isTcpState);
  return madeByLab && states[0] !== 'CLOSE' ? ['CLOSE', ...states] : states;
}
