/**
 * The plain exchange shape HAR is written from and read into: one request and its response as they crossed a
 * connection, plus the links HAR has no field for (kept as `_`-prefixed custom fields).
 */

export interface SocketTuple {
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
}

/** A body as kept: the first bytes and how many there were in all. */
export interface ExchangeBody {
  bytes: Uint8Array;
  totalBytes: number;
}

export interface ExchangeRequest {
  method: string;
  /** The absolute URL (scheme://host:port/path?query). */
  url: string;
  /** "HTTP/1.1". */
  httpVersion: string;
  headers: Array<[string, string]>;
  /** Start line and headers with the blank line, in bytes; -1 when unknown. */
  headerBytes: number;
  /** As it crossed the wire (de-chunked, still content-encoded); null when there was none. */
  body: ExchangeBody | null;
}

export interface ExchangeResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  headers: Array<[string, string]>;
  headerBytes: number;
  /** As it crossed the wire (de-chunked, still content-encoded). */
  body: ExchangeBody | null;
  /** The body with its Content-Encoding undone, when known; the exporter decodes `body` itself otherwise. */
  content?: ExchangeBody & { cut?: boolean };
}

/** HAR's timings in ms; -1 for a phase that did not apply or was not measured. */
export interface ExchangeTimings {
  blocked: number;
  dns: number;
  connect: number;
  ssl: number;
  send: number;
  wait: number;
  receive: number;
}

export interface HttpExchange {
  exchangeId: string;
  connectionId: string | null;
  /** Epoch milliseconds of the first request byte. */
  startedAt: number;
  request: ExchangeRequest;
  /** Null when no response came (an error, a timeout). */
  response: ExchangeResponse | null;
  timings: ExchangeTimings;
  serverIPAddress: string | null;
  /** The processes at each end, when known. */
  clientPid: number | null;
  serverPid: number | null;
  socket: SocketTuple | null;
  /** What went wrong (a parse error with its byte, a timeout); null for a clean exchange. */
  error: string | null;
}
