import type { ThreadKit } from '../threads/labThread.js';

/** The shared words, as the thread names them: the mutex M, the reentrant lock R (its mutex and its owner), the semaphore S's free permits, a word to sleep on, the count of threads at the start. */
export const LOCK_WORD_COUNT = 6;
export const SEMAPHORE_WORD = 3;

export interface LocksThreadData {
  shared: SharedArrayBuffer;
  name: string;
  /** Its owner id in R's owner word: 1 and up. */
  owner: number;
  /** How many threads meet at the start, so that they contend from the first round (starting a thread takes a while). */
  threads: number;
  rounds: number;
  holdMs: number;
}

/**
 * One thread of the locks scenario (self-contained: it runs from its source). Each round it takes the
 * mutex, the reentrant lock twice over (a second take by its holder only deepens it), then the
 * semaphore, holding each a while (the semaphore longest); it tells the main thread the moment it waits, holds and lets go.
 */
export function locksThread(data: LocksThreadData, kit: ThreadKit): void {
  const words = new Int32Array(data.shared);
  const W = { mutex: 0, reentrant: 1, reentrantOwner: 2, semaphore: 3, sleep: 4, started: 5 };
  const { locks } = kit;
  const say = (type: string, lock: string): void => kit.post({ type, lock, thread: data.name, at: kit.now() });
  const sleep = (ms: number): void => void Atomics.wait(words, W.sleep, 0, ms);
  /** Takes at once where it can; otherwise says it waits first, so the board shows who waits. */
  const take = (lock: string, tryTake: () => boolean, block: () => void): void => {
    if (!tryTake()) {
      say('waiting', lock);
      block();
    }
    say('holding', lock);
  };
  let depth = 0;
  const takeReentrant = (): void => {
    if (Atomics.load(words, W.reentrantOwner) === data.owner) {
      depth++;
      say('holding', 'R');
      return;
    }
    take('R', () => locks.mutexTryLock(words, W.reentrant), () => locks.mutexLock(words, W.reentrant));
    Atomics.store(words, W.reentrantOwner, data.owner);
    depth = 1;
  };
  const releaseReentrant = (): void => {
    say('released', 'R');
    if (--depth > 0) return;
    Atomics.store(words, W.reentrantOwner, 0);
    locks.mutexUnlock(words, W.reentrant);
  };

  Atomics.add(words, W.started, 1);
  Atomics.notify(words, W.started);
  for (let seen = Atomics.load(words, W.started); seen < data.threads; seen = Atomics.load(words, W.started)) Atomics.wait(words, W.started, seen);

  for (let round = 0; round < data.rounds; round++) {
    take('M', () => locks.mutexTryLock(words, W.mutex), () => locks.mutexLock(words, W.mutex));
    sleep(data.holdMs);
    say('released', 'M');
    locks.mutexUnlock(words, W.mutex);
    sleep(Math.random() * data.holdMs * 0.3);

    takeReentrant();
    takeReentrant();
    sleep(data.holdMs);
    releaseReentrant();
    releaseReentrant();
    sleep(Math.random() * data.holdMs * 0.3);

    take('S', () => locks.semaphoreTryAcquire(words, W.semaphore), () => locks.semaphoreAcquire(words, W.semaphore));
    // Longer than the mutex: the threads come out of M one hold apart, and a semaphore is worth seeing held by several.
    sleep(data.holdMs * 2.5);
    say('released', 'S');
    locks.semaphoreRelease(words, W.semaphore);
    sleep(Math.random() * data.holdMs * 0.3);
  }
}
