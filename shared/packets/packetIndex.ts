/**
 * The capture's packets as columns of typed arrays — 44 bytes a packet, so a million packets index in ~44 MB beside
 * their raw bytes — filled by the header scan with no per-packet object kept. Raw bytes go to a bounded store;
 * packets past `maxPackets` are counted, not kept. One packet's full decode, its stream's bytes and a display filter's
 * matches are all read from here.
 */
import { ipv4FromNumber, ipv6Text } from './addressText.js';
import { ConversationTable, direction, windowMultiplier } from './conversationTable.js';
import { decodePacket, type PacketContext } from './decodePacket.js';
import { HeaderScan, IPPROTO_TCP, IPPROTO_UDP, TCP_SYN } from './headerScan.js';
import { NOT_STORED, RawStore } from './rawStore.js';
import { StreamAssembler } from './streamAssembler.js';
import type { WritablePacket } from './captureWriter.js';
import type { Conversation, DecodedPacket, PacketRecord, StreamBytes, StreamDirection } from './types.js';

/** Bits of the `flags` column. */
export const PacketFlag = {
  IPV4: 1,
  IPV6: 2,
  TCP: 4,
  UDP: 8,
  MALFORMED: 16,
  FRAGMENT: 32,
  /** The raw store was full: the packet is indexed but its bytes are gone. */
  BYTES_DROPPED: 64,
} as const;

export interface PacketIndexOptions {
  /** Packets kept in the index; later ones are counted in droppedPackets. Default 2,000,000. */
  maxPackets?: number;
  /** Rows allocated at once, when the count is known (an imported file): saves the copies of doubling. Default 1,024. */
  initialCapacity?: number;
  /** Bytes of captured frames kept. Default 512 MiB. */
  maxRawBytes?: number;
}

/** IPv6 addresses are interned; their ids start here so they never equal an IPv4 address (a 32-bit value). */
export const IPV6_ID_BASE = 2 ** 32;
const NO_STREAM = -1;

function grow<T extends Float64Array | Uint32Array | Uint16Array | Uint8Array | Int32Array>(array: T, capacity: number): T {
  const resized = new (array.constructor as new (n: number) => T)(capacity);
  resized.set(array.subarray(0, Math.min(array.length, capacity)));
  return resized;
}

export class PacketIndex {
  count = 0;
  /** Packets not indexed because maxPackets was reached. */
  droppedPackets = 0;
  readonly maxPackets: number;
  seconds = new Uint32Array(1024);
  nanoseconds = new Uint32Array(1024);
  capturedLength = new Uint32Array(1024);
  originalLength = new Uint32Array(1024);
  rawOffset = new Uint32Array(1024);
  interfaceId = new Uint8Array(1024);
  flags = new Uint8Array(1024);
  tcpFlags = new Uint16Array(1024);
  srcPort = new Uint16Array(1024);
  dstPort = new Uint16Array(1024);
  /** IPv4 address values; IPv6 ids from IPV6_ID_BASE are stored minus that base with the IPV6 flag telling which. */
  srcAddr = new Uint32Array(1024);
  dstAddr = new Uint32Array(1024);
  /** tcp.stream for TCP packets, udp.stream for UDP ones, -1 otherwise. */
  stream = new Int32Array(1024);
  /** tcp.len / UDP payload bytes. */
  payloadLength = new Uint32Array(1024);
  readonly raw: RawStore;
  readonly conversations: ConversationTable;
  /** pcap link type per interface id, as packets name them. */
  private readonly linkTypes: number[] = [];
  readonly ipv6Addresses: string[] = [];
  private readonly ipv6Ids = new Map<string, number>();
  private readonly comments = new Map<number, string[]>();
  private readonly scan = new HeaderScan();

  constructor(options: PacketIndexOptions = {}) {
    this.maxPackets = options.maxPackets ?? 2_000_000;
    const capacity = Math.max(1, Math.min(this.maxPackets, options.initialCapacity ?? 1024));
    if (capacity !== this.seconds.length) this.resize(capacity);
    this.raw = new RawStore(options.maxRawBytes ?? 512 * 1024 * 1024);
    this.conversations = new ConversationTable();
  }

  /** Bytes of index per packet: the sum of every column's element size. */
  static readonly BYTES_PER_PACKET = 4 + 4 + 4 + 4 + 4 + 1 + 1 + 2 + 2 + 2 + 4 + 4 + 4 + 4;

  /** Bytes the columns hold now, at their current capacity. */
  get columnBytes(): number {
    return PacketIndex.BYTES_PER_PACKET * this.seconds.length;
  }

