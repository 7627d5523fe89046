import type { Payload, TextEncoding } from '../../../shared/schemas/sockets.js';

/** How the user types what to send: text in an encoding, or bytes as hex. */
export interface PayloadInput {
  mode: 'text' | 'hex';
  text: string;
  encoding: TextEncoding;
}

/** Hex as people paste it: pairs of digits, with spaces, colons or a 0x prefix between them if they like. */
export function parseHex(text: string): Uint8Array | null {
  const digits = text.replace(/0x/gi, '').replace(/[\s:,-]/g, '');
  if (digits.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(digits)) return null;
  const bytes = new Uint8Array(digits.length / 2);
  for (let index = 0; index < bytes.length; index++) bytes[index] = parseInt(digits.slice(index * 2, index * 2 + 2), 16);
  return bytes;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** The payload to send, or null when the hex does not parse (the form says so under the field). */
export function payloadOf(input: PayloadInput): Payload | null {
  if (input.mode === 'text') return { text: input.text, encoding: input.encoding };
  const bytes = parseHex(input.text);
  return bytes ? { base64: bytesToBase64(bytes) } : null;
}

export interface DumpLine {
  offset: string;
  hex: string;
  /** Printable ASCII as itself, everything else as a dot, as hexdump -C and Wireshark show bytes. */
  ascii: string;
}

const BYTES_PER_LINE = 16;

/** Bytes as hexdump -C lays them out: offset, sixteen bytes in two groups of eight, their ASCII. */
export function hexDump(bytes: Uint8Array, maxLines = 64): { lines: DumpLine[]; omittedBytes: number } {
  const lines: DumpLine[] = [];
  const shown = Math.min(bytes.length, maxLines * BYTES_PER_LINE);
  for (let start = 0; start < shown; start += BYTES_PER_LINE) {
    const chunk = [...bytes.subarray(start, Math.min(start + BYTES_PER_LINE, shown))];
    const pairs = chunk.map((byte) => byte.toString(16).padStart(2, '0'));
    lines.push({
      offset: start.toString(16).padStart(8, '0'),
      hex: [pairs.slice(0, 8).join(' '), pairs.slice(8).join(' ')].filter(Boolean).join('  '),
      ascii: chunk.map((byte) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.')).join(''),
    });
  }
  return { lines, omittedBytes: bytes.length - shown };
}
