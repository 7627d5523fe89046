import { closeSync, openSync, readSync } from 'node:fs';
import { MAX_THREADS_PER_PROCESS, type ProcessThreads, type ThreadSample } from '../../../shared/schemas/threads.js';
import { procfsConstants } from '../procfs/procfs.js';
import { readTaskIds } from '../procfs/taskStat.js';
import type { Followed } from './observation.js';
import { emptyTaskStatLine, parseTaskStatLine, sameBytes } from './taskStatLine.js';

/**
 * Stat files held open across ticks, over every process shown: 20 processes of ~10 threads take ~200.
 * Past it a thread's file is opened and closed on each read, as it would be without holding any, so the
 * lab never spends more of its descriptors (1,024 is a common soft limit on desktops) on showing threads.
 */
export const MAX_HELD_STAT_FILES = 512;

/** A thread as its last reading left it, updated in place each tick. */
interface KnownThread {
  tid: number;
  /**
   * Its stat file held open, or -1 (past MAX_HELD_STAT_FILES). A read at offset 0 makes the kernel print
   * it afresh, and fails (ESRCH) once the thread has gone: the descriptor holds the thread itself, not its
   * number, so a tid reused by a new thread is never read through the old one's.
   */
  fd: number;
  startTicks: number;
  cpuTicks: number;
  at: number;
  name: string;
  /** The bytes `name` was decoded from. */
  comm: Uint8Array;
  /** What this tick read, for the sample. */
  state: string;
  cpu: number;
  processor: number;
}

interface KnownProcess {
  startKey: number;
  /** In tid order (the main thread's, the pid, first unless tids have wrapped past pid_max). */
  threads: KnownThread[];
}

/** A process's threads now, or null: the process is gone, or its pid belongs to another process now. */
export type ThreadReading = ProcessThreads | null;

/** A stat line is under 1 KiB; the fields read are all in its first few hundred bytes. */
const bytes = Buffer.alloc(4096);
const line = emptyTaskStatLine();

/**
 * Reads the threads of the processes asked for and gives each thread's CPU % from its utime + stime since
 * the previous reading of the same thread (a tid reused by a new thread has another start time, so it
 * starts from 0), as htop does. A tick costs one read per thread, of a stat file held open since the
 * thread was first seen, into one buffer parsed in place: the task directory is listed again only when
 * the main thread's thread count no longer matches the threads held or one of them has gone, and comm
 * (which the stat line carries, as the comm file does) is decoded only when its bytes change.
 */
export class ThreadReader {
  private readonly known = new Map<number, KnownProcess>();
  private held = 0;

  read(targets: readonly Followed[], at: number): Map<number, ThreadReading> {
    const readings = new Map<number, ThreadReading>();
    for (const target of targets) readings.set(target.pid, this.readProcess(target, at));
    return readings;
  }

  /** Drops the threads of processes no client shows any more, and closes their files. */
  retain(pids: ReadonlySet<number>): void {
    for (const pid of this.known.keys()) if (!pids.has(pid)) this.forget(pid);
  }

  dispose(): void {
    for (const pid of this.known.keys()) this.forget(pid);
  }

  private readProcess({ pid, startKey }: Followed, at: number): ThreadReading {
    let entry = this.known.get(pid);
    if (entry?.startKey !== startKey) {
      this.forget(pid);
      entry = { startKey, threads: [] };
      this.known.set(pid, entry);
    }
    const held = entry.threads.find((thread) => thread.tid === pid);
    const main = held ? (this.update(pid, held, at) ? held : null) : this.track(pid, pid, at);
    // The main thread started with the process: its start time tells a reused pid.
    if (!main || main.startTicks !== startKey) {
      if (main && main !== held) this.untrack(main);
      this.forget(pid);
      return null;
    }
    const numThreads = line.numThreads; // before the other threads' reads overwrite the line
    let lost = false;
    const threads: KnownThread[] = main === held ? [] : [main];
    for (const thread of entry.threads) {
      if (thread === main || this.update(pid, thread, at)) threads.push(thread);
      else {
        this.untrack(thread);
        lost = true;
      }
    }
    entry.threads = threads;
    if (lost || threads.length < Math.min(numThreads, MAX_THREADS_PER_PROCESS)) this.relist(pid, entry, at);
    return {
      pid,
      threads: entry.threads.map((t): ThreadSample => ({ tid: t.tid, name: t.name, state: t.state, cpu: t.cpu, processor: t.processor })),
      omitted: Math.max(0, numThreads - entry.threads.length),
    };
  }

