import type { ProcessRow } from '../../shared/schemas/process.js';

export interface Adopter {
  pid: number;
  name: string;
}

/**
 * A line of the tree: a process, or the synthetic node that gathers the orphans one process
 * adopted, so the tree always says who adopted them (pid 1, a subreaper, or the main process).
 */
export type TreeNode =
  | { kind: 'process'; id: string; row: ProcessRow; children: TreeNode[] }
  | { kind: 'adopter'; id: string; adopter: Adopter; children: TreeNode[] };

type ProcessNode = Extract<TreeNode, { kind: 'process' }>;

/** Node ids are strings so that a process and an adopter group of the same pid stay apart. */
export const processNodeId = (pid: number): string => `pid:${pid}`;
export const adopterNodeId = (pid: number): string => `adopted-by:${pid}`;
export const pidOfNodeId = (id: string | null): number | null => (id?.startsWith('pid:') ? Number(id.slice(4)) : null);

/** How siblings are ordered; adopter groups always follow the processes beside them. */
export type RowOrder = (a: ProcessRow, b: ProcessRow) => number;

/** The main process first, then in start order, so a lab's children read in the order they were spawned. */
export const byStart: RowOrder = (a, b) => Number(b.role === 'main') - Number(a.role === 'main') || a.startTime - b.startTime || a.pid - b.pid;

/** One line of the tree table as it is drawn now: collapsed subtrees are left out. */
export interface VisibleRow {
  node: TreeNode;
  depth: number;
  parentId: string | null;
  hasChildren: boolean;
  expanded: boolean;
  /** Shown only because something below it matches the filter: drawn dimmed. */
  context: boolean;
}

/**
 * The tree from each row's ppid, as htop's tree view draws it, except that orphans (rows with
 * `adoptedBy`) sit under a node for their adopter: inside the adopter when it is in the tree (the
 * main process as subreaper), else as a root. A row whose parent is not among the rows becomes a
 * root; so does every row of a ppid cycle, which only reused pids could produce, so nothing is lost.
 */
export function buildProcessTree(rows: Iterable<ProcessRow>, order: RowOrder = byStart): TreeNode[] {
  const nodes = new Map<number, ProcessNode>();
  for (const row of rows) nodes.set(row.pid, { kind: 'process', id: processNodeId(row.pid), row, children: [] });
  const groups = new Map<number, TreeNode>();
  const parentOf = new Map<TreeNode, TreeNode>();
  const roots: TreeNode[] = [];
  const attach = (node: TreeNode, parent: TreeNode | undefined): void => {
    if (!parent || parent === node) return void roots.push(node);
    parent.children.push(node);
    parentOf.set(node, parent);
  };
  const groupOf = (adopter: Adopter): TreeNode => {
    let group = groups.get(adopter.pid);
    if (!group) {
      group = { kind: 'adopter', id: adopterNodeId(adopter.pid), adopter, children: [] };
      groups.set(adopter.pid, group);
      attach(group, nodes.get(adopter.pid));
    }
    return group;
  };
  for (const node of nodes.values()) attach(node, node.row.adoptedBy ? groupOf(node.row.adoptedBy) : nodes.get(node.row.ppid));
  cutCycles(nodes, roots, parentOf);
  sortTree(roots, order);
  return roots;
}

/** Every node reachable from a root is placed; what is not sits on a cycle, cut at its first node found. */
function cutCycles(nodes: ReadonlyMap<number, ProcessNode>, roots: TreeNode[], parentOf: ReadonlyMap<TreeNode, TreeNode>): void {
  const placed = new Set<TreeNode>();
  const place = (node: TreeNode): void => {
    placed.add(node);
    node.children.forEach(place);
  };
  roots.forEach(place);
  for (const node of nodes.values()) {
    if (placed.has(node)) continue;
    const parent = parentOf.get(node);
    if (parent) parent.children.splice(parent.children.indexOf(node), 1);
    roots.push(node);
    place(node);
  }
}

function sortTree(nodes: TreeNode[], order: RowOrder): void {
  nodes.sort((a, b) => {
    if (a.kind === 'process' && b.kind === 'process') return order(a.row, b.row);
    if (a.kind === 'adopter' && b.kind === 'adopter') return a.adopter.pid - b.adopter.pid;
    return a.kind === 'process' ? -1 : 1;
  });
  for (const node of nodes) sortTree(node.children, order);
}

export function visibleRows(roots: readonly TreeNode[], collapsed: ReadonlySet<string>, context: ReadonlySet<string> = new Set()): VisibleRow[] {
  const lines: VisibleRow[] = [];
  const visit = (node: TreeNode, depth: number, parentId: string | null): void => {
    const hasChildren = node.children.length > 0;
    const expanded = hasChildren && !collapsed.has(node.id);
    lines.push({ node, depth, parentId, hasChildren, expanded, context: context.has(node.id) });
    if (expanded) for (const child of node.children) visit(child, depth + 1, node.id);
  };
  for (const root of roots) visit(root, 0, null);
  return lines;
}

/** The ids above `id`, nearest first: the nodes to expand so that it can be shown. */
export function ancestorIds(roots: readonly TreeNode[], id: string): string[] {
  const path: string[] = [];
  const find = (nodes: readonly TreeNode[]): boolean =>
    nodes.some((node) => {
      if (node.id === id) return true;
      path.push(node.id);
      if (find(node.children)) return true;
      path.pop();
      return false;
    });
  return find(roots) ? path.reverse() : [];
}

/** Every node that has children: what "collapse all" folds. */
export function parentIds(roots: readonly TreeNode[]): string[] {
  const ids: string[] = [];
  const visit = (node: TreeNode): void => {
    if (node.children.length === 0) return;
    ids.push(node.id);
    node.children.forEach(visit);
  };
  roots.forEach(visit);
  return ids;
}
