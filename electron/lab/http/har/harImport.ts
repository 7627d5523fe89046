import type { ExchangeBody, ExchangeRequest, ExchangeResponse, ExchangeTimings, HttpExchange, SocketTuple } from './harExchange.js';
import { harDepartures } from './harSchema.js';

/** A point where the file departs from HAR 1.2's schema, by its JSON path; the file is read anyway. */
export interface HarWarning {
  path: string;
  message: string;
}

export interface ImportedHar {
  exchanges: HttpExchange[];
  warnings: HarWarning[];
  /** log.creator, for the imported log's label. */
  creator: { name: string; version: string } | null;
  version: string | null;
}

/** Thrown only when nothing can be read: not JSON, or no log.entries. */
export class HarImportError extends Error {
  override name = 'HarImportError';
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);
const numberOr = (value: unknown, fallback: number): number => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
const pidOf = (value: unknown): number | null => (typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null);

/**
 * Reads a HAR leniently, as DevTools does: every entry that has a request becomes an exchange, whatever else is
 * missing or malformed, and each departure from the schema becomes a warning rather than a refusal.
 */
export function importHar(source: string): ImportedHar {
  let document: unknown;
  try {
    document = JSON.parse(source);
  } catch (caught) {
    throw new HarImportError(`This file is not JSON, so it is not a HAR: ${(caught as Error).message}`);
  }
  const log = isObject(document) ? document['log'] : undefined;
  if (!isObject(log) || !Array.isArray(log['entries'])) {
    throw new HarImportError('This JSON has no log.entries array, so it is not a HAR (HAR 1.2 puts every request under log.entries).');
  }
  const warnings: HarWarning[] = harDepartures(document);
  const exchanges: HttpExchange[] = [];
  log['entries'].forEach((entry: unknown, index: number) => {
    if (!isObject(entry) || !isObject(entry['request'])) {
      warnings.push({ path: `log.entries[${index}]`, message: 'has no request object: skipped' });
      return;
    }
    exchanges.push(exchangeOf(entry, index));
  });
  const creator = isObject(log['creator']) ? { name: text(log['creator']['name']), version: text(log['creator']['version']) } : null;
  return { exchanges, warnings, creator, version: typeof log['version'] === 'string' ? log['version'] : null };
}

function exchangeOf(entry: Json, index: number): HttpExchange {
  const started = Date.parse(text(entry['startedDateTime']));
  const socket = socketOf(entry['_socket']);
  const connectionId = text(entry['_connectionId'], text(entry['connection'])) || null;
  return {
    exchangeId: text(entry['_exchangeId']) || `har-${index}`,
    connectionId,
    startedAt: Number.isNaN(started) ? 0 : started,
    request: requestOf(entry['request'] as Json),
    response: isObject(entry['response']) && numberOr(entry['response']['status'], 0) > 0 ? responseOf(entry['response']) : null,
    timings: timingsOf(entry['timings']),
    serverIPAddress: text(entry['serverIPAddress']) || null,
    clientPid: pidOf(entry['_clientPid']),
    serverPid: pidOf(entry['_serverPid']),
    socket,
    error: text(entry['_error']) || null,
  };
}

function headersOf(value: unknown): Array<[string, string]> {
  if (!Array.isArray(value)) return [];
  return value.filter(isObject).map((field) => [text(field['name']), text(field['value'])]);
}

function requestOf(request: Json): ExchangeRequest {
  const post = isObject(request['postData']) ? request['postData'] : null;
  const body = post === null ? null : bodyOf(post['text'], post['_encoding'] ?? post['encoding'], request['bodySize']);
  return {
    method: text(request['method'], 'GET'),
    url: text(request['url']),
    httpVersion: text(request['httpVersion']),
    headers: headersOf(request['headers']),
    headerBytes: numberOr(request['headersSize'], -1),
    body,
  };
}

/**
 * HAR keeps the response body decoded (content.text), not the bytes that crossed the wire: both `body` and `content`
 * hold it, and the Content-Encoding header stays as the file recorded it.
 */
function responseOf(response: Json): ExchangeResponse {
  const content = isObject(response['content']) ? response['content'] : {};
  const decoded = bodyOf(content['text'], content['encoding'], content['size']);
  return {
    status: numberOr(response['status'], 0),
    statusText: text(response['statusText']),
    httpVersion: text(response['httpVersion']),
    headers: headersOf(response['headers']),
    headerBytes: numberOr(response['headersSize'], -1),
    body: decoded,
    ...(decoded === null ? {} : { content: decoded }),
  };
}

function bodyOf(value: unknown, encoding: unknown, size: unknown): ExchangeBody | null {
  if (typeof value !== 'string') return null;
  const bytes = encoding === 'base64' ? new Uint8Array(Buffer.from(value, 'base64')) : new TextEncoder().encode(value);
  return { bytes, totalBytes: Math.max(bytes.length, numberOr(size, 0)) };
}

function timingsOf(value: unknown): ExchangeTimings {
  const timings = isObject(value) ? value : {};
  const phase = (name: string): number => numberOr(timings[name], -1);
  return { blocked: phase('blocked'), dns: phase('dns'), connect: phase('connect'), ssl: phase('ssl'), send: phase('send'), wait: phase('wait'), receive: phase('receive') };
}

function socketOf(value: unknown): SocketTuple | null {
  if (!isObject(value)) return null;
  const { localAddress, localPort, remoteAddress, remotePort } = value;
  if (typeof localAddress !== 'string' || typeof remoteAddress !== 'string' || typeof localPort !== 'number' || typeof remotePort !== 'number') return null;
  return { localAddress, localPort, remoteAddress, remotePort };
}
