import { describe, expect, it } from 'vitest';
import {
  adopterNodeId,
  ancestorIds,
  buildProcessTree,
  parentIds,
  pidOfNodeId,
  processNodeId,
  type TreeNode,
  visibleRows,
} from '../../../renderer/model/processTree.js';
import { labRow, row } from './fixtures.js';

/** The tree as nested ids, easy to compare: pids for processes, 'adopted-by:N' for adopter groups. */
const shape = (nodes: TreeNode[]): unknown[] =>
  nodes.map((node) => {
    const id = node.kind === 'process' ? node.row.pid : node.id;
    return node.children.length ? [id, shape(node.children)] : id;
  });

describe('buildProcessTree', () => {
  it('nests children and grandchildren under the main process, from ppid', () => {
    const rows = [row(100, 1, { role: 'main' }), labRow(110, 100), row(111, 110), row(112, 111), labRow(120, 100)];
    expect(shape(buildProcessTree(rows))).toEqual([[100, [[110, [[111, [112]]]], 120]]]);
  });

  it('orders siblings by start time, whatever order the rows came in, or as asked', () => {
    const rows = [row(100, 1, { role: 'main' }), row(130, 100, { startTime: 3 }), row(110, 100, { startTime: 9 }), row(120, 100, { startTime: 1 })];
    expect(shape(buildProcessTree(rows))).toEqual([[100, [120, 130, 110]]]);
    expect(shape(buildProcessTree(rows, (a, b) => b.pid - a.pid))).toEqual([[100, [130, 120, 110]]]);
  });

  it('makes a root of each row whose parent is not in the tree, after the main process', () => {
    const rows = [row(300, 1, { startTime: 1 }), row(100, 1, { role: 'main', startTime: 50 }), row(200, 999), row(201, 200)];
    expect(shape(buildProcessTree(rows))).toEqual([100, 300, [200, [201]]]);
  });

  it('gathers orphans adopted by pid 1 under a root that names the adopter, their own children below them', () => {
    const adoptedBy = { pid: 1, name: 'process_api' };
    const rows = [row(100, 1, { role: 'main' }), labRow(110, 100), row(200, 1, { adoptedBy }), row(201, 200), row(210, 1, { adoptedBy })];
    const tree = buildProcessTree(rows);
    expect(shape(tree)).toEqual([[100, [110]], ['adopted-by:1', [[200, [201]], 210]]]);
    expect(tree[1]).toMatchObject({ kind: 'adopter', adopter: adoptedBy });
  });

  it('puts the orphans the main process adopted as subreaper in a group inside it, after its own children', () => {
    const adoptedBy = { pid: 100, name: 'node' };
    const rows = [row(100, 1, { role: 'main' }), labRow(110, 100, { startTime: 99_999 }), row(200, 100, { adoptedBy, startTime: 1 })];
    expect(shape(buildProcessTree(rows))).toEqual([[100, [110, ['adopted-by:100', [200]]]]]);
  });

  it('keeps every row of a ppid cycle, cut into a tree', () => {
    const rows = [row(10, 20), row(20, 30), row(30, 10), row(40, 40)];
    const tree = buildProcessTree(rows);
    const pids = visibleRows(tree, new Set()).map((line) => pidOfNodeId(line.node.id));
    expect(pids.sort()).toEqual([10, 20, 30, 40]);
    expect(tree.map((node) => node.id)).toContain(processNodeId(40));
  });

  it('is empty without rows', () => {
    expect(buildProcessTree([])).toEqual([]);
  });
});

describe('visibleRows', () => {
  const tree = buildProcessTree([row(100, 1, { role: 'main' }), labRow(110, 100), row(111, 110), labRow(120, 100)]);
  const id = processNodeId;

  it('lists every row depth-first with its depth and parent', () => {
    expect(visibleRows(tree, new Set()).map(({ node, depth, parentId, hasChildren, expanded }) => ({ id: node.id, depth, parentId, hasChildren, expanded }))).toEqual([
      { id: id(100), depth: 0, parentId: null, hasChildren: true, expanded: true },
      { id: id(110), depth: 1, parentId: id(100), hasChildren: true, expanded: true },
      { id: id(111), depth: 2, parentId: id(110), hasChildren: false, expanded: false },
      { id: id(120), depth: 1, parentId: id(100), hasChildren: false, expanded: false },
    ]);
  });

  it('leaves out what is under a collapsed row, and marks the context rows it is told of', () => {
    const lines = visibleRows(tree, new Set([id(110)]), new Set([id(100)]));
    expect(lines.map((line) => line.node.id)).toEqual([id(100), id(110), id(120)]);
    expect(lines[1]).toMatchObject({ hasChildren: true, expanded: false, context: false });
    expect(lines[0]?.context).toBe(true);
  });
});

describe('ancestorIds and parentIds', () => {
  const adoptedBy = { pid: 1, name: 'init' };
  const tree = buildProcessTree([row(100, 1, { role: 'main' }), row(110, 100), row(111, 110), row(200, 1, { adoptedBy }), row(201, 200)]);

  it('walks up to the top, nearest first, through adopter groups', () => {
    expect(ancestorIds(tree, processNodeId(111))).toEqual([processNodeId(110), processNodeId(100)]);
    expect(ancestorIds(tree, processNodeId(201))).toEqual([processNodeId(200), adopterNodeId(1)]);
    expect(ancestorIds(tree, processNodeId(100))).toEqual([]);
    expect(ancestorIds(tree, processNodeId(999))).toEqual([]);
  });

  it('lists every node with children', () => {
    expect(parentIds(tree)).toEqual([processNodeId(100), processNodeId(110), adopterNodeId(1), processNodeId(200)]);
  });

  it('reads a pid back from a process node id only', () => {
    expect(pidOfNodeId(processNodeId(42))).toBe(42);
    expect(pidOfNodeId(adopterNodeId(1))).toBeNull();
    expect(pidOfNodeId(null)).toBeNull();
  });
});
