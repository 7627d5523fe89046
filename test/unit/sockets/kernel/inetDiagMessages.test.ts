import type { KernelSocket } from '../../../../shared/schemas/socketStates.js';
import { describe, expect, it } from 'vitest';
import { AF_INET6, AF_UNSPEC, diagRequest, NetlinkError, parseDiagChunk, portFilter } from '../../../../electron/lab/sockets/kernel/inetDiagMessages.js';

/** One SOCK_DIAG_BY_FAMILY reply as the kernel lays it out: nlmsghdr, inet_diag_msg, then an INET_DIAG_INFO attribute. */
function reply(seq: number): Buffer {
  const info = Buffer.alloc(4 + 232);
  info.writeUInt16LE(info.length, 0);
  info.writeUInt16LE(2, 2); // INET_DIAG_INFO
  info.writeUInt32LE(45, 4 + 68); // rtt µs
  info.writeUInt32LE(12, 4 + 72); // rttvar µs
  info.writeUInt32LE(3, 4 + 100); // total_retrans
  info.writeBigUInt64LE(1001n, 4 + 120); // bytes_acked
  info.writeBigUInt64LE(2002n, 4 + 128); // bytes_received
  const message = Buffer.alloc(16 + 72 + info.length);
  message.writeUInt32LE(message.length, 0);
  message.writeUInt16LE(20, 4);
  message.writeUInt32LE(seq, 8);
  const body = 16;
  message.writeUInt8(AF_INET6, body);
  message.writeUInt8(1, body + 1); // ESTABLISHED
  message.writeUInt8(1, body + 2); // retransmit timer
  message.writeUInt16BE(8080, body + 4);
  message.writeUInt16BE(51234, body + 6);
  message.writeUInt8(1, body + 8 + 15); // src ::1
  message.writeUInt8(1, body + 24 + 15); // dst ::1
  message.writeUInt32LE(200, body + 52); // expires ms
  message.writeUInt32LE(7, body + 56); // rqueue
  message.writeUInt32LE(9, body + 60); // wqueue
  message.writeUInt32LE(1000, body + 64); // uid
  message.writeUInt32LE(123456, body + 68); // inode
  info.copy(message, body + 72);
  return message;
}

function done(seq: number, errno = 0): Buffer {
  const message = Buffer.alloc(errno ? 20 : 20);
  message.writeUInt32LE(message.length, 0);
  message.writeUInt16LE(errno ? 2 : 3, 4);
  message.writeUInt32LE(seq, 8);
  message.writeInt32LE(-errno, 16);
  return message;
}

describe('netlink sock_diag messages', () => {
  it('a reply becomes a socket: addresses, ports, queues, timer, inode and tcp_info', () => {
    const chunk = Buffer.concat([reply(7), done(7)]);
    const into: KernelSocket[] = [];
    expect(parseDiagChunk(chunk, chunk.length, 7, 'tcp', into)).toBe('done');
    expect(into).toEqual([
      {
        protocol: 'tcp',
        family: 'IPv6',
        local: { address: '::1', port: 8080 },
        remote: { address: '::1', port: 51234 },
        state: 'ESTABLISHED',
        inode: 123456,
        uid: 1000,
        receiveQueue: 7,
        sendQueue: 9,
        timer: { kind: 'retransmit', expiresInMs: 200 },
        tcpInfo: { rttMs: 0.045, rttVarMs: 0.012, retransmits: 3, bytesAcked: 1001, bytesReceived: 2002 },
      },
    ]);
  });

  it('replies to an earlier request are skipped, and a chunk without DONE asks for more', () => {
    const into: KernelSocket[] = [];
    const chunk = Buffer.concat([reply(6), done(6)]);
    expect(parseDiagChunk(chunk, chunk.length, 7, 'tcp', into)).toBe('more');
    expect(into).toEqual([]);
  });

  it('an NLMSG_ERROR in place of the dump throws with the errno', () => {
    const chunk = done(3, 22);
    expect(() => parseDiagChunk(chunk, chunk.length, 3, 'tcp', [])).toThrow(NetlinkError);
  });

  it('the port filter is laid out as ss compiles an OR: test, JMP to the end, test, …, the last failure past the end', () => {
    const program = portFilter([80]);
    expect([...program]).toEqual([
      11, 8, 12, 0, 0, 0, 80, 0, // S_EQ yes 8 no 12; port 80
      1, 4, 12, 0, // JMP to the end (12 bytes on)
      12, 8, 12, 0, 0, 0, 80, 0, // D_EQ yes 8 no 12 (past the end: reject); port 80
    ]);
  });

  it('a request carries the family, protocol, state mask, tcp_info bit and the filter as an attribute', () => {
    const request = diagRequest({ family: AF_INET6, protocol: 'tcp', states: 1 << 10, tcpInfo: true, ports: [80] }, 5);
    expect(request.readUInt32LE(0)).toBe(request.length);
    expect(request.readUInt16LE(4)).toBe(20);
    expect(request.readUInt32LE(8)).toBe(5);
    expect([request[16], request[17], request[18]]).toEqual([AF_INET6, 6, 2]);
    expect(request.readUInt32LE(20)).toBe(1 << 10);
    expect(request.readUInt16LE(72)).toBe(4 + portFilter([80]).length);
    expect(request.readUInt16LE(74)).toBe(1); // INET_DIAG_REQ_BYTECODE
  });

  it('TCP over both families is one legacy TCPDIAG_GETSOCK request (inet_diag_req v1), and its replies parse alike', () => {
    const request = diagRequest({ family: AF_UNSPEC, protocol: 'tcp', states: 0x1ffe, tcpInfo: true }, 9);
    expect(request.length).toBe(16 + 60);
    expect(request.readUInt16LE(4)).toBe(18);
    expect([request[16], request[19]]).toEqual([0, 2]); // family unspecified; ext asks for INET_DIAG_INFO
    expect(request.readUInt32LE(16 + 52)).toBe(0x1ffe);
    const legacyReply = reply(9);
    legacyReply.writeUInt16LE(18, 4);
    const chunk = Buffer.concat([legacyReply, done(9)]);
    const into: KernelSocket[] = [];
    expect(parseDiagChunk(chunk, chunk.length, 9, 'tcp', into)).toBe('done');
    expect(into[0]).toMatchObject({ family: 'IPv6', state: 'ESTABLISHED', inode: 123456 });
  });
});
