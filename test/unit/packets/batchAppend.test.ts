/**
 * The batch path (reader.read → index.appendBatch: records as offsets into the chunk, runs of bytes copied at once)
 * against the record path (readCapture → index.append, one object a packet): every column, every packet's bytes and
 * comments the same, for chunks cut anywhere, pcap and pcapng; a store too small for all, and a port scope.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaptureStreamReader, PacketFlag, PacketIndex, readCapture, writePcapng } from '../../../shared/packets/index.js';
import { CORPUS } from './tsharkFields.js';

const files = readdirSync(CORPUS).filter((name) => name.endsWith('.pcap'));
const COLUMNS = ['seconds', 'nanoseconds', 'capturedLength', 'originalLength', 'interfaceId', 'tcpFlags', 'srcPort', 'dstPort', 'srcAddr', 'dstAddr', 'stream', 'payloadLength'] as const;

function byRecords(bytes: Uint8Array, maxRawBytes?: number): PacketIndex {
  const capture = readCapture(bytes);
  const index = new PacketIndex({ maxRawBytes });
  for (const record of capture.packets) index.append(record, capture.interfaces[record.interfaceId]!.linkType);
  return index;
}

function byBatches(bytes: Uint8Array, chunk: number, options: { maxRawBytes?: number; onlyPorts?: ReadonlySet<number> } = {}): { index: PacketIndex; appended: number; read: number } {
  const reader = new CaptureStreamReader();
  const index = new PacketIndex({ maxRawBytes: options.maxRawBytes });
  let appended = 0;
  let read = 0;
  for (let at = 0; at < bytes.length; at += chunk) {
    reader.read(bytes.subarray(at, at + chunk), (batch) => {
      read += batch.count;
      appended += index.appendBatch(batch, reader.interfaces, options.onlyPorts ?? null);
    });
  }
  expect(reader.end()).toEqual([]);
  return { index, appended, read };
}

function expectSameIndex(batched: PacketIndex, recorded: PacketIndex): void {
  expect(batched.count).toBe(recorded.count);
  for (const column of COLUMNS) expect(Array.from(batched[column].subarray(0, batched.count)), column).toEqual(Array.from(recorded[column].subarray(0, recorded.count)));
  for (let i = 0; i < batched.count; i++) {
    expect(batched.bytes(i), `packet ${i + 1}'s bytes`).toEqual(recorded.bytes(i));
    expect(batched.context(i).comments).toEqual(recorded.context(i).comments);
    expect(batched.decode(i)?.summary).toEqual(recorded.decode(i)?.summary);
  }
}

describe('appendBatch indexes what append does', () => {
  for (const name of files) {
    const pcap = new Uint8Array(readFileSync(join(CORPUS, name)));
    const capture = readCapture(pcap);
    // The same packets as pcapng, each with a comment: comments must land on their own packets.
    const pcapng = writePcapng(capture.packets.map((p, i) => ({ ...p, linkType: capture.interfaces[0]!.linkType, comments: [`packet ${i + 1}`] }))).bytes;
    for (const [format, bytes] of [['pcap', pcap], ['pcapng', pcapng]] as const) {
      it(`${name} as ${format}, in chunks of 97, 1000 bytes and whole`, () => {
        const recorded = byRecords(bytes);
        for (const chunk of [97, 1000, bytes.length]) expectSameIndex(byBatches(bytes, chunk).index, recorded);
      });
    }
  }

  it('a store too small for every packet: the bytes it kept are the packets\' own, the rest flagged and counted', () => {
    const bytes = new Uint8Array(readFileSync(join(CORPUS, 'gopacket__test_loopback.pcap')));
    const whole = byRecords(bytes);
    const { index } = byBatches(bytes, 4096, { maxRawBytes: 2048 });
    let kept = 0;
    for (let i = 0; i < index.count; i++) {
      const stored = index.bytes(i);
      if (stored === null) expect(index.flags[i]! & PacketFlag.BYTES_DROPPED).toBeTruthy();
      else {
        kept++;
        expect(stored).toEqual(whole.bytes(i));
      }
    }
    expect(kept).toBeGreaterThan(0);
    expect(index.raw.droppedPackets).toBe(index.count - kept);
    expect(index.raw.droppedPackets).toBeGreaterThan(0);
  });

  it('with a port scope, only packets to or from those ports are kept, in order', () => {
    const bytes = new Uint8Array(readFileSync(join(CORPUS, 'tcpdump__print-flags.pcap')));
    const whole = byRecords(bytes);
    const port = whole.dstPort[0]!;
    const { index, appended, read } = byBatches(bytes, 100, { onlyPorts: new Set([port]) });
    const expected = Array.from({ length: whole.count }, (_, i) => i).filter((i) => whole.srcPort[i] === port || whole.dstPort[i] === port);
    expect(read).toBe(whole.count);
    expect(appended).toBe(expected.length);
    expect(index.count).toBe(expected.length);
    expected.forEach((i, row) => expect(index.bytes(row)).toEqual(whole.bytes(i)));
  });
});
