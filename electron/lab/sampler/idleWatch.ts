import type { EventHub } from '../hub/eventHub.js';

export interface IdleWatchOptions {
  /** Its subscribers are the clients; one arriving wakes the lab before its snapshot's first tick is due. */
  hub: EventHub;
  /** Whether the tree holds anything but the main process and its helpers: a lab process, an orphan, another child. */
  treeBusy: () => boolean;
  /** Awake at least this long after a wake (5 s by default): what a call starts (a child, a socket) shows in the next ticks. */
  graceMs?: number;
}

const GRACE_MS = 5000;

/**
 * Whether the lab has nothing to watch: no client, nothing in the tree but the main process and its
 * helpers, and no wake within the grace. Periodic work (the sampler, the socket tracker) asks after
 * each tick and sleeps rather than schedule the next; what can change that wakes it here — a client
 * connecting, a lab process spawned, any call (a scenario run, a socket, a capture starts with one).
 */
export class IdleWatch {
  private readonly sleepers: (() => void)[] = [];
  private awakeUntil: number;
  private readonly graceMs: number;
  private readonly stopListening: () => void;

  constructor(private readonly options: IdleWatchOptions) {
    this.graceMs = options.graceMs ?? GRACE_MS;
    this.awakeUntil = performance.now() + this.graceMs; // the start's own first ticks
    this.stopListening = options.hub.onDemand(() => {
      if (options.hub.subscriberCount > 0) this.wake();
    });
  }

  idle(): boolean {
    return this.options.hub.subscriberCount === 0 && performance.now() >= this.awakeUntil && !this.options.treeBusy();
  }

  /** `wake` resumes one sleeper; it is called on every wake and must do nothing when that one is awake. */
  onWake(wake: () => void): void {
    this.sleepers.push(wake);
  }

  wake(): void {
    this.awakeUntil = performance.now() + this.graceMs;
    for (const wake of this.sleepers) wake();
  }

  dispose(): void {
    this.stopListening();
    this.sleepers.length = 0;
  }
}

/** The same handlers, each waking the lab first: a call is someone there, and the tree it reads is fresh. */
export function wakingOnCall<H extends object>(handlers: H, wake: () => void): H {
  const entries = Object.entries(handlers as Record<string, (...args: unknown[]) => unknown>).map(([method, handler]) => [
    method,
    (...args: unknown[]) => {
      wake();
      return handler(...args);
    },
  ]);
  return Object.fromEntries(entries) as H;
}
