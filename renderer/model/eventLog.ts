import { type LabEvent, lifecycleStreams, type Snapshot, type StreamName } from '../../shared/contract.js';

/** Streams whose events the timeline and the scenario runs read: those the contract lists as lifecycle. */
const isLifecycleStream = (stream: StreamName): boolean => lifecycleStreams.includes(stream);

/**
 * Lifecycle events, oldest first: the hub's history at subscription, then what arrived since. It
 * holds no more than the hub's own buffers do, so a long session costs what the lab's memory costs.
 */
export interface EventLog {
  events: LabEvent[];
  capacity: number;
  /** Events no longer held: evicted by the hub before this page subscribed, or dropped here since. */
  dropped: number;
}

export function emptyEventLog(): EventLog {
  return { events: [], capacity: 1, dropped: 0 };
}

export function eventLogFromSnapshot(snapshot: Snapshot): EventLog {
  let capacity = 0;
  let dropped = 0;
  const events: LabEvent[] = [];
  for (const [stream, held] of Object.entries(snapshot.streams) as [StreamName, Snapshot['streams'][StreamName]][]) {
    if (!held || !isLifecycleStream(stream)) continue;
    capacity += held.capacity;
    dropped += held.evicted;
    // Snapshot's zod-inferred history loses the link between an event's type and its data; LabEvent keeps it.
    events.push(...(held.history as LabEvent[]));
  }
  // Streams count apart; time is what orders them on one axis.
  events.sort((a, b) => a.at - b.at);
  return { events, capacity: Math.max(1, capacity), dropped };
}

/**
 * Appends in place (the store triggers Vue once per batch) and drops the oldest past capacity.
 * Returns whether anything was added: a batch of samples alone changes nothing here.
 */
export function appendToEventLog(log: EventLog, events: readonly LabEvent[]): boolean {
  const before = log.events.length;
  for (const event of events) if (isLifecycleStream(event.stream)) log.events.push(event);
  const added = log.events.length > before;
  const excess = log.events.length - log.capacity;
  if (excess > 0) {
    log.events.splice(0, excess);
    log.dropped += excess;
  }
  return added;
}
