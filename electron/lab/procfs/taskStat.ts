import { readdirSync, readFileSync } from 'node:fs';
import { type ProcStat, parseProcStat } from './procStat.js';

/** The tids of a process's threads, in tid order (the main thread's is the pid); null when the process is gone. */
export function readTaskIds(pid: number): number[] | null {
  try {
    return readdirSync(`/proc/${pid}/task`)
      .map(Number)
      .sort((a, b) => a - b);
  } catch {
    return null;
  }
}

/**
 * One thread's /proc/<pid>/task/<tid>/stat: its own state, CPU ticks and comm. The comm in field 2
 * is the thread's comm file (both print task->comm), so one read gives the name too — a second
 * read of `comm` per thread would double what showing threads costs a tick.
 */
export function readTaskStat(pid: number, tid: number): ProcStat | null {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8'));
  } catch {
    return null; // the thread has exited since the directory was listed
  }
}
