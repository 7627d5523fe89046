import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaptureStreamReader, type PacketRecord, readCapture } from '../../../shared/packets/index.js';
import { CORPUS } from './tsharkFields.js';

const FILES = readdirSync(CORPUS).filter((name) => name.endsWith('.pcap'));
const corpus = (file: string): Uint8Array => new Uint8Array(readFileSync(join(CORPUS, file)));

function streamed(bytes: Uint8Array, chunkSizes: (n: number) => number): { packets: PacketRecord[]; reader: CaptureStreamReader } {
  const reader = new CaptureStreamReader();
  const packets: PacketRecord[] = [];
  for (let at = 0, n = 0; at < bytes.length; n++) {
    const size = Math.max(1, chunkSizes(n));
    reader.push(bytes.slice(at, at + size), (record) => packets.push(record));
    at += size;
  }
  return { packets, reader };
}

const plain = (records: PacketRecord[]) => records.map((r) => ({ ...r, data: Array.from(r.data) }));

/** A pcapng writer of either byte order, for what ours does not write: big-endian, SPB, OPB, if_tsresol, sections. */
class PcapngBuilder {
  private parts: number[] = [];
  constructor(private readonly le: boolean) {}
  private u16(v: number): void {
    this.parts.push(...(this.le ? [v & 0xff, v >> 8] : [v >> 8, v & 0xff]));
  }
  private u32(v: number): void {
    const b = [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
    this.parts.push(...(this.le ? b.reverse() : b));
  }
  private block(type: number, body: () => void): this {
    const start = this.parts.length;
    this.u32(type);
    this.u32(0);
    body();
    while (this.parts.length % 4) this.parts.push(0);
    const length = this.parts.length - start + 4;
    this.u32(length);
    const lengthBytes = new PcapngBuilder(this.le);
    lengthBytes.u32(length);
    this.parts.splice(start + 4, 4, ...lengthBytes.parts);
    return this;
  }
  private option(code: number, value: number[]): void {
    this.u16(code);
    this.u16(value.length);
    this.parts.push(...value);
    while (this.parts.length % 4) this.parts.push(0);
  }
  section(): this {
    return this.block(0x0a0d0d0a, () => {
      this.u32(0x1a2b3c4d);
      this.u16(1);
      this.u16(0);
      this.u32(0xffffffff);
      this.u32(0xffffffff);
    });
  }
  iface(linkType: number, tsresol?: number, snapLen = 65535): this {
    return this.block(1, () => {
      this.u16(linkType);
      this.u16(0);
      this.u32(snapLen);
      if (tsresol !== undefined) this.option(9, [tsresol]);
      this.u32(0);
    });
  }
  epb(iface: number, ticks: bigint, data: Uint8Array, comment?: string): this {
    return this.block(6, () => {
      this.u32(iface);
      this.u32(Number(ticks >> 32n));
      this.u32(Number(ticks & 0xffffffffn));
      this.u32(data.length);
      this.u32(data.length);
      this.parts.push(...data);
      while (this.parts.length % 4) this.parts.push(0);
      if (comment !== undefined) {
        this.option(1, [...new TextEncoder().encode(comment)]);
        this.u32(0);
      }
    });
  }
  opb(iface: number, ticks: bigint, data: Uint8Array): this {
    return this.block(2, () => {
      this.u16(iface);
      this.u16(0);
      this.u32(Number(ticks >> 32n));
      this.u32(Number(ticks & 0xffffffffn));
      this.u32(data.length);
      this.u32(data.length);
      this.parts.push(...data);
    });
  }
  spb(data: Uint8Array, originalLength = data.length): this {
    return this.block(3, () => {
      this.u32(originalLength);
      this.parts.push(...data);
    });
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

describe('classic pcap', () => {
  it('reads both byte orders and both timestamp units as their headers say', () => {
    expect(readCapture(corpus('tcpdump__pptp.pcap'))).toMatchObject({ format: 'pcap', littleEndian: false, interfaces: [{ linkType: 1, ticksPerSecond: 1e6 }] });
    expect(readCapture(corpus('tcpdump__tcp-handshake-nano.pcap'))).toMatchObject({ littleEndian: true, interfaces: [{ linkType: 113, ticksPerSecond: 1e9 }] });
    expect(readCapture(corpus('tcpdump__tcp-handshake-nano.pcap')).packets[0]).toMatchObject({ seconds: 1418145369, nanoseconds: 924505488 });
    expect(readCapture(corpus('tcpdump__pptp.pcap')).packets[0]).toMatchObject({ seconds: 954147395, nanoseconds: 148077000 });
  });

  for (const file of FILES) {
    it(`${file}: fed in chunks cut anywhere, the same records as read whole`, () => {
      const bytes = corpus(file);
      const whole = plain(readCapture(bytes).packets);
      for (const sizes of [() => 1, () => 7, (n: number) => 1 + ((n * 37) % 300), () => 4096]) {
        const { packets, reader } = streamed(bytes, sizes);
        expect(reader.end()).toEqual([]);
        expect(plain(packets)).toEqual(whole);
      }
    });
  }

  it('a file cut inside a record: the records before it, and a problem saying it is truncated', () => {
    const bytes = corpus('tcpdump__print-flags.pcap');
    const capture = readCapture(bytes.subarray(0, bytes.length - 10));
    expect(capture.packets.length).toBe(9);
    expect(capture.problems).toEqual([{ offset: expect.any(Number), message: expect.stringMatching(/ends inside a record .* truncated/) }]);
  });

  it('a corrupt record length stops reading with the offset of the record', () => {
    const bytes = corpus('tcpdump__dns_udp.pcap').slice();
    new DataView(bytes.buffer).setUint32(24 + 8, 0x7fffffff, true);
    expect(readCapture(bytes)).toMatchObject({ packets: [], problems: [{ offset: 24, message: expect.stringMatching(/record length 2147483647 is larger than the maximum/) }] });
  });

  it('names what is wrong with a file that is not a capture, or is empty', () => {
    expect(readCapture(new TextEncoder().encode('GET / HTTP/1.1\r\n\r\nhello world')).problems[0]!.message).toMatch(/not a pcap file: unknown magic/);
    expect(readCapture(new Uint8Array(0)).problems[0]!.message).toMatch(/empty/);
  });
});

describe('pcapng', () => {
  const frames = readCapture(corpus('tcpdump__print-flags.pcap')).packets.map((p) => p.data);

  for (const le of [true, false]) {
    it(`${le ? 'little' : 'big'}-endian sections: interfaces with if_tsresol, EPB with comments, SPB, OPB, a second section`, () => {
      const file = new PcapngBuilder(le)
        .section()
        .iface(1, 9)
        .iface(113, 3)
        .epb(0, 1_418_145_369_924_505_488n, frames[0]!, 'pid 1234 node')
        .epb(1, 1_418_145_369_924n, frames[1]!)
        .spb(frames[2]!.subarray(0, 40), frames[2]!.length)
        .opb(0, 5_000_000_001n, frames[3]!)
        .bytes();
      const second = new PcapngBuilder(!le).section().iface(1, 0x80 | 10).epb(0, 3n * 1024n + 512n, frames[4]!).bytes();
      const bytes = new Uint8Array([...file, ...second]);
      const capture = readCapture(bytes);
      expect(capture.problems).toEqual([]);
      expect(capture.format).toBe('pcapng');
      expect(capture.littleEndian).toBe(le);
      expect(capture.interfaces.map((i) => [i.linkType, i.ticksPerSecond])).toEqual([[1, 1e9], [113, 1e3], [1, 1024]]);
      expect(capture.packets.map((p) => [p.interfaceId, p.seconds, p.nanoseconds, p.capturedLength, p.originalLength, p.comments])).toEqual([
        [0, 1418145369, 924505488, frames[0]!.length, frames[0]!.length, ['pid 1234 node']],
        [1, 1418145369, 924000000, frames[1]!.length, frames[1]!.length, []],
        [0, 0, 0, 40, frames[2]!.length, []],
        [0, 5, 1, frames[3]!.length, frames[3]!.length, []],
        [2, 3, 500000000, frames[4]!.length, frames[4]!.length, []],
      ]);
      expect(capture.packets[3]!.data).toEqual(frames[3]);
      const { packets, reader } = streamed(bytes, (n) => 1 + ((n * 13) % 50));
      expect(reader.end()).toEqual([]);
      expect(plain(packets)).toEqual(plain(capture.packets));
    });
  }

  it('a packet on an interface no block described, and a block whose trailing length differs, are problems', () => {
    const undescribed = new PcapngBuilder(true).section().iface(1).epb(3, 0n, frames[0]!).bytes();
    expect(readCapture(undescribed).problems[0]!.message).toMatch(/interface 3, which no Interface Description Block described/);
    const bad = new PcapngBuilder(true).section().iface(1).epb(0, 0n, frames[0]!).bytes();
    bad[bad.length - 1] = 0x55;
    expect(readCapture(bad).problems[0]!.message).toMatch(/trailing length differs/);
  });
});
