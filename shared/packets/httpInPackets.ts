/**
 * HTTP/1.x found in a capture's TCP streams, as Wireshark's HTTP dissector finds it: each direction of a stream put
 * back in order (StreamAssembler), then read by the same decoder the HTTP lab uses (shared/http, which agrees with
 * llhttp), requests paired with the responses that answer them. A message belongs to the packet that carries its
 * last byte, as Wireshark shows a reassembled PDU in the frame that completes it.
 *
 * Streams are followed as packets arrive (one pass over the new ones), and each HTTP stream's analysis is made when
 * asked and kept until the stream gets more packets. Bounded: bytes per direction (the rest counted) and the bytes all
 * kept analyses hold (the oldest forgotten and made again when asked).
 */
import { type HttpMessage, parseHttpStream } from '../http/index.js';
import { HeaderScan, TCP_FIN, TCP_SYN } from './headerScan.js';
import { PacketFlag, type PacketIndex } from './packetIndex.js';
import { StreamAssembler } from './streamAssembler.js';
import type { StreamBytes, StreamDirection } from './types.js';

/** One HTTP message as the packets carried it. */
export interface PacketHttpMessage {
  message: HttpMessage;
  stream: number;
  direction: StreamDirection;
  /** The message's bytes from its first (at most `maxMessageBytes`), and how many it had in all. */
  raw: Uint8Array;
  totalBytes: number;
  /** The packets that carried its bytes, in stream order, each with where its part lies (stream and frame offsets). */
  segments: Array<{ packet: number; streamOffset: number; frameOffset: number; length: number }>;
  /** The packet with its last byte; null while the message is incomplete. */
  lastPacket: number | null;
}

export interface PacketHttpExchange {
  stream: number;
  /** 0 for the stream's first request, then one more per kept-alive or pipelined one. */
  index: number;
  request: PacketHttpMessage;
  response: PacketHttpMessage | null;
}

export interface StreamHttp {
  stream: number;
  /** Which way the requests went: the client's side. */
  requestDirection: StreamDirection;
  exchanges: PacketHttpExchange[];
  /** Bytes past the per-direction bound, not read. */
  droppedBytes: number;
  /** Where a direction's bytes have a hole (lost, or not stored): reading stopped there. */
  gaps: Array<{ direction: StreamDirection; offset: number }>;
}

export interface HttpInPacketsOptions {
  /** Bytes of each direction of a stream read. Default 4 MiB. */
  maxStreamBytes?: number;
  /** Bytes of one message kept (its head and the first body bytes). Default 16 KiB + 1 MiB. */
  maxMessageBytes?: number;
  /** Bytes all kept analyses may hold. Default 64 MiB. */
  maxKeptBytes?: number;
}

/** What a direction's first data says the stream is. */
type Look = 'unknown' | 'request' | 'response' | 'other';

interface FollowedStream {
  /** Packets with data, SYN or FIN, in capture order; emptied once the stream is known not to be HTTP. */
  packets: number[];
  looks: [Look, Look];
  /** Each direction's first data sequence number, once its SYN was seen: only that segment says what the stream is. */
  firstSeq: [number | null, number | null];
  fin: [boolean, boolean];
  /** Data segments of each direction looked at that did not decide. */
  tries: [number, number];
  analysis: StreamHttp | null;
  /** packets.length when the analysis was made. */
  analysedAt: number;
  keptBytes: number;
}

/** Data segments of a direction looked at before a stream whose data does not start as HTTP is called not HTTP. */
const MAX_TRIES = 4;

const REQUEST_START = /^[A-Z][A-Z_-]{1,23} [^ \r\n]/;
const RESPONSE_START = /^HTTP\/\d\.\d /;

function lookOf(data: Uint8Array): Look {
  const head = String.fromCharCode(...data.subarray(0, 32));
  if (RESPONSE_START.test(head)) return 'response';
  if (REQUEST_START.test(head)) return 'request';
  // A request line cut short by a tiny first segment is still undecided.
  return data.length < 8 && /^[A-Z]*$/.test(head) ? 'unknown' : 'other';
}

