import type { KernelSocket, SocketProtocol, TcpInfo } from '../../../../shared/schemas/socketStates.js';
import { addressBytes, formatIpv4, formatIpv6 } from './socketAddress.js';
import { stateName, timerOf } from './kernelStates.js';

/**
 * The bytes of netlink sock_diag (linux/netlink.h, linux/inet_diag.h, linux/sock_diag.h): the
 * request ss sends and the replies it parses. Pure functions over buffers, so they are tested
 * without a socket; netlinkSockDiag.ts does the system calls.
 */

/** For TCP, both families in one dump: the legacy TCPDIAG_GETSOCK request (see diagRequest). */
export const AF_UNSPEC = 0;
export const AF_INET = 2;
export const AF_INET6 = 10;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;

const NLMSG_HDRLEN = 16;
const NLMSG_ERROR = 2;
const NLMSG_DONE = 3;
const NLM_F_REQUEST = 0x1;
const NLM_F_DUMP = 0x300; // NLM_F_ROOT | NLM_F_MATCH
const SOCK_DIAG_BY_FAMILY = 20;
const TCPDIAG_GETSOCK = 18;
const INET_DIAG_REQ_V2_LEN = 56;
const INET_DIAG_REQ_V1_LEN = 60;
const INET_DIAG_MSG_LEN = 72;
const INET_DIAG_INFO = 2;
const INET_DIAG_REQ_BYTECODE = 1;
const INET_DIAG_BC_S_EQ = 11;
const INET_DIAG_BC_D_EQ = 12;

export interface DiagRequest {
  family: typeof AF_UNSPEC | typeof AF_INET | typeof AF_INET6;
  protocol: SocketProtocol;
  /** Bit n set: sockets in kernel state n. */
  states: number;
  /** Ask for tcp_info (INET_DIAG_INFO): bytes, retransmits, rtt. */
  tcpInfo: boolean;
  /** Only sockets with one of these ports at either end (a bytecode filter the kernel runs). */
  ports?: readonly number[];
}

const INET_DIAG_BC_JMP = 1;

/**
 * The kernel's filter program for "source or destination port is one of these", laid out as ss
 * compiles an OR: each test is an op plus a second op whose `no` field holds the port; a match
 * steps onto the JMP after it, which leaps to the end (accept); a failed test skips that JMP to the
 * next test, and the last one's failure lands past the end (reject). The kernel's audit follows the
 * `yes` chain, so `yes` always steps to the next op.
 */
export function portFilter(ports: readonly number[]): Buffer {
  const tests = ports.flatMap((port) => [
    [INET_DIAG_BC_S_EQ, port],
    [INET_DIAG_BC_D_EQ, port],
  ]);
  const program = Buffer.alloc(tests.length * 12 - 4);
  tests.forEach(([code, port], index) => {
    const offset = index * 12;
    program.writeUInt8(code ?? 0, offset);
    program.writeUInt8(8, offset + 1); // yes: the JMP after this test (or the end)
    program.writeUInt16LE(12, offset + 2); // no: past that JMP, to the next test (or past the end)
    program.writeUInt16LE(port ?? 0, offset + 6); // inet_diag_bc_op { code 0, yes 0, no = port }
    const jump = offset + 8;
    if (jump >= program.length) return;
    program.writeUInt8(INET_DIAG_BC_JMP, jump);
    program.writeUInt8(4, jump + 1);
    program.writeUInt16LE(program.length - jump, jump + 2); // a JMP always takes `no`: to the end
  });
  return program;
}

/** Bounds the filter's size; a longer list of ports is read whole and trimmed by the caller. */
export const MAX_FILTER_PORTS = 256;

/** The 4-tuple of one TCP socket, for an exact lookup (no dump: the kernel looks it up in its hash, TIME_WAIT included). */
export interface ExactTarget {
  family: 'IPv4' | 'IPv6';
  local: { address: string; port: number };
  remote: { address: string; port: number };
}

const INET_DIAG_NOCOOKIE = 0xffffffff;

export function exactRequest(target: ExactTarget, seq: number): Buffer {
  const message = diagRequest({ family: target.family === 'IPv6' ? AF_INET6 : AF_INET, protocol: 'tcp', states: 0xffffffff, tcpInfo: true }, seq);
  message.writeUInt16LE(NLM_F_REQUEST, 6);
  const id = NLMSG_HDRLEN + 8;
  message.writeUInt16BE(target.local.port, id);
  message.writeUInt16BE(target.remote.port, id + 2);
  message.set(addressBytes(target.local.address, target.family), id + 4);
  message.set(addressBytes(target.remote.address, target.family), id + 20);
  message.writeUInt32LE(INET_DIAG_NOCOOKIE, id + 40);
  message.writeUInt32LE(INET_DIAG_NOCOOKIE, id + 44);
  return message;
}

/**
 * A dump request. For TCP over both families (AF_UNSPEC) it is the legacy TCPDIAG_GETSOCK with an
 * inet_diag_req (v1), which the kernel still answers for compatibility: it walks the TCP hash
 * once for IPv4 and IPv6 together, where two SOCK_DIAG_BY_FAMILY dumps walk the same hash twice.
 */
