import { z } from 'zod';
import { NoParams, Pid, Timestamp } from './common.js';
import { type EventSpec, method, type MethodSpec } from './define.js';

/**
 * The HTTP lab: a mini server on 127.0.0.1 (plain and TLS) whose pipeline is logged step by step, from the raw
 * bytes; a composer that sends through a real client socket; the server's sessions and the composer's cookie jar.
 */

const Base64 = z.string().meta({ description: 'base64' });
const Port = z.number().int().min(0).max(65_535);

export const HttpLimits = z
  .object({
    /** The first bytes of each body kept in the log; the rest are counted as cut. */
    maxLoggedBodyBytes: z.number().int().min(0).max(64 * 1024 * 1024),
    /** All logged bytes together; past it the oldest exchanges are evicted, and counted. */
    logBudgetBytes: z.number().int().min(64 * 1024).max(4 * 1024 * 1024 * 1024),
    /** A request body longer than this is answered 413 and the connection closed. */
    maxRequestBodyBytes: z.number().int().min(0).max(1024 * 1024 * 1024),
    /** Start line and headers longer than this are answered 431. */
    maxHeaderBytes: z.number().int().min(256).max(1024 * 1024),
    /** From a request's first byte to the end of its headers; then 408 and close. */
    headersTimeoutMs: z.number().int().min(10).max(600_000),
    /** Silence inside a request (its body unfinished) for this long: 408 and close. */
    requestIdleTimeoutMs: z.number().int().min(10).max(600_000),
    /** Silence between requests on a kept-alive connection for this long: the server closes it. */
    keepAliveTimeoutMs: z.number().int().min(10).max(600_000),
    /** A login session ends after this long without a request (a sliding window). */
    sessionTtlMs: z.number().int().min(100).max(24 * 3600_000),
  })
  .meta({ id: 'HttpLimits' });
export type HttpLimits = z.infer<typeof HttpLimits>;

export const HttpCertificate = z
  .object({
    subject: z.string(),
    issuer: z.string(),
    /** Subject alternative names as Node prints them (`DNS:localhost, IP Address:127.0.0.1`). */
    subjectAltName: z.string(),
    validFrom: z.string(),
    validTo: z.string(),
    serialNumber: z.string(),
    fingerprint256: z.string(),
    /** 'rsa' or 'ec', with its size or curve. */
    publicKey: z.string(),
    selfSigned: z.boolean(),
    pem: z.string(),
  })
  .meta({ id: 'HttpCertificate' });
export type HttpCertificate = z.infer<typeof HttpCertificate>;

export const HttpServerState = z.enum(['stopped', 'starting', 'running', 'stopping']);

export const HttpStatus = z
  .object({
    state: HttpServerState,
    /** `http://127.0.0.1:PORT/` while running. */
    url: z.string().nullable(),
    tlsUrl: z.string().nullable(),
    port: Port.nullable(),
    tlsPort: Port.nullable(),
    /** The process that runs the server: Loopscope's main process. */
    serverPid: Pid,
    limits: HttpLimits,
    log: z.object({
      exchanges: z.number().int().nonnegative(),
      bytes: z.number().int().nonnegative(),
      /** Exchanges evicted by the byte budget since the lab started, and their bytes. */
      evicted: z.number().int().nonnegative(),
      evictedBytes: z.number().int().nonnegative(),
      openConnections: z.number().int().nonnegative(),
    }),
    certificate: HttpCertificate.nullable(),
    /** TLS key lines held (SSLKEYLOGFILE); http.keylog returns them. */
    keylogLines: z.number().int().nonnegative(),
  })
  .meta({ id: 'HttpStatus' });
export type HttpStatus = z.infer<typeof HttpStatus>;

/** The pipeline as the syllabus walks it; each step is an event with its time, and a row in the exchange's timeline. */
export const HttpStep = z.enum([
  'accepted', // the server accepted the TCP connection (connection-level)
  'tls', // the TLS handshake finished (connection-level)
  'read', // the request's first bytes arrived
  'parsed', // the decoder finished the request (or stopped at an error)
  'routed', // the application (a route) was called
  'headers', // the route set the status and headers
  'body', // the route produced its last body byte
  'written', // the kernel took the response's last byte
  'kept-alive', // the connection waits for another request
  'closed', // the connection closed (connection-level)
  'error', // something went wrong: a parse error, a limit, a timeout, a client gone
]);
export type HttpStep = z.infer<typeof HttpStep>;

