import { z } from 'zod';
import { NoParams } from './common.js';
import { type EventSpec, method, type MethodSpec } from './define.js';
import { HttpExchange } from './http.js';
import { Capability } from './system.js';

/** What the lab keeps of what tcpdump sees on lo: the lab's own ports, or all loopback traffic (other local programs' too). */
export const CaptureScope = z.enum(['lab', 'all']);

/** The list pane's row, as Wireshark shows it. */
export const PacketRow = z
  .object({
    number: z.number().int().positive(),
    /** Seconds since the capture's first packet. */
    time: z.number(),
    source: z.string(),
    destination: z.string(),
    protocol: z.string(),
    length: z.number().int().nonnegative(),
    info: z.string(),
    /** tcp.stream / udp.stream, or null. */
    stream: z.number().int().nullable(),
    /** On a row whose protocol is HTTP: the TCP Info beneath it (ports, flags, seq, ack), which the flow diagram draws. */
    tcpInfo: z.string().optional(),
  })
  .meta({ id: 'PacketRow' });
export type PacketRow = z.infer<typeof PacketRow>;

export const CaptureStatus = z
  .object({
    /** The same object as system.info's capabilities.packetCapture: whether capture is possible here, or what to do. */
    capability: Capability,
    state: z.enum(['stopped', 'starting', 'capturing', 'paused', 'failed']),
    scope: CaptureScope,
    /** The kernel filter tcpdump runs with: it always excludes Loopscope's own traffic (browser mode's port). */
    kernelFilter: z.string(),
    packets: z.number().int().nonnegative(),
    /** Seen by tcpdump but not kept: outside the scope, or while paused. */
    skipped: z.number().int().nonnegative(),
    /** Dropped by the index's bounds (packets) or the raw store's (bytes), counted. */
    droppedByLab: z.number().int().nonnegative(),
    /** tcpdump's own counts (SIGUSR1 and at exit): what the kernel dropped before tcpdump read it. */
    tool: z.object({ captured: z.number().int(), received: z.number().int(), droppedByKernel: z.number().int() }).nullable(),
    error: z.string().nullable(),
    /** The file the packets were read from (capture.importPcap), or null for a live capture. */
    file: z.string().nullable(),
  })
  .meta({ id: 'CaptureStatus' });
export type CaptureStatus = z.infer<typeof CaptureStatus>;

/** A file's content moved in parts, each within one WebSocket frame. */
const FilePart = z.object({ part: z.number().int().nonnegative(), parts: z.number().int().positive(), base64: z.string() });
const PART_BYTES = 512 * 1024;
export const CAPTURE_PART_BYTES = PART_BYTES;

/** Where a capture file stops being readable: its byte offset and what is wrong there. */
export const CaptureProblem = z.object({ offset: z.number().int().nonnegative(), message: z.string() });

/** An HTTP exchange read from captured packets, in the HTTP lab's shape (its summary's recorder 'packets'). */
export const PacketHttpExchange = z
  .object({
    source: z.literal('packets'),
    /** tcp.stream, and the exchange's place on it (0 for its first request). */
    stream: z.number().int().nonnegative(),
    index: z.number().int().nonnegative(),
    /** The packet numbers that carried the request's and the response's bytes. */
    requestPackets: z.array(z.number().int().positive()),
    responsePackets: z.array(z.number().int().positive()),
    /** The same exchange in the HTTP lab's live log (its server's traffic captured), by 4-tuple and time; or null. */
    logExchangeId: z.string().nullable(),
    exchange: HttpExchange,
  })
  .meta({ id: 'PacketHttpExchange' });
export type PacketHttpExchange = z.infer<typeof PacketHttpExchange>;

/** Which HTTP exchange of a capture a packet carries part of. */
export const PacketHttpRef = z.object({ stream: z.number().int().nonnegative(), index: z.number().int().nonnegative() }).meta({ id: 'PacketHttpRef' });

