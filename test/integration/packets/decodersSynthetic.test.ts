/**
 * Frames the corpus lacks, built here and held against tshark: IPv4 options and fragments, IPv6 hop-by-hop, routing,
 * destination-options and fragment headers, SACK blocks, BSD loopback in both byte orders, raw IP. Checksums: each
 * frame is written once with the checksum we compute (tshark, checking, must call it good) and once off by one (bad).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodePacket, LinkType, PacketFlag, type WritablePacket, writePcap } from '../../../shared/packets/index.js';
import { BASE_FIELDS, compareWithTshark, EXTRA_FIELDS, indexCapture, tsharkRows } from '../../unit/packets/tsharkFields.js';

const dir = mkdtempSync(join(tmpdir(), 'loopscope-synthetic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hex = (text: string): number[] => (text.replace(/\s+/g, '').match(/../g) ?? []).map((h) => parseInt(h, 16));
const be16 = (v: number): number[] => [v >> 8, v & 0xff];
const ETH_V4 = hex('000000000000 000000000000 0800');
const ETH_V6 = hex('000000000000 000000000000 86dd');

function ipv4(options: number[], protocol: number, payload: number[], fragment = 0x4000, id = 0x1234): number[] {
  const headerLength = 20 + options.length;
  return [0x40 | (headerLength / 4), 0, ...be16(headerLength + payload.length), ...be16(id), ...be16(fragment), 64, protocol, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2, ...options, ...payload];
}

function ipv6(next: number, payload: number[]): number[] {
  return [0x60, 0, 0, 0, ...be16(payload.length), next, 64, ...hex('20010db8000000000000000000000001'), ...hex('20010db8000000000000000000000002'), ...payload];
}

function tcp(sport: number, dport: number, seq: number, ack: number, flags: number, options: number[], data: number[] = []): number[] {
  const length = 20 + options.length;
  return [...be16(sport), ...be16(dport), ...be16(seq >>> 16), ...be16(seq & 0xffff), ...be16(ack >>> 16), ...be16(ack & 0xffff), (length / 4) << 4, flags, ...be16(1024), 0, 0, 0, 0, ...options, ...data];
}

const udp = (sport: number, dport: number, data: number[]): number[] => [...be16(sport), ...be16(dport), ...be16(8 + data.length), 0, 0, ...data];

const SYN_OPTIONS = hex('020405b4 0402 080a0000000100000000 01 030307');
const SACK_OPTIONS = hex('0101 0512 00001771 00001b59 00001f41 00002329');
const FRAMES: Array<[string, number, number[]]> = [
  ['IPv4 options, TCP SYN', LinkType.ETHERNET, [...ETH_V4, ...ipv4(hex('94040000 01010100'), 6, tcp(40000, 443, 999, 0, 0x02, SYN_OPTIONS))]],
  ['TCP SYN-ACK', LinkType.ETHERNET, [...ETH_V4, ...ipv4([], 6, tcp(443, 40000, 5000, 1000, 0x12, SYN_OPTIONS)).map((b, i) => (i === 12 ? 10 : i === 15 ? 2 : i === 19 ? 1 : b))]],
  ['TCP ACK with SACK blocks', LinkType.ETHERNET, [...ETH_V4, ...ipv4([], 6, tcp(40000, 443, 1000, 5001, 0x10, SACK_OPTIONS))]],
  ['IPv4 first fragment', LinkType.ETHERNET, [...ETH_V4, ...ipv4([], 17, udp(5353, 5353, new Array(32).fill(7)), 0x2000)]],
  // Of another datagram (its own id): tshark would reassemble it with the first one, which we do not (fragments are flagged).
  ['IPv4 later fragment', LinkType.ETHERNET, [...ETH_V4, ...ipv4([], 17, new Array(24).fill(9), 0x0005, 0x5678)]],
  ['IPv6 hop-by-hop, routing, destination options, TCP', LinkType.ETHERNET, [...ETH_V6, ...ipv6(0, [43, 0, 1, 4, 0, 0, 0, 0, 60, 0, 0, 0, 0, 0, 0, 0, 6, 0, 1, 4, 0, 0, 0, 0, ...tcp(40001, 80, 77, 0, 0x02, [])])]],
  ['IPv6 fragment header, UDP', LinkType.ETHERNET, [...ETH_V6, ...ipv6(44, [17, 0, 0, 1, 0, 0, 0, 42, ...udp(1000, 2000, [1, 2, 3, 4])])]],
  ['IPv6 UDP', LinkType.ETHERNET, [...ETH_V6, ...ipv6(17, udp(1000, 2000, hex('68656c6c6f')))]],
];
/** BSD loopback with the family in either byte order (macOS writes 30 little-endian; a big-endian host 0x0000001e). */
const NULL_FRAMES: Array<[string, number, number[]]> = [
  ['NULL AF_INET little-endian', LinkType.NULL, [2, 0, 0, 0, ...ipv4([], 17, udp(1, 2, [0]))]],
  ['NULL AF_INET6 (30) big-endian', LinkType.NULL, [0, 0, 0, 30, ...ipv6(17, udp(3, 4, [0]))]],
  ['NULL AF_INET6 (24) little-endian', LinkType.NULL, [24, 0, 0, 0, ...ipv6(17, udp(5, 6, [0]))]],
  ['NULL AF_INET6 (28) big-endian', LinkType.NULL, [0, 0, 0, 28, ...ipv6(6, tcp(7, 8, 1, 0, 0x02, []))]],
];
const RAW_FRAMES: Array<[string, number, number[]]> = [
  ['raw IPv4', LinkType.RAW, ipv4([], 6, tcp(9, 10, 1, 0, 0x02, []))],
  ['raw IPv6', LinkType.RAW, ipv6(17, udp(11, 12, [1]))],
];

