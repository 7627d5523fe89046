import type { EventData, EventType, LabEvent, StreamName } from '../../../shared/contract.js';

/**
 * One stream's events in a bounded ring. Seq numbers are contiguous per stream, so the position of
 * any retained event is arithmetic and a reader that fell behind learns exactly how many it lost.
 */
export class EventStream {
  private readonly ring: (LabEvent | undefined)[];
  private head = 0; // index of the oldest retained event
  private size = 0;
  private lastSeq = 0;
  private evictedCount = 0;

  constructor(
    readonly name: StreamName,
    readonly capacity: number,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.ring = new Array<LabEvent | undefined>(capacity);
  }

  get seq(): number {
    return this.lastSeq;
  }

  /** Events that have left the ring since the stream began. */
  get evicted(): number {
    return this.evictedCount;
  }

  append<T extends EventType>(type: T, data: EventData<T>, at: number): LabEvent {
    const event = { type, stream: this.name, seq: ++this.lastSeq, at, data } as LabEvent;
    const tail = (this.head + this.size) % this.capacity;
    this.ring[tail] = event;
    if (this.size < this.capacity) this.size++;
    else {
      this.head = (this.head + 1) % this.capacity;
      this.evictedCount++;
    }
    return event;
  }

  /** Retained events with seq > `seq`, at most `limit` of them (the newest), and how many were lost before those. */
  after(seq: number, limit = Infinity): { events: LabEvent[]; missed: number } {
    const oldestSeq = this.lastSeq - this.size + 1;
    const firstWanted = Math.max(seq + 1, oldestSeq, this.lastSeq - limit + 1);
    const events: LabEvent[] = [];
    for (let s = firstWanted; s <= this.lastSeq; s++) {
      events.push(this.ring[(this.head + (s - oldestSeq)) % this.capacity] as LabEvent);
    }
    return { events, missed: Math.max(0, firstWanted - seq - 1) };
  }

  history(): LabEvent[] {
    return this.after(0).events;
  }
}
