import type { Server, Socket } from 'node:net';
import { createSecureContext, type SecureContext } from 'node:tls';
import { compileFilter, type ExchangeFilterSpec } from '../../../shared/http/exchangeFilter.js';
import { parseCookieHeader, splitRequestTarget } from '../../../shared/http/index.js';
import { defineLabTexts } from '../../../shared/labTexts.js';
import { ErrorCode, RpcError } from '../../../shared/rpcError.js';
import type { HttpConnectionInfo, HttpExchange, HttpLimits, HttpStatus, HttpStep, HttpTimelineStep } from '../../../shared/schemas/http.js';
import { now } from '../clock.js';
import type { EventHub } from '../hub/eventHub.js';
import { CookieJar } from './client/cookieJar.js';
import { Composer, type SendParams, type SendResult } from './client/composer.js';
import { ExchangeLog } from './exchangeLog.js';
import { FilteredLog, type LogPage } from './filteredLog.js';
import { viewExchange } from './exchangeView.js';
import { HarTransfer } from './harTransfer.js';
import { DEFAULT_HTTP_LIMITS } from './httpLimits.js';
import type { LoggedExchange } from './loggedExchange.js';
import { ClientProcesses } from './clientProcesses.js';
import { clientPeer } from './peerProcess.js';
import { dispatchRoute, routes } from './routes/routeTable.js';
import type { RouteRequest } from './routes/routeTypes.js';
import { closeServer, listenLoopback, portOf } from './server/listen.js';
import { type ConnectionContext, type ParsedRequest, ServerConnection } from './server/serverConnection.js';
import { SessionStore } from './sessionStore.js';
import { makeServerCertificate, type ServerCertificate } from './tls/certificate.js';
import { Keylog } from './tls/keylog.js';
import { acceptTls } from './tls/tlsAccept.js';

/** What an in-process observer (a scenario) sees: the same steps and exchanges the http stream carries. */
export type HttpObservation =
  | { kind: 'step'; connectionId: string; exchangeId: string | null; step: HttpStep; detail: string; at: number }
  | { kind: 'exchange'; exchange: LoggedExchange };

export interface StartParams {
  port: number;
  tlsPort: number;
  tls: boolean;
  limits: Partial<HttpLimits>;
}

const errors = defineLabTexts('lab.error.http', {
  notListening: 'The mini server could not listen: {reason}. Choose another port, or 0 for any free one.',
  noExchange: "No exchange '{exchangeId}' in the {logId} log: it was evicted by the log's byte budget, or never existed. http.exchanges lists what is held.",
  noLog: "No log '{logId}': 'live', or an id http.importHar returned.",
});

interface Listener {
  server: Server;
  port: number;
  scheme: 'http' | 'https';
}

/**
 * The HTTP lab: the mini server (plain and TLS, on 127.0.0.1), its log, the server-side sessions, and the composer with
 * its cookie jar. One instance per Lab; start and stop come from the contract, dispose from the lab's quit.
 */
export class HttpLab {
  readonly log: ExchangeLog;
  readonly sessions: SessionStore;
  readonly jar = new CookieJar();
  readonly keylog = new Keylog();
  readonly har: HarTransfer;
  private readonly composer: Composer;
  private limits: HttpLimits = { ...DEFAULT_HTTP_LIMITS };
  private state: HttpStatus['state'] = 'stopped';
  private plain: Listener | null = null;
  private secure: Listener | null = null;
  private certificate: ServerCertificate | null = null;
  private secureContext: SecureContext | null = null;
  private readonly connections = new Set<ServerConnection>();
  private readonly clients = new ClientProcesses();
  private readonly rawSockets = new Set<Socket>();
  private connectionCount = 0;
  private exchangeCount = 0;
  private transition: Promise<unknown> = Promise.resolve();
  private dateHeader = { second: 0, value: '' };
  private readonly observers = new Set<(event: HttpObservation) => void>();
  /** Whether some client subscribes to the httpSteps stream. */
  private stepsWanted: boolean;
  private readonly stopWatchingDemand: () => void;
  /** Each log's filtered views; an imported log's go with it. */
  private readonly filteredLogs = new WeakMap<ExchangeLog, FilteredLog>();

  constructor(
    private readonly hub: EventHub,
    private readonly report: (message: string) => void,
  ) {
    this.log = new ExchangeLog(() => this.limits.logBudgetBytes);
    this.stepsWanted = hub.subscribersOf('httpSteps') > 0;
    this.stopWatchingDemand = hub.onDemand((stream, subscribers) => {
      if (stream === 'httpSteps') this.stepsWanted = subscribers > 0;
    });
    this.sessions = new SessionStore(
      () => this.limits.sessionTtlMs,
      (session, change) => this.hub.emit('http.session', { sessionId: session.sessionId, change, user: session.user }),
    );
    this.composer = new Composer({
      jar: this.jar,
      serverPorts: () => ({ http: this.plain?.port ?? null, https: this.secure?.port ?? null }),
      trustedCertificate: () => this.certificate?.cert ?? null,
      limits: () => this.limits,
      nextExchange: () => this.nextExchange(),
      record: (exchange) => this.record(exchange),
      view: (exchange) => viewExchange(exchange, this.limits.maxLoggedBodyBytes),
    });
    this.har = new HarTransfer(() => this.log.all(), this.report);
  }

