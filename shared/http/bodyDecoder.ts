import type { DecodeBodyOptions, DecodedBody, ImageFormat, JsonError, JsonNode } from './decodedBody.js';

/**
 * Decodes a body (already de-chunked and decompressed) by its Content-Type: form fields, multipart parts, a JSON tree,
 * text in its charset, an image recognised by its magic bytes, or binary for a hex view.
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null, options: DecodeBodyOptions = {}): DecodedBody {
  void bytes;
  void contentType;
  void options;
  return { kind: 'empty' };
}

/** A JSON text as a tree, at most `maxDepth` deep; an error with its position for bad JSON. */
export function parseJsonTree(text: string, maxDepth = 64): { tree: JsonNode | null; error: JsonError | null } {
  void text;
  void maxDepth;
  return { tree: null, error: null };
}

/** By the first bytes, as browsers sniff images (WHATWG MIME Sniffing §6.1). */
export function detectImage(bytes: Uint8Array): ImageFormat | null {
  void bytes;
  return null;
}

/** TextDecoder under a Content-Type charset label; UTF-8 when it names none or one TextDecoder does not know. */
export function decodeText(bytes: Uint8Array, charset: string | null): { charset: string; text: string } {
  void charset;
  return { charset: 'utf-8', text: new TextDecoder().decode(bytes) };
}
