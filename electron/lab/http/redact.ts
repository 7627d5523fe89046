/**
 * Browser mode's secret must never reach the HTTP log, the TRACE echo or a HAR: a cookie set by 127.0.0.1 goes to every
 * port of 127.0.0.1, so a Loopscope page's cookie (or a token in a query) could arrive at the mini server. Anything
 * named like `loopscope_token*` (cookie, header, query parameter) has its value masked byte for byte, so every offset
 * the decoder reports still points at the same field.
 */
const SECRET = /(loopscope[_-]?token[\w-]*)(\s*[=:]\s*)([^;,&\s]*)/gi;
const MASK = 0x2a; // '*'

/** Masks in place and returns how many values it masked. Latin-1 keeps one character per byte, so indices are offsets. */
export function redactSecrets(bytes: Uint8Array): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
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

export const redactText = (text: string): string => text.replace(SECRET, (_all, name: string, sep: string, value: string) => name + sep + '*'.repeat(value.length));