  /** Indexes one record of a capture whose interface has the given link type. Returns its 0-based index, or -1. */
  append(record: PacketRecord, linkType: number): number {
    if (this.count >= this.maxPackets) {
      this.droppedPackets++;
      return -1;
    }
    const i = this.count;
    if (i === this.seconds.length) this.resize(Math.min(this.maxPackets, i * 2));
    this.count++;
    this.linkTypes[record.interfaceId] = linkType;
    this.seconds[i] = record.seconds;
    this.nanoseconds[i] = record.nanoseconds;
    this.capturedLength[i] = record.capturedLength;
    this.originalLength[i] = record.originalLength;
    this.interfaceId[i] = record.interfaceId;
    const offset = this.raw.add(record.data);
    this.rawOffset[i] = offset;
    if (record.comments.length > 0) this.comments.set(i, record.comments);
    const s = this.scan.scan(record.data, linkType, record.originalLength);
    let flags = offset === NOT_STORED ? PacketFlag.BYTES_DROPPED : 0;
    if (s.malformed) flags |= PacketFlag.MALFORMED;
    if (s.fragment) flags |= PacketFlag.FRAGMENT;
    let src = 0;
    let dst = 0;
    if (s.ipVersion === 4) {
      flags |= PacketFlag.IPV4;
      const d = record.data;
      const a = s.ipOffset + 12;
      src = ((d[a]! << 24) | (d[a + 1]! << 16) | (d[a + 2]! << 8) | d[a + 3]!) >>> 0;
      dst = ((d[a + 4]! << 24) | (d[a + 5]! << 16) | (d[a + 6]! << 8) | d[a + 7]!) >>> 0;
    } else if (s.ipVersion === 6) {
      flags |= PacketFlag.IPV6;
      src = this.internIpv6(ipv6Text(record.data, s.ipOffset + 8));
      dst = this.internIpv6(ipv6Text(record.data, s.ipOffset + 24));
    }
    this.srcAddr[i] = src;
    this.dstAddr[i] = dst;
    this.srcPort[i] = s.srcPort;
    this.dstPort[i] = s.dstPort;
    this.tcpFlags[i] = s.tcpFlags;
    this.payloadLength[i] = s.payloadLength;
    // IPv6 ids get a high bit in the conversation key so they never meet an IPv4 address.
    const keySrc = s.ipVersion === 6 ? src + IPV6_ID_BASE : src;
    const keyDst = s.ipVersion === 6 ? dst + IPV6_ID_BASE : dst;
    if (s.transport === IPPROTO_TCP) {
      flags |= PacketFlag.TCP;
      this.stream[i] = this.conversations.tcpSegment(keySrc, s.srcPort, keyDst, s.dstPort, s.tcpFlags, s.seq, s.ack, s.windowShift).number;
    } else if (s.transport === IPPROTO_UDP) {
      flags |= PacketFlag.UDP;
      this.stream[i] = this.conversations.udpStream(keySrc, s.srcPort, keyDst, s.dstPort);
    } else this.stream[i] = NO_STREAM;
    this.flags[i] = flags;
    return i;
  }

  private resize(capacity: number): void {
    this.seconds = grow(this.seconds, capacity);
    this.nanoseconds = grow(this.nanoseconds, capacity);
    this.capturedLength = grow(this.capturedLength, capacity);
    this.originalLength = grow(this.originalLength, capacity);
    this.rawOffset = grow(this.rawOffset, capacity);
    this.interfaceId = grow(this.interfaceId, capacity);
    this.flags = grow(this.flags, capacity);
    this.tcpFlags = grow(this.tcpFlags, capacity);
    this.srcPort = grow(this.srcPort, capacity);
    this.dstPort = grow(this.dstPort, capacity);
    this.srcAddr = grow(this.srcAddr, capacity);
    this.dstAddr = grow(this.dstAddr, capacity);
    this.stream = grow(this.stream, capacity);
    this.payloadLength = grow(this.payloadLength, capacity);
  }

  private internIpv6(text: string): number {
    let id = this.ipv6Ids.get(text);
    if (id === undefined) {
      id = this.ipv6Addresses.length;
      this.ipv6Addresses.push(text);
      this.ipv6Ids.set(text, id);
    }
    return id;
  }

  /** The id an IPv6 address has in the address columns, or -1 when no packet carried it. */
  ipv6Id(text: string): number {
    return this.ipv6Ids.get(text) ?? -1;
  }

