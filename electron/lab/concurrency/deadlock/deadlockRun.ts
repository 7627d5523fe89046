import type { DeadlockResult, RemedyName, RemedyRun } from '../../../../shared/schemas/concurrency.js';
import { type LabThread, startLabThread } from '../threads/labThread.js';
import { LockBoard } from '../locks/lockBoard.js';
import { isLockEvent } from '../locks/lockEvents.js';
import { findCycle, waitForEdges } from '../locks/waitForGraph.js';
import type { DeadlockSize } from './deadlockLimits.js';
import { type DeadlockThreadData, type DeadlockThreadDone, deadlockThread, PAIR_WORD_COUNT } from './deadlockThread.js';

const labNow = (): number => performance.timeOrigin + performance.now();
const ORDERS: Record<DeadlockThreadData['mode'], [[number, number], [number, number]]> = {
  deadlock: [[0, 1], [1, 0]],
  'lock-order': [[0, 1], [0, 1]],
  'try-lock': [[0, 1], [1, 0]],
};
const PREFIX: Record<DeadlockThreadData['mode'], string> = { deadlock: 'deadlock', 'lock-order': 'order', 'try-lock': 'trylock' };

function startPair(mode: DeadlockThreadData['mode'], { rounds, timeoutMs }: DeadlockSize): LabThread[] {
  const shared = new SharedArrayBuffer(PAIR_WORD_COUNT * Int32Array.BYTES_PER_ELEMENT);
  return ORDERS[mode].map((order, i) => {
    const name = `${PREFIX[mode]}-${'AB'[i]}`;
    return startLabThread(name, deadlockThread, { shared, name, order, mode, rounds, timeoutMs });
  });
}

/**
 * Two threads take L1 and L2 in opposite order and deadlock; the main thread builds the wait-for graph
 * from what they say they hold and wait for, and names the cycle as soon as the graph has one. Then the
 * two remedies run side by side, each with a pair of its own. The deadlocked pair stays stuck until
 * the lab process is ended.
 */
export async function runDeadlock(size: DeadlockSize, report: (result: DeadlockResult) => void): Promise<void> {
  const board = new LockBoard([
    { id: 'L1', type: 'mutex', permits: 1 },
    { id: 'L2', type: 'mutex', permits: 1 },
  ]);
  const stuck = startPair('deadlock', size);
  const result: DeadlockResult = {
    kind: 'deadlock',
    threads: stuck.map((thread) => ({ name: thread.name, tid: null })),
    locks: board.states(),
    waitFor: [],
    cycle: null,
    remedies: [],
  };
  const lastWaitAt = new Map<string, number>();
  let detected: () => void = () => {};
  const cycleFound = new Promise<void>((resolve) => (detected = resolve));
  for (const thread of stuck) {
    thread.onMessage((message) => {
      if (!isLockEvent(message)) return;
      board.apply(message);
      if (message.type === 'waiting') lastWaitAt.set(message.thread, message.at);
      result.locks = board.states();
      result.waitFor = waitForEdges(result.locks);
      const cycle = result.cycle ? null : findCycle(result.waitFor);
      if (cycle) {
        result.cycle = { ...cycle, formedAt: Math.max(...cycle.threads.map((name) => lastWaitAt.get(name) ?? 0)), detectedAt: labNow() };
        detected();
      }
      report(result);
    });
    // A thread of the deadlocked pair that ends means there was no deadlock. Left unhandled on purpose, as
    // taskChild leaves errors: the lab process exits 1 with the message, and the run fails naming it.
    void thread.done.then(() => {
      throw new Error(`thread ${thread.name} took both locks: no deadlock formed`);
    });
  }
  // Listening first: a thread's first hold may come before its tid is known.
  const tids = await Promise.all(stuck.map((thread) => thread.tid));
  result.threads = stuck.map((thread, i) => ({ name: thread.name, tid: tids[i] ?? null }));
  await cycleFound;
  const remedies: RemedyName[] = ['lock-order', 'try-lock'];
  await Promise.all(remedies.map((remedy, i) => runRemedy(remedy, size, (run) => {
    result.remedies[i] = run;
    report(result);
  })));
}

async function runRemedy(remedy: RemedyName, size: DeadlockSize, update: (run: RemedyRun) => void): Promise<void> {
  const started = performance.now();
  const pair = startPair(remedy, size);
  update({ remedy, state: 'running', rounds: 0, retries: 0, elapsedMs: 0 });
  const done: DeadlockThreadDone[] = [];
  for (const thread of pair) thread.onMessage((message) => done.push(message as DeadlockThreadDone));
  await Promise.all(pair.map((thread) => thread.done));
  update({
    remedy,
    state: 'finished',
    rounds: Math.min(...done.map((d) => d.rounds)),
    retries: done.reduce((sum, d) => sum + d.retries, 0),
    elapsedMs: performance.now() - started,
  });
}
