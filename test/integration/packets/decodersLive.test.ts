/**
 * Real loopback traffic captured by tcpdump as it happens: a TCP handshake, data and teardown decoded by the stream
 * reader from tcpdump's stdout chunks, and an `-i any` (Linux cooked v2) capture of TCP and UDP over IPv4 and IPv6,
 * each held against tshark's decode of the same bytes. CI runs as root, which capturing needs.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CaptureStreamReader, LinkType, PacketFlag, PacketIndex, readCapture, writePcap } from '../../../shared/packets/index.js';
import { until } from '../../support/poll.js';
import { BASE_FIELDS, compareWithTshark, EXTRA_FIELDS, indexCapture, tsharkRows, tsharkView } from '../../unit/packets/tsharkFields.js';

const dir = mkdtempSync(join(tmpdir(), 'loopscope-live-'));
const started: ChildProcess[] = [];
afterAll(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Starts tcpdump and resolves once it says "listening on" (before that, packets are missed). A 16 MiB ring, as the
 * capture lab uses: the default 2 MiB holds a handful of `-i any` frames and a loaded machine drops packets from it.
 */
async function tcpdump(args: string[]): Promise<ChildProcess> {
  const child = spawn('tcpdump', ['-U', '--immediate-mode', '-s', '0', '-B', '16384', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('listening on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`tcpdump exited with ${code} before listening: ${stderr}`)));
  });
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  await exited;
}

function listen(server: Server, host: string): Promise<number> {
  return new Promise((resolve) => server.listen(0, host, () => resolve((server.address() as AddressInfo).port)));
}

/** A client says hello, the server answers world, the client ends and the server ends back: both FINs. */
async function exchange(host: string, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const client = connect(port, host, () => client.write('hello'));
    client.on('data', () => client.end());
    client.on('close', () => resolve());
    client.on('error', reject);
  });
}

/** Both FINs of TCP stream `stream` seen, and an ACK after the second: the teardown is all in. */
function teardownComplete(index: PacketIndex, stream: number): boolean {
  const flags: number[] = [];
  for (let i = 0; i < index.count; i++) if (index.flags[i]! & PacketFlag.TCP && index.stream[i] === stream) flags.push(index.tcpFlags[i]!);
  const fins = flags.map((f, i) => (f & 0x01 ? i : -1)).filter((i) => i >= 0);
  return fins.length === 2 && flags.slice(fins[1]! + 1).some((f) => f === 0x10);
}

function echoServer(): Server {
  return createServer((socket) => {
    socket.on('data', () => socket.write('world'));
    socket.on('end', () => socket.end());
  });
}

/** Info and the relative numbers, which the corpus CSVs do not have, compared with tshark for plain TCP and UDP rows. */
function compareInfo(file: string, index: PacketIndex): { matched: number; mismatches: string[] } {
  const rows = tsharkRows(file, ['frame.number', '_ws.col.Protocol', '_ws.col.Info', 'tcp.seq', 'tcp.ack', 'tcp.stream', 'udp.stream']);
  const result = { matched: 0, mismatches: [] as string[] };
  for (const [number, protocol, info, seq, ack, tcpStream, udpStream] of rows) {
    const i = Number(number) - 1;
    const ours = tsharkView(index, i);
    const decoded = index.decode(i)!;
    const pairs: Array<[string, string | undefined, string | undefined]> = [
      ['tcp.seq', seq, ours.get('tcp.seq')],
      ['tcp.ack', ack, ours.get('tcp.ack')],
      ['tcp.stream', tcpStream, ours.get('tcp.stream')],
      ['udp.stream', udpStream, ours.get('udp.stream')],
    ];
    // Other dissectors (HTTP, DNS) rename the row, and tshark's analysis prefixes ([TCP Retransmission]) are not ours.
    if ((protocol === 'TCP' || protocol === 'UDP') && !info!.startsWith('[')) pairs.push(['Info', info!.trim(), decoded.summary.info]);
    for (const [name, theirs, mine] of pairs) {
      if ((theirs ?? '') === (mine ?? '')) result.matched++;
      else result.mismatches.push(`${file} frame ${number} ${name}: tshark "${theirs}", ours "${mine}"`);
    }
  }
  return result;
}

