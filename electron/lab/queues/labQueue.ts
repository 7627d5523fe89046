import { ErrorCode, RpcError } from '../../../shared/rpcError.js';
import { QueueBudget } from './queueBudget.js';
import { defineLabTexts } from '../../../shared/labTexts.js';

const errors = defineLabTexts('lab.error.queue', {
  itemTooLarge: 'An item of {bytes} bytes exceeds the {max}-byte limit for queue items.',
  waitersCap: "{max} callers already wait on {queue}; that is the lab's cap.",
  full: 'queue.Full: {queue} holds {size} of {capacity} items ({call})',
  empty: 'queue.Empty: {queue} has no items ({call})',
  closed: '{queue} was closed: {reason}',
});

export interface Blocking {
  block: boolean;
  /** Seconds; undefined: wait as long as it takes. */
  timeout?: number | undefined;
  /** Aborted when the caller goes away (its socket closed, its process exited): it stops waiting. */
  signal?: AbortSignal | undefined;
}

interface Waiter<T> {
  settle(value: T): void;
  fail(error: RpcError): void;
}
interface Putter extends Waiter<void> {
  item: Held;
  onIn: () => void;
}
/** An item with the bytes it is charged against the budget. */
interface Held {
  item: unknown;
  bytes: number;
}

/** Even an "unbounded" queue is bounded here: a runaway producer must not exhaust the lab's memory. */
export const QUEUE_CAP = 10_000;
/** Callers blocked on one queue at once; more would be a leak rather than a lesson. */
export const MAX_WAITERS = 1000;
/** One item's JSON; larger ones are refused before they are charged. */
export const MAX_ITEM_BYTES = 64 * 1024;

/**
 * A FIFO with Python's multiprocessing.Queue semantics: put and get block (optionally with a
 * timeout) or fail at once with Full and Empty; blocked callers are served in arrival order. A
 * put hands its item straight to the first blocked getter, and a get takes the first blocked
 * putter's item in, so a caller that does not block can never take what a waiting one was owed.
 */
export class LabQueue {
  private readonly items: Held[] = [];
  private readonly getters: Waiter<unknown>[] = [];
  private readonly putters: Putter[] = [];
  /** Told the next time a get has to block (see whenGetWaits). */
  private readonly getWaitListeners: Array<() => void> = [];

  constructor(
    readonly queueId: string,
    readonly name: string,
    readonly maxsize: number,
    /** Shared by every queue of the lab; a queue of its own (tests) gets a budget of its own. */
    private readonly budget: QueueBudget = new QueueBudget(),
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

  /** Resolves once a get waits on this queue (at once if one waits already): a scenario can time its writer to it. */
  whenGetWaits(): Promise<void> {
    if (this.getters.length > 0) return Promise.resolve();
    return new Promise((resolve) => this.getWaitListeners.push(resolve));
  }

  /**
   * Resolves once the item is in (or handed over). `onWait` is told when the caller has to block
   * first; `onIn` the moment the item enters, before any getter it wakes, so the record reads put, then get.
   */
  put(item: unknown, options: Blocking, onWait: () => void = () => {}, onIn: () => void = () => {}): Promise<void> {
    const bytes = Buffer.byteLength(JSON.stringify(item) ?? '');
    if (bytes > MAX_ITEM_BYTES) {
      return Promise.reject(RpcError.said(ErrorCode.InvalidParams, errors.itemTooLarge({ bytes, max: MAX_ITEM_BYTES })));
    }
    const getter = this.getters.shift();
    if (getter) {
      onIn();
      getter.settle(item);
      return Promise.resolve();
    }
    const call = options.block ? `put(timeout=${options.timeout})` : 'put_nowait';
    try {
      this.budget.reserve(bytes, this.name, call);
    } catch (error) {
      return Promise.reject(error);
    }
    if (!this.full()) {
      this.items.push({ item, bytes });
      onIn();
      return Promise.resolve();
    }
    const refuse = (error: unknown): never => {
      this.budget.release(bytes);
      throw error;
    };
    if (!options.block) return Promise.reject(this.fullError(call)).catch(refuse);
    onWait();
    return this.wait<void, Putter>(this.putters, options, () => this.fullError(call), { item: { item, bytes }, onIn }).catch(refuse);
  }

  get(options: Blocking, onWait: () => void = () => {}): Promise<unknown> {
    if (!this.empty()) {
      const held = this.items.shift() as Held;
      this.budget.release(held.bytes);
      const putter = this.putters.shift();
      if (putter) {
        this.items.push(putter.item);
        putter.onIn();
        putter.settle();
      }
      return Promise.resolve(held.item);
    }
    if (!options.block) return Promise.reject(this.emptyError('get_nowait'));
    onWait();
    const waited = this.wait(this.getters, options, () => this.emptyError(`get(timeout=${options.timeout})`), {});
    for (const listener of this.getWaitListeners.splice(0)) listener();
    return waited;
  }

  /** Fails every blocked caller: the queue is gone. */
  close(reason: string): void {
    const error = RpcError.said(ErrorCode.Conflict, errors.closed({ queue: this.name, reason }));
    for (const held of this.items.splice(0)) this.budget.release(held.bytes);
    for (const waiter of [...this.getters.splice(0), ...this.putters.splice(0)]) waiter.fail(error);
  }

  private wait<T, W extends Waiter<T>>(line: W[], options: Blocking, timedOut: () => RpcError, extra: Omit<W, keyof Waiter<T>>): Promise<T> {
    if (options.signal?.aborted) return Promise.reject(new RpcError(ErrorCode.Conflict, `the caller of ${this.name} has gone away`));
    if (line.length >= MAX_WAITERS) {
      return Promise.reject(RpcError.said(ErrorCode.LimitReached, errors.waitersCap({ max: MAX_WAITERS, queue: this.name })));
    }
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const leave = (error: RpcError): void => {
        const index = line.indexOf(waiter);
        if (index >= 0) line.splice(index, 1);
        finish();
        reject(error);
      };
      const onAbort = (): void => leave(new RpcError(ErrorCode.Conflict, `the caller waiting on ${this.name} went away`));
      const finish = (): void => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      };
      const waiter = {
        ...extra,
        settle: (value: T) => {
          finish();
          resolve(value);
        },
        fail: (error: RpcError) => {
          finish();
          reject(error);
        },
      } as W;
      line.push(waiter);
      if (options.timeout !== undefined) timer = setTimeout(() => leave(timedOut()), options.timeout * 1000);
      options.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private fullError(call: string): RpcError {
    return RpcError.said(ErrorCode.QueueFull, errors.full({ queue: this.name, size: this.qsize(), capacity: this.capacity, call }), {
      exception: 'Full',
    });
  }

  private emptyError(call: string): RpcError {
    return RpcError.said(ErrorCode.QueueEmpty, errors.empty({ queue: this.name, call }), { exception: 'Empty' });
  }
}
