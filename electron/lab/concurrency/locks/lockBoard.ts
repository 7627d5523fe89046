import type { LockState, LockType } from '../../../../shared/schemas/concurrency.js';
import type { LockEvent } from './lockEvents.js';

/**
 * Who holds each lock and who waits for it, as the threads tell it. Each thread's events arrive in
 * the order it sent them, so a thread's own holds and waits are never out of step with each other.
 */
export class LockBoard {
  private readonly locks = new Map<string, { type: LockType; permits: number; holders: Map<string, number>; waiters: Set<string> }>();
  acquisitions = 0;

  constructor(declared: readonly { id: string; type: LockType; permits: number }[]) {
    for (const lock of declared) this.locks.set(lock.id, { type: lock.type, permits: lock.permits, holders: new Map(), waiters: new Set() });
  }

  apply(event: LockEvent): void {
    const lock = this.locks.get(event.lock);
    if (!lock) return;
    if (event.type === 'waiting') lock.waiters.add(event.thread);
    else if (event.type === 'holding') {
      lock.waiters.delete(event.thread);
      lock.holders.set(event.thread, (lock.holders.get(event.thread) ?? 0) + 1);
      this.acquisitions++;
    } else {
      const depth = (lock.holders.get(event.thread) ?? 1) - 1;
      if (depth > 0) lock.holders.set(event.thread, depth);
      else lock.holders.delete(event.thread);
    }
  }

  /** A thread that has ended holds and waits for nothing. */
  forget(thread: string): void {
    for (const lock of this.locks.values()) {
      lock.holders.delete(thread);
      lock.waiters.delete(thread);
    }
  }

  states(): LockState[] {
    return [...this.locks].map(([id, lock]) => ({
      id,
      type: lock.type,
      permits: lock.permits,
      holders: [...lock.holders].map(([thread, depth]) => ({ thread, depth })),
      waiters: [...lock.waiters],
    }));
  }
}
