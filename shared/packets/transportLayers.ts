/** The transport layer's trees and Info text: TCP (flags, options, relative numbers) and UDP. */
import { checkTransport } from './checksum.js';
import { field, hex, TRANSPORT } from './fieldTree.js';
import { type HeaderScan, IPPROTO_TCP, IPPROTO_UDP, u16 } from './headerScan.js';
import { parseTcpOptions, type TcpOption } from './tcpOptions.js';
import type { ChecksumCheck, MalformedNote, PacketField, PacketLayer } from './types.js';

/** What a TCP segment's numbers mean in its stream; set by the packet index, which saw the stream's earlier packets. */
export interface TcpContext {
  /** Subtracted (mod 2^32) from seq for the relative sequence number; null shows the raw value. */
  seqBase: number | null;
  /** Likewise for ack (and SACK edges), in the other direction's sequence space. */
  ackBase: number | null;
  /** The window is shifted by this for Win= when both SYNs agreed on scaling; 1 otherwise. */
  windowMultiplier: number;
}

/** Wireshark's flag names from bit 0 up: its Info lists them in this order. */
const FLAG_NAMES = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR', 'NS'];
const FLAG_FIELDS = ['fin', 'syn', 'reset', 'push', 'ack', 'urg', 'ece', 'cwr', 'ns'];

export function tcpFlagsText(flags: number): string {
  const names = FLAG_NAMES.filter((_, bit) => flags & (1 << bit));
  return names.length > 0 ? names.join(', ') : '<None>';
}

const relative = (value: number, base: number | null): number => (base === null ? value : (value - base) >>> 0);

function optionInfo(option: TcpOption, ackBase: number | null): string | null {
  switch (option.kind) {
    case 2:
      return `MSS=${option.mss}`;
    case 3:
      return `WS=${2 ** Math.min(option.shift, 14)}`;
    case 4:
      return 'SACK_PERM';
    case 5:
      return option.blocks.map(([left, right]) => `SLE=${relative(left, ackBase)} SRE=${relative(right, ackBase)}`).join(' ');
    case 8:
      return `TSval=${option.tsval} TSecr=${option.tsecr}`;
    default:
      return null;
  }
}

function optionField(option: TcpOption, ackBase: number | null): PacketField {
  const { offset, length } = option;
  switch (option.kind) {
    case 0:
      return field('tcp.option_kind', 'TCP Option - End of Option List (EOL)', 0, offset, 1);
    case 1:
      return field('tcp.option_kind', 'TCP Option - No-Operation (NOP)', 1, offset, 1);
    case 2:
      return field('tcp.options.mss', `TCP Option - Maximum segment size: ${option.mss} bytes`, option.mss, offset, length, undefined, [field('tcp.options.mss_val', `MSS Value: ${option.mss}`, option.mss, offset + 2, 2)]);
    case 3:
      return field('tcp.options.wscale', `TCP Option - Window scale: ${option.shift} (multiply by ${2 ** Math.min(option.shift, 14)})`, option.shift, offset, length, undefined, [field('tcp.options.wscale.shift', `Shift count: ${option.shift}`, option.shift, offset + 2, 1)]);
    case 4:
      return field('tcp.options.sack_perm', 'TCP Option - SACK permitted', true, offset, length);
    case 5:
      return field(
        'tcp.options.sack',
        `TCP Option - SACK ${option.blocks.map(([l, r]) => `${relative(l, ackBase)}-${relative(r, ackBase)}`).join(' ')}`,
        option.blocks.length,
        offset,
        length,
        undefined,
        option.blocks.flatMap(([left, right], i) => [
          field('tcp.options.sack_le', `left edge = ${relative(left, ackBase)}`, relative(left, ackBase), offset + 2 + 8 * i, 4),
          field('tcp.options.sack_re', `right edge = ${relative(right, ackBase)}`, relative(right, ackBase), offset + 6 + 8 * i, 4),
        ]),
      );
    case 8:
      return field('tcp.options.timestamp', `TCP Option - Timestamps: TSval ${option.tsval}, TSecr ${option.tsecr}`, option.tsval, offset, length, undefined, [
        field('tcp.options.timestamp.tsval', `Timestamp value: ${option.tsval}`, option.tsval, offset + 2, 4),
        field('tcp.options.timestamp.tsecr', `Timestamp echo reply: ${option.tsecr}`, option.tsecr, offset + 6, 4),
      ]);
    default:
      return field('tcp.option_kind', `TCP Option - Unknown (${option.code}), ${length} bytes`, option.code, offset, length);
  }
}

function checksumLabel(check: ChecksumCheck): string {
  const stored = hex(check.stored, 4);
  switch (check.status) {
    case 'ok':
      return `Checksum: ${stored} [correct]`;
    case 'bad':
      return `Checksum: ${stored} [incorrect, should be ${hex(check.computed ?? 0, 4)}]`;
    case 'not-computed':
      return `Checksum: ${stored} [not computed: the sender left it to checksum offload (pseudo-header sum only)]`;
    case 'absent':
      return `Checksum: ${stored} [none sent]`;
    default:
      return `Checksum: ${stored} [unverified: payload not all captured]`;
  }
}

export interface TransportResult {
  layer: PacketLayer;
  info: string;
}

