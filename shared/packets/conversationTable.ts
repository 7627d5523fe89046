/**
 * Numbers conversations as Wireshark does — tcp.stream and udp.stream, separately, each from 0 in order of first
 * packet, either direction the same conversation, and a new TCP stream when a fresh SYN reuses a closed 4-tuple — and
 * keeps what relative sequence numbers and window scaling need: each direction's base and window shift.
 * The conversation keys are strings (a Map of numbers would need a 96-bit key); the last conversation is remembered so
 * that runs of packets of one conversation build none.
 */
import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from './headerScan.js';
import type { StreamDirection } from './types.js';

export interface TcpStreamState {
  number: number;
  /** The first packet's source: packets from it are direction 0. */
  firstSrcAddr: number;
  firstSrcPort: number;
  /** Relative numbering bases per direction (the ISN, or one before the first seq seen mid-stream). */
  base: [number | null, number | null];
  /** Window shift each side announced in its SYN; -1 without the option, null before its SYN was seen. */
  shift: [number | null, number | null];
  closed: boolean;
}

export interface UdpStreamState {
  number: number;
  firstSrcAddr: number;
  firstSrcPort: number;
}

/** An address id (IPv4 value, or an IPv6 table id offset past 2^32) and a port make an endpoint's key. */
function key(transport: number, aAddr: number, aPort: number, bAddr: number, bPort: number): string {
  const aFirst = aAddr < bAddr || (aAddr === bAddr && aPort <= bPort);
  return aFirst ? `${transport} ${aAddr} ${aPort} ${bAddr} ${bPort}` : `${transport} ${bAddr} ${bPort} ${aAddr} ${aPort}`;
}

export class ConversationTable {
  readonly tcp: TcpStreamState[] = [];
  readonly udp: UdpStreamState[] = [];
  private readonly byKey = new Map<string, TcpStreamState | UdpStreamState>();
  private lastKey = '';
  private last: TcpStreamState | UdpStreamState | null = null;
  private lastTransport = -1;
  private lastSrcAddr = -1;
  private lastSrcPort = -1;
  private lastDstAddr = -1;
  private lastDstPort = -1;

  /** find's answer, in fields rather than an object: it runs once a packet. */
  private foundKey = '';
  private found: TcpStreamState | UdpStreamState | undefined;

  private find(transport: number, srcAddr: number, srcPort: number, dstAddr: number, dstPort: number): void {
    // Consecutive packets are mostly of one conversation (either way round): skip building the key for those.
    if (
      this.last !== null &&
      this.lastTransport === transport &&
      ((this.lastSrcAddr === srcAddr && this.lastSrcPort === srcPort && this.lastDstAddr === dstAddr && this.lastDstPort === dstPort) ||
        (this.lastSrcAddr === dstAddr && this.lastSrcPort === dstPort && this.lastDstAddr === srcAddr && this.lastDstPort === srcPort))
    ) {
      this.foundKey = this.lastKey;
      this.found = this.last;
      return;
    }
    this.foundKey = key(transport, srcAddr, srcPort, dstAddr, dstPort);
    this.found = this.byKey.get(this.foundKey);
  }

  private remember(k: string, state: TcpStreamState | UdpStreamState, transport: number, srcAddr: number, srcPort: number, dstAddr: number, dstPort: number): void {
    this.lastKey = k;
    this.last = state;
    this.lastTransport = transport;
    this.lastSrcAddr = srcAddr;
    this.lastSrcPort = srcPort;
    this.lastDstAddr = dstAddr;
    this.lastDstPort = dstPort;
  }

  udpStream(srcAddr: number, srcPort: number, dstAddr: number, dstPort: number): number {
    this.find(17, srcAddr, srcPort, dstAddr, dstPort);
    let state = this.found;
    if (state === undefined) {
      state = { number: this.udp.length, firstSrcAddr: srcAddr, firstSrcPort: srcPort };
      this.udp.push(state);
      this.byKey.set(this.foundKey, state);
    }
    this.remember(this.foundKey, state, 17, srcAddr, srcPort, dstAddr, dstPort);
    return state.number;
  }

  /** The stream a TCP segment belongs to, updating its bases and shifts; returns the stream and the direction. */
  tcpSegment(srcAddr: number, srcPort: number, dstAddr: number, dstPort: number, flags: number, seq: number, ack: number, windowShift: number): TcpStreamState {
    this.find(6, srcAddr, srcPort, dstAddr, dstPort);
    let state = this.found as TcpStreamState | undefined;
    const isFreshSyn = (flags & (TCP_SYN | TCP_ACK)) === TCP_SYN;
    if (state !== undefined && isFreshSyn && state.closed) {
      const d = direction(state, srcAddr, srcPort);
      if (state.base[d] !== seq) state = undefined;
    }
    if (state === undefined) {
      state = { number: this.tcp.length, firstSrcAddr: srcAddr, firstSrcPort: srcPort, base: [null, null], shift: [null, null], closed: false };
      this.tcp.push(state);
      this.byKey.set(this.foundKey, state);
    }
    this.remember(this.foundKey, state, 6, srcAddr, srcPort, dstAddr, dstPort);
    const d = direction(state, srcAddr, srcPort);
    if (state.base[d] === null) state.base[d] = flags & TCP_SYN ? seq : (seq - 1) >>> 0;
    const r = d === 0 ? 1 : 0;
    if (flags & TCP_ACK && state.base[r] === null) state.base[r] = (ack - 1) >>> 0;
    if (flags & TCP_SYN && state.shift[d] === null) state.shift[d] = windowShift;
    if (flags & (TCP_FIN | TCP_RST)) state.closed = true;
    return state;
  }
}

export function direction(state: { firstSrcAddr: number; firstSrcPort: number }, srcAddr: number, srcPort: number): StreamDirection {
  return state.firstSrcAddr === srcAddr && state.firstSrcPort === srcPort ? 0 : 1;
}

/** Win= scaling for segments sent in direction `d`: only once both SYNs were seen and both offered the option. */
export function windowMultiplier(state: TcpStreamState, d: StreamDirection): number {
  const own = state.shift[d];
  const other = state.shift[d === 0 ? 1 : 0];
  if (own === null || other === null || own < 0 || other < 0) return 1;
  return 2 ** Math.min(own, 14);
}
