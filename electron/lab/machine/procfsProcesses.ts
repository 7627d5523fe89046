import { readdirSync, readFileSync, statSync } from 'node:fs';
import { type ProcfsConstants, procfsConstants, startTimeMs } from '../procfs/procfs.js';
import { parseProcStat } from '../procfs/procStat.js';
import type { MachineProcess, ProcessReading } from './machineSource.js';
import { UserNames } from './userNames.js';

const PF_KTHREAD = 0x00200000;

/** What is read once per process identity (pid and start time) and again only after an exec (its comm changes). */
interface Known {
  startTicks: number;
  comm: string;
  command: string | null;
  uid: number | null;
  user: string | null;
  cpuTicks: number;
  at: number;
}

const isPid = (name: string): boolean => name.charCodeAt(0) >= 48 && name.charCodeAt(0) <= 57;

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null; // gone (ENOENT, ESRCH) or refused (EACCES): unknown, never an error
  }
}

/** Arguments joined by spaces; an empty command line (a kernel thread, a zombie) shows as [comm], as ps shows it. */
function readCommand(pid: number, comm: string): string | null {
  const raw = readOrNull(`/proc/${pid}/cmdline`);
  if (raw === null) return null;
  const args = raw.replace(/\0+$/, '');
  return args === '' ? `[${comm}]` : args.split('\0').join(' ');
}

function readUid(pid: number): number | null {
  try {
    return statSync(`/proc/${pid}`).uid;
  } catch {
    return null;
  }
}

/**
 * Every process from /proc: each tick lists /proc and reads each /proc/<pid>/stat once (state, parent,
 * CPU, memory, threads, start time and flags are all on that line); the command line and the user
 * are read only for an identity not seen before or after an exec, so a tick costs what the bare loop does.
 */
export class ProcfsProcesses {
  private known = new Map<number, Known>();
  private readonly users = new UserNames();
  private readonly constants: ProcfsConstants = procfsConstants();

  read(cap: number): ProcessReading {
    const at = performance.now();
    const names = readdirSync('/proc');
    const next = new Map<number, Known>();
    const processes: MachineProcess[] = [];
    let omitted = 0;
    let unreadable = 0;
    for (const name of names) {
      if (!isPid(name)) continue;
      if (processes.length >= cap) {
        omitted++;
        continue;
      }
      const pid = Number(name);
      const line = readOrNull(`/proc/${pid}/stat`);
      if (line === null) {
        unreadable++; // it ended between the listing and its reading
        continue;
      }
      const stat = parseProcStat(line);
      const before = this.known.get(pid);
      const same = before !== undefined && before.startTicks === stat.startTicks;
      const reread = !same || before.comm !== stat.comm;
      const uid = reread ? readUid(pid) : before.uid;
      const entry: Known = {
        startTicks: stat.startTicks,
        comm: stat.comm,
        command: reread ? readCommand(pid, stat.comm) : before.command,
        uid,
        user: reread ? (uid === null ? null : this.users.nameOf(uid)) : before.user,
        cpuTicks: stat.cpuTicks,
        at,
      };
      if (entry.command === null || entry.uid === null) unreadable++;
      next.set(pid, entry);
      const seconds = same ? (at - before.at) / 1000 : 0;
      processes.push({
        pid,
        ppid: stat.ppid,
        name: stat.comm,
        command: entry.command,
        user: entry.user,
        uid: entry.uid,
        state: stat.state,
        cpu: seconds > 0 ? Math.max(0, ((stat.cpuTicks - before!.cpuTicks) / this.constants.clockTicks / seconds) * 100) : null,
        memoryBytes: stat.rssPages * this.constants.pageSize,
        threads: stat.numThreads,
        startedAt: startTimeMs(stat.startTicks, this.constants),
        kernelThread: (stat.flags & PF_KTHREAD) !== 0,
      });
    }
    this.known = next; // bounded by the reading: identities that have gone are forgotten
    return { processes, omitted, unreadable };
  }
}
