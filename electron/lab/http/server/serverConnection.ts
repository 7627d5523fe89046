import type { Duplex } from 'node:stream';
import { HttpMessageParser, type HttpMessage, type HttpParseError } from '../../../../shared/http/index.js';
import type { HttpConnectionInfo, HttpExchangeSummary, HttpLimits, HttpStep, HttpTimelineStep } from '../../../../shared/schemas/http.js';
import { now } from '../../clock.js';
import { costOf, type LoggedExchange } from '../loggedExchange.js';
import { clientPeer } from '../peerProcess.js';
import { StreamRedactor } from '../redact.js';
import type { RouteResponse } from '../routes/routeTypes.js';
import { Answer, type AnswerTarget } from './answer.js';
import { Deadline } from './deadline.js';
import { type CapturedMessage, MessageCapture } from './messageCapture.js';
import { ResponseWriter } from './responseWriter.js';

/** What a connection needs from the server around it. */
export interface ConnectionContext {
  scheme: 'http' | 'https';
  limits(): HttpLimits;
  /** A fresh exchange id (its seq comes when it is logged). */
  nextExchange(): string;
  step(connectionId: string, exchangeId: string | null, step: HttpStep, detail: string, at: number): void;
  /** Calls the route for a parsed request; answers 404/405/500 itself. Returns the route's id and lesson. */
  dispatch(request: ParsedRequest, response: RouteResponse): Promise<{ route: string | null; explanation: string | null }>;
  record(exchange: LoggedExchange): void;
  /** Whether the client's port is one of the lab composer's own sockets. */
  fromComposer(remotePort: number): boolean;
  serverHeaders(): ReadonlyArray<[string, string]>;
}

export interface ParsedRequest {
  exchangeId: string;
  message: HttpMessage;
  body: Buffer;
  raw: CapturedMessage;
}

/** The exchange being received: ids and the steps so far. */
interface Incoming {
  exchangeId: string;
  startedAt: number;
  steps: HttpTimelineStep[];
  headersAt: number | null;
}

/** A request the server refuses before any route runs: a parse error, a limit, a timeout. */
interface Refusal {
  status: number;
  code: string;
  reason: string;
  /** From the start of the message's raw bytes. */
  offset: number | null;
}

type Queued = { incoming: Incoming; request: ParsedRequest; refusal: null } | { incoming: Incoming; request: null; refusal: Refusal; raw: CapturedMessage };

/**
 * The words of the routine steps, one string each for every exchange: the specifics (method, target, status, sizes)
 * are in the exchange's summary, and a log of 100,000 exchanges would otherwise hold 800,000 sentences.
 */
const ROUTINE = {
  read: "the request's first bytes arrived",
  parsed: 'the decoder read the request line, the headers and the body',
  routed: 'the server called the application (the route)',
  headers: 'the application set the status and the headers',
  body: 'the application produced its last body byte',
  written: "the kernel took the response's last byte",
  'kept-alive': 'the connection stays open for the next request',
} as const satisfies Partial<Record<HttpStep, string>>;

/** Pipelined requests waiting beyond this many: the socket is paused until the server catches up. */
const MAX_QUEUED = 32;

/**
 * One accepted connection, walked through the pipeline the syllabus teaches: bytes read → request parsed (by the
 * decoder, from the raw bytes) → route called → status and headers set → body produced → bytes written → kept alive or
 * closed. Requests are answered one at a time in order, so pipelined requests on one connection get their responses in
 * the order they came. Every step is an event with its time and a row on the exchange's timeline.
 */
export class ServerConnection implements AnswerTarget<Incoming> {
  private readonly parser: HttpMessageParser;
  private readonly capture: MessageCapture;
  private readonly redactor = new StreamRedactor();
  private readonly queue: Queued[] = [];
  private incoming: Incoming | null = null;
  private bodyParts: Buffer[] = [];
  private bodyBytes = 0;
  private chunkAt = 0;
  /** No more requests are read: a refusal is queued, or the server is stopping. */
  private refusing = false;
  private busy = false;
  private peerEnded = false;
  /** The socket has closed. */
  gone = false;
  /** The response being written, settled at once if the socket closes under it. */
  private answering: Answer<Incoming> | null = null;
  private lastExchange: LoggedExchange | null = null;
  /** Since when the connection waits for a request with nothing in hand: the kept-alive idle timeout counts from it. */
  private idleSince = now();
  private readonly deadline = new Deadline(() => this.checkDeadline());
  private markClosed = (): void => {};
  /** Settles when the socket has closed and the connection's last exchange is logged. */
  readonly closed = new Promise<void>((resolve) => (this.markClosed = resolve));

