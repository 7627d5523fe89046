import type { SocketState } from '../../../shared/schemas/socketStates.js';
import type { AppState } from '../../../shared/schemas/sockets.js';

/** The catalog's explanation of each kernel state (the names themselves stay as the kernel writes them). */
export const STATE_EXPLANATION_KEYS: Record<SocketState, string> = {
  LISTEN: 'sockets.states.LISTEN',
  SYN_SENT: 'sockets.states.SYN_SENT',
  SYN_RECV: 'sockets.states.SYN_RECV',
  ESTABLISHED: 'sockets.states.ESTABLISHED',
  FIN_WAIT1: 'sockets.states.FIN_WAIT1',
  FIN_WAIT2: 'sockets.states.FIN_WAIT2',
  CLOSE_WAIT: 'sockets.states.CLOSE_WAIT',
  LAST_ACK: 'sockets.states.LAST_ACK',
  CLOSING: 'sockets.states.CLOSING',
  TIME_WAIT: 'sockets.states.TIME_WAIT',
  CLOSE: 'sockets.states.CLOSE',
  UNCONN: 'sockets.states.UNCONN',
};

/** What the lab believes of its socket from its own calls, in words, for a socket the kernel does not list. */
export const APP_STATE_KEYS: Record<AppState, string> = {
  created: 'sockets.appStates.created',
  bound: 'sockets.appStates.bound',
  listening: 'sockets.appStates.listening',
  connecting: 'sockets.appStates.connecting',
  connected: 'sockets.appStates.connected',
  closed: 'sockets.appStates.closed',
};

export const isKernelState = (state: string): state is SocketState => Object.hasOwn(STATE_EXPLANATION_KEYS, state);
export const isAppState = (state: string): state is AppState => Object.hasOwn(APP_STATE_KEYS, state);

/** TCP's states in the order a connection goes through them, then UDP's: the filter chips' order. */
export const STATE_ORDER: readonly string[] = ['LISTEN', 'SYN_SENT', 'SYN_RECV', 'ESTABLISHED', 'FIN_WAIT1', 'FIN_WAIT2', 'CLOSE_WAIT', 'CLOSING', 'LAST_ACK', 'TIME_WAIT', 'CLOSE', 'UNCONN'];
