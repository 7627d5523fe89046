import { describe, expect, test } from 'vitest';
import { OutputBuffer } from '../../../electron/lab/processes/outputBuffer.js';

describe('OutputBuffer', () => {
  test('joins chunks into lines, per stream', () => {
    const buffer = new OutputBuffer();
    expect(buffer.write('stdout', 'hel', 1)).toEqual([]);
    buffer.write('stderr', 'oops\n', 2);
    expect(buffer.write('stdout', 'lo\nwor', 3).map((line) => line.text)).toEqual(['hello']);
    expect(buffer.end(4).map((line) => [line.stream, line.text])).toEqual([['stdout', 'wor']]);
    expect(buffer.snapshot().map((line) => line.text)).toEqual(['oops', 'hello', 'wor']);
  });

  test('keeps the newest lines and counts the dropped ones', () => {
    const buffer = new OutputBuffer(3);
    buffer.write('stdout', 'a\nb\nc\nd\ne\n', 1);
    expect(buffer.snapshot().map((line) => line.text)).toEqual(['c', 'd', 'e']);
    expect(buffer.dropped).toBe(2);
  });

  test('cuts a line that never ends, and says how much it cut', () => {
    const buffer = new OutputBuffer();
    const [line] = buffer.write('stdout', 'x'.repeat(5000), 1);
    expect(line?.text).toMatch(/^x{2000}… \[3000 more characters\]$/);
  });
});
