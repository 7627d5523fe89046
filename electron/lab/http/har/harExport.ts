import { decodeBody, decodeText, looksLikeText, parseCookieHeader, parseMediaType, parseSetCookie, splitRequestTarget } from '../../../../shared/http/index.js';
import { decodeContentEncoding } from '../decode/contentEncoding.js';
import type { ExchangeBody, ExchangeRequest, ExchangeResponse, ExchangeTimings, HttpExchange } from './harExchange.js';

/** HAR 1.2's creator object: who wrote the file. */
export interface HarCreator {
  name: string;
  version: string;
}

type Json = Record<string, unknown>;

/** A HAR 1.2 document for these exchanges, valid against the har-schema; bodies as text or base64. */
export async function exportHar(exchanges: readonly HttpExchange[], creator: HarCreator): Promise<Json> {
  const entries: Json[] = [];
  for (const exchange of exchanges) entries.push(await harEntry(exchange));
  return { log: { version: '1.2', creator: { name: creator.name, version: creator.version }, entries } };
}

async function harEntry(exchange: HttpExchange): Promise<Json> {
  const entry: Json = {
    startedDateTime: new Date(exchange.startedAt).toISOString(),
    time: totalTime(exchange.timings),
    request: harRequest(exchange.request),
    response: exchange.response === null ? noResponse() : await harResponse(exchange.response),
    cache: {},
    timings: harTimings(exchange.timings),
    // Links HAR has no field for, as `_`-prefixed custom fields (HAR 1.2 §"Custom fields").
    _exchangeId: exchange.exchangeId,
    _clientPid: exchange.clientPid,
    _serverPid: exchange.serverPid,
    _socket: exchange.socket,
  };
  if (exchange.serverIPAddress !== null) entry['serverIPAddress'] = exchange.serverIPAddress;
  if (exchange.connectionId !== null) {
    entry['connection'] = exchange.connectionId;
    entry['_connectionId'] = exchange.connectionId;
  }
  if (exchange.error !== null) entry['_error'] = exchange.error;
  return entry;
}

const header = (headers: ExchangeRequest['headers'], name: string): string | null =>
  headers.find(([key]) => key.toLowerCase() === name)?.[1] ?? null;

function harRequest(request: ExchangeRequest): Json {
  const cookies = request.headers
    .filter(([name]) => name.toLowerCase() === 'cookie')
    .flatMap(([, value]) => parseCookieHeader(value).map((pair) => ({ name: pair.name, value: pair.value })));
  const result: Json = {
    method: request.method,
    url: request.url,
    httpVersion: request.httpVersion,
    cookies,
    headers: request.headers.map(([name, value]) => ({ name, value })),
    queryString: (splitRequestTarget(request.url)?.queryPairs ?? []).map(([name, value]) => ({ name, value })),
    headersSize: request.headerBytes,
    bodySize: request.body?.totalBytes ?? 0,
  };
  if (request.body !== null && request.body.totalBytes > 0) result['postData'] = postData(request.body, header(request.headers, 'content-type'));
  return result;
}

/** postData has no `encoding` field in HAR 1.2: a binary body goes as base64 with `_encoding`, as some tools write it. */
function postData(body: ExchangeBody, contentType: string | null): Json {
  const result: Json = { mimeType: contentType ?? '', ...bodyText(body.bytes, contentType, '_encoding') };
  const decoded = decodeBody(body.bytes, contentType);
  if (decoded.kind === 'form') result['params'] = decoded.fields.map(([name, value]) => ({ name, value }));
  if (decoded.kind === 'multipart') {
    result['params'] = decoded.parts.map((part) => ({
      name: part.name ?? '',
      ...(part.filename === null ? { value: new TextDecoder().decode(part.body) } : { fileName: part.filename }),
      ...(part.contentType === null ? {} : { contentType: part.contentType }),
    }));
  }
  if (body.bytes.length < body.totalBytes) result['_cutAt'] = body.bytes.length;
  return result;
}

/**
 * Text when it round-trips: a declared legacy charset (GBK, ISO-8859-1) is trusted, otherwise the bytes must be
 * valid UTF-8 that reads as text; anything else goes as base64 under `encodingField`.
 */
