import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePacket, LinkType, PacketFlag, PacketIndex, readCapture } from '../../../shared/packets/index.js';
import { CORPUS, indexCapture } from './tsharkFields.js';

const printFlags = readCapture(new Uint8Array(readFileSync(join(CORPUS, 'tcpdump__print-flags.pcap'))));
const syn = printFlags.packets[0]!.data;

describe('malformed frames are marked, never thrown', () => {
  it('a snaplen cutting inside the TCP header', () => {
    const decoded = decodePacket(syn.subarray(0, 14 + 20 + 30), LinkType.ETHERNET, syn.length);
    expect(decoded.malformed[0]).toEqual({ layer: 'tcp', offset: 34, message: 'TCP header needs 40 bytes, 30 captured' });
    expect(decoded.summary.info).toMatch(/\[Malformed Packet: TCP: TCP header needs 40 bytes, 30 captured\]$/);
  });

  it('a snaplen cutting inside the IPv4 header, and inside the Ethernet header', () => {
    expect(decodePacket(syn.subarray(0, 20), LinkType.ETHERNET, syn.length).malformed[0]).toMatchObject({ layer: 'ip', message: 'IPv4 header needs 20 bytes, 6 captured' });
    expect(decodePacket(syn.subarray(0, 9), LinkType.ETHERNET, syn.length).malformed[0]).toMatchObject({ layer: 'eth', message: 'Ethernet header needs 14 bytes, 9 captured' });
  });

  it('an IP total length past the end of the frame, and a TCP header length past the IP payload', () => {
    const long = syn.slice();
    long[16] = 0x05; // ip.len 60 → 1340
    expect(decodePacket(long, LinkType.ETHERNET, long.length).malformed[0]).toMatchObject({ layer: 'ip', message: 'the IP length says 1340 bytes, the frame holds 60' });
    const deep = syn.slice();
    deep[14 + 20 + 12] = 0xf0; // tcp.hdr_len 60 in a 40-byte segment
    expect(decodePacket(deep, LinkType.ETHERNET, deep.length).malformed[0]).toMatchObject({ layer: 'tcp', message: 'TCP header length 60 runs past the end of the IP payload' });
  });

  it('a snaplen cutting only the payload is not malformed: its checksum is unverified', () => {
    const get = printFlags.packets[3]!;
    const decoded = decodePacket(get.data.subarray(0, 100), LinkType.ETHERNET, get.originalLength);
    expect(decoded.malformed).toEqual([]);
    expect(decoded.checksums.find((c) => c.field === 'tcp.checksum')!.status).toBe('unknown');
  });

  it('the index flags malformed packets so a filter can find them', () => {
    const index = new PacketIndex();
    index.append({ ...printFlags.packets[0]!, data: syn.subarray(0, 40), capturedLength: 40 }, LinkType.ETHERNET);
    index.append(printFlags.packets[1]!, LinkType.ETHERNET);
    expect([index.flags[0]! & PacketFlag.MALFORMED, index.flags[1]! & PacketFlag.MALFORMED]).toEqual([PacketFlag.MALFORMED, 0]);
  });
});

describe('TCP reassembly', () => {
  it('each direction of a stream with the packets that carried its bytes', () => {
    const index = indexCapture(new Uint8Array(readFileSync(join(CORPUS, 'tcpdump__print-flags.pcap'))));
    const request = index.streamBytes(0, 0)!;
    const response = index.streamBytes(0, 1)!;
    expect(new TextDecoder().decode(request.bytes)).toMatch(/^GET \/ HTTP\/1\.1\r\n/);
    expect(request.segments).toEqual([{ packet: 3, offset: 0, length: 202 }]);
    expect(new TextDecoder().decode(response.bytes.subarray(0, 15))).toBe('HTTP/1.1 200 OK');
    expect(response.segments).toEqual([{ packet: 5, offset: 0, length: 5559 }]);
    expect([request.gaps, response.gaps, index.streamBytes(1, 0)]).toEqual([[], [], null]);
  });

  it('retransmissions add nothing (pptp: a retransmitted SYN-ACK and retransmitted data)', () => {
    const index = indexCapture(new Uint8Array(readFileSync(join(CORPUS, 'tcpdump__pptp.pcap'))));
    const up = index.streamBytes(0, 0)!;
    const down = index.streamBytes(0, 1)!;
    // tshark's relative seq of each side's FIN is the byte count before it: 349 - 1 and 189 - 1.
    expect([up.bytes.length, down.bytes.length]).toEqual([348, 188]);
    expect(down.segments.map((s) => s.packet + 1)).toEqual([8, 13]);
  });

  it('a segment the capture lost is a gap, and the bytes after it still arrive', () => {
    const loopback = indexCapture(new Uint8Array(readFileSync(join(CORPUS, 'gopacket__test_loopback.pcap'))));
    const whole = loopback.streamBytes(0, 1)!;
    const lossy = new PacketIndex();
    readCapture(new Uint8Array(readFileSync(join(CORPUS, 'gopacket__test_loopback.pcap')))).packets.forEach((record, i) => i !== 3 && lossy.append(record, LinkType.NULL));
    const holed = lossy.streamBytes(0, 1)!;
    expect(holed.gaps).toEqual([{ offset: 4096, length: 16312 }]);
    expect(holed.bytes.length).toBe(whole.bytes.length - 16312);
    expect(holed.bytes.subarray(4096)).toEqual(whole.bytes.subarray(4096 + 16312));
  });

  it('is bounded: past maxBytes the bytes are counted, not kept', () => {
    const index = indexCapture(new Uint8Array(readFileSync(join(CORPUS, 'tcpdump__print-flags.pcap'))));
    const capped = index.streamBytes(0, 1, 1000)!;
    expect([capped.bytes.length, capped.droppedBytes]).toEqual([1000, 4559]);
  });

  it('the raw store is bounded: packets past it are indexed without bytes, and counted', () => {
    const index = new PacketIndex({ maxRawBytes: 300 });
    for (const record of printFlags.packets) index.append(record, LinkType.ETHERNET);
    expect(index.count).toBe(10);
    expect(index.raw.droppedPackets).toBeGreaterThan(0);
    const dropped = Array.from({ length: 10 }, (_, i) => i).filter((i) => index.flags[i]! & PacketFlag.BYTES_DROPPED);
    expect(dropped.length).toBe(index.raw.droppedPackets);
    expect(index.decode(dropped[0]!)).toBeNull();
    const capped = new PacketIndex({ maxPackets: 4 });
    for (const record of printFlags.packets) capped.append(record, LinkType.ETHERNET);
    expect([capped.count, capped.droppedPackets]).toEqual([4, 6]);
  });
});