export class HttpInPackets {
  private index: PacketIndex | null = null;
  private seen = 0;
  private readonly streams = new Map<number, FollowedStream>();
  /** Streams whose analysis is kept, oldest first (a Map keeps insertion order). */
  private readonly kept = new Map<number, FollowedStream>();
  private keptBytes = 0;
  private readonly scan = new HeaderScan();
  private readonly maxStreamBytes: number;
  private readonly maxMessageBytes: number;
  private readonly maxKeptBytes: number;

  constructor(options: HttpInPacketsOptions = {}) {
    this.maxStreamBytes = options.maxStreamBytes ?? 4 * 1024 * 1024;
    this.maxMessageBytes = options.maxMessageBytes ?? 16 * 1024 + 1024 * 1024;
    this.maxKeptBytes = options.maxKeptBytes ?? 64 * 1024 * 1024;
  }

  /** The messages packet `i` completes (usually none or one; pipelining puts several in one). */
  messagesAt(index: PacketIndex, i: number): PacketHttpMessage[] {
    this.follow(index);
    if (i < 0 || i >= index.count || !(index.flags[i]! & PacketFlag.TCP) || index.payloadLength[i] === 0) return [];
    const analysis = this.stream(index, index.stream[i]!);
    if (analysis === null) return [];
    const found: PacketHttpMessage[] = [];
    for (const exchange of analysis.exchanges) {
      if (exchange.request.lastPacket === i) found.push(exchange.request);
      if (exchange.response?.lastPacket === i) found.push(exchange.response);
    }
    return found;
  }

  /** The exchange whose request or response packet `i` carries part of, or null. */
  exchangeOf(index: PacketIndex, i: number): PacketHttpExchange | null {
    if (i < 0 || i >= index.count || !(index.flags[i]! & PacketFlag.TCP)) return null;
    const carries = (message: PacketHttpMessage | null): boolean => message?.segments.some((segment) => segment.packet === i) ?? false;
    return this.stream(index, index.stream[i]!)?.exchanges.find((exchange) => carries(exchange.request) || carries(exchange.response)) ?? null;
  }

  /** The tcp.stream numbers in which HTTP was found so far, in order. */
  httpStreams(index: PacketIndex): number[] {
    this.follow(index);
    const found: number[] = [];
    for (const [stream, followed] of this.streams) if (followed.looks.includes('request')) found.push(stream);
    return found.sort((a, b) => a - b);
  }

  /** Stream `stream`'s HTTP, or null when it carries none (or does not exist). */
  stream(index: PacketIndex, stream: number): StreamHttp | null {
    this.follow(index);
    const followed = this.streams.get(stream);
    if (followed === undefined || !followed.looks.includes('request')) return null;
    if (followed.analysis === null || followed.analysedAt !== followed.packets.length) this.analyse(index, stream, followed);
    this.kept.delete(stream);
    this.kept.set(stream, followed);
    return followed.analysis;
  }

