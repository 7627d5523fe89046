import { ErrorCode, RpcError } from '../../../shared/rpcError.js';

export interface Blocking {
  block: boolean;
  /** Seconds; undefined: wait as long as it takes. */
  timeout?: number | undefined;
}

interface Waiter {
  wake(): void;
}

/** Even an "unbounded" queue is bounded here: a runaway producer must not exhaust the lab's memory. */
export const QUEUE_CAP = 10_000;

/**
 * A FIFO with Python's multiprocessing.Queue semantics: put and get block (optionally with a
 * timeout) or fail at once with Full and Empty; blocked callers are served in arrival order.
 */
export class LabQueue {
  private readonly items: unknown[] = [];
  private readonly getters: Waiter[] = [];
  private readonly putters: Waiter[] = [];
  private closedReason: string | null = null;

  constructor(
    readonly queueId: string,
    readonly name: string,
    readonly maxsize: number,
  ) {}

  get capacity(): number {
    return this.maxsize > 0 ? Math.min(this.maxsize, QUEUE_CAP) : QUEUE_CAP;
  }

  qsize(): number {
    return this.items.length;
  }

  empty(): boolean {
    return this.items.length === 0;
  }

  full(): boolean {
    return this.items.length >= this.capacity;
  }

  get waitingGets(): number {
    return this.getters.length;
  }

  get waitingPuts(): number {
    return this.putters.length;
  }

  /** Resolves once the item is in; `onWait` is told when the caller has to block first. */
  async put(item: unknown, options: Blocking, onWait: () => void = () => {}): Promise<void> {
    if (this.full()) {
      if (!options.block) throw this.fullError('put_nowait');
      onWait();
      if (!(await this.wait(this.putters, options.timeout, () => !this.full()))) throw this.fullError(`put(timeout=${options.timeout})`);
    }
    this.items.push(item);
    this.getters.shift()?.wake();
  }

  async get(options: Blocking, onWait: () => void = () => {}): Promise<unknown> {
    if (this.empty()) {
      if (!options.block) throw this.emptyError('get_nowait');
      onWait();
      if (!(await this.wait(this.getters, options.timeout, () => !this.empty()))) throw this.emptyError(`get(timeout=${options.timeout})`);
    }
    const item = this.items.shift();
    this.putters.shift()?.wake();
    return item;
  }

  /** Wakes every blocked caller with an error: the queue is gone. */
  close(reason: string): void {
    this.closedReason = reason;
    for (const waiter of [...this.getters.splice(0), ...this.putters.splice(0)]) waiter.wake();
  }

  /** Waits in line until `ready()` holds when woken; false after `timeout` seconds. */
  private wait(line: Waiter[], timeout: number | undefined, ready: () => boolean): Promise<boolean> {
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter: Waiter = {
        wake: () => {
          clearTimeout(timer);
          if (this.closedReason) reject(new RpcError(ErrorCode.Conflict, `${this.name} was closed: ${this.closedReason}`));
          else if (ready()) resolve(true);
          else line.unshift(waiter); // someone else took it first: keep our place at the front
        },
      };
      line.push(waiter);
      if (timeout !== undefined) {
        timer = setTimeout(() => {
          line.splice(line.indexOf(waiter), 1);
          resolve(false);
        }, timeout * 1000);
      }
    });
  }

  private fullError(call: string): RpcError {
    return new RpcError(ErrorCode.QueueFull, `queue.Full: ${this.name} holds ${this.qsize()} of ${this.capacity} items (${call})`, {
      exception: 'Full',
    });
  }

  private emptyError(call: string): RpcError {
    return new RpcError(ErrorCode.QueueEmpty, `queue.Empty: ${this.name} has no items (${call})`, { exception: 'Empty' });
  }
}
