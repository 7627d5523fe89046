/**
 * Writes captures tshark and Wireshark open as they are: classic pcap (nanosecond, little-endian) in the packets' own
 * link type or as Ethernet, and pcapng with a comment per packet (opt_comment: "pid 1234 node") and a Decryption
 * Secrets Block of TLS key log lines, which Wireshark uses to decrypt with no setup.
 */
import { HeaderScan } from './headerScan.js';
import { PCAP_MAGIC_NANO } from './pcapFormat.js';
import { BLOCK_DSB, BLOCK_EPB, BLOCK_IDB, BLOCK_SHB, BYTE_ORDER_MAGIC, OPT_COMMENT, OPT_IF_TSRESOL, SECRETS_TLS_KEY_LOG } from './pcapngFormat.js';
import { LinkType } from './types.js';

export interface WritablePacket {
  seconds: number;
  nanoseconds: number;
  originalLength: number;
  data: Uint8Array;
  linkType: number;
  comments: string[];
}

export interface WriteResult {
  bytes: Uint8Array;
  /** Packets left out: not convertible to Ethernet (their link header names no protocol). */
  skipped: number;
}

const SNAPLEN = 262_144;
const encoder = new TextEncoder();

/** Growable little-endian byte sink. */
class Sink {
  private buffer = new Uint8Array(64 * 1024);
  private view = new DataView(this.buffer.buffer);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    const bigger = new Uint8Array(Math.max(this.buffer.length * 2, this.length + n));
    bigger.set(this.buffer.subarray(0, this.length));
    this.buffer = bigger;
    this.view = new DataView(bigger.buffer);
  }
  u16(v: number): void {
    this.room(2);
    this.view.setUint16(this.length, v, true);
    this.length += 2;
  }
  u32(v: number): void {
    this.room(4);
    this.view.setUint32(this.length, v >>> 0, true);
    this.length += 4;
  }
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buffer.set(b, this.length);
    this.length += b.length;
  }
  pad4(): void {
    while (this.length % 4 !== 0) this.bytes(new Uint8Array(1));
  }
  patch32(at: number, v: number): void {
    this.view.setUint32(at, v, true);
  }
  result(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

const scan = new HeaderScan();

/** The frame as Ethernet II: its IP datagram behind zero MACs (the source MAC kept where a cooked header had one). */
function asEthernet(packet: WritablePacket): { data: Uint8Array; originalLength: number } | null {
  if (packet.linkType === LinkType.ETHERNET) return packet;
  const s = scan.scan(packet.data, packet.linkType, packet.originalLength);
  if (s.etherType < 0) return null;
  const data = new Uint8Array(14 + packet.data.length - s.linkLength);
  if (packet.linkType === LinkType.LINUX_SLL && packet.data.length >= 14 && packet.data[5] === 6) data.set(packet.data.subarray(6, 12), 6);
  if (packet.linkType === LinkType.LINUX_SLL2 && packet.data.length >= 18 && packet.data[11] === 6) data.set(packet.data.subarray(12, 18), 6);
  data[12] = s.etherType >> 8;
  data[13] = s.etherType & 0xff;
  data.set(packet.data.subarray(s.linkLength), 14);
  return { data, originalLength: packet.originalLength - s.linkLength + 14 };
}

/**
 * Classic pcap. `linkType: 'source'` keeps the packets' own link type (they must share one); 'ethernet' rewrites
 * cooked, loopback and raw-IP frames as Ethernet, which every tool reads.
 */
export function writePcap(packets: readonly WritablePacket[], linkType: 'source' | 'ethernet'): WriteResult {
  const types = new Set(packets.map((p) => p.linkType));
  if (linkType === 'source' && types.size > 1) throw new RangeError(`pcap holds one link type and these packets have ${types.size} (${[...types].join(', ')}): write them as Ethernet or as pcapng`);
  const fileType = linkType === 'ethernet' ? LinkType.ETHERNET : (packets[0]?.linkType ?? LinkType.ETHERNET);
  const sink = new Sink();
  sink.u32(PCAP_MAGIC_NANO);
  sink.u16(2);
  sink.u16(4);
  sink.u32(0);
  sink.u32(0);
  sink.u32(SNAPLEN);
  sink.u32(fileType);
  let skipped = 0;
  for (const packet of packets) {
    const frame = linkType === 'ethernet' ? asEthernet(packet) : packet;
    if (frame === null) {
      skipped++;
      continue;
    }
    sink.u32(packet.seconds);
    sink.u32(packet.nanoseconds);
    sink.u32(frame.data.length);
    sink.u32(frame.originalLength);
    sink.bytes(frame.data);
  }
  return { bytes: sink.result(), skipped };
}

/** Starts a block; returns where, for `endBlock` to write its length at both ends. */
function startBlock(sink: Sink, type: number): number {
  const start = sink.length;
  sink.u32(type);
  sink.u32(0);
  return start;
}

function endBlock(sink: Sink, start: number): void {
  sink.pad4();
  const length = sink.length - start + 4;
  sink.u32(length);
  sink.patch32(start + 4, length);
}

function option(sink: Sink, code: number, value: Uint8Array): void {
  sink.u16(code);
  sink.u16(value.length);
  sink.bytes(value);
  sink.pad4();
}

export interface PcapngOptions {
  /** TLS key log text (NSS format: `CLIENT_RANDOM …` lines), written as a Decryption Secrets Block before the packets. */
  tlsKeyLog?: string;
}

/** pcapng: one interface per link type, nanosecond timestamps, each packet's comments as opt_comment. */
export function writePcapng(packets: readonly WritablePacket[], options: PcapngOptions = {}): WriteResult {
  const sink = new Sink();
  const shb = startBlock(sink, BLOCK_SHB);
  sink.u32(BYTE_ORDER_MAGIC);
  sink.u16(1);
  sink.u16(0);
  sink.u32(0xffffffff); // section length: not given
  sink.u32(0xffffffff);
  option(sink, 4, encoder.encode('Loopscope')); // shb_userappl
  sink.u32(0); // opt_endofopt
  endBlock(sink, shb);
  const interfaceOf = new Map<number, number>();
  for (const type of new Set(packets.map((p) => p.linkType))) {
    interfaceOf.set(type, interfaceOf.size);
    const idb = startBlock(sink, BLOCK_IDB);
    sink.u16(type);
    sink.u16(0);
    sink.u32(SNAPLEN);
    option(sink, OPT_IF_TSRESOL, Uint8Array.of(9));
    sink.u32(0);
    endBlock(sink, idb);
  }
  if (options.tlsKeyLog !== undefined && options.tlsKeyLog.length > 0) {
    const secrets = encoder.encode(options.tlsKeyLog);
    const dsb = startBlock(sink, BLOCK_DSB);
    sink.u32(SECRETS_TLS_KEY_LOG);
    sink.u32(secrets.length);
    sink.bytes(secrets);
    endBlock(sink, dsb);
  }
  for (const packet of packets) {
    const epb = startBlock(sink, BLOCK_EPB);
    const ticks = BigInt(packet.seconds) * 1_000_000_000n + BigInt(packet.nanoseconds);
    sink.u32(interfaceOf.get(packet.linkType)!);
    sink.u32(Number(ticks >> 32n));
    sink.u32(Number(ticks & 0xffffffffn));
    sink.u32(packet.data.length);
    sink.u32(packet.originalLength);
    sink.bytes(packet.data);
    sink.pad4();
    for (const comment of packet.comments) option(sink, OPT_COMMENT, encoder.encode(comment));
    if (packet.comments.length > 0) sink.u32(0);
    endBlock(sink, epb);
  }
  return { bytes: sink.result(), skipped: 0 };
}
