import { describe, expect, it } from 'vitest';
import { formatBytes, formatClock, formatCpu, formatDuration } from '../../../shared/format.js';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [38.2 * 1024 * 1024, '38.2 MiB'],
    [112 * 1024 * 1024, '112 MiB'],
    [1.5 * 1024 ** 3, '1.5 GiB'],
    [3 * 1024 ** 5, '3072 TiB'],
  ])('%d bytes reads %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});

describe('formatCpu', () => {
  it('keeps one decimal below one core and drops it above, as htop does', () => {
    expect(formatCpu(0)).toBe('0.0');
    expect(formatCpu(12.345)).toBe('12.3');
    expect(formatCpu(99.94)).toBe('99.9');
    expect(formatCpu(187.6)).toBe('188');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [500, '500 ms'],
    [3210, '3.2 s'],
    [59_900, '59.9 s'],
    [245_000, '4m 05s'],
    [7_380_000, '2h 03m'],
  ])('%d ms reads %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('formatClock', () => {
  it('prints local time with milliseconds, zero-padded', () => {
    const at = new Date(2024, 0, 2, 3, 4, 5, 6).getTime();
    expect(formatClock(at)).toBe('03:04:05.006');
  });
});
