import type { LocksResult } from '../../../../shared/schemas/concurrency.js';
import { startLabThread } from '../threads/labThread.js';
import { throttled } from '../throttle.js';
import { LockBoard } from './lockBoard.js';
import { isLockEvent } from './lockEvents.js';
import type { LocksSize } from './locksLimits.js';
import { LOCK_WORD_COUNT, locksThread, SEMAPHORE_WORD } from './locksThread.js';

const REPORT_EVERY_MS = 50;

/** Runs the locks scenario's threads and reports the board as it changes, at most every 50 ms. */
export async function runLocks({ threads, rounds, holdMs, permits }: LocksSize, report: (result: LocksResult) => void): Promise<void> {
  const shared = new SharedArrayBuffer(LOCK_WORD_COUNT * Int32Array.BYTES_PER_ELEMENT);
  Atomics.store(new Int32Array(shared), SEMAPHORE_WORD, permits);
  const board = new LockBoard([
    { id: 'M', type: 'mutex', permits: 1 },
    { id: 'R', type: 'reentrant', permits: 1 },
    { id: 'S', type: 'semaphore', permits },
  ]);
  const started = Array.from({ length: threads }, (_, i) => {
    const name = `locks-${i + 1}`;
    return startLabThread(name, locksThread, { shared, name, owner: i + 1, threads, rounds, holdMs });
  });
  const tids = new Map<string, number | null>();
  const send = throttled(() => {
    report({
      kind: 'locks',
      threads: started.map((thread) => ({ name: thread.name, tid: tids.get(thread.name) ?? null })),
      locks: board.states(),
      acquisitions: board.acquisitions,
      at: performance.timeOrigin + performance.now(),
    });
  }, REPORT_EVERY_MS);
  for (const thread of started) {
    void thread.tid.then((tid) => tids.set(thread.name, tid));
    thread.onMessage((message) => {
      if (!isLockEvent(message)) return;
      board.apply(message);
      send.poke();
    });
  }
  try {
    await Promise.all(started.map((thread) => thread.done.finally(() => board.forget(thread.name))));
  } finally {
    send.flush();
  }
}
