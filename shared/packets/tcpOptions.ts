/** TCP options (RFC 9293, 7323, 2018): each with where it lies, for the layer tree and for Info. */
import { u16, u32 } from './headerScan.js';

export type TcpOption =
  | { kind: 0 | 1; offset: number; length: number }
  | { kind: 2; offset: number; length: number; mss: number }
  | { kind: 3; offset: number; length: number; shift: number }
  | { kind: 4; offset: number; length: number }
  | { kind: 5; offset: number; length: number; blocks: Array<[number, number]> }
  | { kind: 8; offset: number; length: number; tsval: number; tsecr: number }
  | { kind: -1; offset: number; length: number; code: number };

export interface TcpOptions {
  options: TcpOption[];
  /** Set when an option's length is impossible or runs past the header; the options after it are not read. */
  problem: { offset: number; message: string } | null;
}

/** The options in `bytes[start, end)` — the TCP header after its 20 fixed bytes. */
export function parseTcpOptions(bytes: Uint8Array, start: number, end: number): TcpOptions {
  const options: TcpOption[] = [];
  let at = start;
  while (at < end) {
    const kind = bytes[at]!;
    if (kind === 0 || kind === 1) {
      options.push({ kind, offset: at, length: 1 });
      at++;
      // After End of Option List the rest of the header is padding.
      if (kind === 0) break;
      continue;
    }
    const length = at + 1 < end ? bytes[at + 1]! : 0;
    if (length < 2 || at + length > end) return { options, problem: { offset: at, message: `TCP option ${kind} has length ${length}, which does not fit the header` } };
    const expected = EXPECTED_LENGTH[kind];
    if (expected !== undefined && length !== expected) return { options, problem: { offset: at, message: `TCP option ${kind} has length ${length}, expected ${expected}` } };
    if (kind === 2) options.push({ kind, offset: at, length, mss: u16(bytes, at + 2) });
    else if (kind === 3) options.push({ kind, offset: at, length, shift: bytes[at + 2]! });
    else if (kind === 4) options.push({ kind, offset: at, length });
    else if (kind === 8) options.push({ kind, offset: at, length, tsval: u32(bytes, at + 2), tsecr: u32(bytes, at + 6) });
    else if (kind === 5) {
      if ((length - 2) % 8 !== 0) return { options, problem: { offset: at, message: `SACK option length ${length} is not 2 + 8n` } };
      const blocks: Array<[number, number]> = [];
      for (let b = at + 2; b < at + length; b += 8) blocks.push([u32(bytes, b), u32(bytes, b + 4)]);
      options.push({ kind, offset: at, length, blocks });
    } else options.push({ kind: -1, offset: at, length, code: kind });
    at += length;
  }
  return { options, problem: null };
}

const EXPECTED_LENGTH: Record<number, number> = { 2: 4, 3: 3, 4: 2, 8: 10 };
