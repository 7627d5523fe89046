/**
 * The packet index reads the common frame at computed offsets and leaves the rest to the HeaderScan the layer tree
 * starts from: for every corpus frame, and for frames with header bytes overwritten or cut short under every link
 * type, the list's columns (addresses, ports, flags, lengths, protocol, malformed, fragment) say what the scan says.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HeaderScan, ipv4Text, ipv6Text, LinkType, PacketFlag, PacketIndex, type PacketRecord, readCapture } from '../../../shared/packets/index.js';
import { CORPUS } from './tsharkFields.js';

const captures = readdirSync(CORPUS)
  .filter((name) => name.endsWith('.pcap'))
  .map((name) => readCapture(new Uint8Array(readFileSync(join(CORPUS, name)))));
const frames = captures.flatMap((capture) => capture.packets.map((record) => ({ record, linkType: capture.interfaces[record.interfaceId]!.linkType })));
const LINK_TYPES = Object.values(LinkType);
const scan = new HeaderScan();

/** Row i of the index holds what the HeaderScan reads from the same frame. */
function expectRowAsScanned(index: PacketIndex, i: number, record: PacketRecord, linkType: number): void {
  const s = scan.scan(record.data, linkType, record.originalLength);
  const flags = index.flags[i]!;
  const address = (offset: number): string => (s.ipVersion === 4 ? ipv4Text(record.data, s.ipOffset + offset) : s.ipVersion === 6 ? ipv6Text(record.data, s.ipOffset + 8 + (offset - 12) * 4) : '');
  expect(
    {
      ipv4: (flags & PacketFlag.IPV4) !== 0,
      ipv6: (flags & PacketFlag.IPV6) !== 0,
      tcp: (flags & PacketFlag.TCP) !== 0,
      udp: (flags & PacketFlag.UDP) !== 0,
      malformed: (flags & PacketFlag.MALFORMED) !== 0,
      fragment: (flags & PacketFlag.FRAGMENT) !== 0,
      src: index.addressText(i, 'src'),
      dst: index.addressText(i, 'dst'),
      srcPort: index.srcPort[i],
      dstPort: index.dstPort[i],
      tcpFlags: index.tcpFlags[i],
      payloadLength: index.payloadLength[i],
      hasStream: index.stream[i]! >= 0,
    },
    `frame of ${record.data.length} bytes, link type ${linkType}`,
  ).toEqual({
    ipv4: s.ipVersion === 4,
    ipv6: s.ipVersion === 6,
    tcp: s.transport === 6,
    udp: s.transport === 17,
    malformed: s.malformed,
    fragment: s.fragment,
    src: address(12),
    dst: address(16),
    srcPort: s.srcPort,
    dstPort: s.dstPort,
    tcpFlags: s.tcpFlags,
    payloadLength: s.payloadLength,
    hasStream: s.transport === 6 || s.transport === 17,
  });
}

describe('the packet index agrees with the header scan', () => {
  it('on every corpus frame', () => {
    const index = new PacketIndex();
    frames.forEach(({ record, linkType }, i) => {
      expect(index.append(record, linkType)).toBe(i);
      expectRowAsScanned(index, i, record, linkType);
    });
  });

  it('on frames with header bytes overwritten or cut, under any link type', () => {
    const damage = fc.record({
      frame: fc.integer({ min: 0, max: frames.length - 1 }),
      linkType: fc.constantFrom(...LINK_TYPES),
      writes: fc.array(fc.tuple(fc.integer({ min: 0, max: 80 }), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
      keep: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(damage, { minLength: 1, maxLength: 20 }), (cases) => {
        const index = new PacketIndex({ maxRawBytes: 1 << 16 });
        cases.forEach(({ frame, linkType, writes, keep }, i) => {
          const { record } = frames[frame]!;
          const data = record.data.slice(0, Math.ceil(keep * record.data.length));
          for (const [at, value] of writes) if (at < data.length) data[at] = value;
          const damaged = { ...record, data, capturedLength: data.length };
          expect(index.append(damaged, linkType)).toBe(i);
          expectRowAsScanned(index, i, damaged, linkType);
        });
      }),
      { numRuns: 300, interruptAfterTimeLimit: 3000 },
    );
  });
});
