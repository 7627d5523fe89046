/**
 * Classic pcap (https://www.tcpdump.org/manpages/pcap-savefile.5.html): a 24-byte file header whose magic gives the byte
 * order and the timestamp unit, then 16-byte record headers each followed by the captured bytes.
 */
import type { CaptureInterface, PacketRecord } from './types.js';

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

export type RecordResult = PacketRecord | 'need-more' | string;

/** Records without comments share this (frozen) list rather than each allocating one. */
export const NO_COMMENTS: string[] = Object.freeze([]) as unknown as string[];

/**
 * The record at `offset` in `bytes[.. end)` (the next starts PCAP_RECORD_HEADER_LENGTH + capturedLength later);
 * 'need-more' when it is not all there yet; a message when corrupt.
 */
export function parsePcapRecord(bytes: Uint8Array, view: DataView, offset: number, end: number, header: PcapHeader): RecordResult {
  if (end - offset < PCAP_RECORD_HEADER_LENGTH) return 'need-more';
  const le = header.littleEndian;
  const capturedLength = view.getUint32(offset + 8, le);
  const limit = Math.max(MAX_PCAP_RECORD_LENGTH, header.iface.snapLen);
  if (capturedLength > limit) return `record length ${capturedLength} is larger than the maximum ${limit}: the file is corrupt`;
  const next = offset + PCAP_RECORD_HEADER_LENGTH + capturedLength;
  if (next > end) return 'need-more';
  const fraction = view.getUint32(offset + 4, le);
  const dataStart = offset + PCAP_RECORD_HEADER_LENGTH;
  return {
    interfaceId: 0,
    seconds: view.getUint32(offset, le),
    nanoseconds: header.nanosecond ? fraction : fraction * 1000,
    capturedLength,
    originalLength: view.getUint32(offset + 12, le),
    data: bytes.subarray(dataStart, next),
    comments: NO_COMMENTS,
  };
}
