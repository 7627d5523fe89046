import type { ProcessRow } from '../../shared/schemas/process.js';
import { t } from '../i18n/index.js';
import { stateInfo } from './stateText.js';

export interface StateCount {
  /** The state letter, or 'exited' for lab processes that have ended. */
  key: string;
  label: string;
  count: number;
}

/** The order htop's summary line uses, so the same letters always sit in the same place. */
const LETTER_ORDER = 'RSDZTtIX?';

/** What a row counts as: its state letter while alive, 'exited' once a lab process has ended. */
export const stateKey = (row: ProcessRow): string => (row.alive ? row.state : 'exited');

const keyRank = (key: string): number => {
  if (key === 'exited') return LETTER_ORDER.length + 1;
  const index = LETTER_ORDER.indexOf(key);
  return index < 0 ? LETTER_ORDER.length : index;
};

export const stateRank = (row: ProcessRow): number => keyRank(stateKey(row));

/**
 * Processes counted by state, then exited lab processes. States with no process are left out,
 * except those in `always`, which count 0: a filter chip that stays in place as its count changes.
 */
export function countByState(rows: Iterable<ProcessRow>, always: readonly string[] = []): StateCount[] {
  const counts = new Map<string, number>(always.map((key) => [key, 0]));
  for (const row of rows) counts.set(stateKey(row), (counts.get(stateKey(row)) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => keyRank(a) - keyRank(b) || a.localeCompare(b))
    .map(([key, count]) => ({ key, count, label: key === 'exited' ? t('states.exited') : stateInfo(key).label }));
}
