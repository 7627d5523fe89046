import type { z } from 'zod';
import type { MachineProcessRow, MachineQuery, MachineSortKey } from '../../../shared/schemas/machine.js';
import type { MachineProcess } from './machineSource.js';

export type MachineEntry = MachineProcess & Pick<MachineProcessRow, 'sockets' | 'owner'>;
type Query = z.output<typeof MachineQuery>;

export interface MachinePage {
  total: number;
  rows: MachineProcessRow[];
  found: number | null;
}

type Compare = (a: MachineEntry, b: MachineEntry) => number;

const sortValues: Record<MachineSortKey, (entry: MachineEntry) => number | string | null> = {
  pid: (entry) => entry.pid,
  user: (entry) => entry.user,
  state: (entry) => entry.state,
  cpu: (entry) => entry.cpu,
  memory: (entry) => entry.memoryBytes,
  threads: (entry) => entry.threads,
  started: (entry) => entry.startedAt,
  command: (entry) => entry.command ?? entry.name,
};

/** Unknowns sort last whichever the direction, as htop puts them; ties in pid order. */
function comparer(sort: Query['sort']): Compare {
  const value = sortValues[sort.key];
  const direction = sort.descending ? -1 : 1;
  return (a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || y === null) return (x === null ? 1 : 0) - (y === null ? 1 : 0) || a.pid - b.pid;
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return order * direction || a.pid - b.pid;
  };
}

/** Case-insensitive text over what a row shows: pid, name, command, user. */
export function matcher(text: string): (entry: MachineEntry) => boolean {
  const needle = text.trim().toLowerCase();
  if (needle === '') return () => true;
  return (entry) =>
    String(entry.pid) === needle ||
    entry.name.toLowerCase().includes(needle) ||
    (entry.command?.toLowerCase().includes(needle) ?? false) ||
    (entry.user?.toLowerCase().includes(needle) ?? false);
}

interface Line {
  entry: MachineEntry;
  depth: number;
  children: number;
  collapsed: boolean;
  context: boolean;
}

/**
 * The parent a process's ppid names, if shown and really its parent: Windows never re-parents, so
 * a ppid can name a later process that reused the pid (created after its "child": not its parent).
 */
function parentIn(entry: MachineEntry, byPid: ReadonlyMap<number, MachineEntry>): MachineEntry | undefined {
  const parent = entry.ppid !== entry.pid ? byPid.get(entry.ppid) : undefined;
  if (!parent || (parent.startedAt !== null && entry.startedAt !== null && parent.startedAt > entry.startedAt)) return undefined;
  return parent;
}

/**
 * A parent loop (read mid-change, or pids reused where start times are unknown) has no root, and
 * would be left out: one process of each such loop becomes a root, so every process is listed.
 */
function loopRoots(kept: ReadonlyMap<number, MachineEntry>, roots: readonly MachineEntry[], children: ReadonlyMap<number, readonly MachineEntry[]>): MachineEntry[] {
  const reached = new Set<number>();
  const reach = (from: MachineEntry): void => {
    const stack = [from];
    while (stack.length > 0) {
      const entry = stack.pop()!;
      if (reached.has(entry.pid)) continue;
      reached.add(entry.pid);
      stack.push(...(children.get(entry.pid) ?? []));
    }
  };
  roots.forEach(reach);
  const extra: MachineEntry[] = [];
  for (const entry of kept.values()) {
    if (reached.has(entry.pid)) continue;
    extra.push(entry);
    reach(entry);
  }
  return extra;
}

/** htop's tree: roots are the processes whose parent is not shown (pid 1, kthreadd, …), siblings in the sort order. */
function treeLines(shown: readonly MachineEntry[], matches: (entry: MachineEntry) => boolean, filtered: boolean, collapsed: ReadonlySet<number>, compare: Compare): Line[] {
  const byPid = new Map(shown.map((entry) => [entry.pid, entry]));
  // With a filter: the matches and their ancestors, which are there for context.
  let kept = byPid;
  const matched = new Set<number>();
  if (filtered) {
    kept = new Map();
    for (const entry of shown) {
      if (!matches(entry)) continue;
      matched.add(entry.pid);
      for (let at: MachineEntry | undefined = entry; at && !kept.has(at.pid); at = parentIn(at, byPid)) kept.set(at.pid, at);
    }
  }
  const children = new Map<number, MachineEntry[]>();
  const roots: MachineEntry[] = [];
  for (const entry of kept.values()) {
    const parent = parentIn(entry, kept);
    if (parent) {
      const siblings = children.get(parent.pid);
      if (siblings) siblings.push(entry);
      else children.set(parent.pid, [entry]);
    } else roots.push(entry);
  }
  for (const siblings of children.values()) siblings.sort(compare);
  roots.push(...loopRoots(kept, roots, children));
  roots.sort(compare);
  const lines: Line[] = [];
  // Depth first without recursion: a chain of 30,000 parents must not overflow the stack.
  const stack: { entry: MachineEntry; depth: number }[] = roots.reverse().map((entry) => ({ entry, depth: 0 }));
  const visited = new Set<number>();
  while (stack.length > 0) {
    const { entry, depth } = stack.pop()!;
    if (visited.has(entry.pid)) continue; // a parent loop read mid-change: each pid once
    visited.add(entry.pid);
    const below = children.get(entry.pid) ?? [];
    const isCollapsed = collapsed.has(entry.pid) && below.length > 0;
    lines.push({ entry, depth, children: below.length, collapsed: isCollapsed, context: filtered && !matched.has(entry.pid) });
    if (isCollapsed) continue;
    for (let i = below.length - 1; i >= 0; i--) stack.push({ entry: below[i]!, depth: depth + 1 });
  }
  return lines;
}

/** One page of the machine as the query asks for it: hidden and filtered rows left out, collapsed subtrees folded. */
export function machinePage(entries: readonly MachineEntry[], query: Query): MachinePage {
  const shown = entries.filter((entry) => (query.kernelThreads || !entry.kernelThread) && (!query.withSockets || (entry.sockets ?? 0) > 0));
  const matches = matcher(query.filter);
  const compare = comparer(query.sort);
  const lines: Line[] =
    query.layout === 'tree'
      ? treeLines(shown, matches, query.filter.trim() !== '', new Set(query.collapsed), compare)
      : shown.filter(matches).sort(compare).map((entry) => ({ entry, depth: 0, children: 0, collapsed: false, context: false }));
  let found: number | null = null;
  if (query.find !== undefined && query.find.trim() !== '') {
    const finds = matcher(query.find);
    const index = lines.findIndex((line, i) => i >= query.findFrom && finds(line.entry));
    found = index < 0 ? null : index;
  }
  const rows = lines.slice(query.offset, query.offset + query.limit).map(({ entry, ...line }): MachineProcessRow => ({
    pid: entry.pid,
    ppid: entry.ppid,
    depth: line.depth,
    children: line.children,
    collapsed: line.collapsed,
    context: line.context,
    name: entry.name,
    command: entry.command,
    user: entry.user,
    uid: entry.uid,
    state: entry.state,
    cpu: entry.cpu === null ? null : Math.round(entry.cpu * 10) / 10,
    memoryBytes: entry.memoryBytes,
    threads: entry.threads,
    startedAt: entry.startedAt,
    kernelThread: entry.kernelThread,
    sockets: entry.sockets,
    owner: entry.owner,
  }));
  return { total: lines.length, rows, found };
}
