import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { HttpMessageParser, type HttpMessage } from '../../../../shared/http/index.js';
import { defineLabTexts } from '../../../../shared/labTexts.js';
import { ErrorCode, RpcError } from '../../../../shared/rpcError.js';
import { type HttpConnectionInfo, type HttpExchange, type HttpLimits, type HttpSendParams, type HttpTimelineStep, loopbackUrlProblem } from '../../../../shared/schemas/http.js';
import { now } from '../../clock.js';
import { costOf, type LoggedExchange } from '../loggedExchange.js';
import { redactSecrets } from '../redact.js';
import type { CapturedMessage } from '../server/messageCapture.js';
import type { CookieJar } from './cookieJar.js';
import { buildRequest } from './requestBytes.js';

export type SendParams = HttpSendParams;
export interface SendResult {
  outcome: 'response' | 'timeout' | 'error';
  exchange: HttpExchange | null;
  detail: string;
}

export interface ComposerDeps {
  jar: CookieJar;
  serverPorts(): { http: number | null; https: number | null };
  /** The mini server's certificate, trusted for its own TLS port. */
  trustedCertificate(): string | null;
  limits(): HttpLimits;
  nextExchange(): string;
  record(exchange: LoggedExchange): void;
  view(exchange: LoggedExchange): Promise<HttpExchange>;
}

const errors = defineLabTexts('lab.error.httpClient', {
  url: 'url: {problem}.',
});

/** How long after its response the composer waits for the server's record of the same exchange. */
const SERVER_RECORD_WAIT_MS = 2000;

/** http.send: one request through a real client socket, to loopback only. */
export class Composer {
  /** Local ports of the composer's open sockets: the server marks exchanges from them. */
  private readonly ports = new Set<number>();
  private readonly waiters = new Map<number, (exchange: LoggedExchange) => void>();
  private readonly sockets = new Set<Socket>();

  constructor(private readonly deps: ComposerDeps) {}

  owns(port: number): boolean {
    return this.ports.has(port);
  }

  /** The server logged an exchange: the composer may be waiting for it. */
  recorded(exchange: LoggedExchange): void {
    const port = exchange.connection.tuple?.remotePort;
    if (exchange.summary.recorder === 'server' && port !== undefined) this.waiters.get(port)?.(exchange);
  }

  dispose(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  async send(params: SendParams): Promise<SendResult> {
    const url = loopbackUrl(params.url);
    const ports = this.deps.serverPorts();
    const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
    const ours = port === (url.protocol === 'https:' ? ports.https : ports.http);
    const cookie = params.useCookieJar ? this.deps.jar.headerFor(url) : null;
    const bytes = params.rawBase64 !== undefined ? Buffer.from(params.rawBase64, 'base64') : buildRequest(params, url, cookie);
    const method = params.rawBase64 !== undefined ? (/^([A-Z]+) /.exec(bytes.subarray(0, 32).toString('latin1'))?.[1] ?? 'GET') : params.method;
    const startedAt = now();
    const socket = this.open(url, port);
    this.sockets.add(socket);
    const steps: HttpTimelineStep[] = [];
    const received = new ReceivedResponse(method, this.deps.limits());
    let serverRecord: Promise<LoggedExchange | null> = Promise.resolve(null);
    const connected = new Promise<void>((resolve, reject) => {
      socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => resolve());
      socket.once('error', reject);
    });
    const outcome = await new Promise<{ outcome: SendResult['outcome']; detail: string }>((resolve) => {
      const timer = setTimeout(() => resolve({ outcome: 'timeout', detail: `no complete response within ${params.timeoutMs} ms` }), params.timeoutMs);
      const settle = (result: { outcome: SendResult['outcome']; detail: string }): void => {
        clearTimeout(timer);
        resolve(result);
      };
      connected
        .then(() => {
          const localPort = socket.localPort ?? 0;
          this.ports.add(localPort);
          steps.push({ step: 'accepted', at: now(), detail: `connected ${socket.localAddress}:${localPort} → ${socket.remoteAddress}:${socket.remotePort}` });
          if (ours) serverRecord = this.awaitServerRecord(localPort, params.timeoutMs + SERVER_RECORD_WAIT_MS);
          socket.write(bytes, () => steps.push({ step: 'written', at: now(), detail: `${bytes.length} request bytes handed to the kernel` }));
        })
        .catch((error: Error) => settle({ outcome: 'error', detail: `could not connect to ${url.host}: ${error.message}` }));
      socket.on('data', (chunk: Buffer) => received.push(chunk));
      received.onDone = (detail) => settle({ outcome: received.message ? 'response' : 'error', detail });
      socket.on('end', () => received.finish());
      socket.on('close', () => received.finish());
    });
    socket.destroy();
    this.sockets.delete(socket);
    const logged = ours ? await serverRecord : this.recordOwn({ exchangeId: this.deps.nextExchange(), url, bytes, method, received, steps, startedAt, socket, outcome });
    const responseMessage = received.message;
    if (responseMessage && params.useCookieJar) {
      const setCookies = responseMessage.headers.filter((field) => field.name.toLowerCase() === 'set-cookie').map((field) => field.value);
      this.deps.jar.store(url, setCookies, logged?.summary.exchangeId ?? null);
    }
    for (const localPort of [socket.localPort]) if (localPort !== undefined) setTimeout(() => this.ports.delete(localPort), SERVER_RECORD_WAIT_MS).unref();
    return { ...outcome, exchange: logged ? await this.deps.view(logged) : null };
  }

