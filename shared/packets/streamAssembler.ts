/**
 * One direction of a TCP stream put back in order: segments appended at the next expected sequence number,
 * retransmitted bytes ignored, segments from ahead held (a bounded number) until the bytes before them arrive, and a gap
 * recorded when they never do. Bounded by a byte budget; past it bytes are counted. The segments' bytes are views into
 * the packet index's raw store, which never changes them, so nothing is copied until `read`.
 */
import type { StreamBytes, StreamDirection } from './types.js';

/** Segments held while waiting for the bytes before them; past this the oldest hole is declared a gap. */
const MAX_HELD_SEGMENTS = 32;

export interface ByteBudget {
  remaining: number;
}

interface Held {
  seq: number;
  packet: number;
  data: Uint8Array;
}

export class StreamAssembler {
  private nextSeq: number | null = null;
  private readonly pieces: Uint8Array[] = [];
  private length = 0;
  private readonly segments: StreamBytes['segments'] = [];
  private readonly gaps: StreamBytes['gaps'] = [];
  private held: Held[] = [];
  private droppedBytes = 0;

  constructor(private readonly budget: ByteBudget) {}

  /** A segment's flags matter only for SYN, which takes one sequence number before the data. */
  add(packet: number, seq: number, syn: boolean, data: Uint8Array): void {
    if (syn) {
      this.nextSeq = (seq + 1) >>> 0;
      seq = this.nextSeq;
    }
    if (data.length === 0) return;
    this.nextSeq ??= seq;
    const ahead = (seq - this.nextSeq) | 0;
    if (ahead > 0) {
      this.held.push({ seq, packet, data });
      if (this.held.length > MAX_HELD_SEGMENTS) this.skipToHeld();
      return;
    }
    this.take(packet, seq, data);
    this.drainHeld();
  }

  /** Appends what of `data` lies at or after the next expected byte. */
  private take(packet: number, seq: number, data: Uint8Array): void {
    const behind = (this.nextSeq! - seq) | 0;
    if (behind >= data.length) return;
    const fresh = behind > 0 ? data.subarray(behind) : data;
    this.nextSeq = (this.nextSeq! + fresh.length) >>> 0;
    const kept = Math.min(fresh.length, Math.max(0, this.budget.remaining));
    if (kept > 0) {
      this.pieces.push(fresh.subarray(0, kept));
      this.segments.push({ packet, offset: this.length, length: kept });
      this.length += kept;
      this.budget.remaining -= kept;
    }
    this.droppedBytes += fresh.length - kept;
  }

  private drainHeld(): void {
    for (let progressed = true; progressed && this.held.length > 0; ) {
      progressed = false;
      for (let i = 0; i < this.held.length; i++) {
        const h = this.held[i]!;
        if (((h.seq - this.nextSeq!) | 0) <= 0) {
          this.held.splice(i, 1);
          this.take(h.packet, h.seq, h.data);
          progressed = true;
          break;
        }
      }
    }
  }

  /** The bytes before the earliest held segment never came: record the hole and go on from there. */
  private skipToHeld(): void {
    let earliest = this.held[0]!;
    for (const h of this.held) if (((h.seq - earliest.seq) | 0) < 0) earliest = h;
    const missing = (earliest.seq - this.nextSeq!) | 0;
    this.gaps.push({ offset: this.length, length: missing });
    this.nextSeq = earliest.seq;
    this.drainHeld();
  }

  /** Everything: segments still held are taken in after the gap before them. Ends the assembly. */
  read(stream: number, direction: StreamDirection): StreamBytes {
    while (this.held.length > 0) this.skipToHeld();
    const bytes = new Uint8Array(this.length);
    let at = 0;
    for (const piece of this.pieces) {
      bytes.set(piece, at);
      at += piece.length;
    }
    return { stream, direction, bytes, segments: [...this.segments], gaps: [...this.gaps], droppedBytes: this.droppedBytes };
  }
}
