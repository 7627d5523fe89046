import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE_FIELDS, CORPUS, compareWithTshark, indexCapture, readCsv } from './tsharkFields.js';

const FILES = readdirSync(CORPUS).filter((name) => name.endsWith('.pcap'));

describe('the decoders against tshark 4.0.17 on every conformance pcap', () => {
  it('finds the six corpus files', () => {
    expect(FILES.length).toBe(6);
  });

  for (const file of FILES) {
    it(`${file}: every field of .tshark.csv and .tshark-extra.csv`, () => {
      const index = indexCapture(new Uint8Array(readFileSync(join(CORPUS, file))));
      const base = compareWithTshark(file, index, BASE_FIELDS, readCsv(join(CORPUS, `${file}.tshark.csv`)));
      const [header, ...extraRows] = readCsv(join(CORPUS, `${file}.tshark-extra.csv`));
      const extra = compareWithTshark(`${file} (extra)`, index, header!, extraRows);
      expect([...base.mismatches, ...extra.mismatches]).toEqual([]);
      expect(base.matched + extra.matched).toBeGreaterThan(index.count * 20);
    });
  }
});
