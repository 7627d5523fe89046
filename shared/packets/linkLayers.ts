/** The link-layer headers' trees: Ethernet II (with 802.1Q tags), BSD loopback, Linux cooked v1 and v2. */
import { macText } from './addressText.js';
import { field, hex, LINK } from './fieldTree.js';
import { type HeaderScan, u16, u32 } from './headerScan.js';
import { LinkType, type PacketField, type PacketLayer } from './types.js';

const ETHER_TYPES: Record<number, string> = { 0x0800: 'IPv4', 0x86dd: 'IPv6', 0x0806: 'ARP', 0x8100: '802.1Q' };
const PACKET_TYPES = ['Unicast to us', 'Broadcast', 'Multicast', 'Unicast to another host', 'Sent by us'];
const typeName = (type: number): string => `${ETHER_TYPES[type] ?? 'Unknown'} (${hex(type, 4)})`;

/** The link layer of a scanned frame, or null for raw IP and unknown link types. */
export function linkLayer(bytes: Uint8Array, scan: HeaderScan): PacketLayer | null {
  const fields: PacketField[] = [];
  const length = Math.min(bytes.length, scan.linkLength || bytes.length);
  switch (scan.linkType) {
    case LinkType.ETHERNET: {
      if (bytes.length >= 12) {
        fields.push(field('eth.dst', `Destination: ${macText(bytes, 0)}`, macText(bytes, 0), 0, 6));
        fields.push(field('eth.src', `Source: ${macText(bytes, 6)}`, macText(bytes, 6), 6, 6));
      }
      for (let at = 12; at + 4 < scan.linkLength; at += 4) {
        fields.push(field('vlan.id', `802.1Q VLAN: ID ${u16(bytes, at + 2) & 0x0fff}`, u16(bytes, at + 2) & 0x0fff, at, 4));
      }
      if (scan.linkLength >= 14) fields.push(field('eth.type', `Type: ${typeName(scan.etherType)}`, scan.etherType, scan.linkLength - 2, 2));
      const title = bytes.length >= 12 ? `Ethernet II, Src: ${macText(bytes, 6)}, Dst: ${macText(bytes, 0)}` : 'Ethernet II';
      return { protocol: 'eth', title, ...LINK, offset: 0, length, fields };
    }
    case LinkType.NULL: {
      if (bytes.length >= 4) {
        const le = bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24);
        const family = le >>> 0 > 0xffff ? u32(bytes, 0) : le >>> 0;
        fields.push(field('null.family', `Family: ${family === 2 ? 'IP' : scan.etherType === 0x86dd ? 'IPv6' : 'Unknown'} (${family})`, family, 0, 4));
      }
      return { protocol: 'null', title: 'Null/Loopback', ...LINK, offset: 0, length, fields };
    }
    case LinkType.LINUX_SLL: {
      if (bytes.length >= 16) {
        const addressLength = Math.min(8, u16(bytes, 4));
        fields.push(field('sll.pkttype', `Packet type: ${PACKET_TYPES[scan.packetType] ?? 'Unknown'} (${scan.packetType})`, scan.packetType, 0, 2));
        fields.push(field('sll.hatype', `Link-layer address type: ${u16(bytes, 2)}`, u16(bytes, 2), 2, 2));
        fields.push(field('sll.halen', `Link-layer address length: ${u16(bytes, 4)}`, u16(bytes, 4), 4, 2));
        fields.push(field('sll.src', `Source: ${macText(bytes, 6, addressLength)}`, macText(bytes, 6, addressLength), 6, 8));
        fields.push(field('sll.etype', `Protocol: ${typeName(scan.etherType)}`, scan.etherType, 14, 2));
      }
      return { protocol: 'sll', title: 'Linux cooked capture v1', ...LINK, offset: 0, length, fields };
    }
    case LinkType.LINUX_SLL2: {
      if (bytes.length >= 20) {
        const addressLength = Math.min(8, bytes[11]!);
        fields.push(field('sll.etype', `Protocol: ${typeName(scan.etherType)}`, scan.etherType, 0, 2));
        fields.push(field('sll.ifindex', `Interface index: ${u32(bytes, 4)}`, u32(bytes, 4), 4, 4));
        fields.push(field('sll.hatype', `Link-layer address type: ${u16(bytes, 8)}`, u16(bytes, 8), 8, 2));
        fields.push(field('sll.pkttype', `Packet type: ${PACKET_TYPES[scan.packetType] ?? 'Unknown'} (${scan.packetType})`, scan.packetType, 10, 1));
        fields.push(field('sll.halen', `Link-layer address length: ${bytes[11]}`, bytes[11]!, 11, 1));
        fields.push(field('sll.src', `Source: ${macText(bytes, 12, addressLength)}`, macText(bytes, 12, addressLength), 12, 8));
      }
      return { protocol: 'sll2', title: 'Linux cooked capture v2', ...LINK, offset: 0, length, fields };
    }
    default:
      return null;
  }
}
