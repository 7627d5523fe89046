import { now } from '../clock.js';
import type { Followed, Observation, ProcessSource } from './observation.js';
import type { ProcStat } from '../procfs/procStat.js';
import { procfsConstants, readChildren, readCommand, readMainThreadChildren, readStat, startTimeMs } from '../procfs/procfs.js';

function toObservation(stat: ProcStat, command: string, cpu: number): Observation {
  const c = procfsConstants();
  return {
    pid: stat.pid,
    ppid: stat.ppid,
    state: stat.state,
    startKey: stat.startTicks,
    startTime: startTimeMs(stat.startTicks, c),
    name: stat.comm,
    command,
    cpu,
    rss: stat.rssPages * c.pageSize,
    exitStatus: stat.exitStatus,
    pgrp: stat.pgrp,
  };
}

/** One process read now, outside any tick (its CPU share needs two readings, so it is 0 here). */
export function observePid(pid: number): Observation | null {
  const stat = readStat(pid);
  return stat ? toObservation(stat, readCommand(pid, stat.comm), 0) : null;
}

interface Previous {
  startTicks: number;
  cpuTicks: number;
  at: number;
  comm: string;
  command: string;
  zombie: boolean;
  /** Children that other threads than the main one forked, as the last full walk found them. */
  otherThreadChildren: number[];
}

/**
 * How often every thread's children list is read. A Node process has ~7 threads, and only the main
 * thread and worker threads ever fork (libuv's pool threads do not): reading the main thread's list
 * every tick and all of them every 4th tick cut a tick's reads per Node process from 9 to ~2.
 */
const FULL_WALK_EVERY = 4;

/**
 * Linux: one read of /proc/<pid>/stat per process per tick, and the children lists to walk the tree
 * — the main thread's every tick, every thread's on every FULL_WALK_EVERY-th tick, with the children
 * other threads forked carried between full walks (and dropped as soon as they are gone).
 */
export class ProcfsSource implements ProcessSource {
  readonly name = 'procfs';
  private previous = new Map<number, Previous>();
  private ticks = 0;

  async sample(rootPid: number, followed: readonly Followed[]): Promise<Observation[]> {
    const c = procfsConstants();
    const at = now();
    const seen = new Set<number>();
    const reached = new Set<number>([rootPid]);
    const expected = new Map(followed.map((f) => [f.pid, f.startKey]));
    const queue = [rootPid, ...expected.keys()];
    const observations: Observation[] = [];
    const next = new Map<number, Previous>();
    const fullWalk = this.ticks++ % FULL_WALK_EVERY === 0;
    /** Children carried from the last full walk, with the parent they had: a pid that has another parent now is not one. */
    const carriedFrom = new Map<number, number>();
    while (queue.length > 0) {
      const pid = queue.pop() as number;
      if (seen.has(pid)) continue;
      seen.add(pid);
      const stat = readStat(pid);
      if (!stat) continue;
      // A followed pid that now has another start time is a stranger, unless the tree walk led to it.
      if (expected.has(pid) && expected.get(pid) !== stat.startTicks && !reached.has(pid)) continue;
      if (carriedFrom.has(pid) && carriedFrom.get(pid) !== stat.ppid && expected.get(pid) !== stat.startTicks) continue;
      const before = this.previous.get(pid);
      const same = before?.startTicks === stat.startTicks;
      const mainChildren = readMainThreadChildren(pid);
      let otherThreadChildren: number[] = [];
      if (stat.numThreads > 1) {
        if (fullWalk || !same) {
          const main = new Set(mainChildren);
          otherThreadChildren = readChildren(pid).filter((child) => !main.has(child));
        } else {
          otherThreadChildren = before.otherThreadChildren;
          for (const child of otherThreadChildren) carriedFrom.set(child, pid);
        }
      }
      for (const child of [...mainChildren, ...otherThreadChildren]) {
        reached.add(child);
        queue.push(child);
      }
      // Read the command line again after an exec (comm changes) and on death: a zombie has none left.
      const command =
        same && before.comm === stat.comm && before.zombie === (stat.state === 'Z') ? before.command : readCommand(pid, stat.comm);
      const cpu = same && at > before.at ? ((stat.cpuTicks - before.cpuTicks) / c.clockTicks / ((at - before.at) / 1000)) * 100 : 0;
      next.set(pid, { startTicks: stat.startTicks, cpuTicks: stat.cpuTicks, at, comm: stat.comm, command, zombie: stat.state === 'Z', otherThreadChildren });
      observations.push(toObservation(stat, command, Math.max(0, cpu)));
    }
    this.previous = next;
    return observations;
  }
}
