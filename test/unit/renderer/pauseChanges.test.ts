import { describe, expect, it } from 'vitest';
import type { ProcessRow } from '../../../shared/schemas/process.js';
import { changedRows } from '../../../renderer/model/pauseChanges.js';
import { labRow, row } from './fixtures.js';

const rowsOf = (...rows: ProcessRow[]) => new Map(rows.map((entry) => [entry.pid, entry]));

describe('changedRows', () => {
  const main = row(100, 1, { role: 'main' });
  const sleeper = labRow(110, 100);

  it('counts nothing when only CPU and memory moved', () => {
    expect(changedRows(rowsOf(main, sleeper), rowsOf({ ...main, cpu: 40, rss: 9_999 }, sleeper))).toBe(0);
  });

  it('counts processes started, gone, in another state, ended, or another process on the same pid', () => {
    const frozen = rowsOf(main, sleeper, labRow(120, 100), labRow(130, 100), labRow(140, 100));
    const live = rowsOf(
      main,
      { ...sleeper, state: 'T' },
      { ...labRow(130, 100), alive: false },
      { ...labRow(140, 100), startTime: 99_999 },
      labRow(150, 100),
    );
    // 110 stopped, 120 gone, 130 exited, 140 reused, 150 new.
    expect(changedRows(frozen, live)).toBe(5);
  });
});
