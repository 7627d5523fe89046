import type { HttpConnectionInfo } from '../../../shared/schemas/http.js';
import type { KernelReader } from '../sockets/kernel/kernelReader.js';
import { InodeOwners } from '../sockets/kernel/inodeOwners.js';
import { MAX_FILTER_PORTS } from '../sockets/kernel/inetDiagMessages.js';
import { openKernelReader } from '../sockets/kernel/openKernelReader.js';

/** At most one lookup per this many ms: a flood of new connections costs one kernel read and one fd scan per batch. */
const BATCH_MS = 250;

/**
 * The process at the client's end of a server connection (the user's browser, curl), from the socket tracker's parts:
 * the kernel's socket table (netlink sock_diag, filtered to the clients' ports) gives the client socket's inode, and
 * the /proc/<pid>/fd scan maps the inode to its pid. Lookups are batched off the accept path, because an fd scan of
 * every process costs milliseconds; a connection that closed before its batch keeps a null pid with the reason.
 */
export class ClientProcesses {
  private readonly pending = new Map<number, HttpConnectionInfo>();
  private timer: NodeJS.Timeout | undefined;
  private reader: KernelReader | null | undefined;
  private unavailable = '';
  private readonly owners = new InodeOwners('all');

  /** Fills `info.client` when the batch runs. */
  lookUp(info: HttpConnectionInfo): void {
    const port = info.tuple?.remotePort;
    if (port === undefined) return;
    if (this.pending.size >= MAX_FILTER_PORTS) return void (info.client = { pid: null, reason: 'too many new connections at once to look each up' });
    this.pending.set(port, info);
    this.timer ??= setTimeout(() => this.run(), BATCH_MS);
    this.timer.unref();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.reader?.close();
    this.reader = null;
  }

  private run(): void {
    this.timer = undefined;
    const batch = [...this.pending.values()];
    this.pending.clear();
    const reader = this.openReader();
    if (!reader) return batch.forEach((info) => (info.client = { pid: null, reason: this.unavailable }));
    let sockets;
    try {
      sockets = reader.read({ protocols: ['tcp'], tcpStates: 'all', tcpInfo: false, ports: batch.map((info) => info.tuple?.remotePort ?? 0) });
    } catch (error) {
      return batch.forEach((info) => (info.client = { pid: null, reason: `the kernel's socket table could not be read: ${(error as Error).message}` }));
    }
    const clientSide = (info: HttpConnectionInfo) =>
      sockets.find((socket) => socket.local.port === info.tuple?.remotePort && socket.remote.port === info.tuple?.localPort);
    this.owners.resolve(batch.map((info) => clientSide(info)?.inode ?? 0).filter((inode) => inode !== 0));
    for (const info of batch) {
      if (info.client.pid !== null) continue; // the composer claimed it meanwhile
      const socket = clientSide(info);
      if (!socket) {
        info.client = { pid: null, reason: 'the connection had closed before the socket table was read' };
        continue;
      }
      const owner = this.owners.ownerOf(socket.inode);
      info.client =
        owner.pid !== null
          ? { pid: owner.pid, reason: `${owner.name ?? 'a process'} holds the client socket (inode ${socket.inode}), read from /proc/${owner.pid}/fd` }
          : { pid: null, reason: owner.kind === 'kernel' ? 'the client socket has no owner any more (inode 0)' : `no readable fd table holds inode ${socket.inode} (another user's process?)` };
    }
  }

  private openReader(): KernelReader | null {
    if (this.reader === undefined) {
      const choice = openKernelReader();
      this.reader = choice.reader;
      this.unavailable = choice.detail;
    }
    return this.reader;
  }
}
