import { MAX_THREADS_PER_PROCESS, type ProcessThreads, type ThreadSample } from '../../../shared/schemas/threads.js';
import { procfsConstants } from '../procfs/procfs.js';
import { readTaskIds, readTaskStat } from '../procfs/taskStat.js';
import type { Followed } from './observation.js';

interface Previous {
  startTicks: number;
  cpuTicks: number;
  at: number;
}

/** A process's threads now, or null: the process is gone, or its pid belongs to another process now. */
export type ThreadReading = ProcessThreads | null;

/**
 * Reads the threads of the processes asked for, one /proc/<pid>/task/<tid>/stat each, and gives each
 * thread's CPU % from its utime + stime since the previous reading of the same thread (a tid reused
 * by a new thread has another start time, so it starts from 0), as htop does.
 */
export class ThreadReader {
  /** By pid, then tid: the last reading of each thread, for the next one's CPU %. */
  private previous = new Map<number, Map<number, Previous>>();

  read(targets: readonly Followed[], at: number): Map<number, ThreadReading> {
    const { clockTicks } = procfsConstants();
    const readings = new Map<number, ThreadReading>();
    for (const { pid, startKey } of targets) {
      const tids = readTaskIds(pid);
      const main = tids && readTaskStat(pid, pid);
      // The main thread started with the process: its start time tells a reused pid.
      if (!tids || !main || main.startTicks !== startKey) {
        this.previous.delete(pid);
        readings.set(pid, null);
        continue;
      }
      const before = this.previous.get(pid);
      const next = new Map<number, Previous>();
      const threads: ThreadSample[] = [];
      for (const tid of tids.slice(0, MAX_THREADS_PER_PROCESS)) {
        const stat = tid === pid ? main : readTaskStat(pid, tid);
        if (!stat) continue;
        const last = before?.get(tid);
        const same = last?.startTicks === stat.startTicks && at > last.at;
        const cpu = same ? ((stat.cpuTicks - last.cpuTicks) / clockTicks / ((at - last.at) / 1000)) * 100 : 0;
        next.set(tid, { startTicks: stat.startTicks, cpuTicks: stat.cpuTicks, at });
        threads.push({ tid, name: stat.comm, state: stat.state, cpu: Math.max(0, cpu), processor: stat.processor });
      }
      this.previous.set(pid, next);
      readings.set(pid, { pid, threads, omitted: Math.max(0, tids.length - MAX_THREADS_PER_PROCESS) });
    }
    return readings;
  }

  /** Drops the history of processes no client shows any more, so it stays as small as what is shown. */
  retain(pids: ReadonlySet<number>): void {
    for (const pid of this.previous.keys()) if (!pids.has(pid)) this.previous.delete(pid);
  }
}
