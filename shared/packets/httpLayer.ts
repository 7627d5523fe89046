/**
 * The application layer of a packet that completes HTTP messages, as Wireshark's tree shows it ("Hypertext Transfer
 * Protocol": the request or status line with its parts, each header line, the blank line, the body's size) and its
 * Info (`GET /path HTTP/1.1`, `HTTP/1.1 200 OK  (text/plain)`). Field names are Wireshark's http.* fields. A field whose
 * bytes an earlier packet carried (a message reassembled from several) has length 0 here: this frame does not hold it.
 */
import type { ByteSpan, HttpMessage } from '../http/index.js';
import { APPLICATION, field } from './fieldTree.js';
import type { PacketHttpMessage } from './httpInPackets.js';
import type { PacketField, PacketLayer } from './types.js';

/** Wireshark's names for the header fields it knows; any other header is http.request.line / http.response.line. */
const HEADER_FIELDS: Record<string, string> = {
  host: 'http.host',
  'user-agent': 'http.user_agent',
  accept: 'http.accept',
  'accept-encoding': 'http.accept_encoding',
  'accept-language': 'http.accept_language',
  authorization: 'http.authorization',
  'cache-control': 'http.cache_control',
  connection: 'http.connection',
  'content-encoding': 'http.content_encoding',
  'content-length': 'http.content_length_header',
  'content-type': 'http.content_type',
  cookie: 'http.cookie',
  date: 'http.date',
  location: 'http.location',
  referer: 'http.referer',
  server: 'http.server',
  'set-cookie': 'http.set_cookie',
  'transfer-encoding': 'http.transfer_encoding',
  'keep-alive': 'http.keep_alive',
};

const versionOf = (message: HttpMessage): string => `HTTP/${message.versionMajor ?? 1}.${message.versionMinor ?? 1}`;

/** The request line or status line, without its line ending. */
export function startLineText(message: HttpMessage): string {
  if (message.kind === 'request') return `${message.method ?? ''} ${message.url ?? ''} ${versionOf(message)}`;
  return `${versionOf(message)} ${message.statusCode ?? ''} ${message.statusText ?? ''}`.trimEnd();
}

/** Wireshark's Info for one message: its start line, and a response's media type (without its parameters). */
export function httpInfo(message: HttpMessage): string {
  const type = message.kind === 'response' ? message.headers.find((header) => header.name.toLowerCase() === 'content-type')?.value.split(';')[0]!.trim() : undefined;
  return type ? `${startLineText(message)}  (${type})` : startLineText(message);
}

/** Where stream bytes `span` lie in packet `packet`'s frame: offset and length, length 0 when another frame has them. */
function placeIn(found: PacketHttpMessage, packet: number, span: ByteSpan): { offset: number; length: number } {
  const segment = found.segments.find((s) => s.packet === packet && span.offset >= s.streamOffset && span.offset < s.streamOffset + s.length);
  if (segment === undefined) {
    const own = found.segments.find((s) => s.packet === packet);
    return { offset: own?.frameOffset ?? 0, length: 0 };
  }
  const offset = segment.frameOffset + (span.offset - segment.streamOffset);
  return { offset, length: Math.min(span.length, segment.streamOffset + segment.length - span.offset) };
}

function startLine(found: PacketHttpMessage, packet: number): PacketField | null {
  const { message } = found;
  const spans = message.startLineSpans;
  const line = spans.line;
  if (line === undefined) return null;
  const part = (name: string, label: string, value: string | number, span: ByteSpan | undefined): PacketField[] => {
    if (span === undefined) return [];
    const at = placeIn(found, packet, span);
    return [field(name, `${label}: ${value}`, value, at.offset, at.length)];
  };
  const version = versionOf(message);
  // llhttp's version span is the digits; Wireshark's field is the whole "HTTP/1.1".
  const versionSpan = spans.version && { offset: spans.version.offset - 5, length: spans.version.length + 5 };
  const children =
    message.kind === 'request'
      ? [...part('http.request.method', 'Request Method', message.method ?? '', spans.method), ...part('http.request.uri', 'Request URI', message.url ?? '', spans.url), ...part('http.request.version', 'Request Version', version, versionSpan)]
      : [...part('http.response.version', 'Response Version', version, versionSpan), ...part('http.response.code', 'Status Code', message.statusCode ?? 0, spans.status), ...part('http.response.phrase', 'Response Phrase', message.statusText ?? '', spans.reason)];
  const at = placeIn(found, packet, line);
  const text = startLineText(message);
  return field(message.kind === 'request' ? 'http.request.line' : 'http.response.line', `${text}\\r\\n`, text, at.offset, at.length, undefined, children);
}

/** The HTTP layer of packet `packet` for the messages it completes (several when pipelined). */
export function httpLayer(messages: readonly PacketHttpMessage[], packet: number): PacketLayer | null {
  const first = messages[0];
  if (first === undefined) return null;
  const fields: PacketField[] = [];
  for (const found of messages) {
    const { message } = found;
    const line = startLine(found, packet);
    if (line) fields.push(line);
    for (const header of message.headers) {
      const at = placeIn(found, packet, header.lineSpan);
      const name = HEADER_FIELDS[header.name.toLowerCase()] ?? (message.kind === 'request' ? 'http.request.line' : 'http.response.line');
      fields.push(field(name, `${header.name}: ${header.value}\\r\\n`, header.value, at.offset, at.length));
    }
    if (message.headerBytes !== null) {
      const blank = placeIn(found, packet, { offset: message.startOffset + message.headerBytes - 2, length: 2 });
      fields.push(field('http.blank_line', '\\r\\n', '', blank.offset, blank.length));
    }
    const uri = message.kind === 'request' ? fullUri(message) : null;
    if (uri) fields.push(field('http.request.full_uri', `[Full request URI: ${uri}]`, uri, 0, 0));
    if (found.segments.length > 1) {
      const list = found.segments.map((s) => `#${s.packet + 1}(${s.length})`).join(', ');
      fields.push(field('tcp.segments', `[${found.segments.length} Reassembled TCP Segments (${found.totalBytes} bytes): ${list}]`, found.segments.length, 0, 0));
    }
    if (message.body.span !== null) {
      const at = placeIn(found, packet, message.body.span);
      fields.push(field('http.file_data', `File Data: ${message.body.totalBytes} bytes`, message.body.totalBytes, at.offset, at.length));
    }
  }
  const own = first.segments.filter((s) => s.packet === packet);
  const offset = own[0]?.frameOffset ?? 0;
  const last = messages[messages.length - 1]!.segments.filter((s) => s.packet === packet).at(-1);
  const length = last ? last.frameOffset + last.length - offset : 0;
  return { protocol: 'http', title: 'Hypertext Transfer Protocol', ...APPLICATION, offset, length, fields };
}

/** Wireshark's [Full request URI]: the scheme, the Host header and the target. */
function fullUri(message: HttpMessage): string | null {
  const host = message.headers.find((header) => header.name.toLowerCase() === 'host')?.value.trim();
  if (!host || message.url === null) return null;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(message.url) ? message.url : `http://${host}${message.url}`;
}