  constructor(
    private readonly socket: Duplex,
    readonly info: HttpConnectionInfo,
    private readonly context: ConnectionContext,
    /** The connection's own steps (accepted, TLS), shown on its first exchange's timeline. */
    private readonly openingSteps: HttpTimelineStep[],
  ) {
    const limits = context.limits();
    this.capture = new MessageCapture(() => this.captureCap());
    this.parser = new HttpMessageParser(
      { kind: 'request', maxHeaderBytes: limits.maxHeaderBytes, maxBodyBytes: limits.maxLoggedBodyBytes },
      {
        onHeaders: (message) => this.onHeaders(message),
        onBody: (_message, bytes) => this.onBody(bytes),
        onMessage: (message) => this.onMessage(message),
        onError: (error) => this.onParseError(error),
      },
    );
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('end', () => this.onPeerEnd());
    socket.on('close', () => this.onClose());
    socket.on('error', () => {}); // 'close' follows; a reset client is logged there
    this.armDeadline();
  }

  /** The server is stopping: finish what is in hand, read nothing more. */
  shutdown(): void {
    this.refusing = true;
    if (!this.busy && this.queue.length === 0) this.socket.destroy();
  }

  private captureCap(): number {
    const limits = this.context.limits();
    const headerBytes = this.parser.current?.headerBytes ?? null;
    return headerBytes === null ? limits.maxHeaderBytes + 2 : headerBytes + limits.maxLoggedBodyBytes;
  }

  private onData(chunk: Buffer): void {
    if (this.refusing) return;
    this.chunkAt = now();
    // Masked before anything reads it, so no route, log entry, TRACE echo, step or HAR ever holds the secret.
    this.redactor.push(chunk);
    this.capture.feed(chunk);
    this.begin();
    this.parser.push(chunk);
    this.capture.commit();
    if (!this.capture.holding && this.parser.current === null) {
      this.incoming = null;
      this.idleSince = this.chunkAt;
    }
    this.armDeadline(); // after the parse: mid-request silence and silence between requests have their own timeouts
    if (this.queue.length >= MAX_QUEUED) this.socket.pause();
  }

  /** A request's first byte has arrived: it gets its id and its `read` step. */
  private begin(): Incoming {
    if (this.incoming) return this.incoming;
    const exchangeId = this.context.nextExchange();
    const at = this.chunkAt;
    this.incoming = { exchangeId, startedAt: at, steps: [], headersAt: null };
    this.stepOf(this.incoming, 'read', ROUTINE.read, at);
    return this.incoming;
  }

  private onHeaders(message: HttpMessage): void {
    const incoming = this.begin();
    incoming.headersAt = now();
    const limit = this.context.limits().maxRequestBodyBytes;
    if (message.contentLength !== null && message.contentLength > limit) {
      this.refuse({ status: 413, code: 'BODY_TOO_LARGE', reason: `Content-Length ${message.contentLength} is over the server's limit of ${limit} bytes`, offset: null });
    }
  }

  private onBody(bytes: Uint8Array): void {
    if (this.refusing) return;
    const limit = this.context.limits().maxRequestBodyBytes;
    this.bodyBytes += bytes.length;
    if (this.bodyBytes > limit) {
      this.refuse({ status: 413, code: 'BODY_TOO_LARGE', reason: `the chunked body passed the server's limit of ${limit} bytes`, offset: null });
      return;
    }
    this.bodyParts.push(Buffer.from(bytes));
  }

  private onMessage(message: HttpMessage): void {
    if (this.refusing) return;
    const incoming = this.begin();
    const raw = this.capture.take(message.endOffset ?? this.capture.offset);
    const body = Buffer.concat(this.bodyParts, this.bodyBytes);
    this.bodyParts = [];
    this.bodyBytes = 0;
    this.incoming = null;
    this.stepOf(incoming, 'parsed', ROUTINE.parsed);
    this.queue.push({ incoming, request: { exchangeId: incoming.exchangeId, message, body, raw }, refusal: null });
    // After Connection: close nothing more is read; what follows a CONNECT or an Upgrade is not HTTP/1.x.
    if (!message.keepAlive || message.upgrade) this.refusing = true;
    void this.pump();
  }

  private onParseError(error: HttpParseError): void {
    if (this.refusing) return;
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    this.refuse({ status, code: error.code, reason: error.reason, offset: error.offset }, true);
  }