export function diagRequest(request: DiagRequest, seq: number): Buffer {
  const ports = request.ports ?? [];
  const filter = ports.length > 0 && ports.length <= MAX_FILTER_PORTS ? portFilter(ports) : null;
  const attributeLength = filter ? 4 + filter.length : 0;
  const legacy = request.family === AF_UNSPEC;
  const bodyLength = legacy ? INET_DIAG_REQ_V1_LEN : INET_DIAG_REQ_V2_LEN;
  const message = Buffer.alloc(NLMSG_HDRLEN + bodyLength + attributeLength);
  message.writeUInt32LE(message.length, 0);
  message.writeUInt16LE(legacy ? TCPDIAG_GETSOCK : SOCK_DIAG_BY_FAMILY, 4);
  message.writeUInt16LE(NLM_F_REQUEST | NLM_F_DUMP, 6);
  message.writeUInt32LE(seq, 8);
  const body = NLMSG_HDRLEN;
  const ext = request.tcpInfo ? 1 << (INET_DIAG_INFO - 1) : 0;
  if (legacy) {
    // inet_diag_req: family, src_len, dst_len, ext, sockid (48 bytes), states, dbs
    message.writeUInt8(ext, body + 3);
    message.writeUInt32LE(request.states >>> 0, body + 52);
  } else {
    // inet_diag_req_v2: family, protocol, ext, pad, states, sockid
    message.writeUInt8(request.family, body);
    message.writeUInt8(request.protocol === 'tcp' ? IPPROTO_TCP : IPPROTO_UDP, body + 1);
    message.writeUInt8(ext, body + 2);
    message.writeUInt32LE(request.states >>> 0, body + 4);
  }
  if (filter) {
    const attribute = body + bodyLength;
    message.writeUInt16LE(4 + filter.length, attribute);
    message.writeUInt16LE(INET_DIAG_REQ_BYTECODE, attribute + 2);
    filter.copy(message, attribute + 4);
  }
  return message;
}

export type ChunkOutcome = 'more' | 'done';

/** An error the kernel sent in place of a dump (NLMSG_ERROR with a negative errno). */
export class NetlinkError extends Error {
  constructor(readonly errno: number) {
    super(`netlink sock_diag answered errno ${errno}`);
  }
}

/**
 * Parses one recv()'s worth of replies, appending sockets to `into`. 'done' once NLMSG_DONE for
 * `seq` arrives, or (`exact`: an exact lookup, answered by one message) its one reply; replies to
 * an earlier request (a dump abandoned midway) are skipped.
 */
export function parseDiagChunk(
  chunk: Buffer,
  length: number,
  seq: number,
  protocol: SocketProtocol,
  into: KernelSocket[],
  exact = false,
): ChunkOutcome {
  let offset = 0;
  while (offset + NLMSG_HDRLEN <= length) {
    const messageLength = chunk.readUInt32LE(offset);
    if (messageLength < NLMSG_HDRLEN || offset + messageLength > length) break;
    const type = chunk.readUInt16LE(offset + 4);
    const messageSeq = chunk.readUInt32LE(offset + 8);
    if (messageSeq === seq) {
      if (type === NLMSG_DONE) return 'done';
      if (type === NLMSG_ERROR) {
        const errno = -chunk.readInt32LE(offset + NLMSG_HDRLEN);
        if (errno !== 0) throw new NetlinkError(errno);
        return 'done';
      }
      if (type === SOCK_DIAG_BY_FAMILY || type === TCPDIAG_GETSOCK) {
        const socket = parseDiagMessage(chunk, offset + NLMSG_HDRLEN, offset + messageLength, protocol);
        if (socket) into.push(socket);
        if (exact) return 'done';
      }
    }
    offset += (messageLength + 3) & ~3;
  }
  return 'more';
}

function parseDiagMessage(buffer: Buffer, start: number, end: number, protocol: SocketProtocol): KernelSocket | null {
  if (end - start < INET_DIAG_MSG_LEN) return null;
  const state = stateName(protocol, buffer.readUInt8(start + 1));
  if (!state) return null;
  const v6 = buffer.readUInt8(start) === AF_INET6;
  const id = start + 4; // inet_diag_sockid: sport, dport (big-endian), src[16], dst[16], if, cookie
  const address = v6 ? formatIpv6 : formatIpv4;
  const after = id + 48;
  return {
    protocol,
    family: v6 ? 'IPv6' : 'IPv4',
    local: { address: address(buffer, id + 4), port: buffer.readUInt16BE(id) },
    remote: { address: address(buffer, id + 20), port: buffer.readUInt16BE(id + 2) },
    state,
    inode: buffer.readUInt32LE(after + 16),
    uid: buffer.readUInt32LE(after + 12),
    receiveQueue: buffer.readUInt32LE(after + 4),
    sendQueue: buffer.readUInt32LE(after + 8),
    timer: timerOf(buffer.readUInt8(start + 2), buffer.readUInt32LE(after)),
    tcpInfo: protocol === 'tcp' ? readTcpInfo(buffer, start + INET_DIAG_MSG_LEN, end) : null,
  };
}

/**
 * struct tcp_info (linux/tcp.h), at the offsets every kernel since 4.2 keeps: rtt and rttvar in µs
 * at 68 and 72, total_retrans at 100, bytes_acked at 120 and bytes_received at 128 (u64).
 */
function readTcpInfo(buffer: Buffer, start: number, end: number): TcpInfo | null {
  let offset = start;
  while (offset + 4 <= end) {
    const length = buffer.readUInt16LE(offset);
    const type = buffer.readUInt16LE(offset + 2);
    if (length < 4) return null;
    if (type === INET_DIAG_INFO && length - 4 >= 136) {
      const info = offset + 4;
      return {
        rttMs: buffer.readUInt32LE(info + 68) / 1000,
        rttVarMs: buffer.readUInt32LE(info + 72) / 1000,
        retransmits: buffer.readUInt32LE(info + 100),
        bytesAcked: Number(buffer.readBigUInt64LE(info + 120)),
        bytesReceived: Number(buffer.readBigUInt64LE(info + 128)),
      };
    }
    offset += (length + 3) & ~3;
  }
  return null;
}