export function tcpLayer(bytes: Uint8Array, scan: HeaderScan, context: TcpContext, checksums: ChecksumCheck[], malformed: MalformedNote[]): TransportResult {
  const at = scan.l4Offset;
  const flags = scan.tcpFlags;
  const seq = relative(scan.seq, context.seqBase);
  const ack = relative(scan.ack, context.ackBase);
  const hasAck = (flags & 0x10) !== 0;
  const scaled = flags & 0x02 ? scan.window : scan.window * context.windowMultiplier;
  const fields: PacketField[] = [
    field('tcp.srcport', `Source Port: ${scan.srcPort}`, scan.srcPort, at, 2),
    field('tcp.dstport', `Destination Port: ${scan.dstPort}`, scan.dstPort, at + 2, 2),
    field('tcp.seq', `Sequence Number: ${seq}${context.seqBase === null ? '' : '    (relative sequence number)'}`, seq, at + 4, 4),
    field('tcp.seq_raw', `Sequence Number (raw): ${scan.seq}`, scan.seq, at + 4, 4),
    field('tcp.ack', `Acknowledgment Number: ${hasAck ? ack : 0}${context.ackBase === null || !hasAck ? '' : '    (relative ack number)'}`, hasAck ? ack : 0, at + 8, 4),
    field('tcp.ack_raw', `Acknowledgment number (raw): ${scan.ack}`, scan.ack, at + 8, 4),
    field('tcp.hdr_len', `Header Length: ${scan.l4HeaderLength} bytes (${scan.l4HeaderLength / 4})`, scan.l4HeaderLength, at + 12, 1, 0xf0),
    field(
      'tcp.flags',
      `Flags: ${hex(flags, 3)} (${tcpFlagsText(flags)})`,
      flags,
      at + 12,
      2,
      0x0fff,
      FLAG_NAMES.map((name, bit) => field(`tcp.flags.${FLAG_FIELDS[bit]}`, `${name}: ${flags & (1 << bit) ? 'Set' : 'Not set'}`, (flags & (1 << bit)) !== 0, at + 12, 2, 1 << bit)).reverse(),
    ),
    field('tcp.window_size_value', `Window: ${scan.window}`, scan.window, at + 14, 2),
  ];
  if (scaled !== scan.window) fields.push(field('tcp.window_size', `Calculated window size: ${scaled}`, scaled, at + 14, 2));
  const haveHeader = at + 20 <= bytes.length;
  let optionsText = '';
  if (haveHeader) {
    const check = checkTransport(bytes, scan.ipVersion, scan.ipOffset, IPPROTO_TCP, at, scan.ipEnd, at + 16);
    checksums.push(check);
    fields.push(field('tcp.checksum', checksumLabel(check), check.stored, at + 16, 2));
    fields.push(field('tcp.urgent_pointer', `Urgent Pointer: ${u16(bytes, at + 18)}`, u16(bytes, at + 18), at + 18, 2));
    const optionsEnd = Math.min(at + scan.l4HeaderLength, bytes.length, scan.ipEnd);
    if (optionsEnd > at + 20) {
      const parsed = parseTcpOptions(bytes, at + 20, optionsEnd);
      if (parsed.problem !== null) malformed.push({ layer: 'tcp', ...parsed.problem });
      fields.push(field('tcp.options', `Options: (${scan.l4HeaderLength - 20} bytes)`, scan.l4HeaderLength - 20, at + 20, optionsEnd - at - 20, undefined, parsed.options.map((o) => optionField(o, context.ackBase))));
      optionsText = parsed.options.map((o) => optionInfo(o, context.ackBase)).filter((t) => t !== null).map((t) => ` ${t}`).join('');
    }
  }
  const urgent = flags & 0x20 && haveHeader ? ` Urg=${u16(bytes, at + 18)}` : '';
  const info = `${scan.srcPort} → ${scan.dstPort} [${tcpFlagsText(flags)}] Seq=${seq}${hasAck ? ` Ack=${ack}` : ''} Win=${scaled}${urgent} Len=${scan.payloadLength}${optionsText}`;
  const title = `Transmission Control Protocol, Src Port: ${scan.srcPort}, Dst Port: ${scan.dstPort}, Seq: ${seq}${hasAck ? `, Ack: ${ack}` : ''}, Len: ${scan.payloadLength}`;
  return { layer: { protocol: 'tcp', title, ...TRANSPORT, offset: at, length: Math.min(scan.l4HeaderLength, bytes.length - at), fields }, info };
}

export function udpLayer(bytes: Uint8Array, scan: HeaderScan, checksums: ChecksumCheck[]): TransportResult {
  const at = scan.l4Offset;
  const length = u16(bytes, at + 4);
  const check = checkTransport(bytes, scan.ipVersion, scan.ipOffset, IPPROTO_UDP, at, Math.min(at + length, scan.ipEnd), at + 6);
  checksums.push(check);
  const fields = [
    field('udp.srcport', `Source Port: ${scan.srcPort}`, scan.srcPort, at, 2),
    field('udp.dstport', `Destination Port: ${scan.dstPort}`, scan.dstPort, at + 2, 2),
    field('udp.length', `Length: ${length}`, length, at + 4, 2),
    field('udp.checksum', checksumLabel(check), check.stored, at + 6, 2),
  ];
  return {
    layer: { protocol: 'udp', title: `User Datagram Protocol, Src Port: ${scan.srcPort}, Dst Port: ${scan.dstPort}`, ...TRANSPORT, offset: at, length: 8, fields },
    info: `${scan.srcPort} → ${scan.dstPort} Len=${scan.payloadLength}`,
  };
}
