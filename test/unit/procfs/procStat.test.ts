import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseProcStat } from '../../../electron/lab/procfs/procStat.js';

// 52 fields as Linux 6.x prints them; comm holds a space and a ')' on purpose.
const fields = (comm: string, state = 'S') =>
  `4242 (${comm}) ${state} 17 4242 4242 0 -1 4194560 1 0 0 0 250 75 0 0 20 0 1 0 987654 10000000 2560 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 768\n`;

describe('parseProcStat', () => {
  test('reads the fields after the last parenthesis, whatever comm holds', () => {
    expect(parseProcStat(fields('we (ird) name'))).toEqual({
      pid: 4242,
      comm: 'we (ird) name',
      state: 'S',
      ppid: 17,
      pgrp: 4242,
      cpuTicks: 325,
      startTicks: 987654,
      rssPages: 2560,
      numThreads: 1,
      exitStatus: 768,
      flags: 4194560,
      processor: 1,
    });
  });

  test('reads this very thread as the kernel reports it', () => {
    const stat = parseProcStat(readFileSync('/proc/thread-self/stat', 'utf8'));
    expect(stat.ppid).toBe(process.ppid);
    expect(stat.state).toBe('R'); // a thread reading its own stat is running
    expect(stat.startTicks).toBeGreaterThan(0);
  });

  test('refuses a line that is not a stat line', () => {
    expect(() => parseProcStat('hello')).toThrow(/not a \/proc/);
  });
});
