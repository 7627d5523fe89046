import type { VisibleRow } from './processTree.js';

export type TreeKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Home' | 'End';

export type TreeAction =
  | { kind: 'select'; id: string }
  | { kind: 'expand'; id: string }
  | { kind: 'collapse'; id: string }
  | { kind: 'none' };

export const isTreeKey = (key: string): key is TreeKey =>
  ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(key);

/**
 * What a key does in the tree, as in VS Code's and the WAI-ARIA tree pattern: Left collapses, or goes
 * to the parent when already collapsed; Right expands, or goes to the first child when expanded.
 * With nothing selected (or the selection gone), any key selects the first row.
 */
export function treeAction(rows: readonly VisibleRow[], selectedId: string | null, key: TreeKey): TreeAction {
  const first = rows[0];
  if (!first) return { kind: 'none' };
  const index = rows.findIndex((line) => line.node.id === selectedId);
  const current = rows[index];
  if (!current) return { kind: 'select', id: first.node.id };
  const selectAt = (at: number): TreeAction => {
    const target = rows[Math.max(0, Math.min(rows.length - 1, at))];
    return target && target !== current ? { kind: 'select', id: target.node.id } : { kind: 'none' };
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
      if (current.expanded) return { kind: 'collapse', id: current.node.id };
      return current.parentId === null ? { kind: 'none' } : { kind: 'select', id: current.parentId };
    case 'ArrowRight':
      if (!current.hasChildren) return { kind: 'none' };
      return current.expanded ? selectAt(index + 1) : { kind: 'expand', id: current.node.id };
  }
}