export const HttpTimelineStep = z.object({ step: HttpStep, at: Timestamp, detail: z.string() }).meta({ id: 'HttpTimelineStep' });
export type HttpTimelineStep = z.infer<typeof HttpTimelineStep>;

export const SocketTuple = z
  .object({ localAddress: z.string(), localPort: Port, remoteAddress: z.string(), remotePort: Port })
  .meta({ id: 'SocketTuple' });

/** A process at one end of a connection; pid null with the reason when it cannot be known. */
export const HttpPeer = z.object({ pid: Pid.nullable(), reason: z.string().nullable() }).meta({ id: 'HttpPeer' });

/** Who recorded the exchange: the server (what it received and sent), the composer's client socket (what it sent and received), or a packet capture (capture.httpExchanges). */
export const HttpRecorder = z.enum(['server', 'composer', 'packets']);

export const HttpParseErrorInfo = z
  .object({
    /** llhttp's error name (HPE_…), or the lab's own: TIMEOUT, CLIENT_CLOSED, BODY_TOO_LARGE, REFUSED, SOCKET. */
    code: z.string(),
    reason: z.string(),
    /** Byte where parsing stopped, counted from the start of this message's raw bytes; null when not a parse error. */
    offset: z.number().int().nonnegative().nullable(),
  })
  .meta({ id: 'HttpExchangeError' });

export const HttpExchangeSummary = z
  .object({
    exchangeId: z.string(),
    /** Increases by one per exchange logged; the cursor of http.exchanges. */
    seq: z.number().int().positive(),
    connectionId: z.string(),
    /** 0 for the connection's first request, then one more per kept-alive or pipelined request. */
    indexOnConnection: z.number().int().nonnegative(),
    recorder: HttpRecorder,
    /** Sent by the lab's composer (http.send), whichever end recorded it. */
    fromComposer: z.boolean(),
    scheme: z.enum(['http', 'https']),
    startedAt: Timestamp,
    method: z.string().nullable(),
    /** The request target as sent (`/path?query`). */
    target: z.string().nullable(),
    host: z.string().nullable(),
    status: z.number().int().nullable(),
    statusText: z.string().nullable(),
    contentType: z.string().nullable(),
    requestBytes: z.number().int().nonnegative(),
    responseBytes: z.number().int().nonnegative(),
    /** From the first request byte to the last response byte written (or to the error). */
    durationMs: z.number().nonnegative().nullable(),
    route: z.string().nullable(),
    error: HttpParseErrorInfo.nullable(),
  })
  .meta({ id: 'HttpExchangeSummary' });
export type HttpExchangeSummary = z.infer<typeof HttpExchangeSummary>;

const Span = z.object({ offset: z.number().int().nonnegative(), length: z.number().int().nonnegative() });
const HeaderField = z.object({ name: z.string(), value: z.string(), nameSpan: Span, valueSpan: Span, lineSpan: Span });

/** The decoder's HttpMessage (shared/http), its spans counted from the start of this message's raw bytes; the body as base64. */
export const HttpParsedMessage = z
  .object({
    method: z.string().nullable(),
    url: z.string().nullable(),
    statusCode: z.number().int().nullable(),
    statusText: z.string().nullable(),
    versionMajor: z.number().int().nullable(),
    versionMinor: z.number().int().nullable(),
    startLineSpans: z.partialRecord(z.enum(['method', 'url', 'version', 'status', 'reason', 'line']), Span),
    headers: z.array(HeaderField),
    trailers: z.array(HeaderField),
    headersComplete: z.boolean(),
    headerBytes: z.number().int().nullable(),
    contentLength: z.number().int().nullable(),
    framing: z.enum(['none', 'content-length', 'chunked', 'until-close']),
    chunks: z.array(z.object({ size: z.number().int(), extensions: z.array(z.tuple([z.string(), z.string().nullable()])), headerSpan: Span })),
    droppedChunks: z.number().int().nonnegative(),
    /** De-chunked, still content-encoded, as kept (see `cutBytes` of the side). */
    body: z.object({ base64: Base64, totalBytes: z.number().int().nonnegative(), span: Span.nullable() }),
    keepAlive: z.boolean(),
    upgrade: z.boolean(),
    complete: z.boolean(),
    error: z.object({ code: z.string(), reason: z.string(), offset: z.number().int() }).nullable(),
  })
  .meta({ id: 'HttpParsedMessage' });
