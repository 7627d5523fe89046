import type { ByteSpan } from '../../../shared/http/index.js';

/**
 * The bytes of a connection as Wireshark's bytes pane shows them: rows of 16 in hex beside their characters, or the text
 * split into lines, with one field's span highlighted. Rows and lines are computed one at a time, for a virtual list:
 * a 1 MiB body is 65,536 rows, and only the visible ones are ever built.
 */

export const HEX_ROW_WIDTH = 16;

export interface HexCell {
  /** Position in the stream (the view's `base` plus the byte's index). */
  offset: number;
  hex: string;
  char: string;
  highlighted: boolean;
}

export interface HexRow {
  offset: number;
  cells: HexCell[];
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** What a byte looks like in the text column: printable ASCII as itself, everything else as a middle dot, as in xxd's `.`. */
export const byteChar = (byte: number): string => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '·');

const inSpan = (offset: number, span: ByteSpan | null): boolean => span !== null && offset >= span.offset && offset < span.offset + span.length;

export const hexRowCount = (length: number): number => Math.ceil(length / HEX_ROW_WIDTH);

/** Row `index` of the hex view; `base` is the stream offset of `bytes[0]`, spans are in stream offsets. */
export function hexRow(bytes: Uint8Array, index: number, base: number, highlight: ByteSpan | null): HexRow {
  const start = index * HEX_ROW_WIDTH;
  const cells: HexCell[] = [];
  for (let at = start; at < Math.min(start + HEX_ROW_WIDTH, bytes.length); at++) {
    const byte = bytes[at] ?? 0;
    cells.push({ offset: base + at, hex: HEX[byte] ?? '00', char: byteChar(byte), highlighted: inSpan(base + at, highlight) });
  }
  return { offset: base + start, cells };
}

/** An offset as the hex view's gutter prints it: eight hex digits, as xxd and Wireshark do. */
export const offsetLabel = (offset: number): string => offset.toString(16).padStart(8, '0');

/** Where each line starts (index into `bytes`): 0, then one past every LF. */
export function lineStarts(bytes: Uint8Array): number[] {
  const starts = [0];
  for (let at = 0; at < bytes.length; at++) if (bytes[at] === 0x0a && at + 1 < bytes.length) starts.push(at + 1);
  return starts;
}

export interface TextSegment {
  text: string;
  highlighted: boolean;
  /** A line ending or control byte, shown as an escape (\r \n \t, · for others) so CRLF against bare LF is visible. */
  control: boolean;
}

/** The visible form of a control byte in the text view: CR, LF and tab as the escapes Wireshark prints, others as a dot. */
const controlChar = (byte: number): string => (byte === 0x0d ? '\\r' : byte === 0x0a ? '\\n' : byte === 0x09 ? '\\t' : '·');
const isControl = (byte: number): boolean => byte < 0x20 || byte >= 0x7f;

/**
 * Line `index` as runs of text, cut where the highlight or a control byte begins or ends. The bytes are read one to one
 * (Latin-1), as they crossed the socket: the decoded views are elsewhere.
 */
export function lineSegments(bytes: Uint8Array, starts: readonly number[], index: number, base: number, highlight: ByteSpan | null): TextSegment[] {
  const start = starts[index] ?? bytes.length;
  const end = starts[index + 1] ?? bytes.length;
  const segments: TextSegment[] = [];
  for (let at = start; at < end; at++) {
    const byte = bytes[at] ?? 0;
    const control = isControl(byte);
    const highlighted = inSpan(base + at, highlight);
    const text = control ? controlChar(byte) : String.fromCharCode(byte);
    const last = segments[segments.length - 1];
    if (last && last.control === control && last.highlighted === highlighted) last.text += text;
    else segments.push({ text, highlighted, control });
  }
  return segments;
}

/** The line that holds stream offset `offset` (binary search over the starts), to scroll the highlight into view. */
export function lineOfOffset(starts: readonly number[], offset: number, base: number): number {
  const target = offset - base;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] ?? 0) <= target) low = middle;
    else high = middle - 1;
  }
  return low;
}

export const rowOfOffset = (offset: number, base: number): number => Math.max(0, Math.floor((offset - base) / HEX_ROW_WIDTH));