  /** Every packet since the last call, sorted into its stream: one pass over what is new. */
  private follow(index: PacketIndex): void {
    if (index !== this.index) {
      this.index = index;
      this.seen = 0;
      this.streams.clear();
      this.kept.clear();
      this.keptBytes = 0;
    }
    for (let i = this.seen; i < index.count; i++) {
      const flags = index.flags[i]!;
      if (!(flags & PacketFlag.TCP) || flags & PacketFlag.MALFORMED) continue;
      const tcpFlags = index.tcpFlags[i]!;
      const hasData = index.payloadLength[i]! > 0;
      if (!hasData && !(tcpFlags & (TCP_SYN | TCP_FIN))) continue;
      const id = index.stream[i]!;
      let followed = this.streams.get(id);
      if (followed === undefined) {
        followed = { packets: [], looks: ['unknown', 'unknown'], firstSeq: [null, null], fin: [false, false], tries: [0, 0], analysis: null, analysedAt: 0, keptBytes: 0 };
        this.streams.set(id, followed);
      }
      if (followed.looks.includes('other')) continue;
      const d = index.direction(i);
      if (tcpFlags & TCP_FIN) followed.fin[d] = true;
      if (tcpFlags & TCP_SYN && this.scanned(index, i)) followed.firstSeq[d] = (this.scan.seq + 1) >>> 0;
      if (hasData && followed.looks[d] === 'unknown') {
        const look = this.firstLook(index, i, followed.firstSeq[d]);
        // The first segment seen may be one that came early (or, without the SYN, is not the first): a few more decide.
        followed.looks[d] = look === 'request' || look === 'response' || ++followed.tries[d] >= MAX_TRIES ? (look === 'unknown' ? 'other' : look) : 'unknown';
      }
      if (followed.looks.includes('other')) followed.packets = [];
      else followed.packets.push(i);
    }
    this.seen = index.count;
  }

  /** Scans packet i's headers into this.scan; null when its bytes were not kept. */
  private scanned(index: PacketIndex, i: number): Uint8Array | null {
    const bytes = index.bytes(i);
    if (bytes !== null) this.scan.scan(bytes, index.linkType(i), index.originalLength[i]!);
    return bytes;
  }

  /** What a direction's data starts with; a segment from later in the stream (it came early) leaves it undecided. */
  private firstLook(index: PacketIndex, i: number, firstSeq: number | null): Look {
    const bytes = this.scanned(index, i);
    if (bytes === null || (firstSeq !== null && this.scan.seq !== firstSeq)) return 'unknown';
    return lookOf(bytes.subarray(this.scan.payloadOffset, Math.min(bytes.length, this.scan.ipEnd)));
  }

  private analyse(index: PacketIndex, stream: number, followed: FollowedStream): void {
    this.forget(followed);
    const requestDirection: StreamDirection = followed.looks[0] === 'request' ? 0 : 1;
    const responseDirection: StreamDirection = requestDirection === 0 ? 1 : 0;
    const up = this.assemble(index, followed.packets, requestDirection);
    const down = this.assemble(index, followed.packets, responseDirection);
    const gaps: StreamHttp['gaps'] = [];
    const requests = this.read(up, stream, 'request', followed.fin[requestDirection], [], gaps);
    const methods = requests.map((found) => found.message.method ?? 'GET');
    const responses = this.read(down, stream, 'response', followed.fin[responseDirection], methods, gaps);
    const exchanges = requests.map((request, k): PacketHttpExchange => ({ stream, index: k, request, response: responses[k] ?? null }));
    followed.analysis = { stream, requestDirection, exchanges, droppedBytes: up.bytes.droppedBytes + down.bytes.droppedBytes, gaps };
    followed.analysedAt = followed.packets.length;
    followed.keptBytes = exchanges.reduce((sum, e) => sum + e.request.raw.length + (e.response?.raw.length ?? 0), 0);
    this.keptBytes += followed.keptBytes;
    for (const [id, old] of this.kept) {
      if (this.keptBytes <= this.maxKeptBytes) break;
      if (id === stream) continue;
      this.forget(old);
      this.kept.delete(id);
    }
  }

  private forget(followed: FollowedStream): void {
    this.keptBytes -= followed.keptBytes;
    followed.keptBytes = 0;
    followed.analysis = null;
  }

