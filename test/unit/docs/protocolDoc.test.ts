import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { compactType } from '../../../build/compactType.js';
import { protocolDocPath, renderProtocolDoc } from '../../../build/protocolDoc.js';
import { methodNames } from '../../../shared/contract.js';

describe('docs/protocol.md', () => {
  const text = readFileSync(protocolDocPath, 'utf8');

  test('is what the contract renders today (run `npm run docs` after changing shared/contract.ts)', () => {
    expect(text).toBe(renderProtocolDoc(text));
  });

  test('documents every method', () => {
    for (const name of methodNames) expect(text).toContain(`### ${name}`);
  });
});

describe('compactType', () => {
  test('renders objects, optionals, defaults, unions, arrays and references', () => {
    expect(
      compactType({
        type: 'object',
        properties: {
          pid: { $ref: '#/$defs/Pid' },
          tags: { type: 'array', items: { type: 'string' }, maxItems: 3 },
          mode: { type: 'string', enum: ['a', 'b'] },
          seconds: { type: 'number', minimum: 0, default: 30 },
          note: { type: ['string', 'null'] },
        },
        required: ['pid', 'mode', 'note'],
      }),
    ).toBe('{ pid: Pid, tags?: string[] (≤3), mode: "a" | "b", seconds?: number ≥0 = 30, note: string | null }');
  });
});
