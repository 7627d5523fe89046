import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import type { Libc } from './libc.js';
import { type PollInstruction, type PollReport, pollLoop } from './pollWorker.js';

const EFD_NONBLOCK = 0o4000;
const EFD_CLOEXEC = 0o2000000;
const POLLERR = 0x8;
const POLLHUP = 0x10;
const POLLNVAL = 0x20;

interface Waiter {
  fd: number;
  events: number;
  wake(): void;
  fail(reason: Error): void;
}

/** Why a wait ended without the kernel being ready. */
export class WaitEnded extends Error {
  constructor(readonly reason: 'timeout' | 'aborted' | 'closed') {
    super(reason);
  }
}

/**
 * One poll thread for every socket of this process: a call that would block (EAGAIN, EINPROGRESS)
 * waits here until the kernel says its descriptor is ready, then the caller retries its call. The
 * event loop and libuv's thread pool never block; a descriptor no call waits on is not watched,
 * so idle sockets cost nothing. A wakeup may be spurious (a descriptor number reused after close):
 * callers simply retry and wait again on EAGAIN.
 */
export class Readiness {
  private worker: Worker | null = null;
  private port: MessagePort | null = null;
  private eventFd = -1;
  private readonly waiters = new Set<Waiter>();
  private readonly one = Buffer.from([1, 0, 0, 0, 0, 0, 0, 0]);

  constructor(
    private readonly libc: Libc,
    private readonly koffi: string,
  ) {}

  /** Resolves when `fd` is ready for `events` (or has an error to report); rejects with WaitEnded. */
  wait(fd: number, events: number, options: { timeoutMs?: number | undefined; signal?: AbortSignal | undefined }): Promise<void> {
    if (options.signal?.aborted) return Promise.reject(new WaitEnded('aborted'));
    this.start();
    return new Promise<void>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const end = (): void => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        this.waiters.delete(waiter);
        if (this.waiters.size === 0) this.worker?.unref();
      };
      const onAbort = (): void => waiter.fail(new WaitEnded('aborted'));
      const waiter: Waiter = {
        fd,
        events,
        wake: () => {
          end();
          resolve();
        },
        fail: (reason) => {
          end();
          reject(reason);
        },
      };
      this.waiters.add(waiter);
      this.worker?.ref(); // a waiting call keeps the process alive, as a blocked recv would
      if (options.timeoutMs !== undefined) {
        timer = setTimeout(() => {
          waiter.fail(new WaitEnded('timeout'));
          this.rearm(fd);
        }, options.timeoutMs);
      }
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.rearm(fd);
    });
  }

  /** The descriptor is being closed: whoever waits on it stops, and the thread forgets it. */
  forget(fd: number): void {
    for (const waiter of [...this.waiters]) if (waiter.fd === fd) waiter.fail(new WaitEnded('closed'));
    this.instruct({ watch: [[fd, 0]] });
  }

  /** Wakes the thread to stop, then ends it: it is never inside anything but poll(), which the eventfd interrupts. */
  async dispose(): Promise<void> {
    for (const waiter of [...this.waiters]) waiter.fail(new WaitEnded('closed'));
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    worker.ref(); // the process stays until the thread has ended
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    this.port?.postMessage({ stop: true } satisfies PollInstruction);
    this.libc.write(this.eventFd, this.one, 8);
    await exited;
    this.port?.close();
    this.libc.close(this.eventFd);
    this.eventFd = -1;
  }

  private start(): void {
    if (this.worker) return;
    this.eventFd = this.libc.eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (this.eventFd < 0) throw new Error(`eventfd failed (errno ${this.libc.errno()})`);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    // From source text: the built app has no separate file for it, and tests run from TypeScript.
    this.worker = new Worker(`(${pollLoop.toString()})(require)`, {
      eval: true,
      workerData: { koffi: this.koffi, eventFd: this.eventFd, port: port2 },
      transferList: [port2],
    });
    this.worker.unref(); // only while calls wait does it keep the process alive
    this.worker.on('message', (report: PollReport) => this.onReady(report));
    this.worker.on('error', (error) => {
      for (const waiter of [...this.waiters]) waiter.fail(error);
    });
  }

  private onReady(report: PollReport): void {
    for (const [fd, revents] of report) {
      for (const waiter of [...this.waiters]) {
        if (waiter.fd === fd && (revents & (waiter.events | POLLERR | POLLHUP | POLLNVAL)) !== 0) waiter.wake();
      }
      this.rearm(fd); // waiters for the other direction still wait
    }
  }

  /** Tells the thread what `fd` is watched for now: the union of what its waiters want, or nothing. */
  private rearm(fd: number): void {
    let events = 0;
    for (const waiter of this.waiters) if (waiter.fd === fd) events |= waiter.events;
    this.instruct({ watch: [[fd, events]] });
  }

  private instruct(instruction: PollInstruction): void {
    if (!this.port) return;
    this.port.postMessage(instruction);
    this.libc.write(this.eventFd, this.one, 8);
  }
}
