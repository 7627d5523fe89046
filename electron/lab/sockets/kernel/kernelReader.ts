import type { KernelSocket, KernelSource, SocketProtocol } from '../../../../shared/schemas/socketStates.js';

/** What one reading asks the kernel for. */
export interface ReadQuery {
  protocols: readonly SocketProtocol[];
  /** 'listen': TCP LISTEN sockets only (netlink filters in the kernel: ~0.02 ms); UDP is read whole either way. */
  tcpStates: 'all' | 'listen';
  /** Only sockets with one of these ports at either end, besides the states asked for (netlink: a kernel bytecode filter). */
  ports?: readonly number[];
}

/** One interface to the kernel's socket tables: netlink sock_diag, or the /proc/net text tables where netlink is refused. */
export interface KernelReader {
  readonly source: KernelSource;
  read(query: ReadQuery): KernelSocket[];
  close(): void;
}
