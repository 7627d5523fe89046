import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { spinFor, spinIterations } from './cpuWork.js';

/** The CPU work a worker body is handed, since it can reach nothing of this module's scope. */
export interface WorkerKit {
  spinFor: typeof spinFor;
  spinIterations: typeof spinIterations;
  require: NodeJS.Require;
}

/**
 * A worker thread started from the source of one self-contained function (a bundler rewrites
 * anything else it would reach), which first names its thread. Node's `Worker({ name })` does not
 * reach /proc; writing /proc/thread-self/comm from inside the thread does, so the process tree
 * shows the name beside its tid. comm holds 15 bytes.
 *
 * The worker posts what `body(data, kit)` returns (or resolves to) once, then ends.
 */
export function startNamedWorker<D, R>(threadName: string, body: (data: D, kit: WorkerKit) => R | Promise<R>, data: D): { worker: Worker; done: Promise<R> } {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    try { require('node:fs').writeFileSync('/proc/thread-self/comm', workerData.threadName); } catch {}
    const kit = { spinFor: (${spinFor.toString()}), spinIterations: (${spinIterations.toString()}), require };
    Promise.resolve((${body.toString()})(workerData.data, kit)).then((value) => parentPort.postMessage(value));
  `;
  const worker = new Worker(source, { eval: true, workerData: { threadName: threadName.slice(0, 15), data } });
  const done = new Promise<R>((resolve, reject) => {
    worker.once('message', (value: R) => resolve(value));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`worker ${threadName} exited with code ${code} before it answered`)));
  });
  return { worker, done };
}

/** The same kit for a body run on the calling thread. */
export const callingThreadKit = (): WorkerKit => ({ spinFor, spinIterations, require: createRequire(import.meta.url) });