export type HttpParsedMessage = z.infer<typeof HttpParsedMessage>;

/** One side of an exchange: the bytes as they crossed the socket (capped), and what the decoder reads in them. */
export const HttpExchangeSide = z
  .object({
    /** The message's bytes as they crossed the socket (after TLS decryption), base64; at most the header limit plus the body cap. */
    raw: Base64,
    /** Bytes of this message in all, kept or not. */
    totalBytes: z.number().int().nonnegative(),
    /** Bytes not kept (past the log's body cap). */
    cutBytes: z.number().int().nonnegative(),
    /** Where this message starts in its connection's byte stream. */
    streamOffset: z.number().int().nonnegative(),
    parsed: HttpParsedMessage.nullable(),
    /** The body with its Content-Encoding undone (gzip, deflate, br), capped; null when it had none or no body. */
    decoded: z
      .object({ base64: Base64, codings: z.array(z.string()), cutAt: z.number().int().nullable(), error: z.string().nullable() })
      .nullable(),
  })
  .meta({ id: 'HttpExchangeSide' });
export type HttpExchangeSide = z.infer<typeof HttpExchangeSide>;

export const TlsRecord = z
  .object({
    direction: z.enum(['in', 'out']),
    /** 20 change_cipher_spec, 21 alert, 22 handshake, 23 application_data. */
    contentType: z.number().int(),
    name: z.string(),
    /** The record's legacy version as sent (0x0303 even under TLS 1.3). */
    version: z.string(),
    length: z.number().int().nonnegative(),
    at: Timestamp,
    /** The first bytes of the ciphertext record, base64 (at most 64). */
    head: Base64,
  })
  .meta({ id: 'TlsRecord' });
export type TlsRecord = z.infer<typeof TlsRecord>;

export const HttpConnectionInfo = z
  .object({
    connectionId: z.string(),
    /** From the server's side: local is the server, remote the client. */
    tuple: SocketTuple.nullable(),
    server: HttpPeer,
    client: HttpPeer,
    acceptedAt: Timestamp,
    closedAt: Timestamp.nullable(),
    /** Exchanges this connection carried so far. */
    exchanges: z.number().int().nonnegative(),
    tls: z
      .object({
        protocol: z.string().nullable(),
        cipher: z.string().nullable(),
        /** The first records each way (ciphertext as it crossed the socket), and how many more were counted. */
        records: z.array(TlsRecord),
        droppedRecords: z.number().int().nonnegative(),
        cipherBytesIn: z.number().int().nonnegative(),
        cipherBytesOut: z.number().int().nonnegative(),
      })
      .nullable(),
  })
  .meta({ id: 'HttpConnectionInfo' });
export type HttpConnectionInfo = z.infer<typeof HttpConnectionInfo>;

export const HttpExchange = z
  .object({
    summary: HttpExchangeSummary,
    request: HttpExchangeSide,
    response: HttpExchangeSide.nullable(),
    steps: z.array(HttpTimelineStep),
    /** As DevTools and HAR split it, in ms; -1 where it did not apply. */
    timings: z.object({ connect: z.number(), send: z.number(), wait: z.number(), receive: z.number() }),
    connection: HttpConnectionInfo,
    /** What the route shows, in words: the lesson beside the bytes. */
    explanation: z.string().nullable(),
  })
  .meta({ id: 'HttpExchange' });
export type HttpExchange = z.infer<typeof HttpExchange>;

export const HttpSession = z
  .object({
    sessionId: z.string(),
    user: z.string(),
    createdAt: Timestamp,
    lastSeenAt: Timestamp,
    expiresAt: Timestamp,
    /** What the server keeps for this session; the browser holds only the id. */
    data: z.record(z.string(), z.json()),
  })
  .meta({ id: 'HttpSession' });
export type HttpSession = z.infer<typeof HttpSession>;

export const JarCookie = z
  .object({
    name: z.string(),
    value: z.string(),
    /** The host it was set by (no Domain attribute on an IP host). */
    host: z.string(),
    path: z.string(),
    /** Null: a session cookie, kept until the jar is cleared. */
    expiresAt: Timestamp.nullable(),
    httpOnly: z.boolean(),
    secure: z.boolean(),
    sameSite: z.enum(['Strict', 'Lax', 'None']).nullable(),
    setBy: z.string().nullable(),
  })
  .meta({ id: 'JarCookie' });
