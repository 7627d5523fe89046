import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import type { SocketOwner } from '../../../../shared/schemas/socketStates.js';

export const KERNEL_OWNER: SocketOwner = { kind: 'kernel', pid: null, name: null };
export const UNKNOWN_OWNER: SocketOwner = { kind: 'unknown', pid: null, name: null };

/** Which pids' fd tables to read: the lab's own (main process and lab processes), or every pid /proc lists. */
export type OwnerScope = { pids: () => readonly number[] } | 'all';

const SOCKET_LINK = /^socket:\[(\d+)\]$/;

/**
 * Socket inode → the process holding it, by readlink over /proc/<pid>/fd (~7 ms for 1,000 sockets,
 * measured). The tables are read again only when an inode appears that no scan has seen; inodes a
 * scan could not place (another user's process, one outside the scope, one that just ended) stay
 * unknown and do not bring the next tick to scan again. A scan skips the readlink of socket fds it
 * already knows, so the one a busy machine's new sockets set off costs a readdir per pid.
 */
export class InodeOwners {
  private owners = new Map<number, SocketOwner>();
  private unplaced = new Set<number>();
  private scannedPids = '';
  /** pid → its socket fds and their inodes, as the last scan read them. */
  private fdInodes = new Map<number, Map<string, number>>();

  constructor(private readonly scope: OwnerScope) {}

  /** Places every inode of a reading, rescanning if any is new; inodes no longer read are forgotten (bounded by the reading). */
  resolve(inodes: readonly number[]): void {
    const pids = this.pidsToScan();
    const pidKey = this.scope === 'all' ? '' : pids.join(',');
    const stale = pidKey !== this.scannedPids || inodes.some((inode) => inode !== 0 && !this.owners.has(inode) && !this.unplaced.has(inode));
    if (!stale) return;
    const present = new Set(inodes);
    this.scan(pids, present);
    this.scannedPids = pidKey;
    this.unplaced = new Set(inodes.filter((inode) => inode !== 0 && !this.owners.has(inode)));
  }

  /** Who holds the socket: inode 0 is the kernel's; an inode no readable fd table holds is unknown. */
  ownerOf(inode: number): SocketOwner {
    if (inode === 0) return KERNEL_OWNER;
    return this.owners.get(inode) ?? UNKNOWN_OWNER;
  }

  has(inode: number): boolean {
    return this.owners.has(inode);
  }

  private pidsToScan(): number[] {
    if (this.scope !== 'all') return [...this.scope.pids()].sort((a, b) => a - b);
    return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
  }

  /**
   * Reads the fd tables. A socket fd whose inode is still in the reading is taken from the last
   * scan without a readlink: while an fd holds a socket its inode stays in the kernel's tables, so
   * a reused fd number shows as an inode that has gone. Other fds are read every time.
   */
  private scan(pids: readonly number[], present: ReadonlySet<number>): void {
    this.owners = new Map();
    const fdInodes = new Map<number, Map<string, number>>();
    for (const pid of pids) {
      let fds: string[];
      try {
        fds = readdirSync(`/proc/${pid}/fd`);
      } catch {
        continue; // another user's process (EACCES) or one that just ended (ENOENT): its sockets stay unknown
      }
      const cached = this.fdInodes.get(pid);
      const sockets = new Map<string, number>();
      let owner: SocketOwner | undefined;
      for (const fd of fds) {
        let inode = cached?.get(fd);
        if (inode === undefined || !present.has(inode)) inode = socketInode(pid, fd);
        if (inode === undefined) continue;
        sockets.set(fd, inode);
        owner ??= { kind: 'process', pid, name: processName(pid) };
        if (!this.owners.has(inode)) this.owners.set(inode, owner); // a socket shared after fork: the lowest pid names it
      }
      if (sockets.size > 0) fdInodes.set(pid, sockets);
    }
    this.fdInodes = fdInodes;
  }
}

/** The inode of the socket behind one fd, or undefined for any other kind of fd (or one closed meanwhile). */
function socketInode(pid: number, fd: string): number | undefined {
  try {
    const match = SOCKET_LINK.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

function processName(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trimEnd();
  } catch {
    return null;
  }
}
