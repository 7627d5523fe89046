import { type HttpMessage, parseHttpStream } from '../../../shared/http/index.js';
import type { HttpConnectionInfo } from '../../../shared/schemas/http.js';
import type { ExchangeBody, HttpExchange as HarExchange } from './har/harExchange.js';
import { costOf, type LoggedExchange } from './loggedExchange.js';
import type { CapturedMessage } from './server/messageCapture.js';

const headersOf = (message: HttpMessage | null): Array<[string, string]> => (message?.headers ?? []).map((field) => [field.name, field.value]);
const bodyOf = (message: HttpMessage | null): ExchangeBody | null =>
  message && message.body.totalBytes > 0 ? { bytes: message.body.bytes, totalBytes: message.body.totalBytes } : null;
const parse = (captured: CapturedMessage | null, kind: 'request' | 'response', method: string[] = []): HttpMessage | null =>
  captured && captured.raw.length > 0 ? (parseHttpStream(captured.raw, { kind, requestMethods: method, maxMessages: 1 }).messages[0] ?? null) : null;
const version = (message: HttpMessage | null): string => (message?.versionMajor == null ? 'HTTP/1.1' : `HTTP/${message.versionMajor}.${message.versionMinor ?? 0}`);

/** A logged exchange in the HAR module's shape: its raw bytes read by the decoder, its links kept. */
export function toHarExchange(exchange: LoggedExchange): HarExchange {
  const { summary, connection } = exchange;
  const request = parse(exchange.request, 'request');
  const response = parse(exchange.response, 'response', summary.method ? [summary.method] : []);
  const at = (step: string): number | null => exchange.steps.find((entry) => entry.step === step)?.at ?? null;
  const span = (from: number | null, to: number | null): number => (from === null || to === null ? -1 : Math.max(0, to - from));
  const host = summary.host ?? `${connection.tuple?.localAddress ?? '127.0.0.1'}:${connection.tuple?.localPort ?? 0}`;
  return {
    exchangeId: summary.exchangeId,
    connectionId: summary.connectionId,
    startedAt: summary.startedAt,
    request: {
      method: summary.method ?? 'GET',
      url: `${summary.scheme}://${host}${summary.target ?? '/'}`,
      httpVersion: version(request),
      headers: headersOf(request),
      headerBytes: request?.headerBytes ?? -1,
      body: bodyOf(request),
    },
    response:
      summary.status === null
        ? null
        : { status: summary.status, statusText: summary.statusText ?? '', httpVersion: version(response), headers: headersOf(response), headerBytes: response?.headerBytes ?? -1, body: bodyOf(response) },
    timings: { blocked: -1, dns: -1, connect: -1, ssl: -1, send: span(at('read'), at('parsed')), wait: span(at('parsed'), at('headers')), receive: span(at('headers'), at('written')) },
    serverIPAddress: connection.tuple?.localAddress ?? null,
    clientPid: connection.client.pid,
    serverPid: connection.server.pid,
    socket: connection.tuple,
    error: summary.error ? `${summary.error.code}: ${summary.error.reason}` : null,
  };
}

/** An imported HAR entry as a log entry: its messages rebuilt as HTTP/1.1 bytes, so the same view reads them. */
export function fromHarExchange(exchange: HarExchange, exchangeId: string): LoggedExchange {
  let url: URL | null = null;
  try {
    url = new URL(exchange.request.url);
  } catch {
    url = null;
  }
  const target = url ? `${url.pathname}${url.search}` : exchange.request.url;
  const requestRaw = serialize(`${exchange.request.method} ${target} ${exchange.request.httpVersion || 'HTTP/1.1'}`, exchange.request.headers, exchange.request.body);
  const response = exchange.response;
  const responseRaw = response ? serialize(`${response.httpVersion || 'HTTP/1.1'} ${response.status} ${response.statusText}`, response.headers, response.body) : null;
  const contentType = response?.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? null;
  const connection: HttpConnectionInfo = {
    connectionId: exchange.connectionId ?? `${exchangeId}-connection`,
    tuple: exchange.socket,
    server: { pid: exchange.serverPid, reason: exchange.serverPid === null ? 'not in the HAR file' : null },
    client: { pid: exchange.clientPid, reason: exchange.clientPid === null ? 'not in the HAR file' : null },
    acceptedAt: exchange.startedAt,
    closedAt: null,
    exchanges: 1,
    tls: null,
  };
  const durations = [exchange.timings.send, exchange.timings.wait, exchange.timings.receive].filter((time) => time >= 0);
  const record = {
    summary: {
      exchangeId,
      seq: 0,
      connectionId: connection.connectionId,
      indexOnConnection: 0,
      recorder: 'server' as const,
      fromComposer: false,
      scheme: url?.protocol === 'https:' ? ('https' as const) : ('http' as const),
      startedAt: exchange.startedAt,
      method: exchange.request.method,
      target,
      host: url?.host ?? null,
      status: response?.status ?? null,
      statusText: response?.statusText ?? null,
      contentType,
      requestBytes: requestRaw.totalBytes,
      responseBytes: responseRaw?.totalBytes ?? 0,
      durationMs: durations.length > 0 ? durations.reduce((a, b) => a + b, 0) : null,
      route: null,
      error: exchange.error === null ? null : { code: 'IMPORTED', reason: exchange.error, offset: null },
    },
    request: requestRaw,
    response: responseRaw,
    steps: [],
    connection,
    explanation: 'Imported from a HAR file: the bytes are rebuilt from its fields, not as they crossed a socket.',
  };
  return { ...record, cost: costOf(record) };
}

function serialize(startLine: string, headers: ReadonlyArray<[string, string]>, body: ExchangeBody | null): CapturedMessage {
  const bytes = body?.bytes ?? new Uint8Array(0);
  // The body is rebuilt de-chunked, so its framing header is replaced by the length it really has.
  const kept = headers.filter(([name]) => !/^(transfer-encoding|content-length)$/i.test(name));
  const lines = [startLine, ...kept.map(([name, value]) => `${name}: ${value}`), ...(bytes.length > 0 ? [`Content-Length: ${bytes.length}`] : [])];
  const raw = Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), Buffer.from(bytes)]);
  return { raw, totalBytes: raw.length, streamOffset: 0 };
}
