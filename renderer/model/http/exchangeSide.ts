import { type DecodedBody, decodeBody, type HeaderField } from '../../../shared/http/index.js';
import type { HttpExchangeSide } from '../../../shared/schemas/http.js';

/** Base64 (as the contract carries bytes) to bytes, without Node's Buffer: this runs in the page. */
export function base64Bytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let at = 0; at < binary.length; at++) bytes[at] = binary.charCodeAt(at);
  return bytes;
}

/** The first value of a header (field names are case-insensitive), or null. */
export const headerValue = (headers: readonly HeaderField[], name: string): string | null =>
  headers.find((field) => field.name.toLowerCase() === name.toLowerCase())?.value ?? null;

export const headerValues = (headers: readonly HeaderField[], name: string): string[] =>
  headers.filter((field) => field.name.toLowerCase() === name.toLowerCase()).map((field) => field.value);

export interface SideBody {
  /** The body as its Content-Type reads it: Content-Encoding undone when the lab could. */
  bytes: Uint8Array;
  /** Base64 of `bytes`, for an image's data: URL. */
  base64: string;
  decoded: DecodedBody;
  /** The Content-Encoding codings undone (gzip, br…), empty when the body had none. */
  codings: string[];
  /** Bytes on the wire for the body (still encoded), and how many the log did not keep. */
  wireBytes: number;
  cutBytes: number;
  /** Decompression stopped at its cap (the decoded body is cut there), or failed with this message. */
  decodedCutAt: number | null;
  decodeError: string | null;
}

/** What a side's body means, from the decoded bytes when the lab undid a Content-Encoding, else the kept bytes. */
export function sideBody(side: HttpExchangeSide): SideBody | null {
  const parsed = side.parsed;
  if (!parsed || parsed.body.totalBytes === 0) return null;
  const base64 = side.decoded && side.decoded.error === null ? side.decoded.base64 : parsed.body.base64;
  const bytes = base64Bytes(base64);
  return {
    bytes,
    base64,
    decoded: decodeBody(bytes, headerValue(parsed.headers, 'content-type')),
    codings: side.decoded?.codings ?? [],
    wireBytes: parsed.body.totalBytes,
    cutBytes: side.cutBytes,
    decodedCutAt: side.decoded?.cutAt ?? null,
    decodeError: side.decoded?.error ?? null,
  };
}
