/**
 * The hot path: where each layer of a frame starts and the handful of numbers the packet index keeps, read with no
 * allocation into one reused object (a million packets a second leaves no room for a tree per packet). The layer tree
 * (decodePacket.ts) starts from the same scan, so both agree on where every layer is and on what is malformed.
 */
import { LinkType, type LayerProtocol } from './types.js';

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_IPV6 = 0x86dd;
export const ETHERTYPE_VLAN = 0x8100;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;
/** BSD loopback address families for IPv6 (NetBSD/OpenBSD, FreeBSD, macOS); 2 is AF_INET everywhere. */
const AF_INET6 = new Set([24, 28, 30]);
/** IPv6 extension headers walked past: hop-by-hop, routing, destination options (length in 8-octet units). */
const IPV6_EXTENSIONS = new Set([0, 43, 60]);
export const IPV6_FRAGMENT = 44;
const IPV6_AH = 51;

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;

export class HeaderScan {
  linkType = 0;
  /** Bytes of link header (Ethernet incl. VLAN tags, SLL, SLL2, NULL); 0 for raw IP. */
  linkLength = 0;
  /** The protocol the link header names (an EtherType), or -1. */
  etherType = -1;
  /** SLL / SLL2 packet type (4: outgoing), or -1. */
  packetType = -1;
  /** 4, 6, or 0 when the frame carries no IP we decode. */
  ipVersion = 0;
  ipOffset = 0;
  /** IPv4 header, or the IPv6 fixed header plus every extension header walked. */
  ipHeaderLength = 0;
  /** Where the datagram ends in the frame by its own length field (it may lie past the captured bytes). */
  ipEnd = 0;
  /** The final protocol number: IPv4's protocol, IPv6's last next-header. */
  ipProtocol = -1;
  /** True for any fragment (more-fragments set or a non-zero offset); the transport is then not decoded. */
  fragment = false;
  /** IPPROTO_TCP, IPPROTO_UDP, or 0. */
  transport = 0;
  l4Offset = 0;
  l4HeaderLength = 0;
  srcPort = 0;
  dstPort = 0;
  seq = 0;
  ack = 0;
  /** The 12 flag bits of TCP (NS CWR ECE URG ACK PSH RST SYN FIN), as tcp.flags. */
  tcpFlags = 0;
  window = 0;
  /** Window scale shift from a SYN's option, or -1. */
  windowShift = -1;
  /** TCP segment data length (tcp.len) or UDP payload length. */
  payloadLength = 0;
  payloadOffset = 0;
  malformed = false;
  malformedLayer: LayerProtocol = 'frame';
  malformedOffset = 0;
  malformedMessage = '';

  private reset(linkType: number): void {
    this.linkType = linkType;
    this.linkLength = 0;
    this.etherType = -1;
    this.packetType = -1;
    this.ipVersion = 0;
    this.ipOffset = 0;
    this.ipHeaderLength = 0;
    this.ipEnd = 0;
    this.ipProtocol = -1;
    this.fragment = false;
    this.transport = 0;
    this.l4Offset = 0;
    this.l4HeaderLength = 0;
    this.srcPort = 0;
    this.dstPort = 0;
    this.seq = 0;
    this.ack = 0;
    this.tcpFlags = 0;
    this.window = 0;
    this.windowShift = -1;
    this.payloadLength = 0;
    this.payloadOffset = 0;
    this.malformed = false;
    this.malformedLayer = 'frame';
    this.malformedOffset = 0;
    this.malformedMessage = '';
  }

  private mark(layer: LayerProtocol, offset: number, message: string): void {
    this.malformed = true;
    this.malformedLayer = layer;
    this.malformedOffset = offset;
    this.malformedMessage = message;
  }

  /**
   * Scans `bytes` (the captured part of one frame) of the given pcap link type; `originalLength` is the frame's length
   * on the wire, so a length field pointing past it is told from a snaplen cut. Never throws.
   */
  scan(bytes: Uint8Array, linkType: number, originalLength = bytes.length): this {
    return this.scanAt(bytes, 0, bytes.length, linkType, originalLength);
  }