export type JarCookie = z.infer<typeof JarCookie>;

const ExchangeId = z.string().min(1).max(64);
const HeaderList = z.array(z.tuple([z.string().min(1).max(256), z.string().max(16 * 1024)])).max(200);
/** A log: 'live', or the id http.importHar gave an imported file. */
const LogId = z.string().min(1).max(64).default('live');

/** Why the composer would refuse this URL (it reaches http and https on loopback only), or null when it is fine. */
export function loopbackUrlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `'${text.slice(0, 200)}' is not an absolute URL; write it as http://127.0.0.1:PORT/path`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `the composer speaks http and https, not ${url.protocol}`;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopback = host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
  return loopback ? null : `the composer reaches loopback only (127.0.0.0/8, ::1, localhost), not ${url.hostname}`;
}

export const HttpSendParams = z
  .object({
    method: z.string().min(1).max(32).regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'a method is an HTTP token').default('GET'),
    /** http:// or https:// on 127.0.0.1, ::1 or localhost: the composer reaches loopback only. */
    url: z
      .string()
      .min(1)
      .max(8192)
      .superRefine((url, context) => {
        const problem = loopbackUrlProblem(url);
        if (problem) context.addIssue({ code: 'custom', message: problem });
      }),
    headers: HeaderList.default([]),
    body: z.string().max(8 * 1024 * 1024).optional(),
    bodyBase64: z.string().max(12 * 1024 * 1024).optional(),
    /** Bytes sent exactly as given instead of a request built from the fields (the URL still names where). */
    rawBase64: z.string().max(12 * 1024 * 1024).optional(),
    /** Send the jar's cookies for this URL and keep what the response sets. */
    useCookieJar: z.boolean().default(true),
    timeoutMs: z.number().int().min(10).max(120_000).default(10_000),
  })
  .strict();

export type HttpSendParams = z.output<typeof HttpSendParams>;

/** The status classes a user can pick, as the DevTools Network panel's chips pick resource types; `failed`: no status. */
export const statusClasses = ['1xx', '2xx', '3xx', '4xx', '5xx', 'failed'] as const;
export type StatusClass = (typeof statusClasses)[number];

/** The log's filter (shared/http/exchangeFilter.ts reads it): words as DevTools' filter box takes them, and status classes. */
const ExchangeFilterSpec = z
  .object({ text: z.string().max(1000).default(''), statuses: z.array(z.enum(statusClasses)).max(statusClasses.length).default([]) })
  .strict()
  .meta({ id: 'HttpExchangeFilter' });

const Paged = z.object({ after: z.number().int().nonnegative().default(0), limit: z.number().int().min(1).max(2000).default(500) });
const Part = z.object({ part: z.number().int().nonnegative(), parts: z.number().int().positive(), text: z.string() });

