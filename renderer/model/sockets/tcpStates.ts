import { TcpState } from '../../../shared/schemas/socketStates.js';

/**
 * The transitions between TCP's states (in the kernel's names: CLOSE is RFC 793's CLOSED) as RFC 793's figure 6 draws
 * them. The tracker decides which states a socket passed without being seen; this is only the picture.
 */
export type { TcpState };

export const isTcpState = (state: string | null): state is TcpState => TcpState.safeParse(state).success;

/** What makes a transition happen: a call of the application's, a segment received, or the 2MSL timer. */
export interface Transition {
  from: TcpState;
  to: TcpState;
  /** The call or the segment received that causes it, in the API's and the wire's own words. */
  cause: string;
  /** What the kernel sends in answer; '' when nothing. */
  sends: string;
}

const edge = (from: TcpState, to: TcpState, cause: string, sends = ''): Transition => ({ from, to, cause, sends });

export const TRANSITIONS: readonly Transition[] = [
  edge('CLOSE', 'LISTEN', 'listen()'),
  edge('CLOSE', 'SYN_SENT', 'connect()', 'SYN'),
  edge('LISTEN', 'SYN_RECV', 'SYN', 'SYN+ACK'),
  edge('LISTEN', 'CLOSE', 'close()'),
  edge('SYN_SENT', 'ESTABLISHED', 'SYN+ACK', 'ACK'),
  edge('SYN_SENT', 'SYN_RECV', 'SYN', 'SYN+ACK'),
  edge('SYN_SENT', 'CLOSE', 'close()'),
  edge('SYN_RECV', 'ESTABLISHED', 'ACK'),
  edge('SYN_RECV', 'FIN_WAIT1', 'close()', 'FIN'),
  edge('ESTABLISHED', 'FIN_WAIT1', 'close()', 'FIN'),
  edge('ESTABLISHED', 'CLOSE_WAIT', 'FIN', 'ACK'),
  edge('FIN_WAIT1', 'FIN_WAIT2', 'ACK'),
  edge('FIN_WAIT1', 'CLOSING', 'FIN', 'ACK'),
  edge('FIN_WAIT2', 'TIME_WAIT', 'FIN', 'ACK'),
  edge('CLOSING', 'TIME_WAIT', 'ACK'),
  edge('CLOSE_WAIT', 'LAST_ACK', 'close()', 'FIN'),
  edge('LAST_ACK', 'CLOSE', 'ACK'),
  edge('TIME_WAIT', 'CLOSE', '2MSL'),
];

/** The figure's transition between two states, if it draws one (an RST's abort it does not). */
export const transitionBetween = (from: TcpState, to: TcpState): Transition | undefined =>
  TRANSITIONS.find((transition) => transition.from === from && transition.to === to);
