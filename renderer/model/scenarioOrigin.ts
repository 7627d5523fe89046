import type { ProcessRow } from '../../shared/schemas/process.js';
import type { ScenarioRunInfo } from '../../shared/schemas/scenario.js';

/** A process a scenario's process started (the zombie scenario's `sh`): which scenario, and under which of its processes. */
export interface ScenarioOrigin {
  scenario: string;
  /** The scenario's own lab process it descends from. */
  parent: ProcessRow;
  /** Whether it is that process's child, rather than a grandchild. */
  direct: boolean;
}

/** Deeper than any tree a scenario builds; it also ends a walk round a ppid cycle, which only reused pids make. */
const MAX_HOPS = 32;

/**
 * For a descendant (a process no one asked the lab to start): the scenario run whose lab process
 * it lives under, found by walking up its ppids to the first lab process. That process belongs to
 * the latest run that lists its pid and began before it was spawned (a pid can be reused by a later run).
 */
export function scenarioOrigin(row: ProcessRow, rows: ReadonlyMap<number, ProcessRow>, runs: readonly ScenarioRunInfo[]): ScenarioOrigin | null {
  if (row.role !== 'descendant') return null;
  let up = rows.get(row.ppid);
  for (let hops = 0; up && hops < MAX_HOPS; hops++, up = rows.get(up.ppid)) {
    if (up.role !== 'lab') continue;
    const parent = up;
    // spawnedAt is on the lab's clock, as startedAt is; the kernel's start time is coarser and from another clock.
    const spawnedAt = parent.lab?.spawnedAt ?? parent.startTime;
    const run = runs.filter((candidate) => candidate.pids.includes(parent.pid) && candidate.startedAt <= spawnedAt).at(-1);
    return run ? { scenario: run.scenario, parent, direct: hops === 0 } : null;
  }
  return null;
}
