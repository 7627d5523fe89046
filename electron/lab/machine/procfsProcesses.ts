import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { type ProcfsConstants, procfsConstants, startTimeMs } from '../procfs/procfs.js';
import type { MachineProcess, ProcessReading } from './machineSource.js';
import { type MachineStat, parseMachineStat } from './machineStat.js';
import { UserNames } from './userNames.js';

const PF_KTHREAD = 0x00200000;

/** A process as the last reading left it, with what the next needs: its identity, its CPU ticks and when they were read. */
interface Known extends MachineProcess {
  startTicks: number;
  cpuTicks: number;
  readAt: number;
  /** The reading that last saw it: the others have gone. */
  seen: number;
}

/** A stat line is under 1 KiB; comm is at most 64 bytes. */
const statBuffer = Buffer.alloc(4096);

/**
 * One stat line by open, read and close into a buffer kept for every read: readFileSync adds an fstat
 * and a second read to find the end of a file whose size /proc reports as 0.
 */
function readStatLine(pid: number): string | null {
  let fd: number;
  try {
    fd = openSync(`/proc/${pid}/stat`, 'r');
  } catch {
    return null; // gone
  }
  try {
    const length = readSync(fd, statBuffer, 0, statBuffer.length, 0);
    return length < statBuffer.length ? statBuffer.toString('utf8', 0, length) : readOrNull(`/proc/${pid}/stat`);
  } catch {
    return null; // ended between the open and the read (ESRCH)
  } finally {
    closeSync(fd);
  }
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
  /** By pid, updated in place each reading: a reading of 2,000 processes allocates little beyond its list. */
  private readonly known = new Map<number, Known>();
  private readonly users = new UserNames();
  private readonly constants: ProcfsConstants = procfsConstants();
  private readings = 0;

  read(cap: number): ProcessReading {
    const at = performance.now();
    const reading = ++this.readings;
    const processes: MachineProcess[] = [];
    let omitted = 0;
    let unreadable = 0;
    for (const name of readdirSync('/proc')) {
      if (!isPid(name)) continue;
      if (processes.length >= cap) {
        omitted++;
        continue;
      }
      const pid = Number(name);
      const line = readStatLine(pid);
      const stat = line === null ? null : parseMachineStat(line);
      if (stat === null) {
        unreadable++; // it ended between the listing and its reading
        continue;
      }
      let entry = this.known.get(pid);
      if (entry === undefined || entry.startTicks !== stat.startTicks) {
        entry = this.identify(pid, stat);
        this.known.set(pid, entry);
      } else {
        if (entry.name !== stat.comm) this.describe(entry, pid, stat.comm); // an exec: a new program in the same process
        const seconds = (at - entry.readAt) / 1000;
        entry.cpu = seconds > 0 ? Math.max(0, ((stat.cpuTicks - entry.cpuTicks) / this.constants.clockTicks / seconds) * 100) : null;
      }
      entry.ppid = stat.ppid;
      entry.state = stat.state;
      entry.memoryBytes = stat.rssPages * this.constants.pageSize;
      entry.threads = stat.numThreads;
      entry.kernelThread = (stat.flags & PF_KTHREAD) !== 0;
      entry.cpuTicks = stat.cpuTicks;
      entry.readAt = at;
      entry.seen = reading;
      if (entry.command === null || entry.uid === null) unreadable++;
      processes.push(entry);
    }
    for (const [pid, entry] of this.known) if (entry.seen !== reading) this.known.delete(pid); // bounded by the reading
    return { processes, omitted, unreadable };
  }

  /** A pid and start time not seen before: what only changes with an exec is read now, once. */
  private identify(pid: number, stat: MachineStat): Known {
    const entry: Known = {
      pid,
      ppid: stat.ppid,
      name: stat.comm,
      command: null,
      user: null,
      uid: null,
      state: stat.state,
      cpu: null,
      memoryBytes: null,
      threads: null,
      startedAt: startTimeMs(stat.startTicks, this.constants),
      kernelThread: false,
      startTicks: stat.startTicks,
      cpuTicks: stat.cpuTicks,
      readAt: 0,
      seen: 0,
    };
    this.describe(entry, pid, stat.comm);
    return entry;
  }

  private describe(entry: Known, pid: number, comm: string): void {
    entry.name = comm;
    entry.command = readCommand(pid, comm);
    entry.uid = readUid(pid);
    entry.user = entry.uid === null ? null : this.users.nameOf(entry.uid);
  }
}
