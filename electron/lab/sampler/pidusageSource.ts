import pidusage from 'pidusage';
import type { Followed, Observation, ProcessSource } from './observation.js';

/**
 * CPU and memory of these pids from pidusage, which keeps per-pid history for its CPU figures:
 * once a pid has gone, that history is dropped (pidusage can only drop all of it).
 */
export class UsageReader {
  private known = new Set<number>();

  async read(pids: readonly number[]): Promise<Record<number, pidusage.Status | undefined>> {
    const stats = pids.length > 0 ? await pidusage([...pids]).catch(() => ({}) as Record<string, pidusage.Status>) : {};
    const alive = new Set(pids.filter((pid) => stats[pid]));
    if ([...this.known].some((pid) => !alive.has(pid))) pidusage.clear();
    this.known = alive;
    return stats;
  }
}

/** An observation from what pidusage read (null: nothing, as for a zombie), with what the caller knows besides. */
export function usageObservation(
  known: Pick<Observation, 'pid' | 'ppid' | 'state' | 'name' | 'command'>,
  stat: pidusage.Status | undefined,
): Observation {
  // pidusage gives no start time, only how long ago it was: good to the millisecond, enough to tell a reused pid.
  const startTime = stat ? Math.round(stat.timestamp - stat.elapsed) : 0;
  return { ...known, startKey: startTime, startTime, cpu: stat?.cpu ?? 0, rss: stat?.memory ?? 0, exitStatus: 0, pgrp: 0 };
}

/**
 * Where there is neither /proc nor a ps to lean on (Windows): pidusage for the root and the pids
 * the lab knows. It cannot walk descendants or read states, so grandchildren are missing and the state is '?'.
 */
export class PidusageSource implements ProcessSource {
  readonly name = 'pidusage';
  private readonly usage = new UsageReader();

  async sample(rootPid: number, followed: readonly Followed[]): Promise<Observation[]> {
    const extraPids = followed.map((f) => f.pid);
    const pids = [...new Set([rootPid, ...extraPids])];
    const stats = await this.usage.read(pids);
    const observations: Observation[] = [];
    for (const pid of pids) {
      const stat = stats[pid];
      if (!stat) continue;
      const name = pid === rootPid ? 'loopscope' : `pid ${pid}`;
      observations.push(usageObservation({ pid, ppid: stat.ppid, state: '?', name, command: '' }, stat));
    }
    return observations;
  }
}
