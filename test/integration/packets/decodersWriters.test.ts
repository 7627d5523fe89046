/**
 * Our writers' files read back by tshark with no error: the same packets and fields, the packet comments, and the
 * Decryption Secrets Block that lets Wireshark decrypt TLS with no setup.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type PacketIndex, readCapture, type WritablePacket, writePcap, writePcapng } from '../../../shared/packets/index.js';
import { BASE_FIELDS, CORPUS, compareWithTshark, EXTRA_FIELDS, indexCapture, tsharkRows } from '../../unit/packets/tsharkFields.js';

const dir = mkdtempSync(join(tmpdir(), 'loopscope-writers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const FILES = readdirSync(CORPUS).filter((name) => name.endsWith('.pcap'));
const FIELDS = [...BASE_FIELDS, ...EXTRA_FIELDS.slice(1)];

function packetsOf(index: PacketIndex): WritablePacket[] {
  return Array.from({ length: index.count }, (_, i) => index.writable(i)!);
}

/** tshark's exit status and stderr without the warning it prints when run as root. */
function tsharkReads(file: string): { status: number | null; errors: string } {
  const run = spawnSync('tshark', ['-r', file, '-q'], { encoding: 'utf8' });
  return { status: run.status, errors: run.stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('Running as user "root"')).join('\n') };
}

/** Written, then held against tshark's decode of what we wrote, and our decode of the original. */
function roundTrip(name: string, bytes: Uint8Array, original: PacketIndex): void {
  const out = join(dir, name);
  writeFileSync(out, bytes);
  expect(tsharkReads(out)).toEqual({ status: 0, errors: '' });
  const rows = tsharkRows(out, FIELDS);
  expect(rows.length).toBe(original.count);
  const reread = indexCapture(bytes);
  const result = compareWithTshark(name, reread, FIELDS, rows);
  expect(result.mismatches).toEqual([]);
  // The same packets as the original, byte for byte, at the same times.
  for (let i = 0; i < original.count; i++) {
    expect([reread.seconds[i], reread.nanoseconds[i], reread.originalLength[i]]).toEqual([original.seconds[i], original.nanoseconds[i], original.originalLength[i]]);
  }
}

describe('writers, read back by tshark', () => {
  for (const file of FILES) {
    it(`${file}: pcap in its own link type, and pcapng`, () => {
      const index = indexCapture(new Uint8Array(readFileSync(join(CORPUS, file))));
      const packets = packetsOf(index);
      roundTrip(`${file}.same.pcap`, writePcap(packets, 'source').bytes, index);
      roundTrip(`${file}.pcapng`, writePcapng(packets).bytes, index);
      for (let i = 0; i < index.count; i++) expect(readCapture(writePcap(packets, 'source').bytes).packets[i]!.data).toEqual(index.bytes(i));
    });
  }

  it('pcap as Ethernet from BSD loopback and Linux cooked captures: the IP layers unchanged', () => {
    for (const file of ['gopacket__test_loopback.pcap', 'tcpdump__tcp-handshake-nano.pcap']) {
      const index = indexCapture(new Uint8Array(readFileSync(join(CORPUS, file))));
      const { bytes, skipped } = writePcap(packetsOf(index), 'ethernet');
      expect(skipped).toBe(0);
      const out = join(dir, `${file}.eth.pcap`);
      writeFileSync(out, bytes);
      expect(tsharkReads(out)).toEqual({ status: 0, errors: '' });
      const ipFields = FIELDS.filter((f) => /^(ip|ipv6|tcp|udp)\./.test(f));
      const theirs = tsharkRows(out, ['frame.encap_type', ...ipFields]);
      expect(theirs.every((row) => row[0] === '1')).toBe(true);
      const result = compareWithTshark(`${file} as Ethernet`, index, ipFields, theirs.map((row) => row.slice(1)));
      expect(result.mismatches).toEqual([]);
    }
  });

  it('pcapng with a comment per packet and a TLS key log: tshark shows the comments, capinfos the secrets', () => {
    const index = indexCapture(new Uint8Array(readFileSync(join(CORPUS, 'tcpdump__print-flags.pcap'))));
    const packets = packetsOf(index).map((p, i) => ({ ...p, comments: i % 2 === 0 ? [`pid ${1000 + i} node`] : [] }));
    const keyLog = `CLIENT_RANDOM ${'ab'.repeat(32)} ${'cd'.repeat(48)}\n`;
    const out = join(dir, 'commented.pcapng');
    writeFileSync(out, writePcapng(packets, { tlsKeyLog: keyLog }).bytes);
    expect(tsharkReads(out)).toEqual({ status: 0, errors: '' });
    expect(tsharkRows(out, ['frame.number', 'frame.comment']).map((row) => row[1] ?? '')).toEqual(packets.map((p) => p.comments[0] ?? ''));
    expect(execFileSync('capinfos', ['-D', out], { encoding: 'utf8' })).toMatch(/Number of decryption secrets in file:\s+1/);
    const reread = readCapture(readFileSync(out));
    expect(reread.tlsKeyLog).toEqual([keyLog]);
    expect(reread.packets.map((p) => p.comments)).toEqual(packets.map((p) => p.comments));
  });

  it('refuses pcap of mixed link types in their own types, with the reason', () => {
    const eth = indexCapture(new Uint8Array(readFileSync(join(CORPUS, 'tcpdump__dns_udp.pcap'))));
    const sll = indexCapture(new Uint8Array(readFileSync(join(CORPUS, 'tcpdump__tcp-handshake-nano.pcap'))));
    expect(() => writePcap([...packetsOf(eth), ...packetsOf(sll)], 'source')).toThrow(/pcap holds one link type/);
  });
});
