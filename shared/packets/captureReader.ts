/**
 * Reads pcap and pcapng as bytes arrive — tcpdump's stdout comes in chunks that cut records anywhere — carrying a partial
 * record over to the next chunk. The format is told by the first four bytes. Corrupt input ends reading with a problem
 * and never throws; what is carried over is bounded by the largest record or block the formats allow.
 */
import { PCAP_FILE_HEADER_LENGTH, PCAP_RECORD_HEADER_LENGTH, type PcapHeader, parsePcapHeader, parsePcapRecord } from './pcapFormat.js';
import { BLOCK_SHB, type BlockSink, MAX_BLOCK_LENGTH, type PcapngSection, readBlock, sectionByteOrder } from './pcapngFormat.js';
import type { CaptureFile, CaptureFormat, CaptureInterface, CaptureProblem, PacketRecord } from './types.js';

const EMPTY = new Uint8Array(0);

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

  /**
   * Reads what `chunk` completes and calls `onPacket` for each record, in order. Records' `data` are views into the
   * chunks (or into the reader's carry-over copy): do not reuse a chunk's memory after pushing it.
   */
  push(chunk: Uint8Array, onPacket: (record: PacketRecord) => void): void {
    if (this.failed) {
      this.ignoredBytes += chunk.length;
      return;
    }
    let bytes = chunk;
    if (this.pending.length > 0) {
      bytes = new Uint8Array(this.pending.length + chunk.length);
      bytes.set(this.pending, 0);
      bytes.set(chunk, this.pending.length);
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const used = this.parse(bytes, view, onPacket);
    this.pending = used === bytes.length ? EMPTY : bytes.slice(used);
    this.pendingOffset += used;
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
  private parse(bytes: Uint8Array, view: DataView, onPacket: (record: PacketRecord) => void): number {
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
        const result = parsePcapRecord(bytes, view, at, end, this.pcap);
        if (result === 'need-more') return at;
        if (typeof result === 'string') {
          this.fail(at, result);
          this.ignoredBytes += end - at;
          return end;
        }
        onPacket(result);
        at += PCAP_RECORD_HEADER_LENGTH + result.capturedLength;
      }
    }
    const sink: BlockSink = { interfaces: this.interfaces, tsOffsets: this.tsOffsets, tlsKeyLog: this.tlsKeyLog, onPacket };
    while (end - at >= 12) {
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
