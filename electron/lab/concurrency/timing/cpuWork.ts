/**
 * CPU-bound work for the timing scenarios. Each function is self-contained, so a worker thread can
 * run it from its source text (namedWorker.ts).
 */

/** Keeps the calling thread busy for `ms`, never yielding: the event loop of that thread stands still. */
export function spinFor(ms: number): number {
  const end = performance.now() + ms;
  let spins = 0;
  while (performance.now() < end) spins++;
  return spins;
}

/**
 * A fixed amount of arithmetic, the same whoever runs it: the returned value depends on every
 * step, so the JIT cannot skip the loop. Integer arithmetic (Math.imul): about 1.4 ns an iteration here.
 */
export function spinIterations(iterations: number): number {
  let x = 1;
  for (let i = 0; i < iterations; i++) x = (Math.imul(x, 1_103_515_245) + 12_345) | 0;
  return x;
}
