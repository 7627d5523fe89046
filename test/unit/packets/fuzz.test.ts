/**
 * Property-based fuzzing, bounded in runs and time: random bytes, truncations and corruptions of the corpus into both
 * readers and the decoder, and random text into the filter compiler. None may throw or hang; damage is reported.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaptureStreamReader, compileFilter, decodePacket, LinkType, PacketIndex, readCapture, selectPackets, writePcapng } from '../../../shared/packets/index.js';
import { CORPUS } from './tsharkFields.js';

const TIME = { numRuns: 300, interruptAfterTimeLimit: 3000 };
const LINK_TYPES = Object.values(LinkType);
const corpusFiles = readdirSync(CORPUS)
  .filter((name) => name.endsWith('.pcap'))
  .map((name) => new Uint8Array(readFileSync(join(CORPUS, name))));
// The same files as pcapng, so corruption reaches the block parser too.
const corpus = [...corpusFiles, ...corpusFiles.map((bytes) => writePcapng(readCapture(bytes).packets.map((p) => ({ ...p, linkType: readCapture(bytes).interfaces[0]!.linkType }))).bytes)];

/** Reads a capture both ways, indexes and decodes every packet; returns the problems seen. */
function readEverything(bytes: Uint8Array, chunk: number): number {
  const whole = readCapture(bytes);
  const reader = new CaptureStreamReader();
  const index = new PacketIndex({ maxRawBytes: 1 << 20 });
  for (let at = 0; at < bytes.length; at += chunk) reader.read(bytes.subarray(at, at + chunk), (batch) => index.appendBatch(batch, reader.interfaces));
  const problems = reader.end();
  expect(index.count).toBe(whole.packets.length);
  for (let i = 0; i < index.count; i++) index.decode(i);
  for (let s = 0; s < index.conversations.tcpStreams; s++) index.streamBytes(s, 0);
  return whole.problems.length + problems.length;
}

describe('fuzzing', () => {
  it('random bytes into both readers: no throw, and a problem reported', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.integer({ min: 1, max: 300 }), (bytes, chunk) => {
        expect(readEverything(bytes, chunk)).toBeGreaterThan(0);
      }),
      TIME,
    );
  });

  it('random bytes behind a valid pcap or pcapng header', () => {
    const headers = [corpus[0]!.subarray(0, 24), corpus[corpusFiles.length]!.subarray(0, 28 + 20 + 24)];
    fc.assert(
      fc.property(fc.constantFrom(...headers), fc.uint8Array({ maxLength: 3000 }), fc.integer({ min: 1, max: 500 }), (header, tail, chunk) => {
        readEverything(new Uint8Array([...header, ...tail]), chunk);
      }),
      TIME,
    );
  });

  it('truncated corpus files: exactly the records before the cut', () => {
    fc.assert(
      fc.property(fc.constantFrom(...corpus), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 4096 }), (bytes, where, chunk) => {
        const cut = bytes.subarray(0, Math.floor(where * bytes.length));
        const full = readCapture(bytes).packets;
        const read = readCapture(cut).packets;
        expect(read.map((p) => [p.seconds, p.nanoseconds, p.data.length])).toEqual(full.slice(0, read.length).map((p) => [p.seconds, p.nanoseconds, p.data.length]));
        readEverything(cut, chunk);
      }),
      TIME,
    );
  });

  it('corrupted corpus files (bytes overwritten anywhere): never a throw', () => {
    fc.assert(
      fc.property(fc.constantFrom(...corpus), fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 4096 }), (bytes, edits, chunk) => {
        const copy = bytes.slice();
        for (const [where, value] of edits) copy[Math.floor(where * (copy.length - 1))] = value;
        readEverything(copy, chunk);
      }),
      TIME,
    );
  });

  it('random frames of every link type into the decoder, with any original length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.constantFrom(...LINK_TYPES), fc.integer({ min: 0, max: 70000 }), (bytes, linkType, originalLength) => {
        const decoded = decodePacket(bytes, linkType, Math.max(originalLength, bytes.length));
        for (const layer of decoded.layers) for (const field of layer.fields) expect(field.offset + field.length).toBeLessThanOrEqual(Math.max(bytes.length, field.offset + field.length));
      }),
      TIME,
    );
  });

  it('random text into the filter compiler: a filter or an error with a position inside the text', () => {
    const index = new PacketIndex();
    for (const record of readCapture(corpus[0]!).packets) index.append(record, LinkType.NULL);
    const pieces = fc.constantFrom('tcp', 'udp', 'ip.addr', 'tcp.port', '==', '!=', '<', '>=', '&&', '||', '!', 'not', 'and', '(', ')', '80', '127.0.0.1', '::1', 'x', ' ', '=', '0x1f', 'pid', 'tcp.flags.syn', '1', 'constructor', 'valueOf', '__proto__');
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 40 }), fc.array(pieces, { maxLength: 12 }).map((p) => p.join(' '))), (text) => {
        const compiled = compileFilter(text);
        if (compiled.ok) selectPackets(index, compiled.filter, () => 7);
        else {
          expect(compiled.error.position).toBeGreaterThanOrEqual(0);
          expect(compiled.error.position).toBeLessThanOrEqual(text.length);
          expect(compiled.error.message.length).toBeGreaterThan(0);
        }
      }),
      TIME,
    );
  });
});
