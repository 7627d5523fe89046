import type { ProcessRow } from '../../shared/schemas/process.js';
import { byStart, type RowOrder } from './processTree.js';
import { stateRank } from './processSummary.js';

export type SortColumn = 'name' | 'pid' | 'state' | 'cpu' | 'rss' | 'role' | 'command';

/** null: the tree's own order (start time). */
export type TreeSort = { column: SortColumn; descending: boolean } | null;

const COMPARE: Record<SortColumn, RowOrder> = {
  name: (a, b) => a.name.localeCompare(b.name),
  pid: (a, b) => a.pid - b.pid,
  state: (a, b) => stateRank(a) - stateRank(b) || a.state.localeCompare(b.state),
  // Exited processes have nothing to measure: they sort as using nothing.
  cpu: (a, b) => liveValue(a, a.cpu) - liveValue(b, b.cpu),
  rss: (a, b) => liveValue(a, a.rss) - liveValue(b, b.rss),
  role: (a, b) => a.role.localeCompare(b.role),
  command: (a, b) => a.command.localeCompare(b.command),
};

const liveValue = (row: ProcessRow, value: number): number => (row.alive ? value : -1);

/** How siblings are ordered: by the column, ties in start order, so rows do not swap places between ticks. */
export function siblingOrder(sort: TreeSort): RowOrder {
  if (!sort) return byStart;
  const compare = COMPARE[sort.column];
  const sign = sort.descending ? -1 : 1;
  return (a, b) => sign * compare(a, b) || byStart(a, b);
}

/** A header click: ascending, then descending, then back to the tree's own order; numbers start with the largest. */
export function nextSort(sort: TreeSort, column: SortColumn): TreeSort {
  const largestFirst = column === 'cpu' || column === 'rss';
  if (sort?.column !== column) return { column, descending: largestFirst };
  if (sort.descending === largestFirst) return { column, descending: !largestFirst };
  return null;
}