  /** Threads started (or ended) since the last listing: the new ones are read and held from now on. */
  private relist(pid: number, entry: KnownProcess, at: number): void {
    const tids = readTaskIds(pid);
    if (!tids) return; // gone meanwhile: the next tick's read of the main thread says so
    const listed = new Set(tids);
    const kept: KnownThread[] = [];
    for (const thread of entry.threads) {
      if (listed.has(thread.tid)) kept.push(thread);
      else this.untrack(thread);
    }
    const have = new Set(kept.map((thread) => thread.tid));
    for (const tid of tids) {
      if (kept.length >= MAX_THREADS_PER_PROCESS) break;
      if (have.has(tid)) continue;
      const thread = this.track(pid, tid, at);
      if (thread) kept.push(thread);
    }
    entry.threads = kept.sort((a, b) => a.tid - b.tid);
  }

  /** A thread seen for the first time: its file opened (within the cap) and read. Null when it has ended. */
  private track(pid: number, tid: number, at: number): KnownThread | null {
    const path = statPath(pid, tid);
    let fd = -1;
    if (this.held < MAX_HELD_STAT_FILES) {
      try {
        fd = openSync(path, 'r');
        this.held++;
      } catch {
        return null; // ended since it was listed
      }
    }
    const thread: KnownThread = { tid, fd, startTicks: -1, cpuTicks: 0, at, name: '', comm: new Uint8Array(0), state: '?', cpu: 0, processor: 0 };
    if (this.update(pid, thread, at)) return thread;
    this.untrack(thread);
    return null;
  }

  /** One read of the thread's stat line into `line`, and the thread updated from it; false when it has ended. */
  private update(pid: number, thread: KnownThread, at: number): boolean {
    const length = thread.fd >= 0 ? readHeld(thread.fd) : readOnce(statPath(pid, thread.tid));
    if (length <= 0 || !parseTaskStatLine(bytes, length, line)) return false;
    const same = thread.startTicks === line.startTicks && at > thread.at;
    const { clockTicks } = procfsConstants();
    thread.cpu = same ? Math.max(0, ((line.cpuTicks - thread.cpuTicks) / clockTicks / ((at - thread.at) / 1000)) * 100) : 0;
    thread.startTicks = line.startTicks;
    thread.cpuTicks = line.cpuTicks;
    thread.at = at;
    thread.state = line.state;
    thread.processor = line.processor;
    if (!sameBytes(bytes, line.commStart, line.commEnd, thread.comm)) {
      thread.comm = bytes.subarray(line.commStart, line.commEnd).slice();
      thread.name = bytes.toString('utf8', line.commStart, line.commEnd);
    }
    return true;
  }

  private untrack(thread: KnownThread): void {
    if (thread.fd < 0) return;
    closeSync(thread.fd);
    thread.fd = -1;
    this.held--;
  }

  private forget(pid: number): void {
    for (const thread of this.known.get(pid)?.threads ?? []) this.untrack(thread);
    this.known.delete(pid);
  }
}

const statPath = (pid: number, tid: number): string => `/proc/${pid}/task/${tid}/stat`;

function readHeld(fd: number): number {
  try {
    return readSync(fd, bytes, 0, bytes.length, 0);
  } catch {
    return 0; // ESRCH: the thread has ended
  }
}

function readOnce(path: string): number {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return 0;
  }
  try {
    return readSync(fd, bytes, 0, bytes.length, 0);
  } catch {
    return 0;
  } finally {
    closeSync(fd);
  }
}