  linkType(i: number): number {
    return this.linkTypes[this.interfaceId[i]!] ?? -1;
  }

  bytes(i: number): Uint8Array | null {
    if (i < 0 || i >= this.count) return null;
    return this.raw.get(this.rawOffset[i]!, this.capturedLength[i]!);
  }

  /** Seconds since the first packet, as Wireshark's Time column. */
  relativeTime(i: number): number {
    return this.seconds[i]! - this.seconds[0]! + (this.nanoseconds[i]! - this.nanoseconds[0]!) / 1e9;
  }

  addressText(i: number, which: 'src' | 'dst'): string {
    const value = (which === 'src' ? this.srcAddr : this.dstAddr)[i]!;
    const f = this.flags[i]!;
    return f & PacketFlag.IPV4 ? ipv4FromNumber(value) : f & PacketFlag.IPV6 ? (this.ipv6Addresses[value] ?? '') : '';
  }

  conversation(i: number): Conversation | null {
    const f = this.flags[i]!;
    if (!(f & (PacketFlag.TCP | PacketFlag.UDP))) return null;
    return { transport: f & PacketFlag.TCP ? 'tcp' : 'udp', srcAddr: this.addressText(i, 'src'), srcPort: this.srcPort[i]!, dstAddr: this.addressText(i, 'dst'), dstPort: this.dstPort[i]! };
  }

  /** Packet i's place in the capture: number, time, stream and TCP numbering, for decodePacket. */
  context(i: number): PacketContext {
    const f = this.flags[i]!;
    const context: PacketContext = { number: i + 1, relativeTime: this.relativeTime(i), stream: this.stream[i]! >= 0 ? this.stream[i]! : null, tcp: { seqBase: null, ackBase: null, windowMultiplier: 1 }, comments: this.comments.get(i) ?? [] };
    const state = f & PacketFlag.TCP ? this.conversations.tcp[this.stream[i]!] : undefined;
    if (state !== undefined) {
      const d = this.direction(i);
      context.tcp = { seqBase: state.base[d], ackBase: state.base[d === 0 ? 1 : 0], windowMultiplier: windowMultiplier(state, d) };
    }
    return context;
  }

  /** Packet i's layer tree, or null when its bytes were not kept. */
  decode(i: number): DecodedPacket | null {
    const bytes = this.bytes(i);
    if (bytes === null) return null;
    return decodePacket(bytes, this.linkType(i), this.originalLength[i]!, this.context(i));
  }

  /** Packet i as the writers take it, or null when its bytes were not kept. */
  writable(i: number): WritablePacket | null {
    const data = this.bytes(i);
    if (data === null) return null;
    return { seconds: this.seconds[i]!, nanoseconds: this.nanoseconds[i]!, originalLength: this.originalLength[i]!, data, linkType: this.linkType(i), comments: this.comments.get(i) ?? [] };
  }

  /** Which way TCP packet i goes in its stream: 0 from the stream's first sender, 1 back. */
  direction(i: number): StreamDirection {
    const state = this.conversations.tcp[this.stream[i]!];
    if (state === undefined) return 0;
    const srcKey = this.flags[i]! & PacketFlag.IPV6 ? this.srcAddr[i]! + IPV6_ID_BASE : this.srcAddr[i]!;
    return direction(state, srcKey, this.srcPort[i]!);
  }

  /**
   * One direction of TCP stream `stream`, reassembled from the stored packets when asked (at most `maxBytes`, the rest
   * counted); null for a stream that does not exist. Packets whose bytes the store dropped show as gaps.
   */
  streamBytes(stream: number, d: StreamDirection, maxBytes = 16 * 1024 * 1024): StreamBytes | null {
    if (this.conversations.tcp[stream] === undefined) return null;
    const assembler = new StreamAssembler({ remaining: maxBytes });
    for (let i = 0; i < this.count; i++) {
      if (this.stream[i] !== stream || !(this.flags[i]! & PacketFlag.TCP) || this.flags[i]! & PacketFlag.MALFORMED || this.direction(i) !== d) continue;
      const bytes = this.bytes(i);
      if (bytes === null) continue;
      const s = this.scan.scan(bytes, this.linkType(i), this.originalLength[i]!);
      const end = Math.min(bytes.length, s.ipEnd);
      assembler.add(i, s.seq, (s.tcpFlags & TCP_SYN) !== 0, bytes.subarray(s.payloadOffset, Math.max(s.payloadOffset, end)));
    }
    return assembler.read(stream, d);
  }
}
