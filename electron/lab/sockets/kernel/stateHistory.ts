import type { KernelSource, SocketState, StateHistoryEntry, TcpState } from '../../../../shared/schemas/socketStates.js';
import { type Opening, passedStates } from './tcpStateMachine.js';

/** A state a reading showed (null: the socket had left the tables). */
export function observedEntry(state: SocketState | null, at: number, source: KernelSource): StateHistoryEntry {
  return { state, provenance: 'observed', at, notBefore: null, via: state === null ? `gone from ${source}` : source };
}

function notObserved(states: readonly TcpState[], alternative: string | null, notBefore: number, at: number): StateHistoryEntry[] {
  const via = alternative ? `RFC 793 (${alternative})` : 'RFC 793';
  return states.map((state) => ({ state, provenance: 'not-observed', at, notBefore, via }));
}

/**
 * The entries one reading adds for a socket it shows in a new state: the states RFC 793 says the
 * kernel passed through since `notBefore` (the last reading that saw the socket, or for a new one
 * the last reading that could have), then the observed one. `notBefore` null: a socket of the
 * tracker's first reading, older than the tracker, of whose past nothing is said.
 */
export function changeEntries(
  protocol: 'tcp' | 'udp',
  from: SocketState | null,
  to: SocketState,
  opening: Opening,
  notBefore: number | null,
  at: number,
  source: KernelSource,
): StateHistoryEntry[] {
  const observed = observedEntry(to, at, source);
  if (protocol === 'udp' || notBefore === null) return [observed];
  // A TCP socket's states are always TCP's: UNCONN is UDP's alone.
  const passed = passedStates(from as TcpState | null, to as TcpState, opening);
  return [...notObserved(passed.states, passed.alternative, notBefore, at), observed];
}
