/**
 * The capture's packets as columns of typed arrays — 44 bytes a packet, so a million packets index in ~44 MB beside
 * their raw bytes — filled by the header scan with no per-packet object kept. Raw bytes go to a bounded store;
 * packets past `maxPackets` are counted, not kept. One packet's full decode, its stream's bytes and a display filter's
 * matches are all read from here.
 */
import { ipv4FromNumber, parseIpv6 } from './addressText.js';
import { ConversationTable } from './conversationTable.js';
import { decodePacket, type PacketContext } from './decodePacket.js';
import { ETHERTYPE_IPV4, ETHERTYPE_IPV6, HeaderScan, IPPROTO_TCP, IPPROTO_UDP, TCP_SYN, u16, u32, windowScaleOption } from './headerScan.js';
import { Ipv6Table } from './ipv6Table.js';
import { NOT_STORED, RawStore } from './rawStore.js';
import { BATCH_RECORDS, type RecordBatch } from './recordBatch.js';
import { StreamAssembler } from './streamAssembler.js';
import type { WritablePacket } from './captureWriter.js';
import { type CaptureInterface, type Conversation, type DecodedPacket, LinkType, type PacketRecord, type StreamBytes, type StreamDirection } from './types.js';

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
  private readonly ipv6 = new Ipv6Table();
  private readonly comments = new Map<number, string[]>();
  private readonly scan = new HeaderScan();
  /** appendBatch's scratch: the batch position of each row it appended. */
  private readonly batchSlot = new Uint32Array(BATCH_RECORDS);

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
    this.reserve(1);
    this.linkTypes[record.interfaceId] = linkType;
    if (!this.indexRow(i, record.data, 0, record.capturedLength, record.originalLength, linkType, null)) return -1;
    this.count++;
    this.seconds[i] = record.seconds;
    this.nanoseconds[i] = record.nanoseconds;
    this.interfaceId[i] = record.interfaceId;
    if (record.comments.length > 0) this.comments.set(i, record.comments);
    this.setRawOffset(i, this.raw.add(record.data));
    return i;
  }

  /**
   * Indexes a reader's batch in place — headers scanned where they lie in the chunk, each run of consecutive records'
   * bytes copied into the store at once — with no object per packet: the path a million packets a second take.
   * With `onlyPorts`, records with neither port in it are passed over (the caller counts them as batch.count minus
   * what this returns minus the growth of droppedPackets). Returns how many rows were appended.
   */
  appendBatch(batch: RecordBatch, interfaces: readonly CaptureInterface[], onlyPorts: ReadonlySet<number> | null = null): number {
    const first = this.count;
    const room = Math.min(batch.count, this.maxPackets - first);
    this.droppedPackets += batch.count - room;
    this.reserve(room);
    const { bytes, interfaceId, dataOffset, capturedLength, originalLength, seconds, nanoseconds } = batch;
    const hasComments = batch.comments.size > 0;
    const slots = this.batchSlot;
    // Records of one interface come in runs: its link type is looked up when the interface changes.
    let id = -1;
    let linkType = -1;
    let i = first;
    for (let k = 0; k < room; k++) {
      if (interfaceId[k] !== id) {
        id = interfaceId[k]!;
        linkType = interfaces[id]?.linkType ?? -1;
        this.linkTypes[id] = linkType;
      }
      if (!this.indexRow(i, bytes, dataOffset[k]!, capturedLength[k]!, originalLength[k]!, linkType, onlyPorts)) continue;
      this.seconds[i] = seconds[k]!;
      this.nanoseconds[i] = nanoseconds[k]!;
      this.interfaceId[i] = id;
      const notes = hasComments ? batch.comments.get(k) : undefined;
      if (notes !== undefined) this.comments.set(i, notes);
      slots[i - first] = k;
      i++;
    }
    this.count = i;
    this.storeRuns(batch, first, i);
    return i - first;
  }

  /** Copies the bytes of rows [first, end), appended from `batch`, in runs of records adjacent in the batch. */
  private storeRuns(batch: RecordBatch, first: number, end: number): void {
    const slots = this.batchSlot;
    let r = first;
    while (r < end) {
      const k0 = slots[r - first]!;
      const runStart = batch.dataOffset[k0]!;
      const room = this.raw.roomFor(batch.capturedLength[k0]!);
      let m = r + 1;
      let runEnd = runStart + batch.capturedLength[k0]!;
      while (m < end) {
        const k = slots[m - first]!;
        const recordEnd = batch.dataOffset[k]! + batch.capturedLength[k]!;
        if (k !== slots[m - 1 - first]! + 1 || recordEnd - runStart > room) break;
        runEnd = recordEnd;
        m++;
      }
      const base = this.raw.addRange(batch.bytes, runStart, runEnd, m - r);
      for (let row = r; row < m; row++) this.setRawOffset(row, base === NOT_STORED ? NOT_STORED : base + batch.dataOffset[slots[row - first]!]! - runStart);
      r = m;
    }
  }

  private setRawOffset(i: number, offset: number): void {
    this.rawOffset[i] = offset;
    if (offset === NOT_STORED) this.flags[i]! |= PacketFlag.BYTES_DROPPED;
  }

  /** Room for `more` rows past count, in steps of doubling. */
  private reserve(more: number): void {
    const need = this.count + more;
    if (need <= this.seconds.length) return;
    let capacity = this.seconds.length;
    while (capacity < need) capacity *= 2;
    this.resize(Math.min(this.maxPackets, capacity));
  }

  /**
   * Reads the frame in `bytes[start, start + capturedLength)` into row i's header columns (all but time, interface and
   * raw offset), numbering its stream. False, with nothing written, when `onlyPorts` leaves it out.
   * The common frame — a link header with no VLAN tag, IPv4 or IPv6 with no options to walk, not a fragment, then TCP
   * or UDP, every length consistent — is read here at computed offsets; anything else (or anything the scan would mark
   * malformed) is left to the HeaderScan, which the layer tree also starts from, so the two agree on every frame.
   */
  private indexRow(i: number, bytes: Uint8Array, start: number, capturedLength: number, originalLength: number, linkType: number, onlyPorts: ReadonlySet<number> | null): boolean {
    const end = start + capturedLength;
    let ip = -1;
    let etherType = -1;
    if (linkType === LinkType.ETHERNET) {
      if (capturedLength >= 14) {
        etherType = u16(bytes, start + 12);
        ip = start + 14;
      }
    } else if (linkType === LinkType.LINUX_SLL) {
      if (capturedLength >= 16) {
        etherType = u16(bytes, start + 14);
        ip = start + 16;
      }
    } else if (linkType === LinkType.LINUX_SLL2) {
      if (capturedLength >= 20) {
        etherType = u16(bytes, start);
        ip = start + 20;
      }
    } else if (linkType === LinkType.NULL) {
      // AF_INET is 2 in either byte order of the capturing host; other families go to the scan.
      if (capturedLength >= 4 && (u32(bytes, start) === 2 || u32(bytes, start) === 0x02000000)) {
        etherType = ETHERTYPE_IPV4;
        ip = start + 4;
      }
    } else if (linkType === LinkType.RAW || linkType === LinkType.IPV4 || linkType === LinkType.IPV6) {
      if (capturedLength >= 1) {
        etherType = bytes[start]! >> 4 === 4 ? ETHERTYPE_IPV4 : ETHERTYPE_IPV6;
        ip = start;
      }
    }
    let ipEnd = -1;
    let protocol = -1;
    let t = 0;
    if (etherType === ETHERTYPE_IPV4) {
      if (ip + 20 <= end && bytes[ip]! >> 4 === 4) {
        const headerLength = (bytes[ip]! & 0x0f) * 4;
        const totalLength = u16(bytes, ip + 2);
        if (headerLength >= 20 && totalLength >= headerLength && ip + headerLength <= end && (u16(bytes, ip + 6) & 0x3fff) === 0) {
          ipEnd = ip + totalLength;
          protocol = bytes[ip + 9]!;
          t = ip + headerLength;
        }
      }
    } else if (etherType === ETHERTYPE_IPV6) {
      if (ip + 40 <= end && bytes[ip]! >> 4 === 6) {
        ipEnd = ip + 40 + u16(bytes, ip + 4);
        protocol = bytes[ip + 6]!;
        t = ip + 40;
      }
    }
    // A datagram longer than the frame on the wire is malformed: the scan says how.
    if (ipEnd > start + Math.max(originalLength, capturedLength)) protocol = -1;
    if (protocol === IPPROTO_TCP) {
      if (t + 20 <= end) {
        const headerLength = (bytes[t + 12]! >> 4) * 4;
        if (headerLength >= 20 && t + headerLength <= ipEnd && t + headerLength <= end) {
          const srcPort = u16(bytes, t);
          const dstPort = u16(bytes, t + 2);
          if (onlyPorts !== null && !onlyPorts.has(srcPort) && !onlyPorts.has(dstPort)) return false;
          const tcpFlags = u16(bytes, t + 12) & 0x0fff;
          const windowShift = tcpFlags & TCP_SYN ? windowScaleOption(bytes, t + 20, t + headerLength) : -1;
          this.writeRow(i, bytes, ip, etherType, capturedLength, originalLength, PacketFlag.TCP, srcPort, dstPort, tcpFlags, ipEnd - t - headerLength);
          this.stream[i] = this.conversations.tcpSegment(this.addressKey(i, 'src'), srcPort, this.addressKey(i, 'dst'), dstPort, tcpFlags, u32(bytes, t + 4), u32(bytes, t + 8), windowShift);
          return true;
        }
      }
    } else if (protocol === IPPROTO_UDP) {
      if (t + 8 <= end) {
        const length = u16(bytes, t + 4);
        if (length >= 8 && t + length <= ipEnd) {
          const srcPort = u16(bytes, t);
          const dstPort = u16(bytes, t + 2);
          if (onlyPorts !== null && !onlyPorts.has(srcPort) && !onlyPorts.has(dstPort)) return false;
          this.writeRow(i, bytes, ip, etherType, capturedLength, originalLength, PacketFlag.UDP, srcPort, dstPort, 0, length - 8);
          this.stream[i] = this.conversations.udpStream(this.addressKey(i, 'src'), srcPort, this.addressKey(i, 'dst'), dstPort);
          return true;
        }
      }
    }
    return this.indexScanned(i, bytes, start, capturedLength, originalLength, linkType, onlyPorts);
  }

  /** indexRow for any frame, through the HeaderScan. */
  private indexScanned(i: number, bytes: Uint8Array, start: number, capturedLength: number, originalLength: number, linkType: number, onlyPorts: ReadonlySet<number> | null): boolean {
    const s = this.scan.scanAt(bytes, start, start + capturedLength, linkType, originalLength);
    if (onlyPorts !== null && !onlyPorts.has(s.srcPort) && !onlyPorts.has(s.dstPort)) return false;
    let flags = s.transport === IPPROTO_TCP ? PacketFlag.TCP : s.transport === IPPROTO_UDP ? PacketFlag.UDP : 0;
    if (s.malformed) flags |= PacketFlag.MALFORMED;
    if (s.fragment) flags |= PacketFlag.FRAGMENT;
    const etherType = s.ipVersion === 4 ? ETHERTYPE_IPV4 : s.ipVersion === 6 ? ETHERTYPE_IPV6 : -1;
    this.writeRow(i, bytes, s.ipOffset, etherType, capturedLength, originalLength, flags, s.srcPort, s.dstPort, s.tcpFlags, s.payloadLength);
    const src = this.addressKey(i, 'src');
    const dst = this.addressKey(i, 'dst');
    if (s.transport === IPPROTO_TCP) this.stream[i] = this.conversations.tcpSegment(src, s.srcPort, dst, s.dstPort, s.tcpFlags, s.seq, s.ack, s.windowShift);
    else if (s.transport === IPPROTO_UDP) this.stream[i] = this.conversations.udpStream(src, s.srcPort, dst, s.dstPort);
    else this.stream[i] = NO_STREAM;
    return true;
  }

  /** Row i's header columns but the stream; the addresses from the IP header at `ip` (IPv6 ones interned). */
  private writeRow(i: number, bytes: Uint8Array, ip: number, etherType: number, capturedLength: number, originalLength: number, flags: number, srcPort: number, dstPort: number, tcpFlags: number, payloadLength: number): void {
    this.capturedLength[i] = capturedLength;
    this.originalLength[i] = originalLength;
    if (etherType === ETHERTYPE_IPV4) {
      this.flags[i] = flags | PacketFlag.IPV4;
      this.srcAddr[i] = u32(bytes, ip + 12);
      this.dstAddr[i] = u32(bytes, ip + 16);
    } else if (etherType === ETHERTYPE_IPV6) {
      this.flags[i] = flags | PacketFlag.IPV6;
      this.srcAddr[i] = this.ipv6.intern(bytes, ip + 8);
      this.dstAddr[i] = this.ipv6.intern(bytes, ip + 24);
    } else {
      this.flags[i] = flags;
      this.srcAddr[i] = 0;
      this.dstAddr[i] = 0;
    }
    this.srcPort[i] = srcPort;
    this.dstPort[i] = dstPort;
    this.tcpFlags[i] = tcpFlags;
    this.payloadLength[i] = payloadLength;
  }

  /** Row i's address as the conversation table keys it: IPv6 ids past 2^32, so they never meet an IPv4 address. */
  private addressKey(i: number, which: 'src' | 'dst'): number {
    const value = (which === 'src' ? this.srcAddr : this.dstAddr)[i]!;
    return this.flags[i]! & PacketFlag.IPV6 ? value + IPV6_ID_BASE : value;
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

  /** The id an IPv6 address has in the address columns, or -1 when no packet carried it (or the text is no address). */
  ipv6Id(text: string): number {
    const bytes = parseIpv6(text);
    return bytes === null ? -1 : this.ipv6.find(bytes);
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
    return f & PacketFlag.IPV4 ? ipv4FromNumber(value) : f & PacketFlag.IPV6 ? this.ipv6.text(value) : '';
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
    const state = f & PacketFlag.TCP ? this.conversations.tcpState(this.stream[i]!) : null;
    if (state !== null) {
      const d = this.direction(i);
      context.tcp = { seqBase: state.base[d], ackBase: state.base[d === 0 ? 1 : 0], windowMultiplier: state.windowMultiplier[d] };
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
    return this.conversations.tcpDirection(this.stream[i]!, this.addressKey(i, 'src'), this.srcPort[i]!);
  }

  /**
   * One direction of TCP stream `stream`, reassembled from the stored packets when asked (at most `maxBytes`, the rest
   * counted); null for a stream that does not exist. Packets whose bytes the store dropped show as gaps.
   */
  streamBytes(stream: number, d: StreamDirection, maxBytes = 16 * 1024 * 1024): StreamBytes | null {
    if (!(stream >= 0 && stream < this.conversations.tcpStreams)) return null;
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
