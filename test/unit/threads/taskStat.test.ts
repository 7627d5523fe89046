import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProcStat } from '../../../electron/lab/procfs/procStat.js';
import { readTaskIds, readTaskStat } from '../../../electron/lab/procfs/taskStat.js';
import { procfsAvailable } from '../../../electron/lab/procfs/procfs.js';

describe.skipIf(!procfsAvailable)('reading a thread from /proc/<pid>/task', () => {
  it('lists this process’s threads in tid order, the main thread first, as the kernel does', () => {
    const tids = readTaskIds(process.pid);
    expect(tids).toEqual(readdirSync(`/proc/${process.pid}/task`).map(Number).sort((a, b) => a - b));
    expect(tids?.[0]).toBe(process.pid);
  });

  it('gives each thread the comm its comm file holds, from the one stat read', () => {
    for (const tid of readTaskIds(process.pid) ?? []) {
      const stat = readTaskStat(process.pid, tid);
      if (!stat) continue; // a thread that ended meanwhile
      expect(stat.pid).toBe(tid);
      expect(stat.comm).toBe(readFileSync(`/proc/${process.pid}/task/${tid}/comm`, 'utf8').trimEnd());
    }
  });

  it('is null for a process or a thread that is not there', () => {
    expect(readTaskIds(4_194_304)).toBeNull();
    expect(readTaskStat(process.pid, 4_194_304)).toBeNull();
  });

  it('reads the CPU a thread last ran on from field 39, after a comm that holds spaces and parentheses', () => {
    const fields = Array.from({ length: 50 }, (_, i) => String(i + 3));
    fields[0] = 'R';
    expect(parseProcStat(`42 (a (b) c) ${fields.join(' ')}`).processor).toBe(39);
  });
});
