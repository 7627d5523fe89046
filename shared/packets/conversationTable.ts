/**
 * Numbers conversations as Wireshark does — tcp.stream and udp.stream, separately, each from 0 in order of first
 * packet, either direction the same conversation, and a new TCP stream when a fresh SYN reuses a closed 4-tuple — and
 * keeps what relative sequence numbers and window scaling need: each direction's base and window shift.
 * It runs once a packet, so it allocates nothing a packet: the 4-tuples are the keys of an open-addressing hash table of
 * typed arrays, and each stream's state is a row of typed-array columns.
 */
import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from './headerScan.js';
import type { StreamDirection } from './types.js';

/** A stream's base before a packet gave one, and a window shift before that side's SYN was seen. */
const NO_BASE = -1;
const NO_SHIFT = -2;
const EMPTY_SLOT = -1;
const TCP = 0;
const UDP = 1;

/** Mixes a canonical 4-tuple; addresses past 2^32 (IPv6 ids) hash by their low 32 bits (equality compares them whole). */
function tupleHash(addrA: number, addrB: number, ports: number, transport: number): number {
  const h = Math.imul((addrA % 4294967296) ^ Math.imul(addrB % 4294967296, 0x9e3779b1), 0x85ebca6b) ^ Math.imul(ports ^ transport, 0xc2b2ae35);
  return h ^ (h >>> 15);
}

/** Grows a column by doubling, keeping its rows. */
function grown<T extends Float64Array | Int32Array | Int8Array | Uint8Array>(array: T, capacity: number): T {
  const next = new (array.constructor as new (n: number) => T)(capacity);
  next.set(array);
  return next;
}

/** Row columns of one kind of stream (TCP or UDP): who sent first, and for TCP the numbering state. */
class StreamColumns {
  count = 0;
  /** The first packet's source (an address key: IPv4 value or an IPv6 id past 2^32) and port: direction 0. */
  firstSrcAddr = new Float64Array(256);
  firstSrcPort = new Int32Array(256);
  /** Relative numbering bases per direction (the ISN, or one before the first seq seen mid-stream), or NO_BASE. */
  base0 = new Float64Array(256);
  base1 = new Float64Array(256);
  /** Window shift each side announced in its SYN; -1 without the option, NO_SHIFT before its SYN was seen. */
  shift0 = new Int8Array(256);
  shift1 = new Int8Array(256);
  closed = new Uint8Array(256);

  add(srcAddr: number, srcPort: number): number {
    const s = this.count++;
    if (s === this.firstSrcAddr.length) {
      const capacity = s * 2;
      this.firstSrcAddr = grown(this.firstSrcAddr, capacity);
      this.firstSrcPort = grown(this.firstSrcPort, capacity);
      this.base0 = grown(this.base0, capacity);
      this.base1 = grown(this.base1, capacity);
      this.shift0 = grown(this.shift0, capacity);
      this.shift1 = grown(this.shift1, capacity);
      this.closed = grown(this.closed, capacity);
    }
    this.firstSrcAddr[s] = srcAddr;
    this.firstSrcPort[s] = srcPort;
    this.base0[s] = NO_BASE;
    this.base1[s] = NO_BASE;
    this.shift0[s] = NO_SHIFT;
    this.shift1[s] = NO_SHIFT;
    return s;
  }

  direction(s: number, srcAddr: number, srcPort: number): StreamDirection {
    return this.firstSrcAddr[s] === srcAddr && this.firstSrcPort[s] === srcPort ? 0 : 1;
  }
}

/** One TCP stream's numbering, for a packet's decode (made when asked, never on the indexing path). */
export interface TcpStreamState {
  /** Relative numbering bases per direction, null before a packet gave one. */
  base: [number | null, number | null];
  /** Win= multiplier per direction: 2^shift once both SYNs offered window scaling, else 1. */
  windowMultiplier: [number, number];
}

export class ConversationTable {
  private readonly tcp = new StreamColumns();
  private readonly udp = new StreamColumns();
  /** Open addressing, linear probing: each slot holds an entry number or EMPTY_SLOT; kept under half full. */
  private slots = new Int32Array(1024).fill(EMPTY_SLOT);
  /** Per entry: the 4-tuple in canonical order (lower endpoint first), its transport and its latest stream. */
  private keyAddrA = new Float64Array(512);
  private keyAddrB = new Float64Array(512);
  private keyPorts = new Int32Array(512);
  private keyTransport = new Int8Array(512);
  private entryStream = new Int32Array(512);
  private entries = 0;
  /**
   * The last lookup's entry per transport: consecutive packets are mostly of one conversation, either way round, and a
   * datagram between two segments of a connection (DNS beside HTTP) leaves the connection's entry in place.
   */
  private readonly lastEntry = new Int32Array([-1, -1]);

  get tcpStreams(): number {
    return this.tcp.count;
  }

  get udpStreams(): number {
    return this.udp.count;
  }

  udpStream(srcAddr: number, srcPort: number, dstAddr: number, dstPort: number): number {
    const entry = this.entry(UDP, srcAddr, srcPort, dstAddr, dstPort);
    if (this.entryStream[entry]! < 0) this.entryStream[entry] = this.udp.add(srcAddr, srcPort);
    return this.entryStream[entry]!;
  }

