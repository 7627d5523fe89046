/**
 * The captured bytes of every indexed packet, in fixed-size chunks up to a byte bound; past it, packets are still
 * indexed but their bytes are not kept, and counted. A run of packets read from one chunk is copied in one piece, the
 * file's framing between them (16 bytes a pcap record) with it: one copy instead of one per packet.
 */
export const NOT_STORED = 0xffffffff;
const DEFAULT_CHUNK = 16 * 1024 * 1024;

export class RawStore {
  private readonly chunks: Uint8Array[] = [];
  private used = 0;
  /** Packets whose bytes were not kept because the bound was reached. */
  droppedPackets = 0;
  droppedBytes = 0;
  private readonly chunkSize: number;

  constructor(readonly maxBytes: number) {
    // Offsets are stored as 32-bit numbers, with NOT_STORED reserved.
    if (maxBytes >= NOT_STORED) throw new RangeError(`the raw byte store is limited to ${NOT_STORED - 1} bytes`);
    this.chunkSize = Math.max(1, Math.min(DEFAULT_CHUNK, maxBytes));
  }

  get storedBytes(): number {
    return this.chunks.length === 0 ? 0 : (this.chunks.length - 1) * this.chunkSize + this.used;
  }

  /** Copies `bytes` in; returns its offset, or NOT_STORED when the bound is reached. */
  add(bytes: Uint8Array): number {
    return this.addRange(bytes, 0, bytes.length, 1);
  }

  /**
   * Copies `bytes[start, end)` — the data of `packets` packets, a run of records read from one chunk — in one piece;
   * returns its offset, or NOT_STORED when the bound is reached (the packets are counted as dropped).
   */
  addRange(bytes: Uint8Array, start: number, end: number, packets: number): number {
    const length = end - start;
    let chunk = this.chunks[this.chunks.length - 1];
    if (chunk === undefined || this.used + length > this.chunkSize) {
      if (length > this.chunkSize || (this.chunks.length + 1) * this.chunkSize > this.maxBytes) return this.drop(length, packets);
      chunk = new Uint8Array(this.chunkSize);
      this.chunks.push(chunk);
      this.used = 0;
    }
    chunk.set(start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end), this.used);
    const offset = (this.chunks.length - 1) * this.chunkSize + this.used;
    this.used += length;
    return offset;
  }

  /** The most bytes one addRange can take now: what is left of the current chunk, or a new chunk's size. */
  roomFor(length: number): number {
    const left = this.chunks.length === 0 ? 0 : this.chunkSize - this.used;
    return length <= left ? left : this.chunkSize;
  }

  get(offset: number, length: number): Uint8Array | null {
    if (offset === NOT_STORED) return null;
    const chunk = this.chunks[Math.floor(offset / this.chunkSize)];
    if (chunk === undefined) return null;
    const at = offset % this.chunkSize;
    return chunk.subarray(at, at + length);
  }

  /** Every byte allocated, for memory accounting. */
  get allocatedBytes(): number {
    return this.chunks.length * this.chunkSize;
  }

  private drop(length: number, packets: number): number {
    this.droppedPackets += packets;
    this.droppedBytes += length;
    return NOT_STORED;
  }
}
