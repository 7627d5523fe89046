/**
 * Display filters on the index select the same frames as `tshark -Y` with the same filter, on the whole corpus
 * concatenated into one pcapng (one tshark run per filter: Ethernet, BSD loopback and Linux cooked frames together).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileFilter, selectPackets } from '../../../shared/packets/index.js';
import { CORPUS, indexCapture } from '../../unit/packets/tsharkFields.js';

const FILES = readdirSync(CORPUS).filter((name) => name.endsWith('.pcap'));
const FILTERS = [
  'tcp',
  'udp',
  'ip',
  'ipv6',
  '!tcp',
  'not udp and frame.len > 100',
  'tcp.port == 8080',
  'tcp.port == 80 && tcp.flags.syn == 1',
  'tcp.srcport == 1723 || udp.dstport == 53',
  'tcp.dstport != 80',
  'udp.port == 547',
  'ip.addr == 127.0.0.1',
  'ip.src == 10.1.1.11',
  'ip.dst == 10.0.0.0/8',
  'ip.addr != 10.1.1.10',
  'ipv6.addr == ::1',
  'ipv6.src == fe80::201:2ff:fe03:405',
  'ipv6.dst == ff02::1:2',
  'tcp.flags.ack == 1 and tcp.flags.push == 0',
  'tcp.flags.fin == 1 or tcp.flags.reset == 1',
  'tcp.flags.syn == 1 && !(tcp.flags.ack == 1)',
  'tcp.stream == 1',
  'tcp.stream >= 0 && tcp.len > 0',
  'tcp.len <= 100',
  'frame.len >= 60 && frame.len < 80',
  'frame.number > 3 and frame.number <= 7',
  'udp.length > 60',
  'tcp.flags == 0x0012',
];

const dir = mkdtempSync(join(tmpdir(), 'loopscope-filter-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('display filters against tshark -Y', () => {
  it(`${FILTERS.length} filters select what tshark selects`, () => {
    const path = join(dir, 'corpus.pcapng');
    execFileSync('mergecap', ['-a', '-F', 'pcapng', '-w', path, ...FILES.map((f) => join(CORPUS, f))]);
    const index = indexCapture(new Uint8Array(readFileSync(path)));
    expect(index.count).toBe(66);
    const mismatches: string[] = [];
    for (const text of FILTERS) {
      const compiled = compileFilter(text);
      if (!compiled.ok) throw new Error(`${text}: ${compiled.error.message}`);
      const ours = Array.from(selectPackets(index, compiled.filter), (i) => i + 1).join(' ');
      const theirs = execFileSync('tshark', ['-r', path, '-Y', text, '-T', 'fields', '-e', 'frame.number'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n').filter(Boolean).join(' ');
      if (ours !== theirs) mismatches.push(`"${text}": tshark [${theirs}], ours [${ours}]`);
    }
    expect(mismatches).toEqual([]);
    // 28 runs of tshark (~1 s each, several on a loaded machine), not our filter, set the time this takes.
  }, 180_000);
});
