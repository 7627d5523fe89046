/**
 * pcapng made by editcap and mergecap from the classic corpus, read by our pcapng reader and held against the same
 * tshark decodes: the same fields whatever the container, comments read, several interfaces with their link types.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCapture } from '../../../shared/packets/index.js';
import { BASE_FIELDS, CORPUS, compareWithTshark, EXTRA_FIELDS, indexCapture, readCsv, tsharkRows } from '../../unit/packets/tsharkFields.js';

const dir = mkdtempSync(join(tmpdir(), 'loopscope-pcapng-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const FILES = readdirSync(CORPUS).filter((name) => name.endsWith('.pcap'));

describe('pcapng from the corpus (editcap -F pcapng)', () => {
  for (const file of FILES) {
    it(`${file} as pcapng: every field of its tshark CSVs`, () => {
      const out = join(dir, `${file}ng`);
      execFileSync('editcap', ['-F', 'pcapng', join(CORPUS, file), out]);
      const bytes = new Uint8Array(readFileSync(out));
      expect(readCapture(bytes).format).toBe('pcapng');
      const index = indexCapture(bytes);
      const base = compareWithTshark(file, index, BASE_FIELDS, readCsv(join(CORPUS, `${file}.tshark.csv`)));
      const [header, ...rows] = readCsv(join(CORPUS, `${file}.tshark-extra.csv`));
      const extra = compareWithTshark(file, index, header!, rows);
      expect([...base.mismatches, ...extra.mismatches]).toEqual([]);
      expect(base.matched + extra.matched).toBeGreaterThan(index.count * 20);
    });
  }

  it('reads packet comments editcap wrote', () => {
    const out = join(dir, 'commented.pcapng');
    execFileSync('editcap', ['-F', 'pcapng', '-a', '1:pid 1234 node', '-a', '3:second, with a comma', join(CORPUS, 'tcpdump__print-flags.pcap'), out]);
    const capture = readCapture(new Uint8Array(readFileSync(out)));
    expect(capture.packets.map((p) => p.comments)).toEqual([['pid 1234 node'], [], ['second, with a comma'], [], [], [], [], [], [], []]);
  });

  it('several interfaces with different link types (mergecap of Ethernet, BSD loopback and Linux cooked files)', () => {
    const out = join(dir, 'merged.pcapng');
    const inputs = ['tcpdump__print-flags.pcap', 'gopacket__test_loopback.pcap', 'tcpdump__tcp-handshake-nano.pcap', 'tcpdump__pptp.pcap'].map((f) => join(CORPUS, f));
    execFileSync('mergecap', ['-F', 'pcapng', '-w', out, ...inputs]);
    const bytes = new Uint8Array(readFileSync(out));
    const capture = readCapture(bytes);
    expect(capture.interfaces.map((i) => i.linkType).sort((a, b) => a - b)).toEqual([0, 1, 1, 113]);
    const index = indexCapture(bytes);
    const fields = [...BASE_FIELDS, ...EXTRA_FIELDS.slice(1)];
    const result = compareWithTshark('merged.pcapng', index, fields, tsharkRows(out, fields));
    expect(result.mismatches).toEqual([]);
    expect(result.matched).toBeGreaterThan(60 * 30);
  });
});
