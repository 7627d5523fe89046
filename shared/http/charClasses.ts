/** llhttp's byte classes (src/llhttp/constants.ts), as 256-entry tables so a test costs one index. */

function table(accepts: (byte: number) => boolean): Uint8Array {
  const result = new Uint8Array(256);
  for (let byte = 0; byte < 256; byte++) result[byte] = accepts(byte) ? 1 : 0;
  return result;
}

const isAlpha = (b: number): boolean => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
const isDigit = (b: number): boolean => b >= 0x30 && b <= 0x39;
const isAlnum = (b: number): boolean => isAlpha(b) || isDigit(b);
const among = (chars: string) => (b: number): boolean => chars.includes(String.fromCharCode(b));

export const ALPHA = table(isAlpha);

/** RFC 9110 tchar: what a header name, a method or a chunk-extension name is made of. */
export const TOKEN = table((b) => isAlnum(b) || among("!#$%&'*+-.^_`|~")(b));

/** Header value bytes: HTAB, visible ASCII, SP and obs-text (0x80–0xFF); no other control, no DEL. */
export const HEADER_CHARS = table((b) => b === 0x09 || (b >= 0x20 && b <= 0xff && b !== 0x7f));

/** A Connection or Transfer-Encoding list token: header bytes except the comma. */
export const CONNECTION_TOKEN_CHARS = table((b) => HEADER_CHARS[b] === 1 && b !== 0x2c);

/** Strict URL bytes: no `#`, `?`, space, control or non-ASCII byte (those must be percent-encoded). */
export const URL_CHAR = table((b) => isAlnum(b) || among('!"$%&\'()*+,-./:;<=>@[\\]^_`{|}~')(b));

/** What may stand in a URL's authority before the path, as llhttp accepts it. */
export const USERINFO_CHARS = table((b) => isAlnum(b) || among("-_.!~*'()%;:&=+$,")(b));

/** Quoted-string text in a chunk extension (RFC 9110 qdtext). */
export const QDTEXT = table((b) => b === 0x09 || b === 0x20 || b === 0x21 || (b >= 0x23 && b <= 0x5b) || (b >= 0x5d && b <= 0x7e) || b >= 0x80);

/** What may follow a backslash in a quoted string. */
export const HTAB_SP_VCHAR_OBS_TEXT = table((b) => b === 0x09 || (b >= 0x20 && b !== 0x7f));

/** Hex digit values, -1 for a byte that is none. */
export const HEX_VALUE = (() => {
  const result = new Int8Array(256).fill(-1);
  for (let b = 0; b < 256; b++) {
    if (isDigit(b)) result[b] = b - 0x30;
    else if (b >= 0x41 && b <= 0x46) result[b] = b - 0x41 + 10;
    else if (b >= 0x61 && b <= 0x66) result[b] = b - 0x61 + 10;
  }
  return result;
})();

export const toLowerAscii = (b: number): number => (b >= 0x41 && b <= 0x5a ? b + 0x20 : b);
