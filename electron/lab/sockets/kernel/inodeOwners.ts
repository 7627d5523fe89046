import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import type { SocketOwner } from '../../../../shared/schemas/socketStates.js';

export const KERNEL_OWNER: SocketOwner = { kind: 'kernel', pid: null, name: null };
export const UNKNOWN_OWNER: SocketOwner = { kind: 'unknown', pid: null, name: null };

/** Which pids' fd tables to read: the lab's own (main process and lab processes), or every pid /proc lists. */
export type OwnerScope = { pids: () => readonly number[] } | 'all';

const SOCKET_LINK = /^socket:\[(\d+)\]$/;

/**
 * Socket inode → the process holding it, by readlink over /proc/<pid>/fd (~7 ms for 1,000 sockets,
 * measured). The tables are read again only when an inode appears that the last scan did not place;
 * inodes a scan could not place (another user's process, one that just ended) stay unknown until a
 * scan is due anyway, so a foreign socket never makes every tick rescan.
 */
export class InodeOwners {
  private owners = new Map<number, SocketOwner>();
  private unplaced = new Set<number>();
  private scannedPids = '';
  scans = 0;

  constructor(private readonly scope: OwnerScope) {}

  /** Places every inode of a reading, rescanning if any is new; inodes no longer read are forgotten (bounded by the reading). */
  resolve(inodes: readonly number[]): void {
    const pids = this.pidsToScan();
    const pidKey = this.scope === 'all' ? '' : pids.join(',');
    const stale = pidKey !== this.scannedPids || inodes.some((inode) => inode !== 0 && !this.owners.has(inode) && !this.unplaced.has(inode));
    if (!stale) return;
    this.scan(pids);
    this.scannedPids = pidKey;
    const wanted = new Set(inodes);
    this.unplaced = new Set(inodes.filter((inode) => inode !== 0 && !this.owners.has(inode)));
    for (const inode of this.owners.keys()) if (!wanted.has(inode)) this.owners.delete(inode);
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

  private scan(pids: readonly number[]): void {
    this.scans++;
    this.owners = new Map();
    for (const pid of pids) {
      let fds: string[];
      try {
        fds = readdirSync(`/proc/${pid}/fd`);
      } catch {
        continue; // another user's process (EACCES) or one that just ended (ENOENT): its sockets stay unknown
      }
      let owner: SocketOwner | undefined;
      for (const fd of fds) {
        let target: string;
        try {
          target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        } catch {
          continue; // the fd closed between readdir and readlink
        }
        const match = SOCKET_LINK.exec(target);
        if (!match) continue;
        owner ??= { kind: 'process', pid, name: processName(pid) };
        const inode = Number(match[1]);
        if (!this.owners.has(inode)) this.owners.set(inode, owner); // a socket shared after fork: the lowest pid names it
      }
    }
  }
}

function processName(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trimEnd();
  } catch {
    return null;
  }
}
