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

/** Masks in place and returns how many values it masked. Latin-1 keeps one character per byte, so indices are offsets. */
export function redactSecrets(bytes: Uint8Array): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!LOOKS.some((word) => buffer.includes(word))) return 0; // the common case, without a string copy
  const text = buffer.toString('latin1');
  let count = 0;
  for (const match of text.matchAll(SECRET)) {
    const value = match[3] ?? '';
    if (value.length === 0) continue;
    const start = (match.index ?? 0) + (match[1]?.length ?? 0) + (match[2]?.length ?? 0);
    bytes.fill(MASK, start, start + value.length);
    count++;
  }
  return count;
}
