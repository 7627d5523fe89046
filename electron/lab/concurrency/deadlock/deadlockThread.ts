import type { ThreadKit } from '../threads/labThread.js';

/** The shared words of one pair of threads: the locks L1 and L2, a count of threads at the barrier, a word to sleep on. */
export const PAIR_WORD_COUNT = 4;

export interface DeadlockThreadData {
  shared: SharedArrayBuffer;
  name: string;
  /** The locks in the order this thread takes them: [0, 1] is L1 then L2. */
  order: [number, number];
  /** deadlock: take the first, meet the other thread, take the second (and wait for ever); the remedies finish. */
  mode: 'deadlock' | 'lock-order' | 'try-lock';
  rounds: number;
  timeoutMs: number;
}

export type DeadlockThreadDone = { type: 'remedyDone'; rounds: number; retries: number };

/**
 * One thread of the deadlock scenario (self-contained: it runs from its source). The first round of
 * every mode meets the other thread at a barrier with its first lock held, so the conflict is certain.
 */
export function deadlockThread(data: DeadlockThreadData, kit: ThreadKit): void {
  const words = new Int32Array(data.shared);
  const BARRIER = 2;
  const SLEEP = 3;
  const { locks } = kit;
  const [first, second] = data.order;
  const lockName = (index: number): string => `L${index + 1}`;
  const say = (type: string, index: number): void => {
    if (data.mode === 'deadlock') kit.post({ type, lock: lockName(index), thread: data.name, at: kit.now() });
  };
  const take = (index: number): void => {
    if (!locks.mutexTryLock(words, index)) {
      say('waiting', index);
      locks.mutexLock(words, index);
    }
    say('holding', index);
  };
  const meet = (): void => {
    Atomics.add(words, BARRIER, 1);
    Atomics.notify(words, BARRIER);
    for (let arrived = Atomics.load(words, BARRIER); arrived < 2; arrived = Atomics.load(words, BARRIER)) Atomics.wait(words, BARRIER, arrived);
  };
  const release = (index: number): void => {
    say('released', index);
    locks.mutexUnlock(words, index);
  };

  let rounds = 0;
  let retries = 0;
  for (let round = 0; round < data.rounds; round++) {
    // One order has both threads race for the same first lock; the others meet holding a lock each.
    if (round === 0 && data.mode === 'lock-order') meet();
    take(first);
    if (round === 0 && data.mode !== 'lock-order') meet();
    if (data.mode === 'try-lock') {
      while (!locks.mutexLockWithin(words, second, data.timeoutMs)) {
        // Let go, so the other thread can have both; back off a random while, so the two do not collide again in step.
        release(first);
        retries++;
        Atomics.wait(words, SLEEP, 0, Math.random() * data.timeoutMs);
        take(first);
      }
    } else {
      take(second); // a deadlock waits here for ever
    }
    Atomics.wait(words, SLEEP, 0, 1);
    release(second);
    release(first);
    rounds++;
  }
  kit.post({ type: 'remedyDone', rounds, retries });
}
