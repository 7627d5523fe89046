import { describe, expect, it } from 'vitest';
import { formatPhase, timingBar } from '../../../../renderer/model/http/timingBar.js';

describe('timingBar', () => {
  it('lays the phases end to end on one scale', () => {
    const bar = timingBar({ blocked: -1, dns: -1, connect: 2, send: 1, wait: 5, receive: 2 });
    expect(bar.total).toBe(10);
    expect(bar.unknown).toEqual(['blocked', 'dns', 'ssl']);
    expect(bar.segments.map((segment) => [segment.phase, segment.start, segment.left, segment.width])).toEqual([
      ['connect', 0, 0, 20],
      ['send', 2, 20, 10],
      ['wait', 3, 30, 50],
      ['receive', 8, 80, 20],
    ]);
  });

  it('shows the TLS handshake apart from the TCP connect that HAR counts it in', () => {
    const bar = timingBar({ connect: 6, ssl: 4, send: 0, wait: 0, receive: 0 });
    expect(bar.segments.filter((segment) => segment.duration > 0).map((segment) => [segment.phase, segment.duration])).toEqual([
      ['connect', 2],
      ['ssl', 4],
    ]);
    expect(bar.total).toBe(6);
  });

  it('draws nothing for an exchange that took no measurable time', () => {
    const bar = timingBar({ send: 0, wait: 0, receive: 0 });
    expect(bar.segments.every((segment) => segment.width === 0)).toBe(true);
  });

  it('prints small times in microseconds', () => {
    expect(formatPhase(0.042)).toBe('42 µs');
    expect(formatPhase(3.25)).toBe('3.3 ms');
    expect(formatPhase(1520)).toBe('1.52 s');
  });
});