  private open(url: URL, port: number): Socket {
    const host = url.hostname === 'localhost' ? '127.0.0.1' : url.hostname.replace(/^\[|\]$/g, '');
    if (url.protocol === 'http:') return connectTcp({ host, port, noDelay: true });
    const ca = this.deps.trustedCertificate();
    // The mini server's own certificate is trusted by name; any other loopback TLS server is reached unverified.
    return connectTls({ host, port, ...(ca && port === this.deps.serverPorts().https ? { ca } : { rejectUnauthorized: false }), ALPNProtocols: ['http/1.1'] });
  }

  private awaitServerRecord(localPort: number, timeoutMs: number): Promise<LoggedExchange | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(localPort);
        resolve(null);
      }, timeoutMs);
      this.waiters.set(localPort, (exchange) => {
        clearTimeout(timer);
        this.waiters.delete(localPort);
        resolve(exchange);
      });
    });
  }

  /** A server other than the lab's: the composer's socket is the only witness, so it logs what it sent and received. */
  private recordOwn(sent: {
    exchangeId: string;
    url: URL;
    bytes: Buffer;
    method: string;
    received: ReceivedResponse;
    steps: HttpTimelineStep[];
    startedAt: number;
    socket: Socket;
    outcome: { outcome: SendResult['outcome']; detail: string };
  }): LoggedExchange {
    const limits = this.deps.limits();
    const request: CapturedMessage = { raw: Buffer.from(sent.bytes.subarray(0, limits.maxHeaderBytes + limits.maxLoggedBodyBytes)), totalBytes: sent.bytes.length, streamOffset: 0 };
    redactSecrets(request.raw);
    const response = sent.received.captured();
    const message = sent.received.message;
    const at = now();
    const tuple = { localAddress: sent.socket.remoteAddress ?? '', localPort: sent.socket.remotePort ?? 0, remoteAddress: sent.socket.localAddress ?? '', remotePort: sent.socket.localPort ?? 0 };
    const connection: HttpConnectionInfo = {
      connectionId: `composer-${sent.exchangeId}`,
      tuple,
      server: { pid: null, reason: 'a loopback server other than the mini server; without the socket tracker its process is unknown' },
      client: { pid: process.pid, reason: "the lab's composer (http.send), in Loopscope's main process" },
      acceptedAt: sent.startedAt,
      closedAt: at,
      exchanges: 1,
      tls: null,
    };
    const contentType = message?.headers.find((field) => field.name.toLowerCase() === 'content-type')?.value ?? null;
    const record = {
      summary: {
        exchangeId: sent.exchangeId,
        seq: 0,
        connectionId: connection.connectionId,
        indexOnConnection: 0,
        recorder: 'composer' as const,
        fromComposer: true,
        scheme: sent.url.protocol === 'https:' ? ('https' as const) : ('http' as const),
        startedAt: sent.startedAt,
        method: sent.method,
        target: `${sent.url.pathname}${sent.url.search}`,
        host: sent.url.host,
        status: message?.statusCode ?? null,
        statusText: message?.statusText ?? null,
        contentType,
        requestBytes: sent.bytes.length,
        responseBytes: response?.totalBytes ?? 0,
        durationMs: at - sent.startedAt,
        route: null,
        error: sent.outcome.outcome === 'response' ? null : { code: sent.outcome.outcome === 'timeout' ? 'TIMEOUT' : 'SOCKET', reason: sent.outcome.detail, offset: null },
      },
      request,
      response,
      steps: [...sent.steps, { step: 'closed' as const, at, detail: 'the composer closed its socket' }],
      connection,
      explanation: null,
    };
    const exchange: LoggedExchange = { ...record, cost: costOf(record) };
    this.deps.record(exchange);
    return exchange;
  }
}

/** The response as the composer's socket reads it: parsed to know where it ends, its bytes kept up to the cap. */
class ReceivedResponse {
  private readonly parser: HttpMessageParser;
  private readonly parts: Buffer[] = [];
  private kept = 0;
  private total = 0;
  private readonly cap: number;
  message: HttpMessage | null = null;
  onDone: (detail: string) => void = () => {};

  constructor(method: string, limits: HttpLimits) {
    this.cap = limits.maxHeaderBytes + limits.maxLoggedBodyBytes;
    this.parser = new HttpMessageParser(
      { kind: 'response', maxHeaderBytes: limits.maxHeaderBytes, maxBodyBytes: limits.maxLoggedBodyBytes },
      {
        onMessage: (message) => {
          this.message = message;
          this.onDone(`${message.statusCode} ${message.statusText ?? ''}`.trim());
        },
        onError: (error) => this.onDone(`the response did not parse: ${error.code} at byte ${error.offset}: ${error.reason}`),
      },
    );
    this.parser.expectResponseTo(method);
  }

  push(chunk: Buffer): void {
    const room = Math.max(0, this.cap - this.kept);
    if (room > 0) {
      const part = Buffer.from(chunk.subarray(0, room));
      this.parts.push(part);
      this.kept += part.length;
    }
    this.total += chunk.length;
    if (this.message === null) this.parser.push(chunk);
  }

  finish(): void {
    if (this.message !== null) return;
    this.parser.finish();
    if (this.message === null) this.onDone(this.total === 0 ? 'the server closed the connection without answering' : 'the server closed the connection mid-response');
  }

  captured(): CapturedMessage | null {
    return this.total === 0 ? null : { raw: Buffer.concat(this.parts, this.kept), totalBytes: this.total, streamOffset: 0 };
  }
}

/** The URL as the contract validated it (loopback only: see loopbackUrlProblem). */
function loopbackUrl(text: string): URL {
  const problem = loopbackUrlProblem(text);
  if (problem) throw RpcError.said(ErrorCode.InvalidParams, errors.url({ problem }));
  return new URL(text);
}
