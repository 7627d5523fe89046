import { describe, expect, it } from 'vitest';
import { buildProcessTree, type TreeNode } from '../../../renderer/model/processTree.js';
import { nextSort, siblingOrder } from '../../../renderer/model/treeSort.js';
import { labRow, row } from './fixtures.js';

const pids = (nodes: TreeNode[]): unknown[] =>
  nodes.map((node) => {
    const id = node.kind === 'process' ? node.row.pid : node.id;
    return node.children.length ? [id, pids(node.children)] : id;
  });

const rows = [
  row(100, 1, { role: 'main' }),
  labRow(110, 100, { cpu: 5, rss: 300, state: 'S', name: 'b', startTime: 1 }),
  labRow(120, 100, { cpu: 90, rss: 100, state: 'R', name: 'c', startTime: 2 }),
  labRow(130, 100, { cpu: 0, rss: 200, state: 'Z', name: 'a', startTime: 3 }),
  row(111, 110, { cpu: 1 }),
  row(112, 110, { cpu: 2 }),
  labRow(140, 100, { alive: false, state: 'X', cpu: 0, rss: 0, name: 'd', startTime: 4 }),
];

describe('siblingOrder', () => {
  it('sorts siblings only: the tree stays parent → children', () => {
    expect(pids(buildProcessTree(rows, siblingOrder({ column: 'cpu', descending: true })))).toEqual([[100, [120, [110, [112, 111]], 130, 140]]]);
  });

  it('sorts by name, state in htop’s order, and memory, exited processes as using nothing', () => {
    const order = (column: 'name' | 'state' | 'rss', descending = false) =>
      (pids(buildProcessTree(rows, siblingOrder({ column, descending })))[0] as [number, unknown[]])[1].map((entry) => (Array.isArray(entry) ? entry[0] : entry));
    expect(order('name')).toEqual([130, 110, 120, 140]);
    expect(order('state')).toEqual([120, 110, 130, 140]);
    expect(order('rss')).toEqual([140, 120, 130, 110]);
  });

  it('is the start order without a sort', () => {
    expect(pids(buildProcessTree(rows, siblingOrder(null)))).toEqual(pids(buildProcessTree(rows)));
  });
});

describe('nextSort', () => {
  it('goes ascending, descending, then back to the tree’s order; numbers start with the largest', () => {
    expect(nextSort(null, 'name')).toEqual({ column: 'name', descending: false });
    expect(nextSort({ column: 'name', descending: false }, 'name')).toEqual({ column: 'name', descending: true });
    expect(nextSort({ column: 'name', descending: true }, 'name')).toBeNull();
    expect(nextSort({ column: 'name', descending: true }, 'cpu')).toEqual({ column: 'cpu', descending: true });
    expect(nextSort({ column: 'cpu', descending: true }, 'cpu')).toEqual({ column: 'cpu', descending: false });
    expect(nextSort({ column: 'cpu', descending: false }, 'cpu')).toBeNull();
  });
});