export const httpMethods = {
  'http.status': method({ doc: "The mini server's state, its URLs, limits, the log's size and the TLS certificate.", params: NoParams, result: HttpStatus }),
  'http.start': method({
    doc: 'Start the mini HTTP server and its TLS twin on 127.0.0.1 (ephemeral ports unless given); limits may be set.',
    params: z
      .object({ port: Port.default(0), tlsPort: Port.default(0), tls: z.boolean().default(true), limits: HttpLimits.partial().default({}) })
      .strict()
      .default({ port: 0, tlsPort: 0, tls: true, limits: {} }),
    result: HttpStatus,
  }),
  'http.stop': method({ doc: 'Stop the server and close its connections; the log stays.', params: NoParams, result: HttpStatus }),
  'http.exchanges': method({
    // Rows are numbered by an ordinal that eviction never changes: the seq, or through a filter the match's number among its matches.
    doc: 'A page of the log, whole or through a filter, oldest first: the rows with ordinal > after (see `first`), at most limit.',
    params: Paged.extend({ log: LogId, filter: ExchangeFilterSpec.nullable().default(null) }).strict().default({ after: 0, limit: 500, log: 'live', filter: null }),
    result: z.object({
      exchanges: z.array(HttpExchangeSummary),
      /** The ordinal of the first row returned; the rows are consecutive. */
      first: z.number().int().positive(),
      /** The last ordinal returned: the next page's `after`. */
      cursor: z.number().int().nonnegative(),
      more: z.boolean(),
      /** Rows (exchanges, or matches) in the log now, and evicted before them (through a filter: since it was first asked for). */
      total: z.number().int().nonnegative(),
      evicted: z.number().int().nonnegative(),
      /** The newest seq these counts include: a live http.exchange numbered above it is not counted in them yet. */
      scanned: z.number().int().nonnegative(),
    }),
  }),
  'http.exchange': method({
    doc: 'One exchange, whole: raw bytes, the decoded fields with their offsets, timings, pipeline steps, its connection.',
    params: z.object({ exchangeId: ExchangeId, log: LogId }).strict(),
    result: HttpExchange,
  }),
  'http.send': method({
    doc: 'The composer: send a request (or raw bytes) to a loopback URL through a real client socket; answers with the logged exchange.',
    params: HttpSendParams,
    result: z.object({
      outcome: z.enum(['response', 'timeout', 'error']),
      exchange: HttpExchange.nullable(),
      detail: z.string(),
    }),
  }),
  'http.sessions': method({ doc: "The server's sessions: what it keeps per session id, and when each expires.", params: NoParams, result: z.object({ sessions: z.array(HttpSession) }) }),
  'http.cookieJar': method({ doc: "The composer's cookie jar: what http.send keeps and sends.", params: NoParams, result: z.object({ cookies: z.array(JarCookie) }) }),
  'http.clearCookieJar': method({ doc: "Empty the composer's cookie jar.", params: NoParams, result: z.object({ cleared: z.number().int().nonnegative() }) }),
  'http.keylog': method({
    doc: "The TLS session keys of the server's connections in SSLKEYLOGFILE format, for Wireshark.",
    params: NoParams,
    result: z.object({ text: z.string(), lines: z.number().int().nonnegative(), dropped: z.number().int().nonnegative() }),
  }),
  'http.exportHar': method({
    doc: 'The live log as HAR 1.2, in parts of ≤ 128 Ki characters: call with part 0, then each next part of the same exportId.',
    params: z.object({ exportId: z.string().max(64).optional(), part: z.number().int().nonnegative().default(0) }).strict().default({ part: 0 }),
    result: Part.extend({ exportId: z.string() }),
  }),
  'http.importHar': method({
    doc: 'Send a HAR file in parts (part 0 first, the same importId after); the last part opens it as its own log.',
    params: Part.extend({ importId: z.string().max(64).optional() }).strict(),
    result: z.object({
      importId: z.string(),
      received: z.number().int().nonnegative(),
      /** Set once the last part arrived: the new log's id (for http.exchanges) and what the file departs from. */
      log: z
        .object({
          logId: z.string(),
          exchanges: z.number().int().nonnegative(),
          creator: z.object({ name: z.string(), version: z.string() }).nullable(),
          warnings: z.array(z.object({ path: z.string(), message: z.string() })),
        })
        .nullable(),
    }),
  }),
} as const satisfies Record<string, MethodSpec>;

export const httpEvents = {
  'http.server': {
    stream: 'http',
    source: 'inferred',
    doc: 'The mini server started or stopped; its URLs while running.',
    data: z.object({ state: HttpServerState, url: z.string().nullable(), tlsUrl: z.string().nullable() }),
  },
  'http.step': {
    stream: 'httpSteps',
    source: 'inferred',
    doc: 'One step of the pipeline (accepted → read → parsed → routed → headers → body → written → kept-alive or closed); exchangeId null for a connection-level step.',
    data: z.object({ connectionId: z.string(), exchangeId: z.string().nullable(), step: HttpStep, detail: z.string() }),
  },
  'http.exchange': {
    stream: 'http',
    source: 'inferred',
    doc: 'An exchange was logged (complete, or ended by an error): its row for the list.',
    data: HttpExchangeSummary,
  },
  'http.session': {
    stream: 'http',
    source: 'inferred',
    doc: 'A server-side session was created, changed, expired or ended by logout.',
    data: z.object({ sessionId: z.string(), change: z.enum(['created', 'updated', 'expired', 'destroyed']), user: z.string() }),
  },
} as const satisfies Record<string, EventSpec>;
