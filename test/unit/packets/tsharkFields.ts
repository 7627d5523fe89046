/**
 * Our decode printed as tshark prints its `-T fields` columns, so a packet can be held against tshark field by field.
 * Values come from the layer tree (decodePacket's fields by name), which also checks that each field's bytes, read at
 * its offset, hold its value; frame.* and tcp.stream come from the index.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type PacketField, PacketIndex, readCapture } from '../../../shared/packets/index.js';

export const CORPUS = join(import.meta.dirname, '../../../../shared/conformance/pcap');

/** SOURCES.md's column list for FILE.tshark.csv, in order. */
export const BASE_FIELDS = ['frame.number', 'frame.time_epoch', 'eth.src', 'eth.dst', 'ip.src', 'ip.dst', 'ipv6.src', 'ipv6.dst', 'ip.proto', 'tcp.srcport', 'tcp.dstport', 'tcp.seq_raw', 'tcp.ack_raw', 'tcp.flags', 'tcp.len', 'udp.srcport', 'udp.dstport', 'udp.length', 'http.request.method', 'http.request.uri', 'http.response.code'];

/** The header row of every FILE.tshark-extra.csv. */
export const EXTRA_FIELDS = readFileSync(join(CORPUS, 'tcpdump__print-flags.pcap.tshark-extra.csv'), 'utf8').split('\n')[0]!.split(',');

/** http.* come from tshark's HTTP dissector over its reassembly: the HTTP decoder's business, not the packet layers'. */
export const NOT_OURS = new Set(['http.request.method', 'http.request.uri', 'http.response.code']);

const HEX4 = new Set(['tcp.flags', 'eth.type', 'sll.etype', 'ip.id', 'ip.checksum', 'tcp.checksum', 'udp.checksum']);
/** Wireshark's WTAP_ENCAP numbers for the pcap link types we read. */
const ENCAP: Record<number, number> = { 0: 15, 1: 1, 101: 7, 113: 25, 228: 7, 229: 7, 276: 210 };
/** Fields whose value is the big-endian number in their bytes (the rest are computed, relative or bit fields). */
const RAW_NUMBERS = new Set(['eth.type', 'sll.etype', 'ip.len', 'ip.id', 'ip.ttl', 'ip.proto', 'ip.checksum', 'ipv6.plen', 'ipv6.nxt', 'ipv6.hlim', 'tcp.srcport', 'tcp.dstport', 'tcp.seq_raw', 'tcp.ack_raw', 'tcp.window_size_value', 'tcp.checksum', 'tcp.urgent_pointer', 'tcp.options.mss_val', 'tcp.options.wscale.shift', 'udp.srcport', 'udp.dstport', 'udp.length', 'udp.checksum']);

function flatten(fields: PacketField[], into: Map<string, PacketField>): void {
  for (const f of fields) {
    if (!into.has(f.name)) into.set(f.name, f);
    if (f.children) flatten(f.children, into);
  }
}

function bigEndian(bytes: Uint8Array, offset: number, length: number): number {
  let value = 0;
  for (let i = 0; i < length; i++) value = value * 256 + bytes[offset + i]!;
  return value;
}

/** Packet i as tshark would print `fields`; throws when a field's bytes disagree with its value. */
export function tsharkView(index: PacketIndex, i: number): Map<string, string> {
  const decoded = index.decode(i);
  if (decoded === null) throw new Error(`packet ${i + 1}: bytes not stored`);
  const bytes = index.bytes(i)!;
  const byName = new Map<string, PacketField>();
  for (const layer of decoded.layers) flatten(layer.fields, byName);
  const out = new Map<string, string>();
  for (const [name, f] of byName) {
    if (RAW_NUMBERS.has(name) && f.bitmask === undefined && bigEndian(bytes, f.offset, f.length) !== f.value) {
      throw new Error(`packet ${i + 1}: ${name} is ${String(f.value)} but its bytes at ${f.offset}+${f.length} read ${bigEndian(bytes, f.offset, f.length)}`);
    }
    out.set(name, typeof f.value === 'number' && HEX4.has(name) ? `0x${f.value.toString(16).padStart(4, '0')}` : String(f.value));
  }
  if (byName.has('ipv6.version')) out.set('ip.version', '6');
  // tshark leaves the UDP length out of the reassembly view but prints tcp.len computed: ours is the scan's.
  if (byName.has('tcp.srcport')) out.set('tcp.len', String(index.payloadLength[i]));
  out.set('frame.number', String(i + 1));
  out.set('frame.time_epoch', `${index.seconds[i]}.${String(index.nanoseconds[i]).padStart(9, '0')}`);
  out.set('frame.len', String(index.originalLength[i]));
  out.set('frame.cap_len', String(index.capturedLength[i]));
  out.set('frame.encap_type', String(ENCAP[index.linkType(i)] ?? -1));
  if (byName.has('tcp.srcport')) out.set('tcp.stream', String(index.stream[i]));
  if (byName.has('udp.srcport')) out.set('udp.stream', String(index.stream[i]));
  return out;
}

export function indexCapture(bytes: Uint8Array): PacketIndex {
  const capture = readCapture(bytes);
  if (capture.problems.length > 0) throw new Error(`reading failed: ${capture.problems.map((p) => `${p.message} at ${p.offset}`).join('; ')}`);
  const index = new PacketIndex();
  for (const record of capture.packets) index.append(record, capture.interfaces[record.interfaceId]!.linkType);
  return index;
}

export interface Comparison {
  matched: number;
  mismatches: string[];
}

/**
 * Compares each row of tshark's output (`rows[n][k]` is field `fields[k]` of frame n + 1) with our decode; a field
 * tshark leaves blank must be absent from ours too.
 */
export function compareWithTshark(what: string, index: PacketIndex, fields: readonly string[], rows: readonly string[][]): Comparison {
  const result: Comparison = { matched: 0, mismatches: [] };
  if (rows.length !== index.count) result.mismatches.push(`${what}: tshark has ${rows.length} frames, we have ${index.count}`);
  rows.forEach((row, n) => {
    const ours = n < index.count ? tsharkView(index, n) : new Map<string, string>();
    fields.forEach((name, k) => {
      if (NOT_OURS.has(name)) return;
      const expected = row[k] ?? '';
      const actual = ours.get(name) ?? '';
      if (expected === actual) result.matched++;
      else result.mismatches.push(`${what} frame ${n + 1} ${name}: tshark "${expected}", ours "${actual}"`);
    });
  });
  return result;
}

export function readCsv(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => line.split(','));
}

/** `tshark -r file -T fields` for `fields`, one array per frame (tab-separated, so values may hold commas). */
export function tsharkRows(file: string, fields: readonly string[], extraArgs: string[] = []): string[][] {
  const out = execFileSync('tshark', ['-r', file, ...extraArgs, '-T', 'fields', '-E', 'separator=/t', '-E', 'occurrence=f', ...fields.flatMap((f) => ['-e', f])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  return out.split('\n').filter((line) => line.length > 0).map((line) => line.split('\t'));
}
