import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LinkType, PacketIndex, readCapture } from '../../../shared/packets/index.js';
import { HttpInPackets } from '../../../shared/packets/httpInPackets.js';
import { httpInfo, httpLayer } from '../../../shared/packets/httpLayer.js';
import { StreamAssembler } from '../../../shared/packets/streamAssembler.js';
import { BASE_FIELDS, CORPUS, indexCapture } from './tsharkFields.js';

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
const bytesOf = (s: string): Uint8Array => new TextEncoder().encode(s);
const column = (name: string): number => BASE_FIELDS.indexOf(name);

describe('TCP reassembly of one direction', () => {
  it('puts segments that arrive out of order back in sequence order', () => {
    const assembler = new StreamAssembler({ remaining: 1000 });
    assembler.add(0, 99, true, new Uint8Array(0));
    assembler.add(2, 106, false, bytesOf('world'));
    assembler.add(1, 100, false, bytesOf('hello '));
    const read = assembler.read(0, 0);
    expect(text(read.bytes)).toBe('hello world');
    expect(read.segments).toEqual([{ packet: 1, offset: 0, length: 6 }, { packet: 2, offset: 6, length: 5 }]);
    expect(read.gaps).toEqual([]);
  });

  it('keeps only the new bytes of a retransmission that overlaps what came before', () => {
    const assembler = new StreamAssembler({ remaining: 1000 });
    assembler.add(0, 1, false, bytesOf('abcd'));
    assembler.add(1, 1, false, bytesOf('abcd'));
    assembler.add(2, 3, false, bytesOf('cdef'));
    const read = assembler.read(0, 0);
    expect(text(read.bytes)).toBe('abcdef');
    expect(read.segments).toEqual([{ packet: 0, offset: 0, length: 4 }, { packet: 2, offset: 4, length: 2 }]);
  });

  it('marks a gap where bytes never came, and goes on after it', () => {
    const assembler = new StreamAssembler({ remaining: 1000 });
    assembler.add(0, 1, false, bytesOf('abc'));
    assembler.add(1, 10, false, bytesOf('xyz'));
    const read = assembler.read(0, 0);
    expect(text(read.bytes)).toBe('abcxyz');
    expect(read.gaps).toEqual([{ offset: 3, length: 6 }]);
  });

  it('is bounded by a budget several streams can share: past it bytes are counted, not kept', () => {
    const budget = { remaining: 5 };
    const one = new StreamAssembler(budget);
    const two = new StreamAssembler(budget);
    one.add(0, 1, false, bytesOf('abcd'));
    two.add(1, 1, false, bytesOf('efgh'));
    const [a, b] = [one.read(0, 0), two.read(1, 0)];
    expect([text(a.bytes), text(b.bytes), a.droppedBytes, b.droppedBytes]).toEqual(['abcd', 'e', 0, 3]);
  });
});