  /**
   * One direction in sequence order, with each packet's payload start in its frame and the seq of stream byte 0: the
   * SYN's seq + 1, or without a SYN (the capture began mid-stream) the lowest seq seen, so a segment that came early is
   * not taken for the start and the ones before it for retransmissions.
   */
  private assemble(index: PacketIndex, packets: readonly number[], d: StreamDirection): { bytes: StreamBytes; payloadAt: Map<number, { frameOffset: number; seq: number }>; firstSeq: number | null } {
    const segments: Array<{ packet: number; seq: number; syn: boolean; data: Uint8Array }> = [];
    const payloadAt = new Map<number, { frameOffset: number; seq: number }>();
    let synSeq: number | null = null;
    for (const i of packets) {
      if (index.direction(i) !== d) continue;
      const bytes = this.scanned(index, i);
      if (bytes === null) continue;
      const s = this.scan;
      const syn = (s.tcpFlags & TCP_SYN) !== 0;
      if (syn) synSeq ??= (s.seq + 1) >>> 0;
      const end = Math.max(s.payloadOffset, Math.min(bytes.length, s.ipEnd));
      payloadAt.set(i, { frameOffset: s.payloadOffset, seq: syn ? (s.seq + 1) >>> 0 : s.seq });
      segments.push({ packet: i, seq: s.seq, syn, data: bytes.subarray(s.payloadOffset, end) });
    }
    let firstSeq = synSeq;
    if (firstSeq === null) {
      const base = segments.find((segment) => segment.data.length > 0)?.seq;
      let lowest = 0;
      for (const segment of segments) if (base !== undefined && segment.data.length > 0) lowest = Math.min(lowest, (segment.seq - base) | 0);
      firstSeq = base === undefined ? null : (base + lowest) >>> 0;
    }
    const assembler = new StreamAssembler({ remaining: this.maxStreamBytes });
    // The start told once, before any segment: a SYN that came late or twice must not move it.
    if (firstSeq !== null) assembler.add(-1, (firstSeq - 1) >>> 0, true, new Uint8Array(0));
    for (const segment of segments) assembler.add(segment.packet, segment.syn ? (segment.seq + 1) >>> 0 : segment.seq, false, segment.data);
    return { bytes: assembler.read(0, d), payloadAt, firstSeq };
  }

  /** The messages of one direction, read up to its first gap (past a hole the bytes are not the stream's). */
  private read(
    assembled: ReturnType<HttpInPackets['assemble']>,
    stream: number,
    kind: 'request' | 'response',
    ended: boolean,
    requestMethods: readonly string[],
    gaps: StreamHttp['gaps'],
  ): PacketHttpMessage[] {
    const { bytes: whole, payloadAt, firstSeq } = assembled;
    const gap = whole.gaps[0];
    if (gap !== undefined) gaps.push({ direction: whole.direction, offset: gap.offset });
    const readable = gap === undefined ? whole.bytes : whole.bytes.subarray(0, gap.offset);
    if (readable.length === 0 || firstSeq === null) return [];
    const parsed = parseHttpStream(readable, { kind, requestMethods, ended: ended && gap === undefined && whole.droppedBytes === 0 });
    const found: PacketHttpMessage[] = [];
    for (const message of parsed.messages) {
      if (message.error !== null && message.error.offset === message.startOffset) break;
      const end = message.endOffset ?? readable.length;
      const segments: PacketHttpMessage['segments'] = [];
      let lastPacket: number | null = null;
      for (const segment of whole.segments) {
        const from = Math.max(segment.offset, message.startOffset);
        const to = Math.min(segment.offset + segment.length, end);
        if (from >= to) continue;
        const at = payloadAt.get(segment.packet)!;
        // Before the first gap, stream offset o is sequence number firstSeq + o.
        const frameOffset = at.frameOffset + ((firstSeq + from - at.seq) >>> 0);
        segments.push({ packet: segment.packet, streamOffset: from, frameOffset, length: to - from });
        if (message.endOffset !== null && to === end) lastPacket = segment.packet;
      }
      const totalBytes = end - message.startOffset;
      const raw = readable.slice(message.startOffset, message.startOffset + Math.min(totalBytes, this.maxMessageBytes));
      found.push({ message, stream, direction: whole.direction, raw, totalBytes, segments, lastPacket: message.complete ? lastPacket : null });
    }
    return found;
  }
}
