import { HttpInPackets, type PacketHttpExchange as FoundExchange, type PacketHttpMessage } from '../../../shared/packets/httpInPackets.js';
import { httpLayer, httpInfo } from '../../../shared/packets/httpLayer.js';
import type { DecodedPacket, PacketIndex } from '../../../shared/packets/index.js';
import type { PacketHttpExchange, PacketRow } from '../../../shared/schemas/capture.js';
import type { HttpConnectionInfo, HttpExchangeSummary } from '../../../shared/schemas/http.js';
import { viewExchange } from '../http/exchangeView.js';
import { DEFAULT_HTTP_LIMITS } from '../http/httpLimits.js';
import type { LoggedExchange } from '../http/loggedExchange.js';
import type { CapturedMessage } from '../http/server/messageCapture.js';

/** A log exchange and a packet exchange are the same one when they share the 4-tuple and began this close together. */
const SAME_EXCHANGE_MS = 2000;
const NOT_KNOWN = 'read from packets: the capture does not say which process held this end (its socket link does)';

interface Tuple {
  client: { address: string; port: number };
  server: { address: string; port: number };
}

export interface PacketExchangesOptions {
  index: () => PacketIndex;
  /** The HTTP lab's live log, to link an exchange its server logged to the packets that carried it. */
  logged: () => readonly LoggedExchange[];
}

/**
 * The capture's HTTP for the lab: the list's Protocol and Info and the layer tree for packets that complete a
 * message, and the exchanges in the HTTP lab's shape (`recorder: 'packets'`) linked to the live log by 4-tuple and time.
 */
export class PacketExchanges {
  private readonly found = new HttpInPackets();

  constructor(private readonly options: PacketExchangesOptions) {}

  /** A row of a packet that completes HTTP messages says HTTP, with Wireshark's Info. */
  labelRow(i: number, row: PacketRow): PacketRow {
    const messages = this.found.messagesAt(this.options.index(), i);
    if (messages.length === 0) return row;
    return { ...row, protocol: 'HTTP', info: messages.map((found) => httpInfo(found.message)).join(' , '), tcpInfo: row.info };
  }

  /** The decoded packet with its HTTP layer in place of the Data layer that held the same bytes. */
  withLayer(i: number, decoded: DecodedPacket | null): DecodedPacket | null {
    if (decoded === null) return null;
    const layer = httpLayer(this.found.messagesAt(this.options.index(), i), i);
    if (layer === null) return decoded;
    return { ...decoded, layers: [...decoded.layers.filter((l) => l.protocol !== 'data'), layer] };
  }

  /** The exchange packet i carries part of. */
  refOf(i: number): { stream: number; index: number } | null {
    const exchange = this.found.exchangeOf(this.options.index(), i);
    return exchange && { stream: exchange.stream, index: exchange.index };
  }

  async list(params: { stream: number | null; logExchangeId: string | null; limit: number }): Promise<{ exchanges: PacketHttpExchange[]; streams: number; droppedBytes: number }> {
    const index = this.options.index();
    const streams = this.found.httpStreams(index);
    let wanted = params.stream === null ? streams : streams.filter((s) => s === params.stream);
    const logged = params.logExchangeId === null ? null : (this.options.logged().find((e) => e.summary.exchangeId === params.logExchangeId) ?? null);
    if (params.logExchangeId !== null) wanted = logged === null ? [] : wanted.filter((s) => sameTuple(this.tupleOf(s), logged.connection.tuple));
    const chosen: Array<{ found: FoundExchange; tuple: Tuple }> = [];
    let droppedBytes = 0;
    for (const stream of wanted) {
      const analysis = this.found.stream(index, stream);
      const tuple = this.tupleOf(stream);
      if (analysis === null || tuple === null) continue;
      droppedBytes += analysis.droppedBytes;
      for (const found of analysis.exchanges) if (chosen.length < params.limit || logged !== null) chosen.push({ found, tuple });
    }
    if (logged !== null) {
      // The log's exchange is the packets' one on its connection that began nearest it in time.
      const match = nearest(chosen, (c) => this.startOf(c.found.request), logged.summary.startedAt);
      chosen.splice(0, chosen.length, ...(match ? [match] : []));
    }
    const exchanges = await Promise.all(chosen.map(({ found, tuple }) => this.toContract(found, tuple)));
    return { exchanges, streams: streams.length, droppedBytes };
  }

