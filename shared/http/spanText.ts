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

  /** The field starts at `bytes[index]`, `base` being the stream offset of `bytes[0]`. */
  start(bytes: Uint8Array, index: number, base: number): void {
    void bytes;
    this.startIndex = index;
    this.startOffset = base + index;
    this.carried = [];
    this.carriedLength = 0;
  }

  /** The field ends before `bytes[index]`. */
  end(bytes: Uint8Array, index: number): { text: string; span: ByteSpan } {
    const tail = bytes.subarray(Math.max(0, this.startIndex), index);
    const text = this.carriedLength === 0 ? decode(tail) : decode(concat([...this.carried, tail], this.carriedLength + tail.length));
    const span = { offset: this.startOffset, length: this.carriedLength + tail.length };
    this.startIndex = -1;
    this.carried = [];
    this.carriedLength = 0;
    return { text, span };
  }

  /** The field's text so far, when the chunk ends inside it. */
  peek(bytes: Uint8Array): string {
    const tail = bytes.subarray(Math.max(0, this.startIndex));
    return decode(concat([...this.carried, tail], this.carriedLength + tail.length));
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

/** ASCII (nearly every field) without TextDecoder's call cost; UTF-8 otherwise. */
function decode(bytes: Uint8Array): string {
  if (bytes.length > 64) return utf8.decode(bytes);
  let text = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b >= 0x80) return utf8.decode(bytes);
    text += String.fromCharCode(b);
  }
  return text;
}
