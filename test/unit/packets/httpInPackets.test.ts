import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
