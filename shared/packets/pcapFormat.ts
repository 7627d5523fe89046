/**
 * Classic pcap (https://www.tcpdump.org/manpages/pcap-savefile.5.html): a 24-byte file header whose magic gives the byte
 * order and the timestamp unit, then 16-byte record headers each followed by the captured bytes.
 */
import type { RecordBatch } from './recordBatch.js';
import type { CaptureInterface } from './types.js';

export const PCAP_MAGIC_MICRO = 0xa1b2c3d4;
export const PCAP_MAGIC_NANO = 0xa1b23c4d;
export const PCAP_FILE_HEADER_LENGTH = 24;
export const PCAP_RECORD_HEADER_LENGTH = 16;
/** Wireshark's WTAP_MAX_PACKET_SIZE_STANDARD: a record longer than this is a corrupt length, not a packet. */
export const MAX_PCAP_RECORD_LENGTH = 262_144;

export interface PcapHeader {
  littleEndian: boolean;
  nanosecond: boolean;
  iface: CaptureInterface;
}

/** The file header at `offset`, or a message saying why it is not one. Needs 24 bytes. */
export function parsePcapHeader(view: DataView, offset: number): PcapHeader | string {
  const magicBE = view.getUint32(offset, false);
  const magicLE = view.getUint32(offset, true);
  const littleEndian = magicLE === PCAP_MAGIC_MICRO || magicLE === PCAP_MAGIC_NANO;
  if (!littleEndian && magicBE !== PCAP_MAGIC_MICRO && magicBE !== PCAP_MAGIC_NANO) return 'not a pcap file: unknown magic number';
  const magic = littleEndian ? magicLE : magicBE;
  const major = view.getUint16(offset + 4, littleEndian);
  if (major !== 2) return `pcap version ${major} is not supported (only 2.x)`;
  const nanosecond = magic === PCAP_MAGIC_NANO;
  return {
    littleEndian,
    nanosecond,
    iface: {
      // The upper bits of the link-type word carry FCS length flags (pcap-linktype(7)); the type is the low 16.
      linkType: view.getUint32(offset + 20, littleEndian) & 0xffff,
      snapLen: view.getUint32(offset + 16, littleEndian),
      ticksPerSecond: nanosecond ? 1e9 : 1e6,
      name: null,
    },
  };
}


/** The largest captured length a record of this file may have: past it the length is corrupt, not a packet. */
function recordLimit(header: PcapHeader): number {
  return Math.max(MAX_PCAP_RECORD_LENGTH, header.iface.snapLen);
}

/**
 * Reads the complete records from `offset` in `[.. end)` into `batch` until it is full, the bytes end or a record's
 * length is corrupt (pcapRecordProblem then says so); returns the offset of the first record not read.
 */
export function readPcapRecords(view: DataView, offset: number, end: number, header: PcapHeader, batch: RecordBatch): number {
  const le = header.littleEndian;
  const limit = recordLimit(header);
  const nanosecond = header.nanosecond;
  let at = offset;
  while (end - at >= PCAP_RECORD_HEADER_LENGTH && !batch.full) {
    const capturedLength = view.getUint32(at + 8, le);
    if (capturedLength > limit) break;
    const next = at + PCAP_RECORD_HEADER_LENGTH + capturedLength;
    if (next > end) break;
    const fraction = view.getUint32(at + 4, le);
    batch.add(0, view.getUint32(at, le), nanosecond ? fraction : fraction * 1000, at + PCAP_RECORD_HEADER_LENGTH, capturedLength, view.getUint32(at + 12, le));
    at = next;
  }
  return at;
}

/** Why the record header at `offset` (16 bytes present) is corrupt, or null. */
export function pcapRecordProblem(view: DataView, offset: number, header: PcapHeader): string | null {
  const capturedLength = view.getUint32(offset + 8, header.littleEndian);
  const limit = recordLimit(header);
  return capturedLength > limit ? `record length ${capturedLength} is larger than the maximum ${limit}: the file is corrupt` : null;
}
