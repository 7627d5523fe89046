/** A body's first `limit` bytes, grown as they arrive (not allocated up front), and a count of the rest. */
export class BodySink {
  private buffer = new Uint8Array(0);
  private kept = 0;
  total = 0;

  constructor(private readonly limit: number) {}

  get dropped(): number {
    return this.total - this.kept;
  }

  write(bytes: Uint8Array): void {
    this.total += bytes.length;
    const room = this.limit - this.kept;
    if (room <= 0) return;
    const take = Math.min(room, bytes.length);
    if (this.kept + take > this.buffer.length) {
      const grown = new Uint8Array(Math.min(this.limit, Math.max(this.kept + take, this.buffer.length * 2, 256)));
      grown.set(this.buffer.subarray(0, this.kept));
      this.buffer = grown;
    }
    this.buffer.set(bytes.subarray(0, take), this.kept);
    this.kept += take;
  }

  /** The kept bytes without a copy; valid until the next write. */
  view(): Uint8Array {
    return this.buffer.subarray(0, this.kept);
  }

  bytes(): Uint8Array {
    return this.buffer.slice(0, this.kept);
  }
}
