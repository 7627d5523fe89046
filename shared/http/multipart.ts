import { parseMediaType, splitOutsideQuotes, unquote } from './contentType.js';
import type { MultipartPart } from './decodedBody.js';
import { percentDecode } from './percentDecode.js';

const encoder = new TextEncoder();
const utf8 = new TextDecoder('utf-8');

export interface ParsedMultipart {
  parts: MultipartPart[];
  /** Why the body is not well-formed multipart (RFC 2046 §5.1.1, RFC 7578), or null; parts seen before are kept. */
  error: string | null;
}

/** Splits a multipart body on its boundary; part bodies are views into `bytes`, not copies. */
export function parseMultipart(bytes: Uint8Array, boundary: string, maxParts = 1000): ParsedMultipart {
  const parts: MultipartPart[] = [];
  const delimiter = encoder.encode(`--${boundary}`);
  let at = indexOf(bytes, delimiter, 0);
  if (at < 0) return { parts, error: `no "--${boundary}" line: the body does not use the boundary its Content-Type names` };
  let dropped = 0;
  for (;;) {
    at += delimiter.length;
    if (bytes[at] === 0x2d && bytes[at + 1] === 0x2d) return { parts, error: dropped > 0 ? `${dropped} parts past the first ${maxParts} not kept` : null };
    while (bytes[at] === 0x20 || bytes[at] === 0x09) at++; // transport padding
    if (bytes[at] !== 0x0d || bytes[at + 1] !== 0x0a) return { parts, error: `the boundary at byte ${at} is not followed by CRLF` };
    at += 2;
    const headerEnd = indexOf(bytes, CRLF_CRLF, at);
    const emptyHeaders = bytes[at] === 0x0d && bytes[at + 1] === 0x0a;
    if (headerEnd < 0 && !emptyHeaders) return { parts, error: `the part at byte ${at} has no blank line after its headers` };
    const bodyStart = emptyHeaders ? at + 2 : headerEnd + 4;
    const headers = emptyHeaders ? [] : parseHeaderLines(utf8.decode(bytes.subarray(at, headerEnd)));
    const next = indexOf(bytes, concat(CRLF, delimiter), bodyStart - 2);
    if (next < 0) return { parts, error: `the body ends before the closing "--${boundary}--"` };
    const body = bytes.subarray(bodyStart, Math.max(bodyStart, next));
    if (parts.length < maxParts) parts.push(describePart(headers, body, bodyStart));
    else dropped++;
    at = next + 2;
  }
}

const CRLF = new Uint8Array([0x0d, 0x0a]);
const CRLF_CRLF = new Uint8Array([0x0d, 0x0a, 0x0d, 0x0a]);

function describePart(headers: Array<[string, string]>, body: Uint8Array, bodyOffset: number): MultipartPart {
  const header = (name: string): string | null => headers.find(([key]) => key.toLowerCase() === name)?.[1] ?? null;
  const disposition = dispositionParameters(header('content-disposition'));
  return {
    headers,
    name: disposition['name'] ?? null,
    filename: disposition['filename*'] ?? disposition['filename'] ?? null,
    contentType: header('content-type') === null ? null : (parseMediaType(header('content-type') as string)?.essence ?? header('content-type')),
    size: body.length,
    body,
    bodyOffset,
  };
}

/** `form-data; name="file"; filename="a.txt"`, and RFC 5987's `filename*=UTF-8''%E2%82%AC.txt`. */
function dispositionParameters(value: string | null): Record<string, string> {
  const result: Record<string, string> = {};
  if (value === null) return result;
  for (const piece of splitOutsideQuotes(value, ';').slice(1)) {
    const equals = piece.indexOf('=');
    if (equals < 0) continue;
    const name = piece.slice(0, equals).trim().toLowerCase();
    const raw = piece.slice(equals + 1).trim();
    result[name] = name.endsWith('*') ? percentDecode(raw.replace(/^[^']*'[^']*'/, '')) : unquote(raw);
  }
  return result;
}

function parseHeaderLines(text: string): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return headers;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const result = new Uint8Array(a.length + b.length);
  result.set(a);
  result.set(b, a.length);
  return result;
}

/** First occurrence of `needle` in `haystack` from `from`, or -1 (the first byte found natively, then compared). */
export function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0];
  if (first === undefined) return from;
  for (let at = haystack.indexOf(first, Math.max(0, from)); at >= 0 && at + needle.length <= haystack.length; at = haystack.indexOf(first, at + 1)) {
    let i = 1;
    while (i < needle.length && haystack[at + i] === needle[i]) i++;
    if (i === needle.length) return at;
  }
  return -1;
}