function bodyText(bytes: Uint8Array, contentType: string | null, encodingField: string): Json {
  if (bytes.length === 0) return { text: '' };
  const charset = (contentType === null ? null : parseMediaType(contentType))?.parameters['charset'] ?? null;
  if (charset !== null && !/^utf-?8$/i.test(charset.trim())) return { text: decodeText(bytes, charset).text };
  const text = looksLikeText(bytes) ? strictUtf8(bytes) : null;
  return text !== null ? { text } : { text: Buffer.from(bytes).toString('base64'), [encodingField]: 'base64' };
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

async function harResponse(response: ExchangeResponse): Promise<Json> {
  const contentType = header(response.headers, 'content-type');
  const content = response.content ?? (await contentOf(response));
  const wireBytes = response.body?.totalBytes ?? 0;
  const harContent: Json = {
    size: content.totalBytes,
    mimeType: contentType ?? 'x-unknown',
    ...bodyText(content.bytes, contentType, 'encoding'),
  };
  if (header(response.headers, 'content-encoding') !== null) harContent['compression'] = content.totalBytes - wireBytes;
  if (content.cut === true || content.bytes.length < content.totalBytes) harContent['comment'] = `cut at ${content.bytes.length} bytes`;
  return {
    status: response.status,
    statusText: response.statusText,
    httpVersion: response.httpVersion,
    cookies: response.headers.filter(([name]) => name.toLowerCase() === 'set-cookie').flatMap(([, value]) => harCookie(value)),
    headers: response.headers.map(([name, value]) => ({ name, value })),
    content: harContent,
    redirectURL: header(response.headers, 'location') ?? '',
    headersSize: response.headerBytes,
    bodySize: response.body === null ? -1 : wireBytes,
  };
}

/** The body with its Content-Encoding undone (capped), when the recorder did not decode it already. */
async function contentOf(response: ExchangeResponse): Promise<ExchangeBody & { cut?: boolean }> {
  if (response.body === null) return { bytes: new Uint8Array(0), totalBytes: 0 };
  const coding = header(response.headers, 'content-encoding');
  if (coding === null) return response.body;
  const decoded = await decodeContentEncoding(response.body.bytes, coding);
  if (decoded.error !== null && decoded.bytes.length === 0) return response.body;
  return { bytes: decoded.bytes, totalBytes: decoded.bytes.length, cut: decoded.cutAt !== null || response.body.bytes.length < response.body.totalBytes };
}

function harCookie(value: string): Json[] {
  const cookie = parseSetCookie(value);
  if (cookie === null) return [];
  const result: Json = { name: cookie.name, value: cookie.value, httpOnly: cookie.httpOnly, secure: cookie.secure };
  if (cookie.path !== null) result['path'] = cookie.path;
  if (cookie.domain !== null) result['domain'] = cookie.domain;
  if (cookie.expires !== null) result['expires'] = new Date(cookie.expires).toISOString();
  if (cookie.sameSite !== null) result['sameSite'] = cookie.sameSite;
  return [result];
}

/** What DevTools writes for a request that got no response: status 0 and sizes unknown. */
function noResponse(): Json {
  return {
    status: 0,
    statusText: '',
    httpVersion: '',
    cookies: [],
    headers: [],
    content: { size: 0, mimeType: 'x-unknown' },
    redirectURL: '',
    headersSize: -1,
    bodySize: -1,
  };
}

/** HAR allows -1 (not applicable or unknown) for blocked, dns, connect and ssl only; send, wait and receive are ≥ 0. */
function harTimings(timings: ExchangeTimings): Json {
  const atLeastZero = (value: number): number => Math.max(0, value);
  return {
    blocked: timings.blocked,
    dns: timings.dns,
    connect: timings.connect,
    ssl: timings.ssl,
    send: atLeastZero(timings.send),
    wait: atLeastZero(timings.wait),
    receive: atLeastZero(timings.receive),
  };
}

/** HAR's entry.time: the sum of the known phases (ssl is already inside connect). */
function totalTime(timings: ExchangeTimings): number {
  return [timings.blocked, timings.dns, timings.connect, timings.send, timings.wait, timings.receive].filter((value) => value > 0).reduce((a, b) => a + b, 0);
}
