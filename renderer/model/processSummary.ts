import type { ProcessRow } from '../../shared/schemas/process.js';
import { stateInfo } from './processStates.js';

export interface StateCount {
  /** The state letter, or 'exited' for lab processes that have ended. */
  key: string;
  label: string;
  count: number;
}

/** The order htop's summary line uses, so the same letters always sit in the same place. */
const LETTER_ORDER = 'RSDZTtIX?';

/** Live processes counted by state, then exited lab processes; states with no process are left out. */
export function countByState(rows: Iterable<ProcessRow>): StateCount[] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const key = row.alive ? row.state : 'exited';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const rank = (key: string): number => {
    if (key === 'exited') return LETTER_ORDER.length + 1;
    const index = LETTER_ORDER.indexOf(key);
    return index < 0 ? LETTER_ORDER.length : index;
  };
  return [...counts]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([key, count]) => ({ key, count, label: key === 'exited' ? 'exited' : stateInfo(key).label }));
}
