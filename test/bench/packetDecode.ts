/**
 * Decoding a 1,000,000-packet loopback capture (~120 MB, generated here: TCP connections with handshake, data and
 * teardown, and UDP datagrams) into the packet index, against a bare loop reading the same headers and against tshark
 * printing the same summary fields. Memory per packet: the index's columns, and the heap grown while indexing.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { CaptureStreamReader, PacketIndex } from '../../shared/packets/index.js';
import type { BenchResult } from './stats.js';

const PACKETS = 1_000_000;
/** tshark decodes ~50k packets/s here: it reads this prefix, so its run stays in seconds. */
const TSHARK_PACKETS = 100_000;
const CHUNK = 64 * 1024;

/** A deterministic generator of loopback Ethernet frames (zero MACs, 127.0.0.1), written as classic pcap. */
function generate(path: string, packets: number): void {
  const out = openSync(path, 'w');
  const buffer = Buffer.alloc(8 * 1024 * 1024);
  let at = 0;
  const flush = (): void => {
    writeSync(out, buffer, 0, at);
    at = 0;
  };
  buffer.writeUInt32LE(0xa1b2c3d4, 0);
  buffer.writeUInt16LE(2, 4);
  buffer.writeUInt16LE(4, 6);
  buffer.writeUInt32LE(262144, 16);
  buffer.writeUInt32LE(1, 20);
  at = 24;
  let seed = 12345;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  let time = 1_700_000_000_000_000; // µs
  const frame = (transport: 6 | 17, sport: number, dport: number, flags: number, seq: number, ack: number, payload: number): void => {
    const l4 = transport === 6 ? 32 : 8;
    const length = 14 + 20 + l4 + payload;
    if (at + 16 + length > buffer.length) flush();
    time += 1 + random(40);
    buffer.writeUInt32LE(Math.floor(time / 1e6), at);
    buffer.writeUInt32LE(time % 1e6, at + 4);
    buffer.writeUInt32LE(length, at + 8);
    buffer.writeUInt32LE(length, at + 12);
    const f = at + 16;
    buffer.fill(0, f, f + length);
    buffer.writeUInt16BE(0x0800, f + 12);
    const ip = f + 14;
    buffer[ip] = 0x45;
    buffer.writeUInt16BE(20 + l4 + payload, ip + 2);
    buffer[ip + 6] = 0x40; // DF
    buffer[ip + 8] = 64;
    buffer[ip + 9] = transport;
    buffer.writeUInt32BE(0x7f000001, ip + 12);
    buffer.writeUInt32BE(0x7f000001, ip + 16);
    const t = ip + 20;
    buffer.writeUInt16BE(sport, t);
    buffer.writeUInt16BE(dport, t + 2);
    if (transport === 6) {
      buffer.writeUInt32BE(seq >>> 0, t + 4);
      buffer.writeUInt32BE(ack >>> 0, t + 8);
      buffer[t + 12] = 0x80; // 32-byte header: NOP NOP timestamps
      buffer[t + 13] = flags;
      buffer.writeUInt16BE(512, t + 14);
      buffer[t + 20] = 1;
      buffer[t + 21] = 1;
      buffer[t + 22] = 8;
      buffer[t + 23] = 10;
    } else buffer.writeUInt16BE(8 + payload, t + 4);
    at += 16 + length;
  };
  let written = 0;
  let port = 30000;
  while (written < packets) {
    if (random(10) === 0) {
      frame(17, 40000 + random(100), 53 + random(3), 0, 0, 0, 20 + random(200));
      written++;
      continue;
    }
    // One connection: handshake, request/response exchanges each acknowledged, teardown.
    const client = port++ > 60000 ? (port = 30000) : port;
    let cs = random(1 << 30);
    let ss = random(1 << 30);
    frame(6, client, 8080, 0x02, cs, 0, 0);
    frame(6, 8080, client, 0x12, ss, ++cs, 0);
    frame(6, client, 8080, 0x10, cs, ++ss, 0);
    written += 3;
    for (let k = 0, n = 1 + random(12); k < n && written < packets; k++, written += 4) {
      const up = 20 + random(60);
      const down = random(20) === 0 ? 1000 + random(400) : random(60);
      frame(6, client, 8080, 0x18, cs, ss, up);
      cs += up;
      frame(6, 8080, client, 0x10, ss, cs, 0);
      frame(6, 8080, client, 0x18, ss, cs, down);
      ss += down;
      frame(6, client, 8080, 0x10, cs, ss, 0);
    }
    frame(6, client, 8080, 0x11, cs, ss, 0);
    frame(6, 8080, client, 0x11, ss, ++cs, 0);
    frame(6, client, 8080, 0x10, cs, ++ss, 0);
    written += 3;
  }
  flush();
  closeSync(out);
}

