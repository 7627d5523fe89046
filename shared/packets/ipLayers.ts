/** The network layer's trees: IPv4 (options, fragments) and IPv6 with its extension headers. */
import { ipv4Text, ipv6Text } from './addressText.js';
import { checkIpv4Header } from './checksum.js';
import { field, hex, NETWORK } from './fieldTree.js';
import { type HeaderScan, IPV6_FRAGMENT, u16, u32 } from './headerScan.js';
import type { ChecksumCheck, PacketField, PacketLayer } from './types.js';

const PROTOCOLS: Record<number, string> = { 0: 'IPv6 Hop-by-Hop Option', 1: 'ICMP', 6: 'TCP', 17: 'UDP', 43: 'Routing Header for IPv6', 44: 'Fragment Header for IPv6', 47: 'GRE', 50: 'ESP', 51: 'AH', 58: 'ICMPv6', 59: 'IPv6 No Next Header', 60: 'Destination Options for IPv6' };
const protocolName = (p: number): string => `${PROTOCOLS[p] ?? 'Unknown'} (${p})`;
const EXTENSION_NAMES: Record<number, [string, string]> = { 0: ['ipv6.hopopts', 'IPv6 Hop-by-Hop Option'], 43: ['ipv6.routing', 'Routing Header for IPv6'], 44: ['ipv6.fraghdr', 'Fragment Header for IPv6'], 51: ['ah', 'Authentication Header'], 60: ['ipv6.dstopts', 'Destination Options for IPv6'] };

export function ipv4Layer(bytes: Uint8Array, scan: HeaderScan, checksums: ChecksumCheck[]): PacketLayer {
  const at = scan.ipOffset;
  const fields: PacketField[] = [];
  const headerLength = scan.ipHeaderLength;
  const have = (n: number): boolean => at + n <= bytes.length;
  fields.push(field('ip.version', `Version: 4`, 4, at, 1, 0xf0));
  fields.push(field('ip.hdr_len', `Header Length: ${headerLength} bytes (${headerLength / 4})`, headerLength, at, 1, 0x0f));
  fields.push(field('ip.dsfield', `Differentiated Services Field: ${hex(bytes[at + 1]!, 2)}`, bytes[at + 1]!, at + 1, 1));
  fields.push(field('ip.len', `Total Length: ${u16(bytes, at + 2)}`, u16(bytes, at + 2), at + 2, 2));
  fields.push(field('ip.id', `Identification: ${hex(u16(bytes, at + 4), 4)} (${u16(bytes, at + 4)})`, u16(bytes, at + 4), at + 4, 2));
  const flagWord = u16(bytes, at + 6);
  fields.push(
    field('ip.flags', `Flags: ${hex(flagWord >> 13, 1)}${flagWord & 0x4000 ? ", Don't fragment" : ''}${flagWord & 0x2000 ? ', More fragments' : ''}`, flagWord >> 13, at + 6, 1, 0xe0, [
      field('ip.flags.rb', `Reserved bit: ${flagWord & 0x8000 ? 'Set' : 'Not set'}`, (flagWord & 0x8000) !== 0, at + 6, 1, 0x80),
      field('ip.flags.df', `Don't fragment: ${flagWord & 0x4000 ? 'Set' : 'Not set'}`, (flagWord & 0x4000) !== 0, at + 6, 1, 0x40),
      field('ip.flags.mf', `More fragments: ${flagWord & 0x2000 ? 'Set' : 'Not set'}`, (flagWord & 0x2000) !== 0, at + 6, 1, 0x20),
    ]),
  );
  // Wireshark 4.0 gives the offset in its 8-byte units.
  fields.push(field('ip.frag_offset', `Fragment Offset: ${flagWord & 0x1fff} (${(flagWord & 0x1fff) * 8} bytes)`, flagWord & 0x1fff, at + 6, 2, 0x1fff));
  fields.push(field('ip.ttl', `Time to Live: ${bytes[at + 8]}`, bytes[at + 8]!, at + 8, 1));
  fields.push(field('ip.proto', `Protocol: ${protocolName(bytes[at + 9]!)}`, bytes[at + 9]!, at + 9, 1));
  if (have(headerLength)) {
    const check = checkIpv4Header(bytes, at, headerLength);
    checksums.push(check);
    fields.push(field('ip.checksum', `Header Checksum: ${hex(check.stored, 4)} [${check.status === 'ok' ? 'correct' : `incorrect, should be ${hex(check.computed ?? 0, 4)}`}]`, check.stored, at + 10, 2));
  } else fields.push(field('ip.checksum', `Header Checksum: ${hex(u16(bytes, at + 10), 4)} [unverified: header cut]`, u16(bytes, at + 10), at + 10, 2));
  fields.push(field('ip.src', `Source Address: ${ipv4Text(bytes, at + 12)}`, ipv4Text(bytes, at + 12), at + 12, 4));
  fields.push(field('ip.dst', `Destination Address: ${ipv4Text(bytes, at + 16)}`, ipv4Text(bytes, at + 16), at + 16, 4));
  if (headerLength > 20 && have(headerLength)) fields.push(field('ip.options', `Options: (${headerLength - 20} bytes)`, headerLength - 20, at + 20, headerLength - 20, undefined, ipv4Options(bytes, at + 20, at + headerLength)));
  const fragment = scan.fragment ? `, fragment offset ${(flagWord & 0x1fff) * 8}${flagWord & 0x2000 ? ', more fragments' : ''}` : '';
  return { protocol: 'ip', title: `Internet Protocol Version 4, Src: ${ipv4Text(bytes, at + 12)}, Dst: ${ipv4Text(bytes, at + 16)}${fragment}`, ...NETWORK, offset: at, length: Math.min(headerLength, bytes.length - at), fields };
}

