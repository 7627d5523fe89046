/**
 * One frame's layer tree, every field with its bytes, its checksums and Wireshark's list-pane summary. Starts from the
 * header scan (so it agrees with the index on layers and on what is malformed) and never throws.
 */
import { ipv4Text, ipv6Text, macText } from './addressText.js';
import { APPLICATION, field } from './fieldTree.js';
import { HeaderScan, IPPROTO_TCP, IPPROTO_UDP, layerName } from './headerScan.js';
import { ipv4Layer, ipv6Layer } from './ipLayers.js';
import { linkLayer } from './linkLayers.js';
import { type TcpContext, tcpLayer, udpLayer } from './transportLayers.js';
import { type ChecksumCheck, type DecodedPacket, LinkType, type MalformedNote, type PacketLayer } from './types.js';

export type { TcpContext } from './transportLayers.js';

/** What only the capture as a whole knows about a frame: its number, its time, its stream and its TCP numbering. */
export interface PacketContext {
  number: number;
  relativeTime: number;
  stream: number | null;
  tcp: TcpContext;
  comments: string[];
}

export const STANDALONE_CONTEXT: PacketContext = { number: 1, relativeTime: 0, stream: null, tcp: { seqBase: null, ackBase: null, windowMultiplier: 1 }, comments: [] };

const IP_PROTOCOL_NAMES: Record<number, string> = { 1: 'ICMP', 2: 'IGMP', 47: 'GRE', 50: 'ESP', 58: 'ICMPv6' };
const scratch = new HeaderScan();

export function decodePacket(bytes: Uint8Array, linkType: number, originalLength: number, context: PacketContext = STANDALONE_CONTEXT): DecodedPacket {
  const scan = scratch.scan(bytes, linkType, originalLength);
  const layers: PacketLayer[] = [];
  const checksums: ChecksumCheck[] = [];
  const malformed: MalformedNote[] = [];
  let source = '';
  let destination = '';
  let protocol = linkType === LinkType.ETHERNET ? 'Ethernet' : `Link type ${linkType}`;
  let info = '';
  const link = linkLayer(bytes, scan);
  if (link !== null) layers.push(link);
  if (linkType === LinkType.ETHERNET && bytes.length >= 12) {
    source = macText(bytes, 6);
    destination = macText(bytes, 0);
  }
  const ipEnough = scan.ipVersion === 4 ? scan.ipOffset + 20 <= bytes.length : scan.ipOffset + 40 <= bytes.length;
  if (scan.ipVersion !== 0 && ipEnough) {
    if (scan.ipVersion === 4) {
      layers.push(ipv4Layer(bytes, scan, checksums));
      source = ipv4Text(bytes, scan.ipOffset + 12);
      destination = ipv4Text(bytes, scan.ipOffset + 16);
      protocol = 'IPv4';
    } else {
      layers.push(ipv6Layer(bytes, scan));
      source = ipv6Text(bytes, scan.ipOffset + 8);
      destination = ipv6Text(bytes, scan.ipOffset + 24);
      protocol = 'IPv6';
    }
    const name = IP_PROTOCOL_NAMES[scan.ipProtocol];
    if (name !== undefined) protocol = name;
    if (scan.fragment) info = `Fragmented IP protocol (proto=${scan.ipProtocol})`;
  }
  if (scan.transport === IPPROTO_TCP && scan.l4Offset + 20 <= bytes.length) {
    const tcp = tcpLayer(bytes, scan, context.tcp, checksums, malformed);
    layers.push(tcp.layer);
    protocol = 'TCP';
    info = tcp.info;
  } else if (scan.transport === IPPROTO_UDP && scan.l4Offset + 8 <= bytes.length) {
    const udp = udpLayer(bytes, scan, checksums);
    layers.push(udp.layer);
    protocol = 'UDP';
    info = udp.info;
  }
  const payloadEnd = Math.min(bytes.length, scan.ipEnd);
  if (scan.transport !== 0 && !scan.malformed && payloadEnd > scan.payloadOffset) {
    const length = payloadEnd - scan.payloadOffset;
    layers.push({ protocol: 'data', title: `Data (${length} bytes)`, ...APPLICATION, offset: scan.payloadOffset, length, fields: [field('data.data', `Data: ${length} bytes`, length, scan.payloadOffset, length)] });
  }
  if (scan.malformed) {
    malformed.unshift({ layer: scan.malformedLayer, offset: scan.malformedOffset, message: scan.malformedMessage });
    info = `${info ? `${info} ` : ''}[Malformed Packet: ${layerName(scan.malformedLayer)}: ${scan.malformedMessage}]`;
  }
  return {
    summary: { number: context.number, relativeTime: context.relativeTime, source, destination, protocol, length: originalLength, info },
    layers,
    checksums,
    malformed,
    stream: context.stream,
    comments: context.comments,
  };
}
