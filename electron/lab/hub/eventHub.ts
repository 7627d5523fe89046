import type { EventBatchType, EventData, EventType, LabEvent, Snapshot, StreamName } from '../../../shared/contract.js';
import { defaultStreams, eventTypes, streamNames, streams as streamSpecs } from '../../../shared/contract.js';
import { randomUUID } from 'node:crypto';
import type { ResumeFrom } from '../../../shared/schemas/events.js';
import { now } from '../clock.js';
import { EventStream } from './eventStream.js';

/** Delivers a batch to one client; returns false when the client cannot take more now (its socket is backed up). */
export type EventSink = (batch: EventBatchType) => boolean;

export interface Subscription {
  snapshot: Snapshot;
  unsubscribe(): void;
}

export interface EventHubOptions {
  capacities?: Partial<Record<StreamName, number>>;
  /** At most one batch per client per this many ms. */
  flushIntervalMs?: number;
  /** A client further behind than this skips ahead, and the skipped events count as missed. */
  maxBatchEvents?: number;
  state: () => Snapshot['state'];
}

interface Subscriber {
  sink: EventSink;
  streams: readonly StreamName[];
  cursors: Map<StreamName, number>;
  missed: number;
}

export class EventHub {
  /** Names this run of the lab, so a client's cursors are honoured only by the instance that issued them. */
  readonly instance = randomUUID();
  private readonly streams: Record<StreamName, EventStream>;
  private readonly subscribers = new Set<Subscriber>();
  /** Told when a stream's subscribers change: an opt-in stream's producer runs only while it has some. */
  private readonly demandListeners = new Set<(stream: StreamName, subscribers: number) => void>();
  private readonly flushIntervalMs: number;
  private readonly maxBatchEvents: number;
  private timer: NodeJS.Timeout | undefined;
  private lastFlush = 0;

  constructor(private readonly options: EventHubOptions) {
    this.flushIntervalMs = options.flushIntervalMs ?? 50;
    this.maxBatchEvents = options.maxBatchEvents ?? 5000;
    this.streams = Object.fromEntries(
      streamNames.map((name) => [name, new EventStream(name, options.capacities?.[name] ?? streamSpecs[name].capacity)]),
    ) as Record<StreamName, EventStream>;
  }

  emit<T extends EventType>(type: T, data: EventData<T>, at = now()): LabEvent {
    const event = this.streams[eventTypes[type].stream].append(type, data, at);
    if (this.subscribers.size > 0) this.schedule();
    return event;
  }

  /**
   * A client back after a drop (or that fell behind) resumes from its cursors: it gets only what came
   * after them and a count of what the rings lost meanwhile, never history it already holds twice.
   */
  subscribe(sink: EventSink, streams: readonly StreamName[] = defaultStreams, resume?: ResumeFrom): Subscription {
    const subscriber: Subscriber = { sink, streams, cursors: new Map(), missed: 0 };
    const snapshotStreams = {} as Snapshot['streams'];
    const resumed = resume?.instance === this.instance;
    for (const name of streams) {
      const stream = this.streams[name];
      const cursor = resumed ? resume.after[name] : undefined;
      // A cursor beyond the stream's end cannot be this instance's: that stream starts over.
      const taken = cursor !== undefined && cursor <= stream.seq ? stream.after(cursor) : { events: stream.history(), missed: 0 };
      subscriber.cursors.set(name, stream.seq);
      snapshotStreams[name] = { seq: stream.seq, history: taken.events, capacity: stream.capacity, evicted: stream.evicted, lost: taken.missed };
    }
    this.subscribers.add(subscriber);
    this.demandChanged(subscriber);
    return {
      snapshot: { at: now(), instance: this.instance, resumed, state: this.options.state(), streams: snapshotStreams },
      unsubscribe: () => this.remove(subscriber),
    };
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  subscribersOf(stream: StreamName): number {
    let count = 0;
    for (const subscriber of this.subscribers) if (subscriber.streams.includes(stream)) count++;
    return count;
  }

  /** Returns a function that removes the listener. */
  onDemand(listener: (stream: StreamName, subscribers: number) => void): () => void {
    this.demandListeners.add(listener);
    return () => this.demandListeners.delete(listener);
  }

  /** Sends every subscriber what it has not yet had. Normally the timer calls it. */
  flush(): void {
    this.timer = undefined;
    this.lastFlush = performance.now();
    let pending = false;
    for (const subscriber of this.subscribers) {
      try {
        pending = this.deliver(subscriber) || pending;
      } catch {
        this.remove(subscriber); // its sink is broken (a closed window); the others go on
      }
    }
    if (pending) this.schedule();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.subscribers.clear();
    this.demandListeners.clear();
  }

  private remove(subscriber: Subscriber): void {
    if (this.subscribers.delete(subscriber)) this.demandChanged(subscriber);
  }

  private demandChanged(subscriber: Subscriber): void {
    for (const stream of subscriber.streams) for (const listener of this.demandListeners) listener(stream, this.subscribersOf(stream));
  }

  /** Returns true when the subscriber still has events waiting. */
  private deliver(subscriber: Subscriber): boolean {
    const batch: LabEvent[] = [];
    let missed = subscriber.missed;
    const advanced = new Map<StreamName, number>();
    for (const name of subscriber.streams) {
      const stream = this.streams[name];
      const cursor = subscriber.cursors.get(name) ?? 0;
      if (stream.seq === cursor) continue;
      const taken = stream.after(cursor, this.maxBatchEvents);
      missed += taken.missed;
      batch.push(...taken.events);
      advanced.set(name, stream.seq);
    }
    if (batch.length === 0 && missed === subscriber.missed) return false;
    batch.sort((a, b) => a.at - b.at);
    if (!subscriber.sink({ batch, missed })) return true; // backed up: try again next time, from the same cursors
    for (const [name, seq] of advanced) subscriber.cursors.set(name, seq);
    subscriber.missed = 0;
    return false;
  }

  private schedule(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.lastFlush + this.flushIntervalMs - performance.now());
    this.timer = setTimeout(() => this.flush(), wait);
    this.timer.unref();
  }
}
