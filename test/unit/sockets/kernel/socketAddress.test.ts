import { describe, expect, it } from 'vitest';
import { addressBytes, formatIpv6, procHexToBytes } from '../../../../electron/lab/sockets/kernel/socketAddress.js';

const v6 = (hex: string): string => formatIpv6(Buffer.from(hex, 'hex'), 0);

describe('socket addresses as ss prints them', () => {
  it('compresses the longest run of zero groups (RFC 5952)', () => {
    expect(v6('00000000000000000000000000000001')).toBe('::1');
    expect(v6('00000000000000000000000000000000')).toBe('::');
    expect(v6('20010db8000000000001000000000001')).toBe('2001:db8::1:0:0:1');
    expect(v6('fe800000000000000000000000000abc')).toBe('fe80::abc');
  });

  it('keeps a v4-mapped address dotted', () => {
    expect(v6('00000000000000000000ffff7f000001')).toBe('::ffff:127.0.0.1');
  });

  it('reads /proc/net hex words in host byte order', () => {
    expect([...procHexToBytes('0100007F')]).toEqual([127, 0, 0, 1]);
    expect(formatIpv6(procHexToBytes('00000000000000000000000001000000'), 0)).toBe('::1');
  });
});

describe('addresses back to bytes, for the exact lookup', () => {
  it('round-trips what formatIpv6 prints', () => {
    for (const hex of ['00000000000000000000000000000001', '20010db8000000000001000000000001', '00000000000000000000ffff7f000001', 'fe800000000000000000000000000abc', '00000000000000000000000000000000']) {
      expect(Buffer.from(addressBytes(v6(hex), 'IPv6')).toString('hex')).toBe(hex);
    }
    expect([...addressBytes('127.0.0.1', 'IPv4')]).toEqual([127, 0, 0, 1]);
  });
});
