import type { WorkerKit } from './namedWorker.js';

/** One worker's share of the speedup scenario's tasks: all CPU-bound or all IO-bound. */
export interface ShareSpec {
  work: 'cpu' | 'io';
  count: number;
  /** A CPU-bound task: this many steps of spinIterations. */
  iterations: number;
  /** An IO-bound task: one request to the delay server on 127.0.0.1 at this port, which answers after a wait. */
  port: number;
}

/**
 * Runs a share, one task after another. Self-contained (it reaches only `kit`), so a worker thread
 * runs the same source as the lab process's main thread.
 */
export async function runShare(spec: ShareSpec, kit: WorkerKit): Promise<number> {
  const { connect } = kit.require('node:net') as typeof import('node:net');
  const request = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const socket = connect({ port: spec.port, host: '127.0.0.1' }, () => socket.write('?'));
      socket.once('data', () => (socket.destroy(), resolve()));
      socket.once('error', reject);
    });
  for (let i = 0; i < spec.count; i++) {
    if (spec.work === 'cpu') kit.spinIterations(spec.iterations);
    else await request();
  }
  return spec.count;
}

/** `tasks` dealt out to `workers` as evenly as they go: 8 to 3 is 3, 3, 2. Workers left without a task get none. */
export const shares = (tasks: number, workers: number): number[] =>
  Array.from({ length: Math.min(workers, tasks) }, (_, k) => Math.floor(tasks / workers) + (k < tasks % workers ? 1 : 0));
