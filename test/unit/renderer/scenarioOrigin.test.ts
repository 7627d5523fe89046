import { describe, expect, it } from 'vitest';
import type { ProcessRow } from '../../../shared/schemas/process.js';
import type { ScenarioRunInfo } from '../../../shared/schemas/scenario.js';
import { scenarioOrigin } from '../../../renderer/model/scenarioOrigin.js';
import { labRow, row } from './fixtures.js';

const rowsOf = (...rows: ProcessRow[]) => new Map(rows.map((entry) => [entry.pid, entry]));
const run = (scenario: string, pids: number[], startedAt = 4_000): ScenarioRunInfo => ({ runId: `${scenario}-${startedAt}`, scenario, startedAt, pids, running: true });

describe('scenarioOrigin', () => {
  const main = row(100, 1, { role: 'main' });
  const parent = labRow(110, 100, { name: 'zombie parent' });
  const zombie = row(111, 110, { name: 'sh', state: 'Z' });

  it('names the scenario and the parent of a scenario process’s child (the zombie’s bare sh)', () => {
    expect(scenarioOrigin(zombie, rowsOf(main, parent, zombie), [run('zombie', [110])])).toEqual({ scenario: 'zombie', parent, direct: true });
  });

  it('finds it for a grandchild too, and says it is not a direct child', () => {
    const grandchild = row(112, 111);
    expect(scenarioOrigin(grandchild, rowsOf(main, parent, zombie, grandchild), [run('zombie', [110])])).toMatchObject({ direct: false });
  });

  it('says nothing for a child of the user’s own process, nor for lab processes themselves', () => {
    const rows = rowsOf(main, parent, zombie);
    expect(scenarioOrigin(zombie, rows, [])).toBeNull();
    expect(scenarioOrigin(parent, rows, [run('zombie', [110])])).toBeNull();
  });

  it('does not take a pid a finished run once had for a process spawned before that run began', () => {
    const later = run('zombie', [110], 9_000); // the fixture's process was spawned at 5000
    expect(scenarioOrigin(zombie, rowsOf(main, parent, zombie), [later])).toBeNull();
    expect(scenarioOrigin(zombie, rowsOf(main, parent, zombie), [run('orphan', [110], 1_000), later])?.scenario).toBe('orphan');
  });

  it('ends on a ppid cycle, which only reused pids make', () => {
    const a = row(200, 201);
    const b = row(201, 200);
    expect(scenarioOrigin(a, rowsOf(a, b), [run('zombie', [110])])).toBeNull();
  });
});
