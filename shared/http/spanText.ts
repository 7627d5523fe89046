import type { ByteSpan } from './httpMessage.js';

const utf8 = new TextDecoder('utf-8');

/**
 * The text of the field being read (a method, a URL, a header name or value), which may straddle socket reads: the
 * bytes of earlier chunks are carried over until the field ends, as llparse's spans are.
 */
export class SpanText {
  private startIndex = -1;
  private startOffset = 0;
  private carried: Uint8Array[] = [];
  private carriedLength = 0;
  private lastOffset = 0;
  private lastLength = 0;

  /** The field starts at `bytes[index]`, `base` being the stream offset of `bytes[0]`. */
  start(bytes: Uint8Array, index: number, base: number): void {
    void bytes;
    this.startIndex = index;
    this.startOffset = base + index;
    this.carried = [];
    this.carriedLength = 0;
  }

  /** The field ends before `bytes[index]`: its text (see `last` for where it lay). */
  end(bytes: Uint8Array, index: number): string {
    const from = Math.max(0, this.startIndex);
    const text =
      this.carriedLength === 0 ? decode(bytes, from, index) : decodeAll(concat([...this.carried, bytes.subarray(from, index)], this.carriedLength + index - from));
    this.close(index - from);
    return text;
  }

  /** The field ends before `bytes[index]`, its text not needed (a version, a status code). */
  endSpan(bytes: Uint8Array, index: number): ByteSpan {
    void bytes;
    this.close(index - Math.max(0, this.startIndex));
    return this.last();
  }

  /** Where the field that just ended lay in the stream. */
  last(): ByteSpan {
    return { offset: this.lastOffset, length: this.lastLength };
  }

  private close(tailLength: number): void {
    this.lastOffset = this.startOffset;
    this.lastLength = this.carriedLength + tailLength;
    this.startIndex = -1;
    if (this.carriedLength > 0) {
      this.carried = [];
      this.carriedLength = 0;
    }
  }

  /** The field's text so far (up to `index`), when the chunk ends inside it or before deciding how it ends. */
  peek(bytes: Uint8Array, index = bytes.length): string {
    const tail = bytes.subarray(Math.max(0, this.startIndex), index);
    return decodeAll(concat([...this.carried, tail], this.carriedLength + tail.length));
  }

  /** The chunk ends inside a field: keep its part (bounded by the parser's header limit, which stops the stream first). */
  carry(bytes: Uint8Array): void {
    if (this.startIndex < 0) return;
    if (this.startIndex < bytes.length) {
      const part = bytes.slice(this.startIndex);
      this.carried.push(part);
      this.carriedLength += part.length;
    }
    this.startIndex = 0;
  }
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  const result = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    result.set(part, at);
    at += part.length;
  }
  return result;
}

/** `bytes[from, to)`: ASCII (nearly every field) without a view or TextDecoder's call cost; UTF-8 otherwise. */
function decode(bytes: Uint8Array, from: number, to: number): string {
  if (to - from > 64) return utf8.decode(bytes.subarray(from, to));
  let text = '';
  for (let i = from; i < to; i++) {
    const b = bytes[i] as number;
    if (b >= 0x80) return utf8.decode(bytes.subarray(from, to));
    text += String.fromCharCode(b);
  }
  return text;
}

const decodeAll = (bytes: Uint8Array): string => decode(bytes, 0, bytes.length);
