/**
 * Internet checksums (RFC 1071) and the loopback rule. Linux leaves TCP and UDP checksums to the NIC (CHECKSUM_PARTIAL)
 * even on `lo`, where nothing ever fills them in: the field then holds the folded pseudo-header sum, not complemented.
 * Seen in our own `tcpdump -i lo` and `-i any` captures (e.g. 0xfe30 for a 40-byte SYN 127.0.0.1 → 127.0.0.1, 0x0030
 * for the same over ::1; every TCP and UDP packet, in both directions). Such a value is "not computed", not wrong.
 */
import { IPPROTO_UDP } from './headerScan.js';
import type { ChecksumCheck } from './types.js';

/** The ones'-complement sum of `bytes[start, end)`, added to `sum`, not yet folded. */
export function onesSum(bytes: Uint8Array, start: number, end: number, sum = 0): number {
  let at = start;
  for (; at + 1 < end; at += 2) sum += (bytes[at]! << 8) | bytes[at + 1]!;
  if (at < end) sum += bytes[at]! << 8;
  return sum;
}

export function fold(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return sum;
}

/** The IPv4 header checksum over `[start, start + length)`. */
export function checkIpv4Header(bytes: Uint8Array, start: number, length: number): ChecksumCheck {
  const stored = (bytes[start + 10]! << 8) | bytes[start + 11]!;
  const sum = onesSum(bytes, start, start + 10, onesSum(bytes, start + 12, start + length));
  const computed = ~fold(sum) & 0xffff;
  return { field: 'ip.checksum', stored, computed, status: computed === stored ? 'ok' : 'bad' };
}

/**
 * TCP or UDP over IPv4 or IPv6. `ipOffset` locates the source and destination addresses; `segmentEnd` is where the
 * datagram's payload ends by its length; when fewer bytes were captured the result is `unknown`.
 */
export function checkTransport(bytes: Uint8Array, ipVersion: number, ipOffset: number, protocol: number, segmentStart: number, segmentEnd: number, checksumAt: number): ChecksumCheck {
  const field = protocol === IPPROTO_UDP ? 'udp.checksum' : 'tcp.checksum';
  const stored = (bytes[checksumAt]! << 8) | bytes[checksumAt + 1]!;
  if (segmentEnd > bytes.length) return { field, stored, computed: null, status: stored === 0 && protocol === IPPROTO_UDP && ipVersion === 4 ? 'absent' : 'unknown' };
  const length = segmentEnd - segmentStart;
  const addresses = ipVersion === 4 ? onesSum(bytes, ipOffset + 12, ipOffset + 20) : onesSum(bytes, ipOffset + 8, ipOffset + 40);
  const pseudo = addresses + protocol + (length & 0xffff) + Math.floor(length / 0x10000);
  const sum = onesSum(bytes, segmentStart, checksumAt, onesSum(bytes, checksumAt + 2, segmentEnd, pseudo));
  let computed = ~fold(sum) & 0xffff;
  // UDP sends an all-ones checksum for a computed 0, which would mean "none" (RFC 768).
  if (protocol === IPPROTO_UDP && computed === 0) computed = 0xffff;
  if (protocol === IPPROTO_UDP && ipVersion === 4 && stored === 0) return { field, stored, computed, status: 'absent' };
  if (computed === stored) return { field, stored, computed, status: 'ok' };
  return { field, stored, computed, status: fold(pseudo) === stored ? 'not-computed' : 'bad' };
}
