/**
 * Keeps the raw bytes of one direction of a connection, message by message, as they crossed the socket: each message's
 * first `cap(start)` bytes are kept and the rest counted, so a 1 GiB upload costs the log its cap, not a gigabyte.
 * Chunks are fed before the parser sees them; a message is taken at its end offset, which the parser reports while the
 * chunk is still being pushed, so pipelined messages split inside one chunk land in their own records.
 */
export interface CapturedMessage {
  raw: Buffer;
  /** Bytes of the message in all, kept or not. */
  totalBytes: number;
  /** Where the message starts in the connection's byte stream. */
  streamOffset: number;
}

export class MessageCapture {
  private kept: Buffer[] = [];
  private keptBytes = 0;
  /** Stream offset of the current message's first byte. */
  private start = 0;
  /** The chunk being pushed, and its stream offset; committed once the parser is done with it. */
  private pending: { chunk: Buffer; offset: number } | null = null;
  private streamBytes = 0;

  constructor(private readonly cap: () => number) {}

  /** Bytes seen in this direction so far. */
  get offset(): number {
    return this.streamBytes;
  }

  /** Whether bytes of an unfinished message are held. */
  get holding(): boolean {
    return this.streamBytes > this.start;
  }

  feed(chunk: Buffer): void {
    this.commit();
    this.pending = { chunk, offset: this.streamBytes };
    this.streamBytes += chunk.length;
  }

  /** The current message, ending at stream offset `end` (exclusive); the next one starts there. */
  take(end: number): CapturedMessage {
    this.keep(Math.min(end, this.streamBytes));
    // One part (the usual small request) is kept as it is: a second copy would waste a slice of the buffer pool.
    const raw = this.kept.length === 1 ? (this.kept[0] as Buffer) : Buffer.concat(this.kept, this.keptBytes);
    const message = { raw, totalBytes: end - this.start, streamOffset: this.start };
    this.kept = [];
    this.keptBytes = 0;
    this.start = end;
    return message;
  }

  /** Whatever the current message holds so far (an error or a close ended it). */
  takeAll(): CapturedMessage {
    return this.take(this.streamBytes);
  }

  /** The parser is done with the pending chunk: keep its part of the current message. */
  commit(): void {
    this.keep(this.streamBytes);
    this.pending = null;
  }

  private keep(until: number): void {
    const pending = this.pending;
    if (!pending) return;
    const from = Math.max(this.start, pending.offset);
    const keptEnd = this.start + this.cap();
    const alreadyKept = this.start + this.keptBytes;
    const begin = Math.max(from, alreadyKept);
    const end = Math.min(until, keptEnd);
    if (end > begin) {
      const part = pending.chunk.subarray(begin - pending.offset, end - pending.offset);
      this.kept.push(ownsAll(part) ? part : Buffer.from(part));
      this.keptBytes += end - begin;
    }
  }
}

/**
 * A socket's read is a buffer of its own, exactly as long as what was read: when one message is the whole of it (a
 * request per read, the usual case) it is kept as it is; a part of a read is copied, so that the log never holds more
 * memory than the bytes it counts.
 */
const ownsAll = (part: Buffer): boolean => part.byteOffset === 0 && part.byteLength === part.buffer.byteLength;
