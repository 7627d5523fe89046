import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { methods } from '../../../shared/contract.js';

const bind = (address: string, port = 0) => methods['sockets.bind'].params.safeParse({ socketId: 'socket-1', address, port });
const connect = (address: string, port = 8080) => methods['sockets.connect'].params.safeParse({ socketId: 'socket-1', address, port });
const sendto = (address: string) => methods['sockets.sendto'].params.safeParse({ socketId: 'socket-1', address, port: 9000, data: { text: 'x' } });
const messageOf = (result: { success: boolean; error?: { issues: { message: string }[] } }): string => result.error?.issues.map((issue) => issue.message).join('; ') ?? '';

describe('loopback only, refused in the contract before any system call', () => {
  test.each(['127.0.0.1', '127.200.3.4', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', '::ffff:127.9.9.9'])('%s is loopback', (address) => {
    expect(bind(address).success).toBe(true);
    expect(connect(address).success).toBe(true);
    expect(sendto(address).success).toBe(true);
  });

  test.each([
    ['0.0.0.0', /0\.0\.0\.0 means every interface/],
    ['::', /:: means every interface/],
    ['0:0:0:0:0:0:0:0', /:: means every interface/],
    ['10.0.0.1', /10\.0\.0\.1 is outside it/],
    ['192.168.1.20', /outside it/],
    ['::ffff:10.0.0.1', /outside it/],
    ['::2', /outside it/],
    ['fe80::1', /outside it/],
    ['localhost', /not an IPv4 or IPv6 address/],
    ['127.0.0.256', /not an IPv4 or IPv6 address/],
    ['127.1', /not an IPv4 or IPv6 address/],
  ])('%s is refused for bind, connect and sendto, naming the rule', (address, reason) => {
    for (const result of [bind(address), connect(address), sendto(address)]) {
      expect(result.success).toBe(false);
      expect(messageOf(result)).toMatch(reason);
    }
  });

  test('any IPv4 address outside 127.0.0.0/8 is refused', () => {
    fc.assert(
      fc.property(fc.ipV4().filter((address) => !address.startsWith('127.')), (address) => {
        expect(connect(address).success).toBe(false);
      }),
    );
  });

  test('ports below 1024 are refused; 0 lets the kernel choose for bind only', () => {
    expect(bind('127.0.0.1', 0).success).toBe(true);
    expect(messageOf(bind('127.0.0.1', 80))).toMatch(/ports below 1024 are privileged and refused/);
    expect(messageOf(connect('127.0.0.1', 0))).toMatch(/1024–65535/);
    expect(connect('127.0.0.1', 65_536).success).toBe(false);
  });

  test('payloads are capped above UDP’s limit, so the kernel’s EMSGSIZE stays reachable', () => {
    const send = (data: unknown) => methods['sockets.send'].params.safeParse({ socketId: 'socket-1', data });
    expect(send({ text: 'x'.repeat(70_000) }).success).toBe(true);
    expect(send({ text: 'x'.repeat(70_001) }).success).toBe(false);
    expect(send({ base64: Buffer.alloc(65_528).toString('base64') }).success).toBe(true);
    expect(send({ base64: 'not base64!' }).success).toBe(false);
    expect(send({ text: 'x', encoding: 'latin1' }).success).toBe(false);
  });
});
