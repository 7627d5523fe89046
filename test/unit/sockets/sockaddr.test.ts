import { describe, expect, test } from 'vitest';
import { decodeSockaddr, encodeSockaddr } from '../../../electron/lab/sockets/sockaddr.js';
import { encodePayload, received } from '../../../electron/lab/sockets/payloadCodec.js';

describe('sockaddr_in and sockaddr_in6, as the kernel lays them out', () => {
  test('IPv4: family in host order, port in network order, then the address', () => {
    const bytes = encodeSockaddr('IPv4', '127.0.0.1', 8080);
    expect([...bytes.subarray(0, 8)]).toEqual([2, 0, 0x1f, 0x90, 127, 0, 0, 1]);
    expect(decodeSockaddr(bytes)).toEqual({ address: '127.0.0.1', port: 8080 });
  });

  test.each(['::1', '::ffff:127.0.0.1', '::'])('IPv6 %s comes back as inet_ntop writes it', (address) => {
    const bytes = encodeSockaddr('IPv6', address, 9000);
    expect(bytes.length).toBe(28);
    expect(decodeSockaddr(bytes)).toEqual({ address, port: 9000 });
  });
});

describe('payloads', () => {
  test('GBK as Python encodes it, and back', () => {
    const bytes = encodePayload({ text: '收到消息', encoding: 'gbk' });
    expect(bytes.toString('hex')).toBe('cad5b5bdcffbcfa2');
    expect(received(bytes.toString('base64'), 'gbk').text).toBe('收到消息');
  });

  test('a character GBK lacks is refused, naming it', () => {
    expect(() => encodePayload({ text: '😀', encoding: 'gbk' })).toThrow(/'😀' has no GBK encoding/);
  });
});
