import { promisify } from 'node:util';
import zlib from 'node:zlib';

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

type Coding = 'gzip' | 'deflate' | 'br';

const CODINGS: Record<string, Coding> = { gzip: 'gzip', 'x-gzip': 'gzip', deflate: 'deflate', br: 'br' };

const whole = {
  gzip: promisify(zlib.gunzip),
  zlibDeflate: promisify(zlib.inflate),
  rawDeflate: promisify(zlib.inflateRaw),
  br: promisify(zlib.brotliDecompress),
};

/**
 * Undoes a Content-Encoding header's codings (`gzip`, `x-gzip`, `deflate` as zlib or raw, `br`, `identity`,
 * stacked as `gzip, br`), from the last applied to the first.
 */
export async function decodeContentEncoding(
  bytes: Uint8Array,
  contentEncoding: string | null,
  maxOutputLength = DEFAULT_MAX_DECODED_BYTES,
): Promise<DecodedContent> {
  const listed = (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  let current = bytes;
  const codings: string[] = [];
  for (const name of listed.reverse()) {
    const coding = CODINGS[name];
    if (coding === undefined) return { bytes: current, codings, cutAt: null, error: `unknown content coding "${name}"` };
    const step = await undo(coding, current, maxOutputLength);
    codings.push(name);
    current = step.bytes;
    if (step.cutAt !== null || step.error !== null) return { bytes: current, codings, cutAt: step.cutAt, error: step.error };
  }
  return { bytes: current, codings, cutAt: null, error: null };
}

interface Step {
  bytes: Uint8Array;
  cutAt: number | null;
  error: string | null;
}

/**
 * One coding, whole in one call with maxOutputLength as the cap. Only when that fails — the cap was hit or the data
 * is cut or corrupt — a stream decodes again and keeps what comes out, stopping at the cap, so the user sees the first
 * bytes (and a zip bomb still never holds more than the cap).
 */
async function undo(coding: Coding, input: Uint8Array, cap: number): Promise<Step> {
  const options = { maxOutputLength: cap };
  try {
    if (coding === 'gzip') return done(await whole.gzip(input, options));
    if (coding === 'br') return done(await whole.br(input, options));
    // `deflate` is meant to be zlib-wrapped (RFC 9110 §8.4.1.2), but some servers send raw deflate: try both.
    return done(isZlibWrapped(input) ? await whole.zlibDeflate(input, options) : await whole.rawDeflate(input, options));
  } catch (caught) {
    const tooLarge = (caught as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
    const salvaged = await streamCapped(coding, input, cap);
    if (tooLarge || salvaged.bytes.length >= cap) return { bytes: salvaged.bytes, cutAt: cap, error: null };
    return { bytes: salvaged.bytes, cutAt: null, error: `${coding}: ${salvaged.error ?? (caught as Error).message}` };
  }
}

const done = (output: Buffer): Step => ({ bytes: new Uint8Array(output.buffer, output.byteOffset, output.length), cutAt: null, error: null });

/** A decompressing stream fed `input`, read until it ends, fails or gives `cap` bytes. */
function streamCapped(coding: Coding, input: Uint8Array, cap: number): Promise<{ bytes: Uint8Array; error: string | null }> {
  const stream = decompressor(coding, input);
  const parts: Buffer[] = [];
  let length = 0;
  return new Promise((resolve) => {
    const finish = (error: string | null): void => {
      stream.removeAllListeners('data');
      stream.destroy();
      resolve({ bytes: new Uint8Array(Buffer.concat(parts, Math.min(length, cap))), error });
    };
    stream.on('data', (chunk: Buffer) => {
      parts.push(chunk);
      length += chunk.length;
      if (length >= cap) finish(null);
    });
    stream.once('end', () => finish(null));
    stream.once('error', (error) => finish(error.message));
    stream.end(input);
  });
}

/** Sync flush at the end, so data cut short still yields what it holds instead of only "unexpected end of file". */
function decompressor(coding: Coding, input: Uint8Array): zlib.Gunzip | zlib.Inflate | zlib.InflateRaw | zlib.BrotliDecompress {
  const chunkSize = 64 * 1024;
  if (coding === 'gzip') return zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH, chunkSize });
  if (coding === 'br') return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH, chunkSize });
  return isZlibWrapped(input)
    ? zlib.createInflate({ finishFlush: zlib.constants.Z_SYNC_FLUSH, chunkSize })
    : zlib.createInflateRaw({ finishFlush: zlib.constants.Z_SYNC_FLUSH, chunkSize });
}

/** RFC 1950's two-byte header: method 8 (deflate), and the pair a multiple of 31. */
function isZlibWrapped(input: Uint8Array): boolean {
  const [first, second] = input;
  return first !== undefined && second !== undefined && (first & 0x0f) === 8 && ((first << 8) | second) % 31 === 0;
}
