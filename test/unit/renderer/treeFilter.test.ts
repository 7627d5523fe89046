import { describe, expect, it } from 'vitest';
import { buildProcessTree, processNodeId, type TreeNode } from '../../../renderer/model/processTree.js';
import { filterTree, matchParts, rowMatches } from '../../../renderer/model/treeFilter.js';
import { labRow, row } from './fixtures.js';

const ids = (nodes: TreeNode[]): unknown[] => nodes.map((node) => (node.children.length ? [node.id, ids(node.children)] : node.id));
const filter = (states: string[], query = '') => ({ states: new Set(states), query });

// 100 main ─┬─ 110 zombie parent (S) ── 111 sh (Z)
//           └─ 120 worker (exited)
// adopted by 1: 200 sleep (S)
const tree = buildProcessTree([
  row(100, 1, { role: 'main', name: 'node' }),
  labRow(110, 100, { name: 'zombie parent' }),
  row(111, 110, { state: 'Z', name: 'sh' }),
  labRow(120, 100, { name: 'worker', alive: false, state: 'X' }),
  row(200, 1, { name: 'sleep', adoptedBy: { pid: 1, name: 'init' } }),
]);

describe('filterTree', () => {
  it('keeps everything when nothing is asked', () => {
    expect(filterTree(tree, filter([])).roots).toEqual(tree);
  });

  it('keeps the rows in the chosen states, with their ancestors as context', () => {
    const filtered = filterTree(tree, filter(['Z']));
    expect(ids(filtered.roots)).toEqual([['pid:100', [['pid:110', ['pid:111']]]]]);
    expect([...filtered.context]).toEqual(['pid:110', 'pid:100']);
    expect(filtered.matches).toBe(1);
  });

  it('counts exited lab processes as their own state', () => {
    expect(ids(filterTree(tree, filter(['exited'])).roots)).toEqual([['pid:100', ['pid:120']]]);
  });

  it('finds by name or pid prefix, keeping an adopter group while an orphan in it matches', () => {
    expect(ids(filterTree(tree, filter([], 'SLE')).roots)).toEqual([['adopted-by:1', ['pid:200']]]);
    expect(ids(filterTree(tree, filter([], '11')).roots)).toEqual([['pid:100', [['pid:110', ['pid:111']]]]]);
    expect(filterTree(tree, filter(['S'], 'sh')).roots).toEqual([]);
  });

  it('leaves the tree it filtered as it was', () => {
    filterTree(tree, filter(['Z']));
    expect((tree[0]?.children ?? []).map((node) => node.id)).toEqual([processNodeId(110), processNodeId(120)]);
  });
});

describe('rowMatches', () => {
  it('needs both the state and the text', () => {
    expect(rowMatches(row(123, 1, { name: 'alpha' }), filter(['S'], '12'))).toBe(true);
    expect(rowMatches(row(123, 1, { name: 'alpha' }), filter(['R'], '12'))).toBe(false);
    expect(rowMatches(row(123, 1, { name: 'alpha' }), filter([], '23'))).toBe(false); // a pid matches from its start
    expect(rowMatches(row(123, 1, { name: 'alpha' }), filter([], ' LPH '))).toBe(true);
  });
});

describe('matchParts', () => {
  it('cuts the text around the match, any case', () => {
    expect(matchParts('Zombie parent', 'PAR')).toEqual([
      { text: 'Zombie ', match: false },
      { text: 'par', match: true },
      { text: 'ent', match: false },
    ]);
    expect(matchParts('1234', '12', 'start')).toEqual([
      { text: '12', match: true },
      { text: '34', match: false },
    ]);
    expect(matchParts('1234', '23', 'start')).toEqual([{ text: '1234', match: false }]);
    expect(matchParts('abc', '')).toEqual([{ text: 'abc', match: false }]);
  });
});
