import { readlinkSync } from 'node:fs';
import type { CoroutineRun, CoroutineRunMode, CoroutineSlice } from '../../../../shared/schemas/concurrencyCoroutines.js';
import { spinFor } from '../timing/cpuWork.js';
import type { CoroutinesSize } from './coroutinesLimits.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The thread running this code, as the kernel numbers it; null off Linux. */
export function currentTid(): number | null {
  try {
    return Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return null;
  }
}

/** The coroutine that takes the CPU-bound step in the cpu-step run, and at which of its slices (after its first await). */
const CPU_COROUTINE = 0;
const CPU_STEP = 1;

/**
 * Runs `coroutines` async functions at once on this thread. Each runs a slice, awaits a timer (as it would
 * await a reply), and runs its next slice when the event loop gets to it: every await is a switch point,
 * recorded with which coroutine ran when. In the cpu-step run one slice spins the CPU instead, and every
 * resume that fell due meanwhile waits for it.
 */
export async function runCoroutines(mode: CoroutineRunMode, { coroutines, steps, ioMs, cpuMs }: CoroutinesSize): Promise<CoroutineRun> {
  const origin = performance.now();
  const clock = (): number => performance.now() - origin;
  const slices: CoroutineSlice[] = [];

  const coroutine = async (index: number): Promise<void> => {
    const name = `co-${index + 1}`;
    const waitMs = ioMs * (index + 1);
    let dueMs: number | null = null;
    for (let step = 0; step <= steps; step++) {
      const startMs = clock();
      const cpu = mode === 'cpu-step' && index === CPU_COROUTINE && step === Math.min(CPU_STEP, steps);
      if (cpu) spinFor(cpuMs);
      const last = step === steps;
      slices.push({ coroutine: name, step, tid: currentTid(), startMs, endMs: clock(), dueMs, awaited: last ? null : `sleep ${waitMs} ms`, cpu });
      if (last) return;
      dueMs = clock() + waitMs;
      await sleep(waitMs);
    }
  };

  await Promise.all(Array.from({ length: coroutines }, (_, index) => coroutine(index)));
  const waits = Array.from({ length: coroutines }, (_, index) => steps * ioMs * (index + 1));
  return {
    mode,
    wallMs: clock(),
    longestWaitsMs: Math.max(...waits),
    sumWaitsMs: waits.reduce((sum, ms) => sum + ms, 0),
    maxLateMs: Math.max(0, ...slices.map((slice) => (slice.dueMs === null ? 0 : slice.startMs - slice.dueMs))),
    slices,
  };
}
