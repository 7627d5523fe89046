import { describe, expect, it } from 'vitest';
import { findCycle, waitForEdges } from '../../../electron/lab/concurrency/locks/waitForGraph.js';
import type { LockState } from '../../../shared/schemas/concurrency.js';

const mutex = (id: string, holder: string | null, waiters: string[]): LockState => ({
  id,
  type: 'mutex',
  permits: 1,
  holders: holder ? [{ thread: holder, depth: 1 }] : [],
  waiters,
});

describe('the wait-for graph', () => {
  it('has an edge from each waiter to each holder, and finds the cycle of two threads in opposite order', () => {
    const edges = waitForEdges([mutex('L1', 'A', ['B']), mutex('L2', 'B', ['A'])]);
    expect(edges).toEqual([
      { from: 'B', to: 'A', lock: 'L1' },
      { from: 'A', to: 'B', lock: 'L2' },
    ]);
    expect(findCycle(edges)).toEqual({ threads: ['B', 'A'], locks: ['L1', 'L2'] });
  });

  it('finds no cycle where threads only queue behind one another', () => {
    expect(findCycle(waitForEdges([mutex('L1', 'A', ['B', 'C']), mutex('L2', null, [])]))).toBeNull();
  });

  it('names a longer cycle, leaving out the thread that only waits on it', () => {
    const edges = waitForEdges([mutex('L1', 'A', ['C']), mutex('L2', 'B', ['A', 'D']), mutex('L3', 'C', ['B'])]);
    const cycle = findCycle(edges);
    expect(cycle?.threads.toSorted()).toEqual(['A', 'B', 'C']);
    expect(cycle?.locks.toSorted()).toEqual(['L1', 'L2', 'L3']);
  });
});
