import { endianness } from 'node:os';
import { ipv4Text, ipv6Text } from '../../../../shared/packets/addressText.js';

/**
 * Socket addresses as the kernel stores them (network byte order in sock_diag; host-order 32-bit
 * words printed in hex in /proc/net), turned into the text ss prints.
 */

const ipv6Cache = new Map<string, string>();
const IPV6_CACHE_LIMIT = 4096;

export const formatIpv4 = ipv4Text;

/** RFC 5952 text: the longest run of two or more zero groups becomes ::, and a v4-mapped address keeps its dotted tail. */
export function formatIpv6(bytes: Uint8Array, offset: number): string {
  const key = Buffer.from(bytes.buffer, bytes.byteOffset + offset, 16).toString('hex');
  const cached = ipv6Cache.get(key);
  if (cached !== undefined) return cached;
  const v4Mapped = bytes.subarray(offset, offset + 10).every((b) => b === 0) && bytes[offset + 10] === 0xff && bytes[offset + 11] === 0xff;
  const text = v4Mapped ? `::ffff:${ipv4Text(bytes, offset + 12)}` : ipv6Text(bytes, offset);
  if (ipv6Cache.size >= IPV6_CACHE_LIMIT) ipv6Cache.clear(); // bounded: rebuilt from the next readings
  ipv6Cache.set(key, text);
  return text;
}

const HOST_LITTLE_ENDIAN = endianness() === 'LE';

/** /proc/net/tcp6 prints an address as four 32-bit words in host byte order, each as 8 hex digits. */
export function procHexToBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let word = 0; word < hex.length / 8; word++) {
    const value = Number.parseInt(hex.slice(word * 8, word * 8 + 8), 16);
    const view = new DataView(bytes.buffer, word * 4, 4);
    view.setUint32(0, value, HOST_LITTLE_ENDIAN); // the word as it sat in the kernel's memory: network byte order
  }
  return bytes;
}

/** The 4 or 16 bytes of an address as formatIpv4 and formatIpv6 print it (what sock_diag's exact lookup takes). */
export function addressBytes(address: string, family: 'IPv4' | 'IPv6'): Uint8Array {
  if (family === 'IPv4') return Uint8Array.from(address.split('.').map(Number));
  const bytes = new Uint8Array(16);
  let text = address;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    bytes.set(addressBytes(dotted[1], 'IPv4'), 12);
    text = `${text.slice(0, -dotted[1].length)}0:0`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups = [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  groups.forEach((group, index) => {
    if (dotted && index >= 6) return;
    const value = Number.parseInt(group, 16);
    bytes[2 * index] = value >> 8;
    bytes[2 * index + 1] = value & 0xff;
  });
  return bytes;
}