  /** Stops reading and queues the refusal, answered after the requests before it, then the connection closes. */
  private refuse(refusal: Refusal, parseError = false): void {
    if (this.refusing) return;
    this.refusing = true;
    const incoming = this.begin();
    const raw = this.capture.takeAll();
    const offset = parseError && refusal.offset !== null ? Math.max(0, refusal.offset - raw.streamOffset) : refusal.offset;
    const at = now();
    this.stepOf(incoming, parseError ? 'parsed' : 'error', `${refusal.code}${offset === null ? '' : ` at byte ${offset}`}: ${refusal.reason}`, at);
    this.incoming = null;
    this.queue.push({ incoming, request: null, refusal: { ...refusal, offset }, raw });
    void this.pump();
  }

  /**
   * The deadline the connection has now: the headers' and the silence's while a request is arriving, the kept-alive
   * idle one while it waits for the next; none while it answers with nothing arriving, or once it reads no more.
   */
  private nextDeadline(): { at: number; phase: 'headers' | 'idle' | 'kept-alive' } | null {
    if (this.gone || this.refusing) return null;
    const limits = this.context.limits();
    if (this.incoming || this.capture.holding) {
      const idle = this.chunkAt + limits.requestIdleTimeoutMs;
      const headers = this.incoming && this.incoming.headersAt === null ? this.incoming.startedAt + limits.headersTimeoutMs : Infinity;
      return headers <= idle ? { at: headers, phase: 'headers' } : { at: idle, phase: 'idle' };
    }
    if (this.busy || this.queue.length > 0) return null; // the pump arms the kept-alive deadline when it is done
    return { at: this.idleSince + limits.keepAliveTimeoutMs, phase: 'kept-alive' };
  }

  private armDeadline(): void {
    const next = this.nextDeadline();
    if (next) this.deadline.by(next.at);
  }

  /** The timer fired: the deadline may have moved since it was armed (bytes came, a request ended), so look again. */
  private checkDeadline(): void {
    const next = this.nextDeadline();
    if (!next) return;
    if (now() < next.at) return this.deadline.by(next.at);
    const limits = this.context.limits();
    if (next.phase === 'kept-alive') {
      this.closeStep(`idle for ${limits.keepAliveTimeoutMs} ms between requests: the server closes the kept-alive connection`);
      this.socket.end();
      return;
    }
    const reason =
      next.phase === 'headers'
        ? `the headers did not end within ${limits.headersTimeoutMs} ms of the request's first byte`
        : `the client sent nothing for ${limits.requestIdleTimeoutMs} ms in the middle of a request`;
    this.refuse({ status: 408, code: 'TIMEOUT', reason, offset: null });
  }

  private onPeerEnd(): void {
    this.peerEnded = true;
    // A request never ends by a close (RFC 9112 §6.3), so there is nothing for the parser to finish: it was cut short.
    if (!this.refusing && (this.incoming || this.capture.holding)) this.abandon('the client closed its side in the middle of the request');
    if (!this.busy && this.queue.length === 0) this.socket.end();
  }

  /** A request cut short by the client: logged with what arrived, no response. */
  private abandon(reason: string): void {
    this.refusing = true;
    const incoming = this.begin();
    const raw = this.capture.takeAll();
    this.stepOf(incoming, 'error', `CLIENT_CLOSED: ${reason}`);
    this.incoming = null;
    this.logExchange(incoming, raw, null, { route: null, explanation: null }, { code: 'CLIENT_CLOSED', reason, offset: null }, null);
  }

  private onClose(): void {
    if (this.gone) return;
    this.gone = true;
    this.deadline.cancel();
    this.answering?.abandon();
    if (!this.refusing && (this.incoming || this.capture.holding)) this.abandon('the connection closed in the middle of the request');
    this.closeStep('the connection closed');
    this.markClosed();
  }

  private closeStep(detail: string): void {
    if (this.info.closedAt !== null) return;
    const at = now();
    this.info.closedAt = at;
    this.context.step(this.info.connectionId, null, 'closed', detail, at);
    this.lastExchange?.steps.push({ step: 'closed', at, detail });
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    let closeAfter = false;
    while (!closeAfter && !this.gone) {
      const next = this.queue.shift();
      if (!next) break;
      if (this.queue.length < MAX_QUEUED / 2) this.socket.resume();
      closeAfter = await this.serve(next);
    }
    this.busy = false;
    if (this.gone) return;
    if (closeAfter || (this.peerEnded && this.queue.length === 0) || (this.refusing && this.queue.length === 0)) {
      this.closeStep(closeAfter ? 'the response said Connection: close; the server closes its side' : 'the server closes its side');
      this.socket.end();
      return;
    }
    this.idleSince = now();
    this.armDeadline();
  }