  /**
   * Scans the frame in `bytes[start, end)` where it lies, in a chunk of a capture, with no view made of it: every
   * offset found is then from the start of `bytes`, not of the frame.
   */
  scanAt(bytes: Uint8Array, start: number, end: number, linkType: number, originalLength: number): this {
    this.reset(linkType);
    switch (linkType) {
      case LinkType.ETHERNET: {
        if (end - start < 14) return this.cut('eth', start, start + 14, end);
        let at = start + 12;
        let type = u16(bytes, at);
        while (type === ETHERTYPE_VLAN && at + 6 <= end) {
          at += 4;
          type = u16(bytes, at);
        }
        if (type === ETHERTYPE_VLAN) return this.cut('eth', start, at + 6, end);
        this.etherType = type;
        this.linkLength = at + 2 - start;
        break;
      }
      case LinkType.NULL: {
        if (end - start < 4) return this.cut('null', start, start + 4, end);
        // The family is in the capturing host's byte order: a value with high bits set was written the other way.
        let family = (bytes[start]! | (bytes[start + 1]! << 8) | (bytes[start + 2]! << 16) | (bytes[start + 3]! << 24)) >>> 0;
        if (family > 0xffff) family = u32(bytes, start);
        this.etherType = family === 2 ? ETHERTYPE_IPV4 : AF_INET6.has(family) ? ETHERTYPE_IPV6 : -1;
        this.linkLength = 4;
        break;
      }
      case LinkType.LINUX_SLL: {
        if (end - start < 16) return this.cut('sll', start, start + 16, end);
        this.packetType = u16(bytes, start);
        this.etherType = u16(bytes, start + 14);
        this.linkLength = 16;
        break;
      }
      case LinkType.LINUX_SLL2: {
        if (end - start < 20) return this.cut('sll2', start, start + 20, end);
        this.etherType = u16(bytes, start);
        this.packetType = bytes[start + 10]!;
        this.linkLength = 20;
        break;
      }
      case LinkType.RAW:
      case LinkType.IPV4:
      case LinkType.IPV6: {
        if (end - start < 1) return this.cut('raw', start, start + 1, end);
        const version = bytes[start]! >> 4;
        this.etherType = version === 4 ? ETHERTYPE_IPV4 : version === 6 ? ETHERTYPE_IPV6 : -1;
        break;
      }
      default:
        return this;
    }
    if (this.etherType === ETHERTYPE_IPV4) this.scanIpv4(bytes, start + this.linkLength, end);
    else if (this.etherType === ETHERTYPE_IPV6) this.scanIpv6(bytes, start + this.linkLength, end);
    if (this.malformed) return this;
    const frameEnd = start + Math.max(originalLength, end - start);
    if (this.ipVersion !== 0 && this.ipEnd > frameEnd) {
      this.mark(this.ipVersion === 4 ? 'ip' : 'ipv6', this.ipOffset, `the IP length says ${this.ipEnd - this.ipOffset} bytes, the frame holds ${frameEnd - this.ipOffset}`);
      return this;
    }
    if (this.fragment) return this;
    if (this.ipProtocol === IPPROTO_TCP) this.scanTcp(bytes, this.ipOffset + this.ipHeaderLength, end);
    else if (this.ipProtocol === IPPROTO_UDP) this.scanUdp(bytes, this.ipOffset + this.ipHeaderLength, end);
    return this;
  }

  /** A header that needs `need` bytes from `start` where only `end` were captured. */
  private cut(layer: LayerProtocol, start: number, need: number, end: number): this {
    this.mark(layer, start, `${layerName(layer)} header needs ${need - start} bytes, ${Math.max(0, end - start)} captured`);
    return this;
  }

  private scanIpv4(bytes: Uint8Array, at: number, end: number): void {
    if (end - at < 20) {
      this.cut('ip', at, at + 20, end);
      return;
    }
    const headerLength = (bytes[at]! & 0x0f) * 4;
    if (bytes[at]! >> 4 !== 4) return this.mark('ip', at, `IPv4 header with version ${bytes[at]! >> 4}`);
    if (headerLength < 20) return this.mark('ip', at, `IPv4 header length ${headerLength} is below the minimum 20`);
    const totalLength = u16(bytes, at + 2);
    if (totalLength < headerLength) return this.mark('ip', at + 2, `IPv4 total length ${totalLength} is shorter than its header (${headerLength})`);
    this.ipVersion = 4;
    this.ipOffset = at;
    this.ipHeaderLength = headerLength;
    this.ipEnd = at + totalLength;
    this.ipProtocol = bytes[at + 9]!;
    const fragment = u16(bytes, at + 6);
    this.fragment = (fragment & 0x3fff) !== 0;
    if (at + headerLength > end) this.cut('ip', at, at + headerLength, end);
  }

