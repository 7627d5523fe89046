import type { DeadlockResult } from '../../../shared/schemas/concurrency.js';

export interface GraphNode {
  id: string;
  kind: 'thread' | 'lock';
  label: string;
  x: number;
  y: number;
  inCycle: boolean;
}

export interface GraphEdge {
  from: string;
  to: string;
  /** holds: the lock is held by the thread (lock → thread); waits: the thread waits for the lock (thread → lock). */
  kind: 'holds' | 'waits';
  inCycle: boolean;
}

export interface GraphLayout {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

const nodeId = (kind: 'thread' | 'lock', name: string): string => `${kind}:${name}`;

/**
 * The wait-for graph with its locks drawn between the threads (a thread → the lock it waits for → the thread
 * that holds it), nodes on a circle in the order the cycle runs, so a deadlock reads as a ring.
 */
export function layoutWaitFor(result: DeadlockResult, size: number): GraphLayout {
  const cycle = result.cycle;
  const ring: { kind: 'thread' | 'lock'; name: string }[] = [];
  if (cycle) cycle.threads.forEach((thread, i) => ring.push({ kind: 'thread', name: thread }, { kind: 'lock', name: cycle.locks[i] ?? '' }));
  for (const thread of result.threads) if (!ring.some((n) => n.kind === 'thread' && n.name === thread.name)) ring.push({ kind: 'thread', name: thread.name });
  for (const lock of result.locks) if (!ring.some((n) => n.kind === 'lock' && n.name === lock.id)) ring.push({ kind: 'lock', name: lock.id });

  const inCycleNode = (kind: 'thread' | 'lock', name: string): boolean =>
    cycle !== null && (kind === 'thread' ? cycle.threads.includes(name) : cycle.locks.includes(name));
  const radius = size / 2 - 48; // room for a thread's name at the left and right
  const nodes = ring.map(({ kind, name }, i): GraphNode => {
    // Start on the left and go clockwise, so two threads sit left and right with their locks above and below.
    const angle = Math.PI + (2 * Math.PI * i) / ring.length;
    return { id: nodeId(kind, name), kind, label: name, x: size / 2 + radius * Math.cos(angle), y: size / 2 + radius * Math.sin(angle), inCycle: inCycleNode(kind, name) };
  });

  const edges: GraphEdge[] = [];
  for (const lock of result.locks) {
    const lockInCycle = inCycleNode('lock', lock.id);
    for (const holder of lock.holders) edges.push({ from: nodeId('lock', lock.id), to: nodeId('thread', holder.thread), kind: 'holds', inCycle: lockInCycle && inCycleNode('thread', holder.thread) });
    for (const waiter of lock.waiters) edges.push({ from: nodeId('thread', waiter), to: nodeId('lock', lock.id), kind: 'waits', inCycle: lockInCycle && inCycleNode('thread', waiter) });
  }
  return { nodes, edges };
}
