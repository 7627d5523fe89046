import type { ByteSpan } from '../../../shared/http/index.js';
import type { HttpParsedMessage } from '../../../shared/schemas/http.js';

/**
 * A message's fields as the Raw tab lists them beside the bytes, as Wireshark's packet details sit beside its bytes pane:
 * the start line and its parts, each header line, the body and each chunk-size line. Selecting one highlights its span.
 * `label` is a catalog key (`kind: 'part'`) or a header's name as sent (`kind: 'header'`).
 */
export interface MessageField {
  id: string;
  kind: 'part' | 'header' | 'trailer';
  label: string;
  value: string;
  span: ByteSpan;
  depth: number;
}

const START_PARTS = {
  method: 'http.raw.field.method',
  url: 'http.raw.field.url',
  version: 'http.raw.field.version',
  status: 'http.raw.field.status',
  reason: 'http.raw.field.reason',
} as const;

const slice = (text: string, span: ByteSpan): string => text.slice(span.offset, span.offset + span.length);

/** `text` is the message's raw bytes read one to one (Latin-1), so a part's value is exactly what crossed the socket. */
export function messageFields(parsed: HttpParsedMessage, text: string): MessageField[] {
  const fields: MessageField[] = [];
  const line = parsed.startLineSpans.line;
  if (line) fields.push({ id: 'line', kind: 'part', label: 'http.raw.field.startLine', value: slice(text, line).replace(/\r?\n$/, ''), span: line, depth: 0 });
  for (const [part, label] of Object.entries(START_PARTS) as Array<[keyof typeof START_PARTS, string]>) {
    const span = parsed.startLineSpans[part];
    if (span) fields.push({ id: part, kind: 'part', label, value: slice(text, span), span, depth: 1 });
  }
  parsed.headers.forEach((header, index) => {
    fields.push({ id: `header-${index}`, kind: 'header', label: header.name, value: header.value, span: header.lineSpan, depth: 0 });
  });
  parsed.chunks.forEach((chunk, index) => {
    fields.push({ id: `chunk-${index}`, kind: 'part', label: 'http.raw.field.chunk', value: String(chunk.size), span: chunk.headerSpan, depth: 0 });
  });
  if (parsed.body.span && parsed.body.span.length > 0) {
    fields.push({ id: 'body', kind: 'part', label: 'http.raw.field.body', value: String(parsed.body.totalBytes), span: parsed.body.span, depth: 0 });
  }
  parsed.trailers.forEach((trailer, index) => {
    fields.push({ id: `trailer-${index}`, kind: 'trailer', label: trailer.name, value: trailer.value, span: trailer.lineSpan, depth: 0 });
  });
  return fields;
}

/** Bytes read one to one as characters, so string offsets are byte offsets. */
export const latin1 = (bytes: Uint8Array): string => {
  let text = '';
  for (let at = 0; at < bytes.length; at += 8192) text += String.fromCharCode(...bytes.subarray(at, at + 8192));
  return text;
};
