/**
 * Reads pcap and pcapng as bytes arrive — tcpdump's stdout comes in chunks that cut records anywhere — carrying a partial
 * record over to the next chunk. The format is told by the first four bytes. Corrupt input ends reading with a problem
 * and never throws; what is carried over is bounded by the largest record or block the formats allow.
 */
import { PCAP_FILE_HEADER_LENGTH, PCAP_RECORD_HEADER_LENGTH, type PcapHeader, parsePcapHeader, pcapRecordProblem, readPcapRecords } from './pcapFormat.js';
import { BLOCK_SHB, type BlockSink, MAX_BLOCK_LENGTH, type PcapngSection, readBlock, sectionByteOrder } from './pcapngFormat.js';
import { RecordBatch } from './recordBatch.js';
import type { CaptureFile, CaptureFormat, CaptureInterface, CaptureProblem, PacketRecord } from './types.js';

const EMPTY = new Uint8Array(0);

/** Takes a batch of records; the batch and the bytes it points into are reused after it returns. */
export type BatchHandler = (batch: RecordBatch) => void;

export class CaptureStreamReader {
  format: CaptureFormat | null = null;
  littleEndian = true;
  readonly interfaces: CaptureInterface[] = [];
  readonly problems: CaptureProblem[] = [];
  readonly tlsKeyLog: string[] = [];
  /** Bytes received after a problem that ended reading. */
  ignoredBytes = 0;
  private pending: Uint8Array = EMPTY;
  /** Stream offset of pending[0], for problem offsets. */
  private pendingOffset = 0;
  private pcap: PcapHeader | null = null;
  private section: PcapngSection | null = null;
  private readonly tsOffsets: number[] = [];
  private failed = false;
  private readonly batch = new RecordBatch();

  /**
   * Reads what `chunk` completes and calls `onPacket` for each record, in order. Records' `data` are views into the
   * chunks (or into the reader's carry-over copy): do not reuse a chunk's memory after pushing it.
   */
  push(chunk: Uint8Array, onPacket: (record: PacketRecord) => void): void {
    this.read(chunk, (batch) => {
      for (let k = 0; k < batch.count; k++) onPacket(batch.record(k));
    });
  }

  /** Reads what `chunk` completes and hands its records over in batches, in order: the path with no per-record object. */
  read(chunk: Uint8Array, onBatch: BatchHandler): void {
    let from = 0;
    // A unit the last chunk cut is completed with just the bytes it lacks, so the rest of this chunk is read in place
    // rather than copied behind the carry-over.
    while (this.pending.length > 0 && from < chunk.length && !this.failed) {
      const take = Math.min(chunk.length - from, Math.max(1, this.missing(this.pending)));
      const joined = new Uint8Array(this.pending.length + take);
      joined.set(this.pending, 0);
      joined.set(chunk.subarray(from, from + take), this.pending.length);
      from += take;
      this.parseAll(joined, onBatch);
    }
    if (this.failed) this.ignoredBytes += chunk.length - from;
    else if (from < chunk.length) this.parseAll(from === 0 ? chunk : chunk.subarray(from), onBatch);
  }

  /** Parses `bytes` (which start at pendingOffset in the stream); what is left over becomes the carry-over. */
  private parseAll(bytes: Uint8Array, onBatch: BatchHandler): void {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.batch.reset(bytes);
    const used = this.parse(bytes, view, onBatch);
    if (this.batch.count > 0) onBatch(this.batch);
    this.batch.reset(EMPTY);
    this.pending = used === bytes.length ? EMPTY : bytes.slice(used);
    this.pendingOffset += used;
  }

  /** How many more bytes the unit (file header, record or block) at the start of the carry-over needs to be whole. */
  private missing(pending: Uint8Array): number {
    const view = new DataView(pending.buffer, pending.byteOffset, pending.byteLength);
    if (this.format === null) return 4 - pending.length;
    if (this.format === 'pcap') {
      if (this.pcap === null) return PCAP_FILE_HEADER_LENGTH - pending.length;
      if (pending.length < PCAP_RECORD_HEADER_LENGTH) return PCAP_RECORD_HEADER_LENGTH - pending.length;
      return PCAP_RECORD_HEADER_LENGTH + view.getUint32(8, this.pcap.littleEndian) - pending.length;
    }
    if (pending.length < 12) return 12 - pending.length;
    const le = view.getUint32(0, true) === BLOCK_SHB ? (sectionByteOrder(view, 0) ?? true) : (this.section?.littleEndian ?? true);
    return view.getUint32(4, le) - pending.length;
  }

