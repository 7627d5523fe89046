import type { RaceMethod, RaceRun } from '../../../../shared/schemas/concurrency.js';
import { startLabThread } from '../threads/labThread.js';
import { COUNTER, GATE, type RaceThreadMessage, raceThread, SHARED_WORDS } from './raceThread.js';

/** Under this share of the lost updates, reads that saw another thread's write cannot explain the loss. */
const REGISTER_SAW_RATIO = 0.01;

const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** Starts `workers` threads on one counter, lets them go at once, and says what became of the count. */
export async function runRace(method: RaceMethod, workers: number, iterations: number): Promise<RaceRun> {
  const shared = new SharedArrayBuffer(SHARED_WORDS * Int32Array.BYTES_PER_ELEMENT);
  const words = new Int32Array(shared);
  const finished: (Extract<RaceThreadMessage, { type: 'finished' }> | null)[] = Array.from({ length: workers }, () => null);
  let arrived = 0;
  let releasedAt = 0;
  let everyoneArrived: () => void = () => {};
  const allArrived = new Promise<void>((resolve) => (everyoneArrived = resolve));
  const threads = Array.from({ length: workers }, (_, i) => {
    const thread = startLabThread(`race-${method}-${i + 1}`, raceThread, { shared, method, iterations });
    thread.onMessage((raw) => {
      const message = raw as RaceThreadMessage;
      if (message.type === 'arrived' && ++arrived === workers) everyoneArrived();
      else if (message.type === 'finished') finished[i] = message;
    });
    return thread;
  });
  try {
    await Promise.race([allArrived, Promise.all(threads.map((thread) => thread.done))]);
    releasedAt = monotonicMs();
    Atomics.store(words, GATE, 1);
    Atomics.notify(words, GATE);
    await Promise.all(threads.map((thread) => thread.done));
  } finally {
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }
  const tids = await Promise.all(threads.map((thread) => thread.tid));
  const spans = threads.map((thread, i) => {
    const done = finished[i];
    if (!done) throw new Error(`thread ${thread.name} ended without saying when it ran`);
    return { thread: { name: thread.name, tid: tids[i] ?? null }, startMs: done.startMs - releasedAt, endMs: done.endMs - releasedAt, sawOthers: done.sawOthers };
  });
  const final = Atomics.load(words, COUNTER);
  const expected = workers * iterations;
  const lost = Math.max(0, expected - final);
  const overlapMs = workers > 1 ? Math.max(0, Math.min(...spans.map((s) => s.endMs)) - Math.max(...spans.map((s) => s.startMs))) : 0;
  return {
    method,
    final,
    expected,
    lost,
    elapsedMs: Math.max(0, ...spans.map((s) => s.endMs)),
    overlapped: overlapMs > 0,
    overlapMs,
    workers: spans,
    loss: method === 'plain' ? lossKind(lost, spans.reduce((sum, s) => sum + (s.sawOthers ?? 0), 0)) : null,
  };
}

function lossKind(lost: number, sawOthers: number): RaceRun['loss'] {
  if (lost === 0) return 'none';
  return sawOthers < lost * REGISTER_SAW_RATIO ? 'register' : 'interleaving';
}
