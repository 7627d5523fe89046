/**
 * Records read from one chunk of a capture, as columns of offsets into that chunk: the hot path (a million packets a
 * second) makes no object per packet — the index copies each run of records' bytes into its store in one call and scans
 * headers in place. `record(k)` makes the object form where one is wanted (readCapture, tests).
 */
import { NO_COMMENTS } from './types.js';
import type { PacketRecord } from './types.js';

/** Records per batch: a reader hands a batch over when it is full or when a chunk is used up. */
export const BATCH_RECORDS = 4096;
const EMPTY = new Uint8Array(0);

export class RecordBatch {
  /** The bytes every offset below points into; valid only during the call that hands the batch over. */
  bytes: Uint8Array = EMPTY;
  count = 0;
  readonly dataOffset = new Uint32Array(BATCH_RECORDS);
  readonly capturedLength = new Uint32Array(BATCH_RECORDS);
  readonly originalLength = new Uint32Array(BATCH_RECORDS);
  /** Seconds since the epoch (pcapng's if_tsoffset can move them past 32 bits), and nanoseconds within the second. */
  readonly seconds = new Float64Array(BATCH_RECORDS);
  readonly nanoseconds = new Uint32Array(BATCH_RECORDS);
  readonly interfaceId = new Uint32Array(BATCH_RECORDS);
  /** pcapng opt_comment values of the records that have any, by position in the batch. */
  readonly comments = new Map<number, string[]>();

  get full(): boolean {
    return this.count === BATCH_RECORDS;
  }

  /** Starts a batch over `bytes`. */
  reset(bytes: Uint8Array): void {
    this.bytes = bytes;
    this.count = 0;
    if (this.comments.size > 0) this.comments.clear();
  }

  add(interfaceId: number, seconds: number, nanoseconds: number, dataOffset: number, capturedLength: number, originalLength: number): number {
    const k = this.count++;
    this.interfaceId[k] = interfaceId;
    this.seconds[k] = seconds;
    this.nanoseconds[k] = nanoseconds;
    this.dataOffset[k] = dataOffset;
    this.capturedLength[k] = capturedLength;
    this.originalLength[k] = originalLength;
    return k;
  }

  /** Record k as an object whose `data` is a view into `bytes`. */
  record(k: number): PacketRecord {
    const start = this.dataOffset[k]!;
    const capturedLength = this.capturedLength[k]!;
    return {
      interfaceId: this.interfaceId[k]!,
      seconds: this.seconds[k]!,
      nanoseconds: this.nanoseconds[k]!,
      capturedLength,
      originalLength: this.originalLength[k]!,
      data: this.bytes.subarray(start, start + capturedLength),
      comments: this.comments.get(k) ?? NO_COMMENTS,
    };
  }
}
