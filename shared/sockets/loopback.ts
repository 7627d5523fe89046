/**
 * Which addresses Loopscope may talk to: loopback only (127.0.0.0/8, ::1, ::ffff:127.0.0.0/104).
 * Pure parsing, so the same rule refuses an address in the contract's validation, before any
 * system call, and in the UI before the user sends it.
 */

export type AddressFamily = 'IPv4' | 'IPv6';

/** The four bytes of a dotted quad, or null when it is not one. */
export function parseIpv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes = parts.map((part) => (/^(0|[1-9]\d{0,2})$/.test(part) ? Number(part) : NaN));
  return bytes.every((byte) => byte >= 0 && byte <= 255) ? bytes : null;
}

/** The eight 16-bit groups of an IPv6 address (with `::` and a trailing dotted quad allowed), or null. */
export function parseIpv6(text: string): number[] | null {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.split('::').length > 2) return null;
  let tail: number[] = [];
  let body = text;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    const quad = parseIpv4(text.slice(lastColon + 1));
    if (!quad) return null;
    tail = [((quad[0] ?? 0) << 8) | (quad[1] ?? 0), ((quad[2] ?? 0) << 8) | (quad[3] ?? 0)];
    body = text.slice(0, lastColon + 1);
    if (body.endsWith(':') && !body.endsWith('::')) body = body.slice(0, -1);
  }
  const groupsOf = (side: string): number[] | null => {
    if (side === '') return [];
    const groups = side.split(':');
    return groups.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group)) ? groups.map((group) => parseInt(group, 16)) : null;
  };
  const [left, right] = body.split('::');
  const head = groupsOf(left ?? '');
  const rest = right === undefined ? [] : groupsOf(right);
  if (!head || !rest) return null;
  const known = head.length + rest.length + tail.length;
  if (right === undefined) return known === 8 ? [...head, ...tail] : null;
  if (known > 7) return null;
  return [...head, ...new Array<number>(8 - known).fill(0), ...rest, ...tail];
}

export function familyOf(address: string): AddressFamily | null {
  if (parseIpv4(address)) return 'IPv4';
  if (parseIpv6(address)) return 'IPv6';
  return null;
}

/** Null when the address is loopback; otherwise why Loopscope refuses it. */
export function loopbackRefusal(address: string): string | null {
  const rule = 'Loopscope only talks to loopback (127.0.0.0/8, ::1, ::ffff:127.0.0.0/104)';
  const v4 = parseIpv4(address);
  if (v4) {
    if (v4.every((byte) => byte === 0)) return `${rule}; 0.0.0.0 means every interface for bind, and reaches the host for connect: use 127.0.0.1.`;
    return v4[0] === 127 ? null : `${rule}; ${address} is outside it.`;
  }
  const v6 = parseIpv6(address);
  if (!v6) return `'${address}' is not an IPv4 or IPv6 address (write it as 127.0.0.1 or ::1).`;
  if (v6.every((group) => group === 0)) return `${rule}; :: means every interface for bind, and reaches the host for connect: use ::1.`;
  const zeros = (groups: number[]): boolean => groups.every((group) => group === 0);
  if (zeros(v6.slice(0, 7)) && v6[7] === 1) return null;
  if (zeros(v6.slice(0, 5)) && v6[5] === 0xffff && (v6[6] ?? 0) >> 8 === 127) return null;
  return `${rule}; ${address} is outside it.`;
}
