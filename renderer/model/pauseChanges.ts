import type { ProcessRow } from '../../shared/schemas/process.js';
import { stateKey } from './processSummary.js';

/**
 * How many processes differ between the picture frozen at a pause and the live one: started
 * since, gone since (reaped, cleared), or in another state (a pid reused by another process
 * counts as changed). CPU and memory move every tick and are not counted.
 */
export function changedRows(frozen: ReadonlyMap<number, ProcessRow>, live: ReadonlyMap<number, ProcessRow>): number {
  let changed = 0;
  for (const [pid, then] of frozen) {
    const now = live.get(pid);
    if (!now || now.startTime !== then.startTime || stateKey(now) !== stateKey(then)) changed++;
  }
  for (const pid of live.keys()) if (!frozen.has(pid)) changed++;
  return changed;
}
