import { describe, expect, it } from 'vitest';
import type { JsonNode } from '../../../../shared/http/index.js';
import { jsonRows, jsonSummary } from '../../../../renderer/model/http/jsonRows.js';

const tree: JsonNode = {
  type: 'object',
  entries: [
    ['user', { type: 'object', entries: [['name', { type: 'string', value: 'ada' }]] }],
    ['ids', { type: 'array', items: [{ type: 'number', value: 1, text: '1' }, { type: 'number', value: 2e400, text: '2e400' }] }],
    ['ok', { type: 'boolean', value: true }],
  ],
};

describe('jsonRows', () => {
  it('lists every value under its open parent, with path ids', () => {
    const { rows } = jsonRows(tree, new Set());
    expect(rows.map((row) => [row.id, row.depth, jsonSummary(row.node)])).toEqual([
      ['$', 0, '{3}'],
      ['$."user"', 1, '{1}'],
      ['$."user"."name"', 2, '"ada"'],
      ['$."ids"', 1, '[2]'],
      ['$."ids"[0]', 2, '1'],
      ['$."ids"[1]', 2, '2e400'],
      ['$."ok"', 1, 'true'],
    ]);
  });

  it('hides what is folded, and bounds how many rows it builds', () => {
    expect(jsonRows(tree, new Set(['$."user"', '$."ids"'])).rows.map((row) => row.id)).toEqual(['$', '$."user"', '$."ids"', '$."ok"']);
    const big: JsonNode = { type: 'array', items: Array.from({ length: 100 }, () => ({ type: 'null' as const })) };
    const { rows, hidden } = jsonRows(big, new Set(), 10);
    expect(rows).toHaveLength(10);
    expect(hidden).toBe(91);
  });
});