  status(): HttpStatus {
    return {
      state: this.state,
      url: this.plain ? `http://127.0.0.1:${this.plain.port}/` : null,
      tlsUrl: this.secure ? `https://127.0.0.1:${this.secure.port}/` : null,
      port: this.plain?.port ?? null,
      tlsPort: this.secure?.port ?? null,
      serverPid: process.pid,
      limits: { ...this.limits },
      log: {
        exchanges: this.log.size,
        bytes: this.log.bytes,
        evicted: this.log.evicted,
        evictedBytes: this.log.evictedBytes,
        openConnections: this.connections.size,
      },
      certificate: this.certificate?.facts ?? null,
      keylogLines: this.keylog.size,
    };
  }

  /** Idempotent while running (the limits still change); start and stop are serialized. */
  start(params: StartParams): Promise<HttpStatus> {
    return this.serialize(async () => {
      this.limits = { ...this.limits, ...params.limits };
      if (this.state === 'running') return this.status();
      this.state = 'starting';
      try {
        this.plain = { server: await listenLoopback(params.port, (socket) => this.acceptPlain(socket)), port: 0, scheme: 'http' };
        this.plain.port = portOf(this.plain.server);
        if (params.tls) {
          this.certificate ??= await makeServerCertificate();
          this.secureContext ??= createSecureContext({ key: this.certificate.key, cert: this.certificate.cert });
          this.secure = { server: await listenLoopback(params.tlsPort, (socket) => this.acceptSecure(socket)), port: 0, scheme: 'https' };
          this.secure.port = portOf(this.secure.server);
        }
      } catch (error) {
        await this.closeListeners();
        this.state = 'stopped';
        throw RpcError.said(ErrorCode.Conflict, errors.notListening({ reason: (error as Error).message }));
      }
      this.state = 'running';
      const status = this.status();
      this.hub.emit('http.server', { state: 'running', url: status.url, tlsUrl: status.tlsUrl });
      return status;
    });
  }

  stop(): Promise<HttpStatus> {
    return this.serialize(async () => {
      if (this.state === 'stopped') return this.status();
      this.state = 'stopping';
      await this.closeListeners();
      this.state = 'stopped';
      this.hub.emit('http.server', { state: 'stopped', url: null, tlsUrl: null });
      return this.status();
    });
  }

  /** A page of a log, whole or through a filter (its matches kept per log, so the next page only reads what is new). */
  exchanges(logId: string, after: number, limit: number, filter: ExchangeFilterSpec | null = null): LogPage {
    const log = this.logOf(logId);
    let filtered = this.filteredLogs.get(log);
    if (!filtered) this.filteredLogs.set(log, (filtered = new FilteredLog(log)));
    return filtered.page(filter === null ? null : compileFilter(filter), after, limit);
  }

  async exchange(logId: string, exchangeId: string): Promise<HttpExchange> {
    const found = this.logOf(logId).get(exchangeId);
    if (!found) {
      throw RpcError.said(ErrorCode.NotFound, errors.noExchange({ exchangeId, logId }), { exchangeId });
    }
    return viewExchange(found, this.limits.maxLoggedBodyBytes);
  }

  /** Calls `observer` for every step and logged exchange until the returned function is called. */
  observe(observer: (event: HttpObservation) => void): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  get running(): boolean {
    return this.state === 'running';
  }

  send(params: SendParams): Promise<SendResult> {
    return this.composer.send(params);
  }

  async dispose(): Promise<void> {
    await this.stop();
    this.stopWatchingDemand();
    this.composer.dispose();
    this.sessions.dispose();
    this.clients.dispose();
  }

  private logOf(logId: string): ExchangeLog {
    if (logId === 'live') return this.log;
    const imported = this.har.imported(logId);
    if (!imported) throw RpcError.said(ErrorCode.NotFound, errors.noLog({ logId }), { logId });
    return imported;
  }

  private serialize<T>(work: () => Promise<T>): Promise<T> {
    const run = this.transition.then(work, work);
    this.transition = run.catch(() => undefined);
    return run;
  }

  private async closeListeners(): Promise<void> {
    const listeners = [this.plain, this.secure].filter((listener): listener is Listener => listener !== null);
    this.plain = null;
    this.secure = null;
    const closed = listeners.map((listener) => closeServer(listener.server));
    for (const connection of this.connections) connection.shutdown();
    for (const socket of this.rawSockets) socket.destroy(); // TLS handshakes still under way
    await Promise.all(closed);
  }

