/**
 * The captured bytes of every indexed packet, in fixed-size chunks up to a byte bound; past it, packets are still
 * indexed but their bytes are not kept, and counted.
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
    let chunk = this.chunks[this.chunks.length - 1];
    if (chunk === undefined || this.used + bytes.length > this.chunkSize) {
      if (bytes.length > this.chunkSize || (this.chunks.length + 1) * this.chunkSize > this.maxBytes) return this.drop(bytes.length);
      chunk = new Uint8Array(this.chunkSize);
      this.chunks.push(chunk);
      this.used = 0;
    }
    chunk.set(bytes, this.used);
    const offset = (this.chunks.length - 1) * this.chunkSize + this.used;
    this.used += bytes.length;
    return offset;
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

  private drop(length: number): number {
    this.droppedPackets++;
    this.droppedBytes += length;
    return NOT_STORED;
  }
}