  /** Answers one request (or refusal); resolves when its last byte was written; true when the connection closes after it. */
  private async serve(item: Queued): Promise<boolean> {
    const { incoming } = item;
    const keepAlive = item.request !== null && item.request.message.keepAlive && !item.request.message.upgrade && !this.peerEnded;
    const answer = new Answer(this, incoming, this.context.limits().maxLoggedBodyBytes);
    this.answering = answer;
    const writer = new ResponseWriter(answer, { head: item.request?.message.method === 'HEAD', keepAlive, serverHeaders: this.context.serverHeaders() });
    const routed = await this.answer(item, writer);
    if (this.gone) answer.abandon();
    await answer.written;
    this.answering = null;
    const error = item.refusal
      ? { code: item.refusal.code, reason: item.refusal.reason, offset: item.refusal.offset }
      : answer.writtenAt === null
        ? { code: 'CLIENT_CLOSED', reason: 'the client went away before the response was written', offset: null }
        : null;
    const closing = writer.closes || !keepAlive || this.gone;
    if (!closing) this.stepOf(incoming, 'kept-alive', ROUTINE['kept-alive']);
    const raw = item.request ? item.request.raw : item.raw;
    this.logExchange(incoming, raw, answer.capture.captured(), routed, error, { answer, message: item.request?.message ?? null });
    return closing;
  }

  private async answer(item: Queued, writer: ResponseWriter): Promise<{ route: string | null; explanation: string | null }> {
    if (item.refusal) {
      const { status, code, reason, offset } = item.refusal;
      writer.status(status).header('Connection', 'close');
      writer.send(`${status} ${code}${offset === null ? '' : ` at byte ${offset}`}: ${reason}\n`, 'text/plain; charset=utf-8');
      return { route: null, explanation: null };
    }
    this.stepOf(item.incoming, 'routed', ROUTINE.routed);
    try {
      const routed = await this.context.dispatch(item.request, writer);
      if (!writer.ended) writer.end();
      return routed;
    } catch (error) {
      if (!writer.started) writer.status(500).send(`500 the route failed: ${(error as Error).message}\n`, 'text/plain; charset=utf-8');
      else writer.end();
      return { route: null, explanation: null };
    }
  }

  send(bytes: Buffer, done: () => void): void {
    if (this.gone) return done();
    this.socket.write(bytes, () => done());
  }

  answerStep(incoming: Incoming, step: 'headers' | 'body' | 'written', at?: number): void {
    this.stepOf(incoming, step, ROUTINE[step], at);
  }

  private stepOf(incoming: Incoming, step: HttpStep, detail: string, at = now()): void {
    incoming.steps.push({ step, at, detail });
    this.context.step(this.info.connectionId, incoming.exchangeId, step, detail, at);
  }

  private logExchange(
    incoming: Incoming,
    request: CapturedMessage,
    response: CapturedMessage | null,
    routed: { route: string | null; explanation: string | null },
    error: HttpExchangeSummary['error'],
    answered: { answer: Answer<Incoming>; message: HttpMessage | null } | null,
  ): void {
    const message = answered?.message ?? this.parser.current;
    const host = message?.headers.find((field) => field.name.toLowerCase() === 'host')?.value ?? null;
    const statusLine = answered?.answer.status ?? null;
    const end = answered?.answer.writtenAt ?? now();
    const fromComposer = this.context.fromComposer(this.info.tuple?.remotePort ?? -1);
    // The composer's socket learns its port when it connects, which may be just after the server accepted it.
    if (fromComposer && this.info.client.pid === null && this.info.tuple) this.info.client = clientPeer(this.info.tuple, true);
    const summary: HttpExchangeSummary = {
      exchangeId: incoming.exchangeId,
      seq: 0, // numbered by the log
      connectionId: this.info.connectionId,
      indexOnConnection: this.info.exchanges++,
      recorder: 'server',
      fromComposer,
      scheme: this.context.scheme,
      startedAt: incoming.startedAt,
      method: message?.method ?? null,
      target: message?.url ?? null,
      host,
      status: statusLine?.status ?? null,
      statusText: statusLine?.text ?? null,
      contentType: statusLine?.contentType ?? null,
      requestBytes: request.totalBytes,
      responseBytes: response?.totalBytes ?? 0,
      durationMs: Math.max(0, end - incoming.startedAt),
      route: routed.route,
      error,
    };
    const steps = summary.indexOnConnection === 0 ? [...this.openingSteps, ...incoming.steps] : incoming.steps;
    const exchange: LoggedExchange = { summary, request, response, steps, connection: this.info, explanation: routed.explanation, cost: 0 };
    exchange.cost = costOf(exchange);
    this.lastExchange = exchange;
    this.context.record(exchange);
  }
}
