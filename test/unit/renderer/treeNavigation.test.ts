import { describe, expect, it } from 'vitest';
import { buildProcessTree, processNodeId as id, visibleRows } from '../../../renderer/model/processTree.js';
import { treeAction } from '../../../renderer/model/treeNavigation.js';
import { row } from './fixtures.js';

// 100 ─┬─ 110 ── 111
//      └─ 120
const rows = [row(100, 1, { role: 'main' }), row(110, 100), row(111, 110), row(120, 100)];
const expanded = visibleRows(buildProcessTree(rows), new Set());
const collapsed110 = visibleRows(buildProcessTree(rows), new Set([id(110)]));

describe('treeAction', () => {
  it('moves the selection up and down, and stops at the ends', () => {
    expect(treeAction(expanded, id(110), 'ArrowDown')).toEqual({ kind: 'select', id: id(111) });
    expect(treeAction(expanded, id(110), 'ArrowUp')).toEqual({ kind: 'select', id: id(100) });
    expect(treeAction(expanded, id(100), 'ArrowUp')).toEqual({ kind: 'none' });
    expect(treeAction(expanded, id(120), 'ArrowDown')).toEqual({ kind: 'none' });
    expect(treeAction(expanded, id(111), 'Home')).toEqual({ kind: 'select', id: id(100) });
    expect(treeAction(expanded, id(100), 'End')).toEqual({ kind: 'select', id: id(120) });
  });

  it('skips what is collapsed', () => {
    expect(treeAction(collapsed110, id(110), 'ArrowDown')).toEqual({ kind: 'select', id: id(120) });
  });

  it('collapses with Left, then goes to the parent', () => {
    expect(treeAction(expanded, id(110), 'ArrowLeft')).toEqual({ kind: 'collapse', id: id(110) });
    expect(treeAction(collapsed110, id(110), 'ArrowLeft')).toEqual({ kind: 'select', id: id(100) });
    expect(treeAction(expanded, id(111), 'ArrowLeft')).toEqual({ kind: 'select', id: id(110) });
    expect(treeAction(expanded, id(100), 'ArrowLeft')).toEqual({ kind: 'collapse', id: id(100) });
  });

  it('expands with Right, then goes to the first child', () => {
    expect(treeAction(collapsed110, id(110), 'ArrowRight')).toEqual({ kind: 'expand', id: id(110) });
    expect(treeAction(expanded, id(110), 'ArrowRight')).toEqual({ kind: 'select', id: id(111) });
    expect(treeAction(expanded, id(120), 'ArrowRight')).toEqual({ kind: 'none' });
  });

  it('selects the first row when nothing (or something gone) is selected', () => {
    expect(treeAction(expanded, null, 'ArrowDown')).toEqual({ kind: 'select', id: id(100) });
    expect(treeAction(expanded, id(999), 'ArrowUp')).toEqual({ kind: 'select', id: id(100) });
    expect(treeAction([], null, 'ArrowDown')).toEqual({ kind: 'none' });
  });
});
