import { describe, expect, it } from 'vitest';
import { parseProcNetLine } from '../../../../electron/lab/sockets/kernel/procNetTables.js';

describe('a /proc/net/tcp line', () => {
  it('a TIME_WAIT socket: inode 0, and its 2MSL timer in clock ticks', () => {
    const line = '   1: 0100007F:969F 0100007F:88A2 06 00000000:00000000 03:0000170C 00000000     0        0 0 3 0000000078b488c3';
    expect(parseProcNetLine(line, 'tcp', 'IPv4')).toEqual({
      protocol: 'tcp',
      family: 'IPv4',
      local: { address: '127.0.0.1', port: 0x969f },
      remote: { address: '127.0.0.1', port: 0x88a2 },
      state: 'TIME_WAIT',
      inode: 0,
      uid: 0,
      sendQueue: 0,
      receiveQueue: 0,
      timer: { kind: 'time_wait', expiresInMs: 0x170c * 10 },
      tcpInfo: null,
    });
  });

  it('a LISTEN socket: rx_queue is the accept queue', () => {
    const line = '   0: 00000000:07E8 00000000:0000 0A 00000000:00000002 00:00000000 00000000  1000        0 562 1 0000000099c85c63 100 0 0 10 0';
    expect(parseProcNetLine(line, 'tcp', 'IPv4')).toMatchObject({ state: 'LISTEN', receiveQueue: 2, uid: 1000, inode: 562, timer: null });
  });

  it('a UDP socket that is not connected is UNCONN', () => {
    const line = '  5: 00000000000000000000000001000000:A1B2 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4242 2 0000000000000000 0';
    expect(parseProcNetLine(line, 'udp', 'IPv6')).toMatchObject({ state: 'UNCONN', local: { address: '::1', port: 0xa1b2 }, inode: 4242 });
  });

  it('the header and a malformed line are skipped, not thrown', () => {
    expect(parseProcNetLine('  sl  local_address rem_address   st tx_queue', 'tcp', 'IPv4')).toBeNull();
    expect(parseProcNetLine('garbage', 'tcp', 'IPv4')).toBeNull();
  });
});
