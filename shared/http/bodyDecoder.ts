import { parseMediaType } from './contentType.js';
import type { DecodeBodyOptions, DecodedBody } from './decodedBody.js';
import { detectImage, IMAGE_MIME_TYPES } from './imageMagic.js';
import { parseJsonTree } from './jsonTree.js';
import { parseMultipart } from './multipart.js';
import { parseUrlEncoded } from './requestTarget.js';
import { decodeText, looksLikeText } from './textCharset.js';

const TEXTUAL = new Set(['application/javascript', 'application/ecmascript', 'application/xml', 'application/xhtml+xml', 'image/svg+xml']);

/**
 * Decodes a body (already de-chunked and decompressed) by its Content-Type: form fields, multipart parts, a JSON tree,
 * text in its charset, an image recognised by its magic bytes, or binary for a hex view. Never renders anything: an
 * HTML body is text here, and the view shows it as text.
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null, options: DecodeBodyOptions = {}): DecodedBody {
  if (bytes.length === 0) return { kind: 'empty' };
  const media = contentType === null ? null : parseMediaType(contentType);
  const essence = media?.essence ?? null;
  const charset = media?.parameters['charset'] ?? null;
  if (essence === 'application/x-www-form-urlencoded') {
    return { kind: 'form', fields: parseUrlEncoded(decodeText(bytes, charset).text) };
  }
  if (media?.type === 'multipart') {
    const boundary = media.parameters['boundary'];
    if (boundary === undefined || boundary === '') return { kind: 'multipart', boundary: '', parts: [], error: 'the Content-Type names no boundary' };
    return { kind: 'multipart', boundary, ...parseMultipart(bytes, boundary, options.maxParts) };
  }
  if (essence === 'application/json' || media?.subtype.endsWith('+json') === true) {
    const { text } = decodeText(bytes, charset);
    return { kind: 'json', text, ...parseJsonTree(text, options.maxJsonDepth) };
  }
  if (essence === 'image/svg+xml') return { kind: 'image', format: 'svg', mimeType: essence };
  const image = detectImage(bytes);
  if (image !== null) return { kind: 'image', format: image, mimeType: IMAGE_MIME_TYPES[image] };
  const declaredText = media !== null && (media.type === 'text' || TEXTUAL.has(media.essence) || media.subtype.endsWith('+xml'));
  if (declaredText || (charset !== null) || ((media === null || essence === 'application/octet-stream') && looksLikeText(bytes))) {
    return { kind: 'text', mediaType: essence, ...decodeText(bytes, charset) };
  }
  return { kind: 'binary', mediaType: essence };
}
