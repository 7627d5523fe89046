import { describe, expect, it } from 'vitest';
import { ancestorPids, buildProcessTree, type ProcessNode, visibleRows } from '../../../renderer/model/processTree.js';
import { labRow, row } from './fixtures.js';

/** The tree as nested pids, easy to compare. */
const shape = (nodes: ProcessNode[]): unknown[] =>
  nodes.map((node) => (node.children.length ? [node.row.pid, shape(node.children)] : node.row.pid));

describe('buildProcessTree', () => {
  it('nests children and grandchildren under the main process, from ppid', () => {
    const rows = [row(100, 1, { role: 'main' }), labRow(110, 100), row(111, 110), row(112, 111), labRow(120, 100)];
    expect(shape(buildProcessTree(rows))).toEqual([[100, [[110, [[111, [112]]]], 120]]]);
  });

  it('orders siblings by start time, whatever order the rows came in', () => {
    const rows = [row(100, 1, { role: 'main' }), row(130, 100, { startTime: 3 }), row(110, 100, { startTime: 9 }), row(120, 100, { startTime: 1 })];
    expect(shape(buildProcessTree(rows))).toEqual([[100, [120, 130, 110]]]);
  });

  it('makes a root of each row whose parent is not in the tree, after the main process', () => {
    const rows = [row(300, 1, { startTime: 1 }), row(100, 1, { role: 'main', startTime: 50 }), row(200, 999), row(201, 200)];
    expect(shape(buildProcessTree(rows))).toEqual([100, 300, [200, [201]]]);
  });

  it('keeps every row of a ppid cycle, cut into a tree', () => {
    const rows = [row(10, 20), row(20, 30), row(30, 10), row(40, 40)];
    const tree = buildProcessTree(rows);
    const pids = visibleRows(tree, new Set()).map((line) => line.row.pid);
    expect(pids.sort()).toEqual([10, 20, 30, 40]);
    expect(tree.map((node) => node.row.pid)).toContain(40);
  });

  it('is empty without rows', () => {
    expect(buildProcessTree([])).toEqual([]);
  });
});

describe('visibleRows', () => {
  const tree = buildProcessTree([row(100, 1, { role: 'main' }), labRow(110, 100), row(111, 110), labRow(120, 100)]);

  it('lists every row depth-first with its depth and parent', () => {
    expect(visibleRows(tree, new Set()).map(({ row: { pid }, depth, parentPid, hasChildren, expanded }) => ({ pid, depth, parentPid, hasChildren, expanded }))).toEqual([
      { pid: 100, depth: 0, parentPid: null, hasChildren: true, expanded: true },
      { pid: 110, depth: 1, parentPid: 100, hasChildren: true, expanded: true },
      { pid: 111, depth: 2, parentPid: 110, hasChildren: false, expanded: false },
      { pid: 120, depth: 1, parentPid: 100, hasChildren: false, expanded: false },
    ]);
  });

  it('leaves out what is under a collapsed row', () => {
    const lines = visibleRows(tree, new Set([110]));
    expect(lines.map((line) => line.row.pid)).toEqual([100, 110, 120]);
    expect(lines[1]).toMatchObject({ hasChildren: true, expanded: false });
  });
});

describe('ancestorPids', () => {
  const rows = new Map([row(100, 1), row(110, 100), row(111, 110)].map((r) => [r.pid, r]));

  it('walks up to the top, nearest first', () => {
    expect(ancestorPids(rows, 111)).toEqual([110, 100]);
    expect(ancestorPids(rows, 100)).toEqual([]);
    expect(ancestorPids(rows, 999)).toEqual([]);
  });

  it('stops in a ppid cycle', () => {
    const cycle = new Map([row(10, 20), row(20, 30), row(30, 10)].map((r) => [r.pid, r]));
    expect(ancestorPids(cycle, 10)).toEqual([20, 30]);
  });
});
