import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseMachineStat } from '../../../electron/lab/machine/machineStat.js';
import { parseProcStat } from '../../../electron/lab/procfs/procStat.js';

describe('the machine reading’s stat parser', () => {
  test('reads what the full parser reads, comm with spaces and parentheses included', () => {
    const line = '4242 (a) (b c)) S 1 4242 4242 0 -1 4194560 120 0 0 0 37 12 0 0 20 0 3 0 98765 1234567 321 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0';
    const full = parseProcStat(line);
    expect(parseMachineStat(line)).toEqual({ comm: 'a) (b c)', state: 'S', ppid: 1, flags: 4194560, cpuTicks: 49, numThreads: 3, startTicks: 98765, rssPages: 321 });
    expect(full).toMatchObject({ comm: 'a) (b c)', ppid: 1, flags: 4194560, cpuTicks: 49, numThreads: 3, startTicks: 98765, rssPages: 321 });
  });

  test('agrees with the full parser on this process’s own line', () => {
    const line = readFileSync('/proc/self/stat', 'utf8');
    const full = parseProcStat(line);
    expect(parseMachineStat(line)).toEqual({ comm: full.comm, state: full.state, ppid: full.ppid, flags: full.flags, cpuTicks: full.cpuTicks, numThreads: full.numThreads, startTicks: full.startTicks, rssPages: full.rssPages });
  });

  test('a line that is not a stat line is refused', () => {
    expect(parseMachineStat('garbage')).toBeNull();
  });
});