describe('live loopback captures', () => {
  it('a TCP handshake and teardown on lo, decoded from tcpdump stdout as it arrives', async () => {
    const server = echoServer();
    const port = await listen(server, '127.0.0.1');
    const capture = await tcpdump(['-i', 'lo', '-w', '-', `tcp port ${port}`]);
    const reader = new CaptureStreamReader();
    const index = new PacketIndex();
    let chunks = 0;
    capture.stdout!.on('data', (chunk: Buffer) => {
      chunks++;
      reader.push(new Uint8Array(chunk), (record) => index.append(record, reader.interfaces[record.interfaceId]!.linkType));
    });
    try {
      await exchange('127.0.0.1', port);
      await until('the last ACK of the teardown', () => teardownComplete(index, 0));
    } finally {
      await stop(capture);
      server.close();
    }
    expect(reader.end()).toEqual([]);
    expect(chunks).toBeGreaterThan(1);
    expect(reader.interfaces[0]!.linkType).toBe(LinkType.ETHERNET);
    const flags = Array.from(index.tcpFlags.subarray(0, index.count));
    expect(flags.slice(0, 3)).toEqual([0x002, 0x012, 0x010]);
    const decoded = Array.from({ length: index.count }, (_, i) => index.decode(i)!);
    const field = (i: number, name: string): number => decoded[i]!.layers.find((l) => l.protocol === 'tcp')!.fields.find((f) => f.name === name)!.value as number;
    const [syn, synAck, ack] = [0, 1, 2];
    expect(field(synAck, 'tcp.ack_raw')).toBe((field(syn, 'tcp.seq_raw') + 1) >>> 0);
    expect(field(ack, 'tcp.seq_raw')).toBe((field(syn, 'tcp.seq_raw') + 1) >>> 0);
    expect(field(ack, 'tcp.ack_raw')).toBe((field(synAck, 'tcp.seq_raw') + 1) >>> 0);
    expect(decoded[syn]!.summary.info).toMatch(new RegExp(`^\\d+ → ${port} \\[SYN\\] Seq=0 Win=\\d+ Len=0 MSS=\\d+ SACK_PERM TSval=\\d+ TSecr=0 WS=\\d+$`));
    expect(decoded[synAck]!.summary.info).toMatch(new RegExp(`^${port} → \\d+ \\[SYN, ACK\\] Seq=0 Ack=1 `));
    // Each FIN is acknowledged by the other side with its sequence number + 1.
    const fins = flags.map((f, i) => (f & 0x01 ? i : -1)).filter((i) => i >= 0);
    expect(fins.length).toBe(2);
    for (const fin of fins) {
      const finPort = field(fin, 'tcp.srcport');
      const acked = decoded.findIndex((_, i) => i > fin && field(i, 'tcp.dstport') === finPort && field(i, 'tcp.ack_raw') === ((field(fin, 'tcp.seq_raw') + 1) >>> 0));
      expect(acked).toBeGreaterThan(fin);
    }
    // Linux leaves loopback checksums to an offload that never runs: every TCP checksum is the pseudo-header sum.
    expect(decoded.map((d) => d.checksums.find((c) => c.field === 'tcp.checksum')!.status)).toEqual(decoded.map(() => 'not-computed'));
    expect(decoded.map((d) => d.checksums.find((c) => c.field === 'ip.checksum')!.status)).toEqual(decoded.map(() => 'ok'));
    // Reassembly: each direction's bytes and the packets that carried them.
    const up = index.streamBytes(0, 0)!;
    const down = index.streamBytes(0, 1)!;
    expect(new TextDecoder().decode(up.bytes)).toBe('hello');
    expect(new TextDecoder().decode(down.bytes)).toBe('world');
    expect(index.payloadLength[up.segments[0]!.packet]).toBe(5);
    // And the whole capture as tshark decodes it, Info included.
    const file = join(dir, 'handshake.pcap');
    writeFileSync(file, writePcap(Array.from({ length: index.count }, (_, i) => index.writable(i)!), 'source').bytes);
    const fields = [...BASE_FIELDS, ...EXTRA_FIELDS.slice(1)];
    const result = compareWithTshark('handshake.pcap', index, fields, tsharkRows(file, fields));
    const info = compareInfo(file, index);
    expect([...result.mismatches, ...info.mismatches]).toEqual([]);
    expect(info.matched).toBeGreaterThanOrEqual(index.count * 5);
  });

  it('an -i any capture (Linux cooked v2) of TCP and UDP over IPv4 and IPv6, against tshark -r of the same file', async () => {
    const v4 = echoServer();
    const v6 = echoServer();
    const udp = createSocket('udp4');
    const udp6 = createSocket('udp6');
    const [p4, p6] = [await listen(v4, '127.0.0.1'), await listen(v6, '::1')];
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => udp6.bind(0, '::1', resolve));
    const pu = udp.address().port;
    const pu6 = udp6.address().port;
    const file = join(dir, 'any.pcap');
    const capture = await tcpdump(['-i', 'any', '-w', '-', `port ${p4} or port ${p6} or port ${pu} or port ${pu6}`]);
    const chunks: Buffer[] = [];
    const reader = new CaptureStreamReader();
    const live = new PacketIndex();
    capture.stdout!.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      reader.push(new Uint8Array(chunk), (record) => live.append(record, reader.interfaces[record.interfaceId]!.linkType));
    });
    try {
      // On `any`, libpcap drops what arrives while it installs the filter, after "listening on": probe until seen.
      await until('a probe datagram in the capture', () => {
        udp.send('probe', pu, '127.0.0.1');
        return live.conversations.udpStreams > 0;
      });
      await exchange('127.0.0.1', p4);
      await until('the IPv4 teardown', () => teardownComplete(live, 0));
      await exchange('::1', p6);
      await until('the IPv6 teardown', () => teardownComplete(live, 1));
      await until('the closing IPv6 datagram', () => {
        udp6.send('done', pu6, '::1');
        return live.conversations.udpStreams === 2;
      });
    } finally {
      await stop(capture);
      v4.close();
      v6.close();
      udp.close();
      udp6.close();
    }
    writeFileSync(file, Buffer.concat(chunks));
    const bytes = new Uint8Array(readFileSync(file));
    expect(readCapture(bytes).interfaces[0]!.linkType).toBe(LinkType.LINUX_SLL2);
    const index = indexCapture(bytes);
    const fields = [...BASE_FIELDS, ...EXTRA_FIELDS.slice(1), 'sll.ifindex', 'sll.hatype', 'udp.stream'];
    const result = compareWithTshark('any.pcap', index, fields, tsharkRows(file, fields));
    const info = compareInfo(file, index);
    expect([...result.mismatches, ...info.mismatches]).toEqual([]);
    expect(result.matched).toBeGreaterThan(index.count * 30);
    const decoded = Array.from({ length: index.count }, (_, i) => index.decode(i)!);
    const kinds = new Set(decoded.map((d) => `${d.layers[1]?.protocol} ${d.layers[2]?.protocol}`));
    expect(kinds).toEqual(new Set(['ip tcp', 'ipv6 tcp', 'ip udp', 'ipv6 udp']));
    expect(new Set(decoded.flatMap((d) => d.checksums.filter((c) => c.field !== 'ip.checksum').map((c) => c.status)))).toEqual(new Set(['not-computed']));
  });
});
