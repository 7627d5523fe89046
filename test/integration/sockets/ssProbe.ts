import { execFileSync } from 'node:child_process';

/** ss's state names → the kernel's, as the contract spells them. */
const STATES: Record<string, string> = {
  ESTAB: 'ESTABLISHED',
  'SYN-SENT': 'SYN_SENT',
  'SYN-RECV': 'SYN_RECV',
  'FIN-WAIT-1': 'FIN_WAIT1',
  'FIN-WAIT-2': 'FIN_WAIT2',
  'TIME-WAIT': 'TIME_WAIT',
  'CLOSE-WAIT': 'CLOSE_WAIT',
  'LAST-ACK': 'LAST_ACK',
  LISTEN: 'LISTEN',
  CLOSING: 'CLOSING',
  UNCONN: 'UNCONN',
};

export interface SsRow {
  state: string;
  receiveQueue: number;
  sendQueue: number;
  localPort: number;
  remotePort: number | null;
  pid: number | null;
}

const portOf = (endpoint: string): number | null => {
  const port = endpoint.slice(endpoint.lastIndexOf(':') + 1);
  return port === '*' ? null : Number(port);
};

/**
 * What the kernel shows of the sockets with `port` at either end, read by `ss` itself, the oracle
 * these tests hold the lab to (`ss -tanpH` / `-uanpH` with a kernel filter).
 */
export function ss(protocol: 'tcp' | 'udp', port: number): SsRow[] {
  const out = execFileSync('ss', [protocol === 'tcp' ? '-tanpH' : '-uanpH', `( sport = :${port} or dport = :${port} )`], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [state = '', recv = '0', send = '0', local = '', remote = '', ...rest] = line.trim().split(/\s+/);
      const pid = /pid=(\d+)/.exec(rest.join(' '));
      return {
        state: STATES[state] ?? state,
        receiveQueue: Number(recv),
        sendQueue: Number(send),
        localPort: portOf(local) ?? 0,
        remotePort: portOf(remote),
        pid: pid ? Number(pid[1]) : null,
      };
    });
}

/** The one row whose local port is `local` (and remote port `remote`, when given). */
export const ssEnd = (protocol: 'tcp' | 'udp', local: number, remote?: number): SsRow | undefined =>
  ss(protocol, local).find((row) => row.localPort === local && (remote === undefined || row.remotePort === remote));
