/**
 * Socket counts by pid, each kept for a while: counting means a readlink for every fd of a process,
 * ~0.1 ms a process, so a page reads those of its own rows and only the sockets filter reads every
 * process's. Pids no longer in a reading are forgotten, so the cache is bounded by the machine.
 */
export class SocketCountCache {
  private counts = new Map<number, { count: number | null; at: number }>();

  constructor(
    private readonly read: (pids: readonly number[]) => Map<number, number | null>,
    private readonly maxAgeMs: number,
  ) {}

  /** Counts for these pids, read again for those whose count is older than maxAgeMs. */
  countsOf(pids: readonly number[]): Map<number, number | null> {
    const now = performance.now();
    const stale = pids.filter((pid) => {
      const held = this.counts.get(pid);
      return held === undefined || now - held.at > this.maxAgeMs;
    });
    for (const [pid, count] of this.read(stale)) this.counts.set(pid, { count, at: now });
    return new Map(pids.map((pid) => [pid, this.counts.get(pid)?.count ?? null]));
  }

  /** What is held now, however old; null for a pid not counted yet. */
  held(pid: number): number | null {
    return this.counts.get(pid)?.count ?? null;
  }

  forgetAllBut(pids: ReadonlySet<number>): void {
    for (const pid of this.counts.keys()) if (!pids.has(pid)) this.counts.delete(pid);
  }
}