/** The floor: walk the records and read the fields the index keeps, with no index, no streams, no bytes kept. */
function bareLoop(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 24;
  let packets = 0;
  let sum = 0;
  while (at + 16 <= bytes.length) {
    const length = view.getUint32(at + 8, true);
    const f = at + 16;
    if (view.getUint16(f + 12) === 0x0800) {
      const ip = f + 14;
      const t = ip + (bytes[ip]! & 0x0f) * 4;
      sum += view.getUint32(ip + 12) + view.getUint32(ip + 16) + view.getUint16(t) + view.getUint16(t + 2) + (bytes[ip + 9] === 6 ? bytes[t + 13]! : 0);
    }
    packets++;
    at = f + length;
  }
  return packets + (sum % 1);
}

function indexAll(bytes: Uint8Array, maxRawBytes = 1024 * 1024 * 1024): PacketIndex {
  const index = new PacketIndex({ maxPackets: PACKETS, initialCapacity: PACKETS, maxRawBytes });
  const reader = new CaptureStreamReader();
  for (let at = 0; at < bytes.length; at += CHUNK) reader.read(bytes.subarray(at, at + CHUNK), (batch) => index.appendBatch(batch, reader.interfaces));
  reader.end();
  return index;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function packetDecode(): Promise<BenchResult[]> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const dir = mkdtempSync(join(tmpdir(), 'loopscope-bench-packets-'));
  try {
    const file = join(dir, 'million.pcap');
    generate(file, PACKETS);
    const bytes = new Uint8Array(readFileSync(file));
    const prefix = join(dir, 'prefix.pcap');
    execFileSync('editcap', ['-r', file, prefix, `1-${TSHARK_PACKETS}`]);

    const ours: number[] = [];
    const bare: number[] = [];
    let index: PacketIndex | null = null;
    for (let run = 0; run < 3; run++) {
      index = null;
      gc();
      let start = performance.now();
      index = indexAll(bytes);
      ours.push(index.count / ((performance.now() - start) / 1000));
      start = performance.now();
      const counted = bareLoop(bytes);
      bare.push(counted / ((performance.now() - start) / 1000));
    }
    if (index!.count !== PACKETS) throw new Error(`indexed ${index!.count} packets of ${PACKETS}`);

    const columnsPerPacket = index!.columnBytes / index!.count;
    // Heap and array buffers grown by one more indexing into an index that keeps no raw bytes (its store holds one).
    index = null;
    gc();
    const before = process.memoryUsage();
    const rawless = indexAll(bytes, 1);
    gc();
    const after = process.memoryUsage();
    const heapPerPacket = (after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers)) / rawless.count;

    let start = performance.now();
    const fields = ['frame.number', 'ip.src', 'ip.dst', 'tcp.srcport', 'tcp.dstport', 'tcp.flags', 'frame.len'];
    const printed = execFileSync('tshark', ['-r', prefix, '-T', 'fields', ...fields.flatMap((f) => ['-e', f])], { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] });
    const tsharkRate = TSHARK_PACKETS / ((performance.now() - start) / 1000);
    if (printed.toString().split('\n').length - 1 !== TSHARK_PACKETS) throw new Error('tshark did not print every packet of the prefix');

    const rate = median(ours);
    const floor = median(bare);
    return [
      { name: `decode of ${PACKETS.toLocaleString('en')} packets into the packet index (median of 3)`, value: rate, unit: 'packets/s', baselineName: `tshark -T fields, 7 summary fields (on the first ${TSHARK_PACKETS.toLocaleString('en')} packets)`, baseline: tsharkRate, goal: '≥ 2,000,000 packets/s', met: rate >= 2_000_000 },
      { name: 'bare loop over the same headers', value: floor, unit: 'packets/s', baselineName: 'packet index decode', baseline: rate, goal: 'within 4× of the index decode', met: floor <= rate * 4 },
      { name: 'packet index memory per packet (typed-array columns)', value: columnsPerPacket, unit: 'bytes', baselineName: 'heap and array-buffer growth per packet, raw bytes excluded', baseline: heapPerPacket, goal: '≤ 64 bytes (both measures)', met: columnsPerPacket <= 64 && heapPerPacket <= 64 },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