  /** The input is over: a record left half-read is a truncated file. Returns every problem seen. */
  end(): CaptureProblem[] {
    if (!this.failed && this.pending.length > 0) {
      this.fail(0, `the capture ends inside a ${this.format === 'pcapng' ? 'block' : 'record'} (${this.pending.length} bytes left over): the file is truncated`);
    } else if (!this.failed && this.format === null) {
      this.fail(0, 'the capture is empty');
    }
    this.pending = EMPTY;
    return this.problems;
  }

  private fail(at: number, message: string): void {
    this.problems.push({ offset: this.pendingOffset + at, message });
    this.failed = true;
  }

  /** Parses complete units from the start of `bytes`; returns how many bytes were used. */
  private parse(bytes: Uint8Array, view: DataView, onBatch: BatchHandler): number {
    const end = bytes.length;
    let at = 0;
    if (this.format === null) {
      if (end < 4) return 0;
      this.format = view.getUint32(0, true) === BLOCK_SHB ? 'pcapng' : 'pcap';
    }
    if (this.format === 'pcap') {
      if (this.pcap === null) {
        if (end < PCAP_FILE_HEADER_LENGTH) return 0;
        const header = parsePcapHeader(view, 0);
        if (typeof header === 'string') {
          this.fail(0, header);
          this.ignoredBytes += end;
          return end;
        }
        this.pcap = header;
        this.littleEndian = header.littleEndian;
        this.interfaces.push(header.iface);
        at = PCAP_FILE_HEADER_LENGTH;
      }
      for (;;) {
        at = readPcapRecords(view, at, end, this.pcap, this.batch);
        if (this.batch.full) {
          this.handOver(onBatch);
          continue;
        }
        const problem = end - at >= PCAP_RECORD_HEADER_LENGTH ? pcapRecordProblem(view, at, this.pcap) : null;
        return problem === null ? at : this.stop(at, end, problem);
      }
    }
    const sink: BlockSink = { interfaces: this.interfaces, tsOffsets: this.tsOffsets, tlsKeyLog: this.tlsKeyLog, batch: this.batch };
    while (end - at >= 12) {
      if (this.batch.full) this.handOver(onBatch);
      const isSection = view.getUint32(at, true) === BLOCK_SHB;
      if (isSection) {
        const le = sectionByteOrder(view, at);
        if (le === null) return this.stop(at, end, 'Section Header Block with an unknown byte-order magic');
        if (this.section === null) this.littleEndian = le;
        this.section = { littleEndian: le, interfaceIds: [] };
      } else if (this.section === null) {
        return this.stop(at, end, 'not a pcapng file: the first block is not a Section Header Block');
      }
      const le = this.section.littleEndian;
      const type = view.getUint32(at, le);
      const length = view.getUint32(at + 4, le);
      if (length < 12 || length % 4 !== 0 || length > MAX_BLOCK_LENGTH) return this.stop(at, end, `block length ${length} is impossible (a multiple of 4 from 12 to 16 MiB): the file is corrupt`);
      if (at + length > end) return at;
      if (view.getUint32(at + length - 4, le) !== length) return this.stop(at, end, 'the block\'s trailing length differs from its leading length: the file is corrupt');
      if (!isSection) {
        const problem = readBlock(bytes, view, type, at + 8, at + length - 4, this.section, sink);
        if (problem !== null) return this.stop(at, end, problem);
      }
      at += length;
    }
    return at;
  }

  private handOver(onBatch: BatchHandler): void {
    onBatch(this.batch);
    this.batch.reset(this.batch.bytes);
  }

  private stop(at: number, end: number, message: string): number {
    this.fail(at, message);
    this.ignoredBytes += end - at;
    return end;
  }
}

/** A whole capture file read at once. */
export function readCapture(bytes: Uint8Array): CaptureFile {
  const reader = new CaptureStreamReader();
  const packets: PacketRecord[] = [];
  reader.push(bytes, (record) => packets.push(record));
  const problems = reader.end();
  return {
    format: reader.format ?? 'pcap',
    littleEndian: reader.littleEndian,
    interfaces: reader.interfaces,
    packets,
    problems,
    tlsKeyLog: reader.tlsKeyLog,
  };
}
