import { readdirSync, readlinkSync } from 'node:fs';

/**
 * How many sockets each process holds, by readlink over /proc/<pid>/fd (what the socket tracker's
 * owner map reads too). A table this user may not read (another user's process) or one of a process
 * that ended meanwhile is null: unknown, never an error.
 */
export function readSocketCounts(pids: readonly number[]): Map<number, number | null> {
  const counts = new Map<number, number | null>();
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      counts.set(pid, null);
      continue;
    }
    let sockets = 0;
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')) sockets++;
      } catch {
        // closed between the listing and the readlink
      }
    }
    counts.set(pid, sockets);
  }
  return counts;
}