/** The frame with each checksum set to what we compute, plus `delta` (0: right, 1: wrong). */
function withChecksums(linkType: number, frame: number[], delta: number): Uint8Array {
  const bytes = Uint8Array.from(frame);
  for (let pass = 0; pass < 2; pass++) {
    for (const check of decodePacket(bytes, linkType, bytes.length).checksums) {
      if (check.computed === null) continue;
      const layer = decodePacket(bytes, linkType, bytes.length).layers.flatMap((l) => l.fields).find((f) => f.name === check.field)!;
      const value = (check.computed + (pass === 1 ? delta : 0)) & 0xffff;
      bytes[layer.offset] = value >> 8;
      bytes[layer.offset + 1] = value & 0xff;
    }
  }
  return bytes;
}

/** tshark's checksum.status: 0 bad, 1 good, 2 unverified, 3 not present (a UDP-over-IPv4 zero). */
const STATUS: Record<string, string> = { ok: '1', bad: '0', 'not-computed': '0', absent: '3', unknown: '2' };
const FIELDS = [...BASE_FIELDS, ...EXTRA_FIELDS.slice(1), 'tcp.seq', 'tcp.ack', 'ip.frag_offset', 'ipv6.fraghdr.offset', 'ipv6.fraghdr.nxt', 'ipv6.hopopts.nxt', 'ipv6.dstopts.len', 'ipv6.routing.segleft', 'tcp.options.sack_le', 'tcp.options.sack_re', 'tcp.options.timestamp.tsval', 'udp.stream'];

describe('built frames against tshark', () => {
  for (const [group, frames] of [['Ethernet', FRAMES], ['BSD loopback', NULL_FRAMES], ['raw IP', RAW_FRAMES]] as const) {
    it(`${group}: fields, and checksums good and bad as tshark checks them`, () => {
      for (const delta of [0, 1]) {
        const packets: WritablePacket[] = frames.map(([, linkType, frame], i) => {
          const data = withChecksums(linkType, frame, delta);
          return { seconds: 1_700_000_000 + i, nanoseconds: 0, originalLength: data.length, data, linkType, comments: [] };
        });
        const file = join(dir, `${group}-${delta}.pcap`);
        const { bytes } = writePcap(packets, 'source');
        writeFileSync(file, bytes);
        const index = indexCapture(bytes);
        const result = compareWithTshark(`${group} (checksums ${delta ? 'wrong' : 'right'})`, index, FIELDS, tsharkRows(file, FIELDS));
        expect(result.mismatches).toEqual([]);
        const checks = ['ip.checksum', 'tcp.checksum', 'udp.checksum'];
        const statusFields = ['ip.checksum.status', 'tcp.checksum.status', 'udp.checksum.status'];
        const theirs = tsharkRows(file, ['frame.number', ...statusFields], ['-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE']);
        theirs.forEach(([number, ...statuses], n) => {
          // tshark dissects a first fragment's UDP header itself when the IP checksum is bad (no reassembly): we never do.
          if (index.flags[n]! & PacketFlag.FRAGMENT) return;
          const decoded = index.decode(n)!;
          const ours = checks.map((field) => {
            const check = decoded.checksums.find((c) => c.field === field);
            return check === undefined ? '' : STATUS[check.status];
          });
          expect(ours, `${group} frame ${number} (${frames[n]![0]})`).toEqual(statuses.map((s) => s ?? ''));
        });
      }
    });
  }

  it('Info lists SACK edges relative to the other side, and the layer tree names every extension header', () => {
    const index = indexCapture(writePcap(FRAMES.map(([, linkType, frame]) => ({ seconds: 0, nanoseconds: 0, originalLength: frame.length, data: Uint8Array.from(frame), linkType, comments: [] })), 'source').bytes);
    expect(index.decode(2)!.summary.info).toBe('40000 → 443 [ACK] Seq=1 Ack=1 Win=131072 Len=0 SLE=1001 SRE=2001 SLE=3001 SRE=4001');
    const v6 = index.decode(5)!.layers.find((l) => l.protocol === 'ipv6')!;
    expect(v6.fields.slice(8).map((f) => [f.name, f.offset, f.length])).toEqual([
      ['ipv6.hopopts', 54, 8],
      ['ipv6.routing', 62, 8],
      ['ipv6.dstopts', 70, 8],
    ]);
    expect(index.decode(5)!.layers.map((l) => `${l.protocol}: ${l.osiLayer} ${l.osiName} / ${l.tcpIpLayer}`)).toEqual(['eth: 2 Data link / Link', 'ipv6: 3 Network / Internet', 'tcp: 4 Transport / Transport']);
    expect(index.decode(3)!.summary.info).toBe('Fragmented IP protocol (proto=17)');
  });
});
