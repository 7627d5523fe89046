import { describe, expect, it } from 'vitest';
import { hexRow, hexRowCount, lineOfOffset, lineSegments, lineStarts, offsetLabel, rowOfOffset } from '../../../../renderer/model/http/byteView.js';

const bytes = new TextEncoder().encode('GET / HTTP/1.1\r\nHost: a\r\n\r\n');

describe('hex rows', () => {
  it('cuts the bytes into rows of 16 with their offsets in the stream', () => {
    expect(hexRowCount(bytes.length)).toBe(2);
    const second = hexRow(bytes, 1, 100, null);
    expect(second.offset).toBe(116);
    expect(second.cells.map((cell) => cell.hex).join(' ')).toBe('48 6f 73 74 3a 20 61 0d 0a 0d 0a');
    expect(second.cells.map((cell) => cell.char).join('')).toBe('Host: a····');
    expect(offsetLabel(116)).toBe('00000074');
  });

  it('highlights exactly the bytes of the span', () => {
    // "Host" is stream bytes 116..119 when the view starts at 100.
    const row = hexRow(bytes, 1, 100, { offset: 116, length: 4 });
    expect(row.cells.filter((cell) => cell.highlighted).map((cell) => cell.char).join('')).toBe('Host');
    expect(rowOfOffset(116, 100)).toBe(1);
  });
});

describe('text lines', () => {
  it('splits after each LF and shows CR and LF as escapes', () => {
    const starts = lineStarts(bytes);
    expect(starts).toEqual([0, 16, 25]);
    const first = lineSegments(bytes, starts, 0, 0, null);
    expect(first).toEqual([
      { text: 'GET / HTTP/1.1', highlighted: false, control: false },
      { text: '\\r\\n', highlighted: false, control: true },
    ]);
  });

  it('cuts a line where the highlight starts and ends', () => {
    const starts = lineStarts(bytes);
    const segments = lineSegments(bytes, starts, 1, 0, { offset: 22, length: 1 });
    expect(segments.map((segment) => [segment.text, segment.highlighted])).toEqual([
      ['Host: ', false],
      ['a', true],
      ['\\r\\n', false],
    ]);
    expect(lineOfOffset(starts, 22, 0)).toBe(1);
    expect(lineOfOffset(starts, 0, 0)).toBe(0);
    expect(lineOfOffset(starts, 26, 0)).toBe(2);
  });
});