describe('HTTP found in captured packets', () => {
  it("agrees with tshark's http.request.method, http.request.uri and http.response.code on every conformance pcap", () => {
    let compared = 0;
    const mismatches: string[] = [];
    for (const file of readdirSync(CORPUS).filter((name) => name.endsWith('.pcap'))) {
      const index = indexCapture(new Uint8Array(readFileSync(join(CORPUS, file))));
      const http = new HttpInPackets();
      const rows = readFileSync(join(CORPUS, `${file}.tshark.csv`), 'utf8').trim().split('\n');
      rows.forEach((line, i) => {
        const cells = line.split(',');
        const expected = [cells[column('http.request.method')], cells[column('http.request.uri')], cells[column('http.response.code')]].map((cell) => cell ?? '');
        const found = http.messagesAt(index, i).map((m) => m.message);
        const ours = [found.map((m) => m.method ?? '').filter(Boolean).join(';'), found.map((m) => m.url ?? '').filter(Boolean).join(';'), found.map((m) => m.statusCode ?? '').filter(Boolean).join(';')];
        if (expected.some(Boolean) || ours.some(Boolean)) compared++;
        if (ours.join('|') !== expected.join('|')) mismatches.push(`${file} #${i + 1}: ours ${ours.join('|')}, tshark ${expected.join('|')}`);
      });
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThanOrEqual(4);
  });

  it("names the packet that completes a message HTTP, with Wireshark's Info and layer", () => {
    const index = indexCapture(new Uint8Array(readFileSync(join(CORPUS, 'tcpdump__print-flags.pcap'))));
    const http = new HttpInPackets();
    const [request] = http.messagesAt(index, 3);
    const [response] = http.messagesAt(index, 5);
    expect([httpInfo(request!.message), httpInfo(response!.message)]).toEqual(['GET / HTTP/1.1', 'HTTP/1.1 200 OK  (text/html)']);
    const frame = index.bytes(3)!;
    const layer = httpLayer([request!], 3)!;
    expect([layer.title, layer.osiLayer, layer.tcpIpLayer]).toEqual(['Hypertext Transfer Protocol', 7, 'Application']);
    const line = layer.fields[0]!;
    expect(line.label).toBe('GET / HTTP/1.1\\r\\n');
    // Each field's bytes in the frame hold its value, so the hex pane lights the right ones.
    for (const part of line.children!) expect(text(frame.subarray(part.offset, part.offset + part.length))).toBe(String(part.value));
    const statusLine = httpLayer([response!], 5)!.fields[0]!;
    const frame5 = index.bytes(5)!;
    for (const part of statusLine.children!) expect(text(frame5.subarray(part.offset, part.offset + part.length))).toBe(String(part.value));
    const host = layer.fields.find((f) => f.name === 'http.host')!;
    expect(text(frame.subarray(host.offset, host.offset + host.length))).toBe(`Host: ${host.value}\r\n`);
    const exchange = http.exchangeOf(index, 5)!;
    expect([exchange.stream, exchange.index, exchange.request.lastPacket, exchange.response?.lastPacket]).toEqual([0, 0, 3, 5]);
  });

  it('reads a response reassembled from many segments (gopacket loopback), and says which packets carried it', () => {
    const index = indexCapture(new Uint8Array(readFileSync(join(CORPUS, 'gopacket__test_loopback.pcap'))));
    const http = new HttpInPackets();
    const exchange = http.exchangeOf(index, 8)!;
    expect(exchange.response!.segments.length).toBeGreaterThan(1);
    expect([exchange.response!.message.complete, exchange.response!.message.framing, exchange.response!.lastPacket]).toEqual([true, 'chunked', 8]);
    expect(exchange.response!.message.body.totalBytes).toBeGreaterThan(10_000);
    const layer = httpLayer(http.messagesAt(index, 8), 8)!;
    expect(layer.fields.find((f) => f.name === 'tcp.segments')!.label).toMatch(/Reassembled TCP Segments/);
  });

  it('reads the same response when its segments arrive out of order, or twice', () => {
    const capture = readCapture(new Uint8Array(readFileSync(join(CORPUS, 'gopacket__test_loopback.pcap'))));
    const indexOf = (order: number[]): PacketIndex => {
      const index = new PacketIndex();
      for (const k of order) index.append(capture.packets[k]!, capture.interfaces[0]!.linkType);
      return index;
    };
    const inOrder = capture.packets.map((_, k) => k);
    const original = new HttpInPackets().stream(indexOf(inOrder), 0)!.exchanges[0]!.response!;
    const [p, q] = original.segments.map((segment) => segment.packet);
    // The response's first two segments swapped, and its second sent again after them.
    const order = inOrder.flatMap((k) => (k === p ? [q!] : k === q ? [p!, q!] : [k]));
    const reordered = new HttpInPackets().stream(indexOf(order), 0)!.exchanges[0]!.response!;
    expect(reordered.message.complete).toBe(true);
    expect(reordered.message.body.bytes).toEqual(original.message.body.bytes);
    expect(reordered.raw).toEqual(original.raw);
  });

  it('is bounded: a direction past maxStreamBytes is read no further, and the bytes are counted', () => {
    const index = indexCapture(new Uint8Array(readFileSync(join(CORPUS, 'tcpdump__print-flags.pcap'))));
    const http = new HttpInPackets({ maxStreamBytes: 1000 });
    const stream = http.stream(index, 0)!;
    expect(stream.droppedBytes).toBe(5559 - 1000);
    expect(stream.exchanges[0]!.response!.lastPacket).toBeNull();
    expect(http.messagesAt(index, 5)).toEqual([]);
  });

  it('finds no HTTP in streams that carry something else', () => {
    const index = indexCapture(new Uint8Array(readFileSync(join(CORPUS, 'tcpdump__pptp.pcap'))));
    expect(new HttpInPackets().httpStreams(index)).toEqual([]);
  });
});

describe('HTTP in damaged and reordered packets (fuzzed, bounded)', () => {
  const records = ['tcpdump__print-flags.pcap', 'gopacket__test_loopback.pcap'].map((name) => readCapture(new Uint8Array(readFileSync(join(CORPUS, name)))));

  it('never throws, and every HTTP field it shows lies inside its frame', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: records.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (which, damage, swaps) => {
          const capture = records[which]!;
          const packets = capture.packets.map((record) => ({ ...record, data: record.data.slice() }));
          for (const [packet, at, value] of damage) {
            const target = packets[packet % packets.length]!;
            // Past the headers, where HTTP lies: the payload is damaged, the TCP stream still found.
            const offset = 54 + (at % Math.max(1, target.data.length - 54));
            if (offset < target.data.length) target.data[offset] = value;
          }
          for (const swap of swaps) {
            const a = swap % packets.length;
            const b = (a + 1) % packets.length;
            [packets[a], packets[b]] = [packets[b]!, packets[a]!];
          }
          const index = new PacketIndex();
          const linkType = capture.interfaces[0]?.linkType ?? LinkType.ETHERNET;
          for (const record of packets) index.append(record, linkType);
          const http = new HttpInPackets({ maxStreamBytes: 4096 });
          for (let i = 0; i < index.count; i++) {
            const layer = httpLayer(http.messagesAt(index, i), i);
            http.exchangeOf(index, i);
            const frame = index.bytes(i)!;
            const fields = layer ? [...layer.fields, ...layer.fields.flatMap((f) => f.children ?? [])] : [];
            for (const f of fields) expect(f.offset + f.length).toBeLessThanOrEqual(frame.length);
          }
        },
      ),
      { numRuns: 200, interruptAfterTimeLimit: 3000 },
    );
  });
});