export const captureMethods = {
  'capture.status': method({ doc: 'Whether loopback capture is possible here (or what to install or run), its state, counts and drops.', params: NoParams, result: CaptureStatus }),
  'capture.start': method({
    doc: "Start capturing lo with tcpdump; `scope` 'lab' keeps the lab's own ports, 'all' every loopback packet (other local programs' traffic too).",
    params: z.object({ scope: CaptureScope.default('lab') }).strict().default({ scope: 'lab' }),
    result: CaptureStatus,
  }),
  'capture.stop': method({ doc: 'Stop capturing; what was captured stays until cleared.', params: NoParams, result: CaptureStatus }),
  'capture.pause': method({ doc: 'Keep tcpdump running but keep no packets (counted as skipped) until resumed.', params: z.object({ paused: z.boolean() }).strict(), result: CaptureStatus }),
  'capture.clear': method({ doc: 'Forget the captured packets; numbering starts again at 1.', params: NoParams, result: CaptureStatus }),
  'capture.packets': method({
    doc: "A page of the packet list, after a display filter in Wireshark's syntax (tcp.port == 8080 && tcp.flags.syn == 1, udp, pid == N), applied by the lab.",
    params: z.object({ offset: z.number().int().nonnegative().default(0), limit: z.number().int().min(1).max(1000).default(200), filter: z.string().max(1000).default('') }).strict(),
    result: z.object({ total: z.number().int().nonnegative(), matched: z.number().int().nonnegative(), offset: z.number().int(), rows: z.array(PacketRow) }),
  }),
  'capture.packet': method({
    doc: "One packet decoded: its layer tree with every field's byte offset and length, checksums, malformed notes, and its bytes.",
    params: z.object({ number: z.number().int().positive() }).strict(),
    result: z.object({
      row: PacketRow,
      base64: z.string(),
      decoded: z.unknown(),
      link: z.object({ transport: z.enum(['tcp', 'udp']), srcAddr: z.string(), srcPort: z.number().int(), dstAddr: z.string(), dstPort: z.number().int() }).nullable(),
      /** The HTTP exchange this packet carries part of (capture.httpExchanges reads it), or null. */
      http: PacketHttpRef.nullable(),
    }),
  }),
  'capture.httpExchanges': method({
    doc: "HTTP exchanges found in the captured TCP streams, in the HTTP lab's shape: all (at most `limit`), one stream's, or the one the live log's exchange `logExchangeId` was seen in.",
    params: z
      .object({ stream: z.number().int().nonnegative().nullable().default(null), logExchangeId: z.string().min(1).max(64).nullable().default(null), limit: z.number().int().min(1).max(100).default(20) })
      .strict()
      .default({ stream: null, logExchangeId: null, limit: 20 }),
    result: z.object({
      exchanges: z.array(PacketHttpExchange),
      /** Streams with HTTP in the capture; more than listed when past `limit`. */
      streams: z.number().int().nonnegative(),
      /** Stream bytes past the per-direction bound, not read. */
      droppedBytes: z.number().int().nonnegative(),
    }),
  }),
  'capture.exportPcap': method({
    doc: 'The packets (after the filter) as a classic pcap file, in parts of 512 KiB.',
    params: z.object({ filter: z.string().max(1000).default(''), part: z.number().int().nonnegative().default(0) }).strict(),
    result: FilePart.extend({ packets: z.number().int().nonnegative(), skippedWithoutBytes: z.number().int().nonnegative() }),
  }),
  'capture.exportPcapng': method({
    doc: "The packets (after the filter) as pcapng, each with its owning pid and process name as a comment where known, in parts of 512 KiB.",
    params: z.object({ filter: z.string().max(1000).default(''), part: z.number().int().nonnegative().default(0) }).strict(),
    result: FilePart.extend({ packets: z.number().int().nonnegative(), skippedWithoutBytes: z.number().int().nonnegative() }),
  }),
  'capture.importPcap': method({
    // Each part is read as it arrives (memory: the index's bounds, whatever the size); a damaged file keeps the packets before the damage.
    doc: 'Open a pcap or pcapng file in place of the capture, in parts of at most 512 KiB in order from 0; `done`: send no more parts.',
    params: z.object({ name: z.string().min(1).max(255), part: z.number().int().nonnegative(), parts: z.number().int().positive(), base64: z.string().max(Math.ceil(PART_BYTES / 3) * 4) }).strict(),
    result: z.object({ done: z.boolean(), packets: z.number().int().nonnegative(), problem: CaptureProblem.nullable(), status: CaptureStatus }),
  }),
} as const satisfies Record<string, MethodSpec>;

export const captureEvents = {
  'capture.packets': {
    stream: 'packets',
    source: 'observed',
    doc: 'Packets tcpdump captured on lo since the last batch (at most ~10 batches a second): the count and the newest rows.',
    data: z.object({ total: z.number().int().nonnegative(), added: z.number().int().nonnegative(), rows: z.array(PacketRow).max(200) }),
  },
  'capture.stateChanged': {
    stream: 'packets',
    source: 'inferred',
    doc: "The capture started, paused, stopped or failed (tcpdump died; the reason and its own drop counts with it).",
    data: z.object({ status: CaptureStatus }),
  },
} as const satisfies Record<string, EventSpec>;