  private newConnection(socket: Socket, tls: boolean): { info: HttpConnectionInfo; steps: HttpTimelineStep[] } {
    const connectionId = `c${++this.connectionCount}`;
    const at = now();
    const tuple = { localAddress: socket.localAddress ?? '', localPort: socket.localPort ?? 0, remoteAddress: socket.remoteAddress ?? '', remotePort: socket.remotePort ?? 0 };
    const info: HttpConnectionInfo = {
      connectionId,
      tuple,
      server: { pid: process.pid, reason: null },
      client: clientPeer(tuple, this.composer.owns(tuple.remotePort)),
      acceptedAt: at,
      closedAt: null,
      exchanges: 0,
      tls: tls ? { protocol: null, cipher: null, records: [], droppedRecords: 0, cipherBytesIn: 0, cipherBytesOut: 0 } : null,
    };
    if (info.client.pid === null) this.clients.lookUp(info);
    const detail = `accepted ${tuple.remoteAddress}:${tuple.remotePort} → ${tuple.localAddress}:${tuple.localPort}`;
    this.step(connectionId, null, 'accepted', detail, at);
    return { info, steps: [{ step: 'accepted', at, detail }] };
  }

  private acceptPlain(socket: Socket): void {
    const { info, steps } = this.newConnection(socket, false);
    this.track(new ServerConnection(socket, info, this.connectionContext('http'), steps));
  }

  private acceptSecure(socket: Socket): void {
    const { info, steps } = this.newConnection(socket, true);
    const context = this.secureContext;
    const facts = info.tls;
    if (!context || !facts) return void socket.destroy();
    this.rawSockets.add(socket);
    socket.once('close', () => this.rawSockets.delete(socket));
    const handshakeTimer = setTimeout(() => socket.destroy(), this.limits.headersTimeoutMs);
    acceptTls(socket, context, facts, (line) => this.keylog.add(line))
      .then((tls) => {
        clearTimeout(handshakeTimer);
        const at = now();
        const detail = `TLS handshake done: ${facts.protocol ?? '?'}, ${facts.cipher ?? '?'}; ${facts.records.length} records so far`;
        this.step(info.connectionId, null, 'tls', detail, at);
        this.track(new ServerConnection(tls, info, this.connectionContext('https'), [...steps, { step: 'tls', at, detail }]));
      })
      .catch((error: Error) => {
        clearTimeout(handshakeTimer);
        info.closedAt = now();
        this.step(info.connectionId, null, 'error', `TLS handshake failed: ${error.message}`, info.closedAt);
        socket.destroy();
      });
  }

  private track(connection: ServerConnection): void {
    this.connections.add(connection);
    connection.closed.then(() => this.connections.delete(connection));
  }

  private connectionContext(scheme: 'http' | 'https'): ConnectionContext {
    return {
      scheme,
      limits: () => this.limits,
      nextExchange: () => this.nextExchange(),
      step: (connectionId, exchangeId, step, detail, at) => this.step(connectionId, exchangeId, step, detail, at),
      dispatch: (request, response) => dispatchRoute(this.routeRequest(request, scheme), response, { sessions: this.sessions, routes: () => routes }),
      record: (exchange) => this.record(exchange),
      fromComposer: (port) => this.composer.owns(port),
      serverHeaders: () => [
        ['Date', this.date()],
        ['Server', 'Loopscope-mini'],
      ],
    };
  }

  private routeRequest(parsed: ParsedRequest, scheme: 'http' | 'https'): RouteRequest {
    const { message } = parsed;
    const host = message.headers.find((field) => field.name.toLowerCase() === 'host')?.value ?? null;
    const target = splitRequestTarget(message.url ?? '/', { scheme, host });
    const header = (name: string): string | null => message.headers.find((field) => field.name.toLowerCase() === name)?.value ?? null;
    const port = scheme === 'https' ? this.secure?.port : this.plain?.port;
    return {
      exchangeId: parsed.exchangeId,
      scheme,
      method: message.method ?? 'GET',
      target: message.url ?? '/',
      path: target?.path || '/',
      query: target?.queryPairs ?? [],
      headers: message.headers,
      header,
      cookies: message.headers.filter((field) => field.name.toLowerCase() === 'cookie').flatMap((field) => parseCookieHeader(field.value)),
      body: parsed.body,
      raw: parsed.raw.raw,
      origin: `${scheme}://127.0.0.1:${port ?? 0}`,
    };
  }

  private nextExchange(): string {
    return `x${++this.exchangeCount}`;
  }

  private record(exchange: LoggedExchange): void {
    this.log.add(exchange);
    this.composer.recorded(exchange);
    this.hub.emit('http.exchange', exchange.summary);
    for (const observer of this.observers) observer({ kind: 'exchange', exchange });
  }

  private step(connectionId: string, exchangeId: string | null, step: HttpStep, detail: string, at: number): void {
    // Every exchange keeps its steps; one event per step is made only for a client that asked for them.
    if (this.stepsWanted) this.hub.emit('http.step', { connectionId, exchangeId, step, detail }, at);
    for (const observer of this.observers) observer({ kind: 'step', connectionId, exchangeId, step, detail, at });
  }

  /** The Date header changes once a second; formatting it per response would cost the server more than the rest of the head. */
  private date(): string {
    const second = Math.floor(Date.now() / 1000);
    if (second !== this.dateHeader.second) this.dateHeader = { second, value: new Date(second * 1000).toUTCString() };
    return this.dateHeader.value;
  }
}
