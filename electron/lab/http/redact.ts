/**
 * Browser mode's secret must never reach the HTTP log, the TRACE echo or a HAR: a cookie set by 127.0.0.1 goes to every
 * port of 127.0.0.1, so a Loopscope page's cookie (or a token in a query) could arrive at the mini server. Anything
 * named like `loopscope_token*` (cookie, header, query parameter) has its value masked byte for byte, so every offset
 * the decoder reports still points at the same field.
 */
const SECRET = /(loopscope[_-]?token[\w-]*)(\s*[=:]\s*)([^;,&\s]*)/gi;
const MASK = 0x2a; // '*'
/** The spellings a quick native search looks for before the regex runs. */
const LOOKS = ['oopscope', 'OOPSCOPE', 'oopScope'];
/**
 * How much of the previous chunk is searched again with the next one's start, so a name or separator split across
 * two TCP reads is still found: a name of up to 64 characters and a few spaces around its `=` or `:`.
 */
const OVERLAP = 80;
/** Bytes that end a secret's value, as the pattern's `[^;,&\s]` has them. */
const VALUE_ENDS = new Set([0x3b, 0x2c, 0x26, 0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d]);

interface ValueSpan {
  start: number;
  end: number;
}

function looksLikeSecret(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return LOOKS.some((word) => buffer.includes(word));
}

/** Where the secrets' values lie. Latin-1 keeps one character per byte, so string indices are byte offsets. */
function valueSpans(bytes: Uint8Array): ValueSpan[] {
  if (!looksLikeSecret(bytes)) return []; // the common case, without a string copy
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const spans: ValueSpan[] = [];
  for (const match of text.matchAll(SECRET)) {
    const start = (match.index ?? 0) + (match[1]?.length ?? 0) + (match[2]?.length ?? 0);
    spans.push({ start, end: start + (match[3]?.length ?? 0) });
  }
  return spans;
}

/** Masks from `start` up to the value's end; returns where it stopped (the length when the value runs off the end). */
function maskValueFrom(bytes: Uint8Array, start: number): number {
  let i = start;
  while (i < bytes.length && !VALUE_ENDS.has(bytes[i]!)) bytes[i++] = MASK;
  return i;
}

/** Masks one whole message in place and returns how many values it masked. */
export function redactSecrets(bytes: Uint8Array): number {
  const spans = valueSpans(bytes).filter((span) => span.end > span.start);
  for (const span of spans) bytes.fill(MASK, span.start, span.end);
  return spans.length;
}

/**
 * Masks a connection's bytes chunk by chunk as they arrive, in place, before anything else reads them: a secret whose
 * name, separator or value is split across two reads is masked as surely as one that arrives whole. Nothing is held
 * back, so a request is parsed as soon as its last byte is in.
 */
export class StreamRedactor {
  /**
   * The previous chunk's last bytes (already masked) at the start, then room for the next chunk's first bytes: the
   * seam searched with each chunk, one buffer per connection rather than two new ones per chunk.
   */
  private readonly seam = Buffer.allocUnsafe(2 * OVERLAP);
  private tailLength = 0;
  /** The previous chunk ended inside a secret's value: the next chunk's first bytes belong to it. */
  private inValue = false;

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    if (this.inValue) this.inValue = maskValueFrom(chunk, 0) === chunk.length;
    const head = Math.min(chunk.length, OVERLAP);
    this.seam.set(chunk.subarray(0, head), this.tailLength);
    for (const span of valueSpans(this.seam.subarray(0, this.tailLength + head))) {
      // A value that ended inside the tail was masked with the previous chunk.
      if (span.end > this.tailLength) this.maskValue(chunk, span.start - this.tailLength);
    }
    for (const span of valueSpans(chunk)) this.maskValue(chunk, span.start);
    this.keepTail(chunk);
  }

  /** The last OVERLAP bytes seen, masked, become the start of the next seam. */
  private keepTail(chunk: Uint8Array): void {
    if (chunk.length >= OVERLAP) {
      this.seam.set(chunk.subarray(chunk.length - OVERLAP));
      this.tailLength = OVERLAP;
      return;
    }
    // A short chunk: the seam holds the old tail and the chunk (masked since it was copied: copy it again).
    this.seam.set(chunk, this.tailLength);
    const end = this.tailLength + chunk.length;
    const from = Math.max(0, end - OVERLAP);
    this.seam.copyWithin(0, from, end);
    this.tailLength = end - from;
  }

  /** Masks a value that starts at `start` of the chunk (negative: it began in the previous one). */
  private maskValue(chunk: Uint8Array, start: number): void {
    if (maskValueFrom(chunk, Math.max(0, start)) === chunk.length) this.inValue = true;
  }
}
