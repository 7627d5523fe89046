/** A process's CPU time so far, with what identifies it across readings (a pid is reused). */
export interface CpuTime {
  pid: number;
  startedAt: number | null;
  cpuMs: number;
}

/**
 * CPU % of one core since the previous reading, from cumulative CPU times (where the platform gives
 * no share of its own): null on a process's first reading, as htop shows nothing until its second.
 */
export class CpuShares {
  private before = new Map<number, CpuTime>();
  private beforeAt = 0;

  /** One share per process, in order; `at` in ms. */
  next(processes: readonly CpuTime[], at: number): (number | null)[] {
    const elapsed = at - this.beforeAt;
    const shares = processes.map((process) => {
      const before = this.before.get(process.pid);
      if (!before || before.startedAt !== process.startedAt || elapsed <= 0) return null;
      return Math.max(0, ((process.cpuMs - before.cpuMs) / elapsed) * 100);
    });
    this.before = new Map(processes.map((process) => [process.pid, process]));
    this.beforeAt = at;
    return shares;
  }
}