  /** The stream a TCP segment belongs to, updating its bases, shifts and whether it closed. */
  tcpSegment(srcAddr: number, srcPort: number, dstAddr: number, dstPort: number, flags: number, seq: number, ack: number, windowShift: number): number {
    const t = this.tcp;
    const entry = this.entry(TCP, srcAddr, srcPort, dstAddr, dstPort);
    let s = this.entryStream[entry]!;
    if (s >= 0 && (flags & (TCP_SYN | TCP_ACK)) === TCP_SYN && t.closed[s] === 1) {
      const base = t.direction(s, srcAddr, srcPort) === 0 ? t.base0[s] : t.base1[s];
      if (base !== seq) s = -1;
    }
    if (s < 0) {
      s = t.add(srcAddr, srcPort);
      this.entryStream[entry] = s;
    }
    const d = t.direction(s, srcAddr, srcPort);
    const own = d === 0 ? t.base0 : t.base1;
    const other = d === 0 ? t.base1 : t.base0;
    if (own[s] === NO_BASE) own[s] = flags & TCP_SYN ? seq : (seq - 1) >>> 0;
    if (flags & TCP_ACK && other[s] === NO_BASE) other[s] = (ack - 1) >>> 0;
    const shift = d === 0 ? t.shift0 : t.shift1;
    if (flags & TCP_SYN && shift[s] === NO_SHIFT) shift[s] = windowShift;
    if (flags & (TCP_FIN | TCP_RST)) t.closed[s] = 1;
    return s;
  }

  /** Which way a packet from srcAddr:srcPort goes in TCP stream s: 0 from its first sender, 1 back. */
  tcpDirection(s: number, srcAddr: number, srcPort: number): StreamDirection {
    return s >= 0 && s < this.tcp.count ? this.tcp.direction(s, srcAddr, srcPort) : 0;
  }

  /** TCP stream s's numbering, or null for a stream that does not exist. */
  tcpState(s: number): TcpStreamState | null {
    const t = this.tcp;
    if (!(s >= 0 && s < t.count)) return null;
    const base = (value: number): number | null => (value === NO_BASE ? null : value);
    const shift0 = t.shift0[s]!;
    const shift1 = t.shift1[s]!;
    // Win= scaling only once both SYNs were seen and both offered the option; each side's own shift scales its window.
    const scaled = shift0 >= 0 && shift1 >= 0;
    return { base: [base(t.base0[s]!), base(t.base1[s]!)], windowMultiplier: scaled ? [2 ** Math.min(shift0, 14), 2 ** Math.min(shift1, 14)] : [1, 1] };
  }

  /** The entry of this 4-tuple and transport (made, with no stream yet, when new). */
  private entry(transport: number, srcAddr: number, srcPort: number, dstAddr: number, dstPort: number): number {
    const aFirst = srcAddr < dstAddr || (srcAddr === dstAddr && srcPort <= dstPort);
    const addrA = aFirst ? srcAddr : dstAddr;
    const addrB = aFirst ? dstAddr : srcAddr;
    const ports = (aFirst ? (srcPort << 16) | dstPort : (dstPort << 16) | srcPort) | 0;
    const last = this.lastEntry[transport]!;
    if (last >= 0 && this.keyPorts[last] === ports && this.keyAddrA[last] === addrA && this.keyAddrB[last] === addrB) return last;
    const mask = this.slots.length - 1;
    for (let slot = tupleHash(addrA, addrB, ports, transport) & mask; ; slot = (slot + 1) & mask) {
      const e = this.slots[slot]!;
      if (e === EMPTY_SLOT) return (this.lastEntry[transport] = this.insert(slot, transport, addrA, addrB, ports));
      if (this.keyPorts[e] === ports && this.keyAddrA[e] === addrA && this.keyAddrB[e] === addrB && this.keyTransport[e] === transport) return (this.lastEntry[transport] = e);
    }
  }

  private insert(slot: number, transport: number, addrA: number, addrB: number, ports: number): number {
    const e = this.entries++;
    if (e === this.keyPorts.length) {
      const capacity = e * 2;
      this.keyAddrA = grown(this.keyAddrA, capacity);
      this.keyAddrB = grown(this.keyAddrB, capacity);
      this.keyPorts = grown(this.keyPorts, capacity);
      this.keyTransport = grown(this.keyTransport, capacity);
      this.entryStream = grown(this.entryStream, capacity);
    }
    this.keyAddrA[e] = addrA;
    this.keyAddrB[e] = addrB;
    this.keyPorts[e] = ports;
    this.keyTransport[e] = transport;
    this.entryStream[e] = -1;
    this.slots[slot] = e;
    if (this.entries * 2 > this.slots.length) this.rehash();
    return e;
  }

  /** Doubles the slots and places every entry again. */
  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(EMPTY_SLOT);
    const mask = slots.length - 1;
    for (let e = 0; e < this.entries; e++) {
      let slot = tupleHash(this.keyAddrA[e]!, this.keyAddrB[e]!, this.keyPorts[e]!, this.keyTransport[e]!) & mask;
      while (slots[slot] !== EMPTY_SLOT) slot = (slot + 1) & mask;
      slots[slot] = e;
    }
    this.slots = slots;
  }
}