  private scanIpv6(bytes: Uint8Array, at: number, end: number): void {
    if (end - at < 40) {
      this.cut('ipv6', at, at + 40, end);
      return;
    }
    if (bytes[at]! >> 4 !== 6) return this.mark('ipv6', at, `IPv6 header with version ${bytes[at]! >> 4}`);
    this.ipVersion = 6;
    this.ipOffset = at;
    this.ipEnd = at + 40 + u16(bytes, at + 4);
    let next = bytes[at + 6]!;
    let header = at + 40;
    for (;;) {
      const isExtension = IPV6_EXTENSIONS.has(next) || next === IPV6_FRAGMENT || next === IPV6_AH;
      if (!isExtension) break;
      if (header + 8 > end) {
        this.ipHeaderLength = header - at;
        this.cut('ipv6', header, header + 8, end);
        return;
      }
      const length = next === IPV6_FRAGMENT ? 8 : next === IPV6_AH ? (bytes[header + 1]! + 2) * 4 : (bytes[header + 1]! + 1) * 8;
      if (next === IPV6_FRAGMENT) this.fragment = true;
      next = bytes[header]!;
      header += length;
      if (header > this.ipEnd) {
        this.ipHeaderLength = header - at;
        return this.mark('ipv6', header - length, 'IPv6 extension header runs past the payload length');
      }
    }
    this.ipHeaderLength = header - at;
    this.ipProtocol = next;
    if (header > end) this.cut('ipv6', at, header, end);
  }

  private scanTcp(bytes: Uint8Array, at: number, end: number): void {
    if (at + 20 > end) {
      this.cut('tcp', at, at + 20, end);
      return;
    }
    const headerLength = (bytes[at + 12]! >> 4) * 4;
    this.transport = IPPROTO_TCP;
    this.l4Offset = at;
    this.srcPort = u16(bytes, at);
    this.dstPort = u16(bytes, at + 2);
    this.seq = u32(bytes, at + 4);
    this.ack = u32(bytes, at + 8);
    this.tcpFlags = u16(bytes, at + 12) & 0x0fff;
    this.window = u16(bytes, at + 14);
    this.l4HeaderLength = headerLength;
    this.payloadOffset = at + headerLength;
    this.payloadLength = Math.max(0, this.ipEnd - at - headerLength);
    if (headerLength < 20) return this.mark('tcp', at + 12, `TCP header length ${headerLength} is below the minimum 20`);
    if (at + headerLength > this.ipEnd) return this.mark('tcp', at + 12, `TCP header length ${headerLength} runs past the end of the IP payload`);
    if (at + headerLength > end) return void this.cut('tcp', at, at + headerLength, end);
    if (this.tcpFlags & TCP_SYN) this.windowShift = windowScaleOption(bytes, at + 20, at + headerLength);
  }

  private scanUdp(bytes: Uint8Array, at: number, end: number): void {
    if (at + 8 > end) {
      this.cut('udp', at, at + 8, end);
      return;
    }
    const length = u16(bytes, at + 4);
    this.transport = IPPROTO_UDP;
    this.l4Offset = at;
    this.l4HeaderLength = 8;
    this.srcPort = u16(bytes, at);
    this.dstPort = u16(bytes, at + 2);
    this.payloadOffset = at + 8;
    this.payloadLength = Math.max(0, length - 8);
    if (length < 8) return this.mark('udp', at + 4, `UDP length ${length} is below the minimum 8`);
    if (at + length > this.ipEnd) this.mark('udp', at + 4, `UDP length ${length} runs past the end of the IP payload`);
  }
}

/** The shift of a window-scale option (kind 3) in `[at, end)`, or -1. */
export function windowScaleOption(bytes: Uint8Array, at: number, end: number): number {
  while (at < end) {
    const kind = bytes[at]!;
    if (kind === 0) return -1;
    if (kind === 1) {
      at++;
      continue;
    }
    const length = bytes[at + 1];
    if (length === undefined || length < 2) return -1;
    if (kind === 3 && length === 3 && at + 2 < end) return bytes[at + 2]!;
    at += length;
  }
  return -1;
}

export function u16(bytes: Uint8Array, at: number): number {
  return (bytes[at]! << 8) | bytes[at + 1]!;
}

export function u32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

export function layerName(layer: LayerProtocol): string {
  return LAYER_NAMES[layer];
}

const LAYER_NAMES: Record<LayerProtocol, string> = {
  frame: 'frame',
  eth: 'Ethernet',
  null: 'BSD loopback',
  sll: 'Linux cooked (SLL)',
  sll2: 'Linux cooked v2 (SLL2)',
  raw: 'raw IP',
  ip: 'IPv4',
  ipv6: 'IPv6',
  tcp: 'TCP',
  udp: 'UDP',
  data: 'data',
  http: 'HTTP',
};
