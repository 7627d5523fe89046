import type { EventHub } from '../hub/eventHub.js';
import type { Observation } from '../sampler/observation.js';
import { reapAdopted } from '../system/subreaper.js';
import { exitStatus } from './exitStatus.js';
import { stillSame } from './signals.js';
import { decodeWaitStatus } from './waitStatus.js';

/**
 * As child subreaper, the main process inherits orphans that libuv never spawned, so nothing else
 * will reap them: it does, by pid — never waitpid(-1), which would steal the exit status of
 * libuv's own children. Only zombies the sampler saw adopted by the main process, with the same
 * start time, and never a lab process, whose status belongs to libuv.
 */
export class OrphanReaper {
  constructor(
    private readonly hub: EventHub,
    private readonly mainPid: number,
  ) {}

  reap(adopted: readonly Observation[], isLabProcess: (pid: number) => boolean, at: number): void {
    for (const orphan of adopted) {
      if (orphan.state !== 'Z' || orphan.ppid !== this.mainPid || isLabProcess(orphan.pid) || !stillSame(orphan)) continue;
      this.collect(orphan.pid, at);
    }
  }

  /** After killing them on quit: reaps each, polling briefly, for a kill is delivered, not awaited. */
  async reapAll(adopted: readonly Observation[], timeoutMs = 2000): Promise<void> {
    const left = new Set(adopted.filter((orphan) => orphan.ppid === this.mainPid).map((orphan) => orphan.pid));
    const deadline = performance.now() + timeoutMs;
    while (left.size > 0 && performance.now() < deadline) {
      for (const pid of left) if (this.collect(pid, performance.timeOrigin + performance.now())) left.delete(pid);
      if (left.size > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private collect(pid: number, at: number): boolean {
    const status = reapAdopted(pid);
    if (status === null) return false;
    const { code, signal } = decodeWaitStatus(status);
    this.hub.emit('process.reaped', { pid, exit: exitStatus(code, signal, at) });
    return true;
  }
}