const IPV4_OPTIONS: Record<number, string> = { 0: 'End of Options List (EOL)', 1: 'No-Operation (NOP)', 7: 'Record Route', 68: 'Time Stamp', 130: 'Security', 131: 'Loose Source Route', 137: 'Strict Source Route', 148: 'Router Alert' };

function ipv4Options(bytes: Uint8Array, start: number, end: number): PacketField[] {
  const options: PacketField[] = [];
  for (let at = start; at < end; ) {
    const type = bytes[at]!;
    const length = type === 0 || type === 1 ? 1 : (bytes[at + 1] ?? 0);
    const name = `IP Option - ${IPV4_OPTIONS[type] ?? `Unknown (${type})`}`;
    if (length < 1 || at + length > end || (length === 1 && type > 1)) {
      options.push(field('ip.opt.type', `${name} [length ${length} does not fit]`, type, at, end - at));
      break;
    }
    options.push(field('ip.opt.type', length > 1 ? `${name} (${length} bytes)` : name, type, at, length));
    if (type === 0) break;
    at += length;
  }
  return options;
}

export function ipv6Layer(bytes: Uint8Array, scan: HeaderScan): PacketLayer {
  const at = scan.ipOffset;
  const word = u32(bytes, at);
  const fields: PacketField[] = [
    field('ipv6.version', 'Version: 6', 6, at, 1, 0xf0),
    field('ipv6.tclass', `Traffic Class: ${hex((word >>> 20) & 0xff, 2)}`, (word >>> 20) & 0xff, at, 2, 0x0ff0),
    field('ipv6.flow', `Flow Label: ${hex(word & 0xfffff, 5)}`, word & 0xfffff, at + 1, 3, 0x0fffff),
    field('ipv6.plen', `Payload Length: ${u16(bytes, at + 4)}`, u16(bytes, at + 4), at + 4, 2),
    field('ipv6.nxt', `Next Header: ${protocolName(bytes[at + 6]!)}`, bytes[at + 6]!, at + 6, 1),
    field('ipv6.hlim', `Hop Limit: ${bytes[at + 7]}`, bytes[at + 7]!, at + 7, 1),
    field('ipv6.src', `Source Address: ${ipv6Text(bytes, at + 8)}`, ipv6Text(bytes, at + 8), at + 8, 16),
    field('ipv6.dst', `Destination Address: ${ipv6Text(bytes, at + 24)}`, ipv6Text(bytes, at + 24), at + 24, 16),
  ];
  let next = bytes[at + 6]!;
  for (let header = at + 40; header + 8 <= Math.min(bytes.length, at + scan.ipHeaderLength); ) {
    const names = EXTENSION_NAMES[next];
    if (names === undefined) break;
    const length = next === IPV6_FRAGMENT ? 8 : next === 51 ? (bytes[header + 1]! + 2) * 4 : (bytes[header + 1]! + 1) * 8;
    const children = [field(`${names[0]}.nxt`, `Next Header: ${protocolName(bytes[header]!)}`, bytes[header]!, header, 1)];
    if (next === IPV6_FRAGMENT) {
      const offsetWord = u16(bytes, header + 2);
      children.push(field('ipv6.fraghdr.offset', `Offset: ${offsetWord >> 3}`, offsetWord >> 3, header + 2, 2, 0xfff8));
      children.push(field('ipv6.fraghdr.more', `More Fragments: ${offsetWord & 1 ? 'Yes' : 'No'}`, (offsetWord & 1) === 1, header + 2, 2, 0x0001));
      children.push(field('ipv6.fraghdr.ident', `Identification: ${hex(u32(bytes, header + 4), 8)}`, u32(bytes, header + 4), header + 4, 4));
    } else {
      children.push(field(`${names[0]}.len`, `Length: ${bytes[header + 1]} (${length} bytes)`, bytes[header + 1]!, header + 1, 1));
      if (next === 43) {
        children.push(field('ipv6.routing.type', `Type: ${bytes[header + 2]}`, bytes[header + 2]!, header + 2, 1));
        children.push(field('ipv6.routing.segleft', `Segments Left: ${bytes[header + 3]}`, bytes[header + 3]!, header + 3, 1));
      }
    }
    fields.push(field(names[0], names[1], length, header, length, undefined, children));
    next = bytes[header]!;
    header += length;
  }
  return { protocol: 'ipv6', title: `Internet Protocol Version 6, Src: ${ipv6Text(bytes, at + 8)}, Dst: ${ipv6Text(bytes, at + 24)}`, ...NETWORK, offset: at, length: Math.min(scan.ipHeaderLength, bytes.length - at), fields };
}
