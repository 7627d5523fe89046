import { existsSync } from 'node:fs';
import type { KernelReader } from './kernelReader.js';
import { NetlinkSockDiag } from './netlinkSockDiag.js';
import { ProcNetTables } from './procNetTables.js';

export interface KernelReaderChoice {
  reader: KernelReader | null;
  /** What was chosen and why, as systemInfo and `sockets.list` say it. */
  detail: string;
}

/**
 * Netlink sock_diag where the kernel allows it (what ss uses: filtered in the kernel, with tcp_info);
 * the /proc/net tables where it is refused; nothing elsewhere. macOS and Windows have neither:
 * their tables (netstat's sysctl net.inet.tcp.pcblist_n, GetExtendedTcpTable) are not read yet.
 */
export function openKernelReader(): KernelReaderChoice {
  if (process.platform !== 'linux') {
    return {
      reader: null,
      detail: `Reading the kernel's socket tables is implemented for Linux only; on ${process.platform} Loopscope shows the lab's own record of its sockets, not the kernel's states.`,
    };
  }
  try {
    return { reader: new NetlinkSockDiag(), detail: 'netlink sock_diag (as ss reads it)' };
  } catch (error) {
    if (existsSync('/proc/net/tcp')) {
      return { reader: new ProcNetTables(), detail: `/proc/net/tcp, tcp6, udp, udp6 (netlink refused: ${(error as Error).message})` };
    }
    return { reader: null, detail: `Neither netlink sock_diag (${(error as Error).message}) nor /proc/net/tcp can be read here.` };
  }
}
