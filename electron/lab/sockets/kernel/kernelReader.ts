import type { KernelSocket, KernelSource, SocketProtocol } from '../../../../shared/schemas/socketStates.js';
import type { ExactTarget } from './inetDiagMessages.js';

export type { ExactTarget };

/** What one reading asks the kernel for. */
export interface ReadQuery {
  protocols: readonly SocketProtocol[];
  /** 'listen': TCP LISTEN sockets only (netlink filters in the kernel: ~0.02 ms); UDP is read whole either way. */
  tcpStates: 'all' | 'listen';
  /** Only sockets with one of these ports at either end, besides the states asked for (netlink: a kernel bytecode filter). */
  ports?: readonly number[];
  /** Ask for tcp_info (bytes, retransmits, rtt): netlink only, and it costs the kernel a socket lock each. */
  tcpInfo: boolean;
}

/** One interface to the kernel's socket tables: netlink sock_diag, or the /proc/net text tables where netlink is refused. */
export interface KernelReader {
  readonly source: KernelSource;
  read(query: ReadQuery): KernelSocket[];
  /**
   * The TCP sockets with these 4-tuples now, those still in the kernel's tables; null where the
   * reader cannot look sockets up one by one (/proc/net: only whole tables).
   */
  lookup(targets: readonly ExactTarget[]): KernelSocket[] | null;
  close(): void;
}
