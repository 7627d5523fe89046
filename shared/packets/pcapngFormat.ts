/**
 * pcapng (draft-ietf-opsawg-pcapng): blocks of type, total length, body, total length again. A Section Header Block sets
 * the byte order for the blocks after it; Interface Description Blocks number the interfaces of their section; packets
 * come in Enhanced, Simple and (obsolete) Packet Blocks; Decryption Secrets Blocks carry TLS key logs.
 */
import { NO_COMMENTS } from './types.js';
import type { RecordBatch } from './recordBatch.js';
import type { CaptureInterface } from './types.js';

export const BLOCK_SHB = 0x0a0d0d0a;
export const BLOCK_IDB = 0x00000001;
export const BLOCK_OPB = 0x00000002;
export const BLOCK_SPB = 0x00000003;
export const BLOCK_EPB = 0x00000006;
export const BLOCK_DSB = 0x0000000a;
export const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
export const SECRETS_TLS_KEY_LOG = 0x544c534b;
export const OPT_END = 0;
export const OPT_COMMENT = 1;
export const OPT_IF_NAME = 2;
export const OPT_IF_TSRESOL = 9;
export const OPT_IF_TSOFFSET = 14;
/** Larger blocks are taken as a corrupt length (Wireshark refuses blocks past 16 MiB for the same reason). */
export const MAX_BLOCK_LENGTH = 16 * 1024 * 1024;

const textDecoder = new TextDecoder();

export interface PcapngSection {
  littleEndian: boolean;
  /** Global interface ids of this section's IDBs, in order: a packet's interface id indexes this. */
  interfaceIds: number[];
}

export interface BlockSink {
  interfaces: CaptureInterface[];
  /** Each interface's if_tsoffset in seconds. */
  tsOffsets: number[];
  tlsKeyLog: string[];
  /** Where packet blocks go; the reader hands it over before it is full. */
  batch: RecordBatch;
}

/** The byte order an SHB at `offset` declares, or null when the magic is neither. Needs 12 bytes. */
export function sectionByteOrder(view: DataView, offset: number): boolean | null {
  if (view.getUint32(offset + 8, true) === BYTE_ORDER_MAGIC) return true;
  if (view.getUint32(offset + 8, false) === BYTE_ORDER_MAGIC) return false;
  return null;
}

interface Option {
  code: number;
  start: number;
  length: number;
}

/** The options in `[start, end)`; stops at opt_endofopt or at an option running past the end. */
function readOptions(view: DataView, start: number, end: number, le: boolean): Option[] {
  const options: Option[] = [];
  let at = start;
  while (at + 4 <= end) {
    const code = view.getUint16(at, le);
    const length = view.getUint16(at + 2, le);
    if (code === OPT_END || at + 4 + length > end) break;
    options.push({ code, start: at + 4, length });
    at += 4 + ((length + 3) & ~3);
  }
  return options;
}

function comments(bytes: Uint8Array, options: Option[]): string[] {
  if (!options.some((o) => o.code === OPT_COMMENT)) return NO_COMMENTS;
  return options.filter((o) => o.code === OPT_COMMENT).map((o) => textDecoder.decode(bytes.subarray(o.start, o.start + o.length)));
}

/** if_tsresol: high bit clear, 10^-n seconds; set, 2^-n. */
function ticksPerSecond(value: number): number {
  return value & 0x80 ? 2 ** (value & 0x7f) : 10 ** value;
}

/** A 64-bit timestamp in ticks as exact seconds and nanoseconds. */
function splitTimestamp(high: number, low: number, tps: number, offsetSeconds: number): { seconds: number; nanoseconds: number } {
  if (high < 0x200000) {
    const ticks = high * 0x1_0000_0000 + low;
    const seconds = Math.floor(ticks / tps);
    return { seconds: seconds + offsetSeconds, nanoseconds: Math.round(((ticks - seconds * tps) * 1e9) / tps) };
  }
  // Past 2^53 ticks (nanosecond clocks) a double is not exact: BigInt for this one.
  const ticks = (BigInt(high) << 32n) | BigInt(low);
  const bigTps = BigInt(tps);
  const seconds = ticks / bigTps;
  return { seconds: Number(seconds) + offsetSeconds, nanoseconds: Number(((ticks - seconds * bigTps) * 1_000_000_000n) / bigTps) };
}

