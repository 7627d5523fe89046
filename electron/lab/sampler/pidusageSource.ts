import pidusage from 'pidusage';
import type { Observation, ProcessSource } from './observation.js';

/**
 * Where there is no /proc (macOS, Windows): pidusage for the root and the pids the lab knows.
 * It cannot walk descendants or read states, so grandchildren are missing and the state is '?'.
 */
export class PidusageSource implements ProcessSource {
  readonly name = 'pidusage';
  private readonly known = new Set<number>();

  async sample(rootPid: number, extraPids: readonly number[]): Promise<Observation[]> {
    const pids = [...new Set([rootPid, ...extraPids])];
    const stats = await pidusage(pids).catch(() => ({}) as Record<string, pidusage.Status | null>);
    const observations: Observation[] = [];
    for (const pid of pids) {
      const stat = stats[pid];
      if (!stat) continue;
      this.known.add(pid);
      const startTime = Math.round(stat.timestamp - stat.elapsed);
      observations.push({
        pid,
        ppid: stat.ppid,
        state: '?',
        startKey: startTime,
        startTime,
        name: pid === rootPid ? 'loopscope' : `pid ${pid}`,
        command: '',
        cpu: stat.cpu,
        rss: stat.memory,
        exitStatus: 0,
      });
    }
    // pidusage keeps per-pid history for its CPU figures; drop it for pids that are gone.
    for (const pid of this.known) {
      if (!stats[pid]) {
        pidusage.clear();
        this.known.clear();
        break;
      }
    }
    return observations;
  }
}
