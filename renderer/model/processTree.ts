import type { ProcessRow } from '../../shared/schemas/process.js';

export interface ProcessNode {
  row: ProcessRow;
  children: ProcessNode[];
}

/** One line of the tree table as it is drawn now: collapsed subtrees are left out. */
export interface VisibleRow {
  row: ProcessRow;
  depth: number;
  parentPid: number | null;
  hasChildren: boolean;
  expanded: boolean;
}

/** The main process first, then in start order, so a lab's children read in the order they were spawned. */
const byStart = (a: ProcessNode, b: ProcessNode): number =>
  Number(b.row.role === 'main') - Number(a.row.role === 'main') || a.row.startTime - b.row.startTime || a.row.pid - b.row.pid;

/**
 * The tree from each row's ppid, as htop's tree view draws it. A row whose parent is not among the
 * rows (an orphan adopted by pid 1, a lab process whose parent was never sampled) becomes a root;
 * so does every row of a ppid cycle, which only reused pids could produce, so nothing is lost.
 */
export function buildProcessTree(rows: Iterable<ProcessRow>): ProcessNode[] {
  const nodes = new Map<number, ProcessNode>();
  for (const row of rows) nodes.set(row.pid, { row, children: [] });
  const roots: ProcessNode[] = [];
  for (const node of nodes.values()) {
    const parent = nodes.get(node.row.ppid);
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const placed = new Set<ProcessNode>();
  const place = (node: ProcessNode): void => {
    placed.add(node);
    node.children.forEach(place);
  };
  roots.forEach(place);
  for (const node of nodes.values()) {
    if (placed.has(node)) continue;
    // In a cycle: cut it at this node, which then stands as a root with the rest beneath it.
    const parent = nodes.get(node.row.ppid);
    if (parent) parent.children.splice(parent.children.indexOf(node), 1);
    roots.push(node);
    place(node);
  }
  sortTree(roots);
  return roots;
}

function sortTree(nodes: ProcessNode[]): void {
  nodes.sort(byStart);
  for (const node of nodes) sortTree(node.children);
}

export function visibleRows(roots: readonly ProcessNode[], collapsed: ReadonlySet<number>): VisibleRow[] {
  const lines: VisibleRow[] = [];
  const visit = (node: ProcessNode, depth: number, parentPid: number | null): void => {
    const hasChildren = node.children.length > 0;
    const expanded = hasChildren && !collapsed.has(node.row.pid);
    lines.push({ row: node.row, depth, parentPid, hasChildren, expanded });
    if (expanded) for (const child of node.children) visit(child, depth + 1, node.row.pid);
  };
  for (const root of roots) visit(root, 0, null);
  return lines;
}

/** The pids above `pid`, nearest first: the rows to expand so that it can be shown. */
export function ancestorPids(rows: ReadonlyMap<number, ProcessRow>, pid: number): number[] {
  const ancestors: number[] = [];
  let parent = rows.get(rows.get(pid)?.ppid ?? 0);
  // A ppid cycle would loop forever; stop when it comes back around.
  while (parent && parent.pid !== pid && !ancestors.includes(parent.pid)) {
    ancestors.push(parent.pid);
    parent = rows.get(parent.ppid);
  }
  return ancestors;
}