/**
 * Reads one complete non-SHB block body (`[bodyStart, bodyEnd)`) into the sink. Returns a message for a block whose
 * contents contradict its length or refer to an interface that was never described, or null.
 */
export function readBlock(bytes: Uint8Array, view: DataView, type: number, bodyStart: number, bodyEnd: number, section: PcapngSection, sink: BlockSink): string | null {
  const le = section.littleEndian;
  const bodyLength = bodyEnd - bodyStart;
  switch (type) {
    case BLOCK_IDB: {
      if (bodyLength < 8) return 'Interface Description Block shorter than 8 bytes';
      const options = readOptions(view, bodyStart + 8, bodyEnd, le);
      const tsresol = options.find((o) => o.code === OPT_IF_TSRESOL && o.length >= 1);
      const tsoffset = options.find((o) => o.code === OPT_IF_TSOFFSET && o.length >= 8);
      const name = options.find((o) => o.code === OPT_IF_NAME);
      sink.interfaces.push({
        linkType: view.getUint16(bodyStart, le),
        snapLen: view.getUint32(bodyStart + 4, le),
        ticksPerSecond: tsresol ? ticksPerSecond(bytes[tsresol.start] ?? 6) : 1e6,
        name: name ? textDecoder.decode(bytes.subarray(name.start, name.start + name.length)) : null,
      });
      sink.tsOffsets.push(tsoffset ? Number(view.getBigInt64(tsoffset.start, le)) : 0);
      section.interfaceIds.push(sink.interfaces.length - 1);
      return null;
    }
    case BLOCK_EPB:
    case BLOCK_OPB: {
      if (bodyLength < 20) return 'packet block shorter than its 20-byte header';
      const local = type === BLOCK_EPB ? view.getUint32(bodyStart, le) : view.getUint16(bodyStart, le);
      const interfaceId = section.interfaceIds[local];
      if (interfaceId === undefined) return `packet on interface ${local}, which no Interface Description Block described`;
      const capturedLength = view.getUint32(bodyStart + 12, le);
      const dataStart = bodyStart + 20;
      if (capturedLength > bodyEnd - dataStart) return `captured length ${capturedLength} runs past the end of its block`;
      const optionsStart = dataStart + ((capturedLength + 3) & ~3);
      const time = splitTimestamp(view.getUint32(bodyStart + 4, le), view.getUint32(bodyStart + 8, le), sink.interfaces[interfaceId]?.ticksPerSecond ?? 1e6, sink.tsOffsets[interfaceId] ?? 0);
      const k = sink.batch.add(interfaceId, time.seconds, time.nanoseconds, dataStart, capturedLength, view.getUint32(bodyStart + 16, le));
      const notes = comments(bytes, readOptions(view, optionsStart, bodyEnd, le));
      if (notes.length > 0) sink.batch.comments.set(k, notes);
      return null;
    }
    case BLOCK_SPB: {
      if (bodyLength < 4) return 'Simple Packet Block shorter than 4 bytes';
      const interfaceId = section.interfaceIds[0];
      if (interfaceId === undefined) return 'Simple Packet Block before any Interface Description Block';
      const originalLength = view.getUint32(bodyStart, le);
      const snapLen = sink.interfaces[interfaceId]?.snapLen || Infinity;
      // An SPB has no captured length: it is the original length cut by the snaplen and by the block itself.
      const capturedLength = Math.min(originalLength, snapLen, bodyLength - 4);
      sink.batch.add(interfaceId, 0, 0, bodyStart + 4, capturedLength, originalLength);
      return null;
    }
    case BLOCK_DSB: {
      if (bodyLength < 8) return 'Decryption Secrets Block shorter than 8 bytes';
      const secretsType = view.getUint32(bodyStart, le);
      const length = view.getUint32(bodyStart + 4, le);
      if (length > bodyLength - 8) return `secrets length ${length} runs past the end of its block`;
      if (secretsType === SECRETS_TLS_KEY_LOG) sink.tlsKeyLog.push(textDecoder.decode(bytes.subarray(bodyStart + 8, bodyStart + 8 + length)));
      return null;
    }
    default:
      // Name resolution, statistics, custom and unknown blocks carry nothing the packet lab shows.
      return null;
  }
}
