import type { TcpState } from '../../../../shared/schemas/socketStates.js';

/**
 * RFC 793's figure 6, the transitions a TCP connection takes without a reset, in the kernel's
 * names (CLOSE is RFC 793's CLOSED). Each state's successors are listed most common first, so a
 * shortest path through an ambiguous stretch takes the usual road (FIN_WAIT2 rather than CLOSING,
 * the simultaneous close).
 */
const FIGURE_6: Record<TcpState, readonly TcpState[]> = {
  CLOSE: ['SYN_SENT', 'LISTEN'],
  LISTEN: ['SYN_RECV', 'SYN_SENT'],
  SYN_SENT: ['ESTABLISHED', 'SYN_RECV'],
  SYN_RECV: ['ESTABLISHED', 'FIN_WAIT1'],
  ESTABLISHED: ['FIN_WAIT1', 'CLOSE_WAIT'],
  FIN_WAIT1: ['FIN_WAIT2', 'CLOSING'],
  FIN_WAIT2: ['TIME_WAIT'],
  CLOSING: ['TIME_WAIT'],
  TIME_WAIT: ['CLOSE'],
  CLOSE_WAIT: ['LAST_ACK'],
  LAST_ACK: ['CLOSE'],
};

/** How a socket first seen already past its opening came to be: by connect() (active) or from a listener's accept queue (passive). */
export type Opening = 'active' | 'passive';

export interface PassedStates {
  states: TcpState[];
  /** Set where another road was equally short (e.g. CLOSING instead of FIN_WAIT2): what to say beside the entries. */
  alternative: string | null;
}

const NONE: PassedStates = { states: [], alternative: null };

/**
 * The states a connection must have passed through between two readings that showed `from` and
 * then `to`, none of which the readings caught. `from` null: the socket is new since the last
 * reading, opened actively (from CLOSE through SYN_SENT) or passively (a listener's child, born in
 * SYN_RECV). `to` null: it left the kernel's tables — a reset or a timeout can end any state at
 * once, so nothing is implied. A jump figure 6 cannot explain (a reused 4-tuple) implies nothing either.
 */
export function passedStates(from: TcpState | null, to: TcpState | null, opening: Opening = 'active'): PassedStates {
  if (to === null || from === to) return NONE;
  if (from === null) {
    if (to === 'LISTEN' || to === 'SYN_SENT' || to === 'CLOSE') return NONE;
    if (opening === 'passive') {
      if (to === 'SYN_RECV') return NONE;
      const rest = shortestPath('SYN_RECV', to);
      return rest ? { states: ['SYN_RECV', ...rest.states], alternative: rest.alternative } : NONE;
    }
    return shortestPath('CLOSE', to) ?? NONE;
  }
  return shortestPath(from, to) ?? NONE;
}

/**
 * Breadth first over figure 6: the states strictly between, or null when `to` cannot be reached.
 * CLOSE ends a socket's life (the kernel makes a new socket for the next connection), so a road
 * goes out of CLOSE only where it starts there.
 */
function shortestPath(from: TcpState, to: TcpState): PassedStates | null {
  const previous = new Map<TcpState, TcpState | null>([[from, null]]);
  const depth = new Map<TcpState, number>([[from, 0]]);
  const ways = new Map<TcpState, number>([[from, 1]]);
  const queue: TcpState[] = [from];
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head] as TcpState;
    if (state === 'CLOSE' && head > 0) continue;
    for (const next of FIGURE_6[state]) {
      const nextDepth = (depth.get(state) ?? 0) + 1;
      if (!depth.has(next)) {
        depth.set(next, nextDepth);
        previous.set(next, state);
        ways.set(next, ways.get(state) ?? 1);
        queue.push(next);
      } else if (depth.get(next) === nextDepth) {
        ways.set(next, (ways.get(next) ?? 0) + (ways.get(state) ?? 1));
      }
    }
  }
  if (!previous.has(to)) return null;
  const states: TcpState[] = [];
  for (let state = previous.get(to) ?? null; state !== null && state !== from; state = previous.get(state) ?? null) {
    states.unshift(state);
  }
  const alternative = (ways.get(to) ?? 1) > 1 ? alternativeNote(states) : null;
  return { states, alternative };
}

/** The equally short roads figure 6 leaves open, in words beside the entries. */
function alternativeNote(states: readonly TcpState[]): string {
  if (states.includes('FIN_WAIT2')) return 'or CLOSING instead of FIN_WAIT2, if both ends closed at once';
  if (states.includes('ESTABLISHED') && states.includes('SYN_SENT')) return 'or SYN_RECV instead of ESTABLISHED, on a simultaneous open';
  return 'another road of the same length is possible';
}
