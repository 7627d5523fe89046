import type { Followed } from './observation.js';

/**
 * Which processes each client shows the threads of, keyed by the client's presence signal (one per
 * connection: see CallContext). The sampler reads the union; a client that leaves takes its set with it.
 */
export class ThreadWatch {
  private readonly sets = new Map<AbortSignal, readonly Followed[]>();

  /** Replaces this client's set. */
  show(client: AbortSignal, targets: readonly Followed[]): void {
    if (client.aborted) return;
    if (!this.sets.has(client)) client.addEventListener('abort', () => this.sets.delete(client), { once: true });
    this.sets.set(client, targets);
  }

  /** Every process some client shows, once, by its identity (a pid and its start time). */
  union(): Followed[] {
    const union = new Map<string, Followed>();
    for (const targets of this.sets.values()) for (const target of targets) union.set(`${target.pid}/${target.startKey}`, target);
    return [...union.values()];
  }

  /** A process that is gone leaves every set: were its pid reused, the newcomer was never asked for. */
  forget(gone: readonly Followed[]): void {
    const isGone = (target: Followed): boolean => gone.some((g) => g.pid === target.pid && g.startKey === target.startKey);
    for (const [client, targets] of this.sets) this.sets.set(client, targets.filter((target) => !isGone(target)));
  }
}
