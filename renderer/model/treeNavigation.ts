import type { VisibleRow } from './processTree.js';

export type TreeKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Home' | 'End';

export type TreeAction =
  | { kind: 'select'; pid: number }
  | { kind: 'expand'; pid: number }
  | { kind: 'collapse'; pid: number }
  | { kind: 'none' };

export const isTreeKey = (key: string): key is TreeKey =>
  ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(key);

/**
 * What a key does in the tree, as in VS Code's and the WAI-ARIA tree pattern: Left collapses, or goes
 * to the parent when already collapsed; Right expands, or goes to the first child when expanded.
 * With nothing selected (or the selection gone), any key selects the first row.
 */
export function treeAction(rows: readonly VisibleRow[], selectedPid: number | null, key: TreeKey): TreeAction {
  const first = rows[0];
  if (!first) return { kind: 'none' };
  const index = rows.findIndex((line) => line.row.pid === selectedPid);
  const current = rows[index];
  if (!current) return { kind: 'select', pid: first.row.pid };
  const selectAt = (at: number): TreeAction => {
    const target = rows[Math.max(0, Math.min(rows.length - 1, at))];
    return target && target !== current ? { kind: 'select', pid: target.row.pid } : { kind: 'none' };
  };
  switch (key) {
    case 'ArrowUp':
      return selectAt(index - 1);
    case 'ArrowDown':
      return selectAt(index + 1);
    case 'Home':
      return selectAt(0);
    case 'End':
      return selectAt(rows.length - 1);
    case 'ArrowLeft':
      if (current.expanded) return { kind: 'collapse', pid: current.row.pid };
      return current.parentPid === null ? { kind: 'none' } : { kind: 'select', pid: current.parentPid };
    case 'ArrowRight':
      if (!current.hasChildren) return { kind: 'none' };
      return current.expanded ? selectAt(index + 1) : { kind: 'expand', pid: current.row.pid };
  }
}
