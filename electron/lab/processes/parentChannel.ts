/**
 * The lab process's end of its channel to the lab: Electron's parentPort in a utility process,
 * child_process's IPC channel otherwise. The channel is held open only while something waits on
 * it, so a task that has finished lets its process exit as it would without one. Nothing happens
 * on import: the main process imports the tasks too (for their catalog), and must keep its own channels.
 */
import type { ToChild, ToLab } from './childMessages.js';

interface UtilityParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

const port = (): UtilityParentPort | undefined => (process as { parentPort?: UtilityParentPort }).parentPort;
const listeners: ((message: ToChild) => void)[] = [];
const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void; release: () => void }>();
let connected = false;
let holds = 0;
let nextId = 1;

function connect(): void {
  if (connected) return;
  connected = true;
  const deliver = (message: ToChild): void => listeners.forEach((listener) => listener(message));
  const parentPort = port();
  if (parentPort) parentPort.on('message', (event) => deliver(event.data as ToChild));
  else process.on('message', (message) => deliver(message as ToChild));
  process.channel?.unref();
  listeners.push(settleReply);
}

function settleReply(message: ToChild): void {
  if (message.kind !== 'reply') return;
  const waiter = pending.get(message.id);
  if (!waiter) return;
  pending.delete(message.id);
  waiter.release();
  if (message.ok) waiter.resolve(message.result);
  else waiter.reject(Object.assign(new Error(message.error.message), { code: message.error.code }));
}

export function sendToLab(message: ToLab): void {
  connect();
  const parentPort = port();
  if (parentPort) parentPort.postMessage(message);
  else process.send?.(message);
}

export function onLabMessage(listener: (message: ToChild) => void): void {
  connect();
  listeners.push(listener);
}

/** Keeps the process alive while it waits for the lab (a reply, the next pool task). */
export function holdChannel(): () => void {
  connect();
  if (holds++ === 0) process.channel?.ref();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--holds === 0) process.channel?.unref();
  };
}

/** Calls one of the lab's methods for lab processes (queues.put, queues.get, …) and waits for its reply. */
export function callLab(method: string, params: Record<string, unknown>): Promise<unknown> {
  const id = nextId++;
  const release = holdChannel();
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, release });
    sendToLab({ kind: 'call', id, method, params });
  });
}
