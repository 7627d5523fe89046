import type { MessagePort } from 'node:worker_threads';

/**
 * The poll thread's body. It runs in a worker_thread started from its source text (see
 * readiness.ts), so it must be self-contained: it loads koffi itself and uses nothing from this
 * module's scope. It blocks in poll() on the eventfd and the descriptors it was asked to watch;
 * the eventfd wakes it to read new instructions (or to stop), so terminate never meets a thread
 * stuck in a system call. A descriptor that became ready is reported once and dropped from the
 * set until the main thread asks again: level-triggered poll would otherwise report it forever.
 */
export interface PollWorkerData {
  koffi: string;
  eventFd: number;
  port: MessagePort;
}

/** From the main thread: fds to watch (events > 0) or to forget (0); or stop. */
export type PollInstruction = { watch: [fd: number, events: number][] } | { stop: true };
/** To the main thread: which fds are ready, with poll's revents. */
export type PollReport = [fd: number, revents: number][];

/** `load` is the worker's own require, passed in: a bundler would rewrite a bare `require` in this body. */
export function pollLoop(load: NodeJS.Require): void {
  const { parentPort, workerData, receiveMessageOnPort } = load('node:worker_threads') as typeof import('node:worker_threads');
  const data = workerData as PollWorkerData;
  const koffi = load(data.koffi) as typeof import('koffi');
  const lib = koffi.load('libc.so.6');
  const poll = lib.func('int poll(_Inout_ void *, unsigned long, int)') as (fds: Buffer, count: number, timeout: number) => number;
  const read = lib.func('intptr_t read(int, _Out_ void *, size_t)') as (fd: number, buffer: Buffer, length: number) => number;
  const watched = new Map<number, number>();
  const counter = Buffer.alloc(8);
  const POLLIN = 1;
  for (;;) {
    for (let received = receiveMessageOnPort(data.port); received; received = receiveMessageOnPort(data.port)) {
      const instruction = received.message as PollInstruction;
      if ('stop' in instruction) return;
      for (const [fd, events] of instruction.watch) {
        if (events > 0) watched.set(fd, events);
        else watched.delete(fd);
      }
    }
    // struct pollfd { int fd; short events; short revents; }: 8 bytes each, the eventfd first.
    const fds = Buffer.alloc(8 * (watched.size + 1));
    fds.writeInt32LE(data.eventFd, 0);
    fds.writeInt16LE(POLLIN, 4);
    let slot = 1;
    for (const [fd, events] of watched) {
      fds.writeInt32LE(fd, 8 * slot);
      fds.writeInt16LE(events, 8 * slot + 4);
      slot++;
    }
    if (poll(fds, watched.size + 1, -1) <= 0) continue; // EINTR: poll again
    if (fds.readInt16LE(6) !== 0) read(data.eventFd, counter, 8);
    const ready: PollReport = [];
    for (let i = 1; i < slot; i++) {
      const revents = fds.readInt16LE(8 * i + 6);
      if (revents !== 0) ready.push([fds.readInt32LE(8 * i), revents]);
    }
    for (const [fd] of ready) watched.delete(fd);
    if (ready.length > 0) parentPort?.postMessage(ready);
  }
}