  private async toContract(found: FoundExchange, tuple: Tuple): Promise<PacketHttpExchange> {
    const record = this.record(found, tuple);
    // The server's own record first: the composer's, of the same bytes from the other end, only when there is no other.
    const sameConnection = this.options.logged().filter((e) => sameTuple(tuple, e.connection.tuple));
    const byServer = sameConnection.filter((e) => e.summary.recorder === 'server');
    const logged = nearest(byServer.length > 0 ? byServer : sameConnection, (e) => e.summary.startedAt, record.summary.startedAt);
    return {
      source: 'packets',
      stream: found.stream,
      index: found.index,
      requestPackets: packetsOf(found.request),
      responsePackets: found.response ? packetsOf(found.response) : [],
      logExchangeId: logged?.summary.exchangeId ?? null,
      exchange: await viewExchange(record, DEFAULT_HTTP_LIMITS.maxLoggedBodyBytes),
    };
  }

  /** The exchange as the HTTP log would hold it, so the HTTP view's own reading (viewExchange) shows it. */
  private record(found: FoundExchange, tuple: Tuple): LoggedExchange {
    const { request, response } = found;
    const startedAt = this.startOf(request);
    const last = response?.lastPacket ?? null;
    const connectionId = `tcp.stream ${found.stream}`;
    const connection: HttpConnectionInfo = {
      connectionId,
      tuple: { localAddress: tuple.server.address, localPort: tuple.server.port, remoteAddress: tuple.client.address, remotePort: tuple.client.port },
      server: { pid: null, reason: NOT_KNOWN },
      client: { pid: null, reason: NOT_KNOWN },
      acceptedAt: startedAt,
      closedAt: null,
      exchanges: this.found.stream(this.options.index(), found.stream)?.exchanges.length ?? 1,
      tls: null,
    };
    const header = (name: string): string | null => response?.message.headers.find((h) => h.name.toLowerCase() === name)?.value ?? null;
    const error = response?.message.error ?? request.message.error;
    const summary: HttpExchangeSummary = {
      exchangeId: `packets-${found.stream}-${found.index}`,
      seq: (request.segments[0]?.packet ?? 0) + 1,
      connectionId,
      indexOnConnection: found.index,
      recorder: 'packets',
      fromComposer: false,
      scheme: 'http',
      startedAt,
      method: request.message.method,
      target: request.message.url,
      host: request.message.headers.find((h) => h.name.toLowerCase() === 'host')?.value ?? null,
      status: response?.message.statusCode ?? null,
      statusText: response?.message.statusText ?? null,
      contentType: header('content-type'),
      requestBytes: request.totalBytes,
      responseBytes: response?.totalBytes ?? 0,
      durationMs: last === null ? null : Math.max(0, this.timeOf(last) - startedAt),
      route: null,
      error: error ? { code: error.code, reason: error.reason, offset: error.offset } : null,
    };
    return {
      summary,
      request: captured(request),
      response: response ? captured(response) : null,
      steps: [],
      connection,
      explanation: `Read from captured packets (tcp.stream == ${found.stream}): the bytes as they crossed loopback, put back in order from the TCP segments that carried them.`,
      cost: 0,
    };
  }

  /** The stream's ends: the client is where the requests came from. */
  private tupleOf(stream: number): Tuple | null {
    const index = this.options.index();
    const analysis = this.found.stream(index, stream);
    const first = analysis?.exchanges[0]?.request.segments[0]?.packet;
    const conversation = first === undefined ? null : index.conversation(first);
    if (conversation === null) return null;
    return { client: { address: conversation.srcAddr, port: conversation.srcPort }, server: { address: conversation.dstAddr, port: conversation.dstPort } };
  }

  private timeOf(i: number): number {
    const index = this.options.index();
    return index.seconds[i]! * 1000 + index.nanoseconds[i]! / 1e6;
  }

  private startOf(message: PacketHttpMessage): number {
    const first = message.segments[0]?.packet;
    return first === undefined ? 0 : this.timeOf(first);
  }
}

const packetsOf = (message: PacketHttpMessage): number[] => [...new Set(message.segments.map((s) => s.packet + 1))];

const captured = (message: PacketHttpMessage): CapturedMessage => ({ raw: Buffer.from(message.raw), totalBytes: message.totalBytes, streamOffset: message.message.startOffset });

/** The candidate whose time is nearest `at`, within SAME_EXCHANGE_MS, or null. */
function nearest<T>(candidates: readonly T[], timeOf: (candidate: T) => number, at: number): T | null {
  let best: T | null = null;
  let distance = SAME_EXCHANGE_MS;
  for (const candidate of candidates) {
    const d = Math.abs(timeOf(candidate) - at);
    if (d <= distance) [best, distance] = [candidate, d];
  }
  return best;
}

/** A log's tuple is the server's view: local the server, remote the client. */
function sameTuple(tuple: Tuple | null, logged: HttpConnectionInfo['tuple']): boolean {
  if (tuple === null || logged === null) return false;
  const address = (a: string): string => a.replace(/^::ffff:/, '');
  return (
    address(logged.localAddress) === tuple.server.address && logged.localPort === tuple.server.port && address(logged.remoteAddress) === tuple.client.address && logged.remotePort === tuple.client.port
  );
}
