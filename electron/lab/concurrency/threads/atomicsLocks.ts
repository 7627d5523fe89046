/**
 * Locks built on Atomics over an Int32Array that every thread shares, in the form a thread's source can
 * carry: each function is self-contained (threads get them as source text, see labThread.ts). A mutex
 * word is 0 free, 1 held, 2 held with waiters (Drepper's futex mutex), so an unlock wakes a thread only
 * when one waits. A semaphore word counts its free permits.
 */

export function mutexLock(words: Int32Array, at: number): void {
  let seen = Atomics.compareExchange(words, at, 0, 1);
  if (seen === 0) return;
  if (seen !== 2) seen = Atomics.exchange(words, at, 2);
  while (seen !== 0) {
    Atomics.wait(words, at, 2);
    seen = Atomics.exchange(words, at, 2);
  }
}

/** Takes the mutex if it is free, at once: true when it was taken. */
export function mutexTryLock(words: Int32Array, at: number): boolean {
  return Atomics.compareExchange(words, at, 0, 1) === 0;
}

/** Takes the mutex within `timeoutMs`, or gives up: true when it was taken. */
export function mutexLockWithin(words: Int32Array, at: number, timeoutMs: number): boolean {
  const deadline = performance.now() + timeoutMs;
  let seen = Atomics.compareExchange(words, at, 0, 1);
  if (seen === 0) return true;
  if (seen !== 2) seen = Atomics.exchange(words, at, 2);
  while (seen !== 0) {
    const left = deadline - performance.now();
    if (left <= 0) return false;
    Atomics.wait(words, at, 2, left);
    seen = Atomics.exchange(words, at, 2);
  }
  return true;
}

export function mutexUnlock(words: Int32Array, at: number): void {
  if (Atomics.sub(words, at, 1) !== 1) {
    Atomics.store(words, at, 0);
    Atomics.notify(words, at, 1);
  }
}

export function semaphoreAcquire(words: Int32Array, at: number): void {
  for (;;) {
    const free = Atomics.load(words, at);
    if (free > 0) {
      if (Atomics.compareExchange(words, at, free, free - 1) === free) return;
    } else {
      Atomics.wait(words, at, free);
    }
  }
}

/** Takes a permit if one is free, at once: true when it was taken. */
export function semaphoreTryAcquire(words: Int32Array, at: number): boolean {
  const free = Atomics.load(words, at);
  return free > 0 && Atomics.compareExchange(words, at, free, free - 1) === free;
}

export function semaphoreRelease(words: Int32Array, at: number): void {
  Atomics.add(words, at, 1);
  Atomics.notify(words, at, 1);
}

/** The locks a thread's body is handed, by name. */
export const atomicsLocks = { mutexLock, mutexTryLock, mutexLockWithin, mutexUnlock, semaphoreAcquire, semaphoreTryAcquire, semaphoreRelease };
export type AtomicsLocks = typeof atomicsLocks;
