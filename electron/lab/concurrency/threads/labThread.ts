import { Worker } from 'node:worker_threads';
import { type AtomicsLocks, atomicsLocks } from './atomicsLocks.js';

/** What a thread's body is handed, since it can reach nothing of the module it was written in. */
export interface ThreadKit {
  require: NodeJS.Require;
  /** A message to the lab process's main thread. */
  post(message: unknown): void;
  locks: AtomicsLocks;
  /** ms on the lab's clock (performance.timeOrigin + performance.now()), comparable across threads and processes. */
  now(): number;
  /** ms on CLOCK_MONOTONIC, which every thread of the process reads alike. */
  monotonicMs(): number;
}

export interface LabThread {
  readonly name: string;
  readonly worker: Worker;
  /** Its tid, once it has named itself (null off Linux). */
  readonly tid: Promise<number | null>;
  /** Settles when its body has returned; rejects when it threw or its thread ended first. */
  readonly done: Promise<void>;
  onMessage(listener: (message: unknown) => void): void;
}

type Envelope = { t: 'named'; tid: number | null } | { t: 'message'; message: unknown } | { t: 'done' };

/**
 * A worker thread of a lab process, run from the source of one self-contained function (a bundler
 * would rewrite anything else it reached). It first writes its name to /proc/thread-self/comm, which
 * Node's Worker({ name }) does not, so the process tree shows it beside its tid (comm holds 15 bytes).
 */
export function startLabThread<D>(name: string, body: (data: D, kit: ThreadKit) => void | Promise<void>, data: D): LabThread {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const fs = require('node:fs');
    let tid = null;
    try {
      fs.writeFileSync('/proc/thread-self/comm', workerData.name);
      tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    } catch {}
    parentPort.postMessage({ t: 'named', tid });
    const locks = {${Object.entries(atomicsLocks).map(([key, fn]) => `${key}: (${fn.toString()})`).join(',')}};
    const kit = {
      require,
      locks,
      post: (message) => parentPort.postMessage({ t: 'message', message }),
      now: () => performance.timeOrigin + performance.now(),
      monotonicMs: () => Number(process.hrtime.bigint()) / 1e6,
    };
    Promise.resolve((${body.toString()})(workerData.data, kit)).then(() => parentPort.postMessage({ t: 'done' }));
  `;
  const threadName = name.slice(0, 15);
  const worker = new Worker(source, { eval: true, workerData: { name: threadName, data } });
  const listeners: ((message: unknown) => void)[] = [];
  let named: (tid: number | null) => void = () => {};
  const tid = new Promise<number | null>((resolve) => (named = resolve));
  const done = new Promise<void>((resolve, reject) => {
    worker.on('message', (envelope: Envelope) => {
      if (envelope.t === 'named') named(envelope.tid);
      else if (envelope.t === 'message') listeners.forEach((listener) => listener(envelope.message));
      else resolve();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      named(null);
      reject(new Error(`thread ${threadName} ended (code ${code}) before its work was done`));
    });
  });
  return { name: threadName, worker, tid, done, onMessage: (listener) => void listeners.push(listener) };
}
