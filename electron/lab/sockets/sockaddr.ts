import type { Endpoint, SocketFamily } from '../../../shared/schemas/socketStates.js';
import { parseIpv4, parseIpv6 } from '../../../shared/sockets/loopback.js';
import { AF_INET, AF_INET6 } from './libc.js';

/** sockaddr_in is 16 bytes, sockaddr_in6 28; a buffer of 28 holds either as the kernel writes it back. */
export const SOCKADDR_MAX = 28;

/** The C struct for an address the contract has already checked (loopback, of the socket's family). */
export function encodeSockaddr(family: SocketFamily, address: string, port: number): Buffer {
  if (family === 'IPv4') {
    const bytes = parseIpv4(address);
    if (!bytes) throw new Error(`'${address}' is not an IPv4 address`);
    const buffer = Buffer.alloc(16);
    buffer.writeUInt16LE(AF_INET, 0); // sa_family is host order, sin_port network order
    buffer.writeUInt16BE(port, 2);
    buffer.set(bytes, 4);
    return buffer;
  }
  const groups = parseIpv6(address);
  if (!groups) throw new Error(`'${address}' is not an IPv6 address`);
  const buffer = Buffer.alloc(28);
  buffer.writeUInt16LE(AF_INET6, 0);
  buffer.writeUInt16BE(port, 2);
  groups.forEach((group, i) => buffer.writeUInt16BE(group, 8 + 2 * i));
  return buffer;
}

/** Reads back what the kernel wrote (getsockname, accept, recvmsg's sender), in the text the kernel tables use. */
export function decodeSockaddr(buffer: Buffer): Endpoint {
  const family = buffer.readUInt16LE(0);
  const port = buffer.readUInt16BE(2);
  if (family === AF_INET) return { address: [...buffer.subarray(4, 8)].join('.'), port };
  if (family === AF_INET6) return { address: ipv6Text(buffer.subarray(8, 24)), port };
  return { address: '', port: 0 }; // AF_UNSPEC: nothing bound yet
}

function ipv6Text(bytes: Buffer): string {
  const groups = Array.from({ length: 8 }, (_, i) => bytes.readUInt16BE(2 * i));
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) return `::ffff:${[...bytes.subarray(12, 16)].join('.')}`;
  // The longest run of zero groups becomes ::, as inet_ntop writes it.
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length && j - i > 1) best = { start: i, length: j - i };
    i = j;
  }
  const hex = groups.map((group) => group.toString(16));
  if (best.start < 0) return hex.join(':');
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}
