import type { LockState, WaitForEdge } from '../../../../shared/schemas/concurrency.js';

/** Thread → thread: each waiter of a lock waits for each of its holders. */
export function waitForEdges(locks: readonly LockState[]): WaitForEdge[] {
  return locks.flatMap((lock) =>
    lock.waiters.flatMap((from) => lock.holders.filter((holder) => holder.thread !== from).map((holder) => ({ from, to: holder.thread, lock: lock.id }))),
  );
}

/**
 * A cycle in the wait-for graph, found by depth-first search: the threads around it in wait order
 * (each waits for the next, the last for the first) and the lock each waits on. Null when there is none.
 */
export function findCycle(edges: readonly WaitForEdge[]): { threads: string[]; locks: string[] } | null {
  const out = new Map<string, WaitForEdge[]>();
  for (const edge of edges) out.set(edge.from, [...(out.get(edge.from) ?? []), edge]);
  const done = new Set<string>();
  const path: WaitForEdge[] = [];
  const onPath = new Map<string, number>(); // thread → its index in `path`, as the source of path[index]

  const visit = (thread: string): { threads: string[]; locks: string[] } | null => {
    onPath.set(thread, path.length);
    for (const edge of out.get(thread) ?? []) {
      const back = onPath.get(edge.to);
      if (back !== undefined) {
        const ring = [...path.slice(back), edge];
        return { threads: ring.map((e) => e.from), locks: ring.map((e) => e.lock) };
      }
      if (done.has(edge.to)) continue;
      path.push(edge);
      const found = visit(edge.to);
      if (found) return found;
      path.pop();
    }
    onPath.delete(thread);
    done.add(thread);
    return null;
  };
  for (const start of out.keys()) {
    if (done.has(start)) continue;
    const found = visit(start);
    if (found) return found;
  }
  return null;
}
