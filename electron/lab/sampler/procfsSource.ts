import { now } from '../clock.js';
import type { Followed, Observation, ProcessSource } from './observation.js';
import type { ProcStat } from '../procfs/procStat.js';
import { procfsConstants, readChildren, readCommand, readStat, startTimeMs } from '../procfs/procfs.js';

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
}

/** Linux: one read of /proc/<pid>/stat per process per tick, and the children lists to walk the tree. */
export class ProcfsSource implements ProcessSource {
  readonly name = 'procfs';
  private previous = new Map<number, Previous>();

  async sample(rootPid: number, followed: readonly Followed[]): Promise<Observation[]> {
    const c = procfsConstants();
    const at = now();
    const seen = new Set<number>();
    const reached = new Set<number>([rootPid]);
    const expected = new Map(followed.map((f) => [f.pid, f.startKey]));
    const queue = [rootPid, ...expected.keys()];
    const observations: Observation[] = [];
    const next = new Map<number, Previous>();
    while (queue.length > 0) {
      const pid = queue.pop() as number;
      if (seen.has(pid)) continue;
      seen.add(pid);
      const stat = readStat(pid);
      if (!stat) continue;
      // A followed pid that now has another start time is a stranger, unless the tree walk led to it.
      if (expected.has(pid) && expected.get(pid) !== stat.startTicks && !reached.has(pid)) continue;
      for (const child of readChildren(pid)) {
        reached.add(child);
        queue.push(child);
      }
      const before = this.previous.get(pid);
      const same = before?.startTicks === stat.startTicks;
      // Read the command line again after an exec (comm changes) and on death: a zombie has none left.
      const command =
        same && before.comm === stat.comm && before.zombie === (stat.state === 'Z') ? before.command : readCommand(pid, stat.comm);
      const cpu = same && at > before.at ? ((stat.cpuTicks - before.cpuTicks) / c.clockTicks / ((at - before.at) / 1000)) * 100 : 0;
      next.set(pid, { startTicks: stat.startTicks, cpuTicks: stat.cpuTicks, at, comm: stat.comm, command, zombie: stat.state === 'Z' });
      observations.push(toObservation(stat, command, Math.max(0, cpu)));
    }
    this.previous = next;
    return observations;
  }
}
