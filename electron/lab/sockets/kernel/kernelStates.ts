import type { KernelTimer, SocketProtocol, SocketState, TcpState } from '../../../../shared/schemas/socketStates.js';

/** include/net/tcp_states.h: the numbers /proc/net/tcp prints in hex and sock_diag sends as idiag_state. */
const TCP_STATES: Record<number, TcpState> = {
  1: 'ESTABLISHED',
  2: 'SYN_SENT',
  3: 'SYN_RECV',
  4: 'FIN_WAIT1',
  5: 'FIN_WAIT2',
  6: 'TIME_WAIT',
  7: 'CLOSE',
  8: 'CLOSE_WAIT',
  9: 'LAST_ACK',
  10: 'LISTEN',
  11: 'CLOSING',
  12: 'SYN_RECV', // TCP_NEW_SYN_RECV: a request socket, which ss also prints as SYN-RECV
};

export const TCP_LISTEN = 10;

/** The kernel's number for a state, as a bit of inet_diag_req_v2's idiag_states mask. */
export const tcpStateBit = (state: number): number => 1 << state;

export function stateName(protocol: SocketProtocol, state: number): SocketState | null {
  if (protocol === 'udp') return state === 1 ? 'ESTABLISHED' : 'UNCONN';
  return TCP_STATES[state] ?? null;
}

/** idiag_timer / /proc/net/tcp's timer_active: 1 retransmit, 2 keepalive, 3 TIME_WAIT, 4 zero window probe. */
export function timerOf(code: number, expiresInMs: number): KernelTimer | null {
  const kind = ({ 1: 'retransmit', 2: 'keepalive', 3: 'time_wait', 4: 'zero_window_probe' } as const)[code];
  return kind ? { kind, expiresInMs } : null;
}
