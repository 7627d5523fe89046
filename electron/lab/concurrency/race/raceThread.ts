import type { RaceMethod } from '../../../../shared/schemas/concurrency.js';
import type { ThreadKit } from '../threads/labThread.js';

/** The words every racing thread shares: the counter, the mutex guarding it, and the barrier's gate. */
export const COUNTER = 0;
export const MUTEX = 1;
export const GATE = 2;
export const SHARED_WORDS = 3;

export interface RaceThreadData {
  shared: SharedArrayBuffer;
  method: RaceMethod;
  iterations: number;
}

export type RaceThreadMessage = { type: 'arrived' } | { type: 'finished'; startMs: number; endMs: number; sawOthers: number | null };

/**
 * One racing thread (self-contained: it runs from its source). It waits at the gate so all start
 * together, then adds one to the shared counter `iterations` times, the way `method` says.
 */
export function raceThread(data: RaceThreadData, kit: ThreadKit): void {
  const words = new Int32Array(data.shared);
  const n = data.iterations;
  kit.post({ type: 'arrived' });
  Atomics.wait(words, 2, 0);
  const startMs = kit.monotonicMs();
  let sawOthers: number | null = null;
  if (data.method === 'plain') {
    // A plain read, add and write. Counting the reads that find what another thread wrote costs one compare,
    // and tells the two losses apart: the JIT keeping the counter in a register reads nothing new.
    let last = -1;
    let seen = 0;
    for (let i = 0; i < n; i++) {
      const value = words[0]!;
      if (value !== last) seen++;
      last = value + 1;
      words[0] = last;
    }
    sawOthers = Math.max(0, seen - 1); // the first read always differs
  } else if (data.method === 'mutex') {
    for (let i = 0; i < n; i++) {
      kit.locks.mutexLock(words, 1);
      words[0] = words[0]! + 1;
      kit.locks.mutexUnlock(words, 1);
    }
  } else {
    for (let i = 0; i < n; i++) Atomics.add(words, 0, 1);
  }
  kit.post({ type: 'finished', startMs, endMs: kit.monotonicMs(), sawOthers });
}
