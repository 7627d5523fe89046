const utf8 = new TextDecoder('utf-8');

const hexValue = (code: number): number => {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
};

/**
 * WHATWG URL percent-decoding: `%XX` becomes that byte, a `%` not followed by two hex digits stays as it is, and the
 * bytes are read as UTF-8 (invalid sequences become U+FFFD) — never an exception, unlike decodeURIComponent.
 */
export function percentDecode(text: string): string {
  if (!text.includes('%')) return text;
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x25 && i + 2 < text.length && hexValue(text.charCodeAt(i + 1)) >= 0 && hexValue(text.charCodeAt(i + 2)) >= 0) {
      bytes.push(hexValue(text.charCodeAt(i + 1)) * 16 + hexValue(text.charCodeAt(i + 2)));
      i += 2;
    } else if (code < 0x80) bytes.push(code);
    else {
      const end = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? i + 2 : i + 1;
      for (const byte of encoder.encode(text.slice(i, end))) bytes.push(byte);
      i = end - 1;
    }
  }
  return utf8.decode(new Uint8Array(bytes));
}
