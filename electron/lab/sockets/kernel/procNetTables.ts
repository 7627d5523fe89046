import { readFileSync } from 'node:fs';
import type { KernelSocket, SocketFamily, SocketProtocol } from '../../../../shared/schemas/socketStates.js';
import type { KernelReader, ReadQuery } from './kernelReader.js';
import { formatIpv4, formatIpv6, procHexToBytes } from './socketAddress.js';
import { stateName, TCP_LISTEN, timerOf } from './kernelStates.js';

/** tm->when is printed in clock ticks (USER_HZ, 100 a second on every Linux build). */
const MS_PER_TICK = 10;

/**
 * One line of /proc/net/tcp, tcp6, udp or udp6 (see proc_net_tcp(5)). For a LISTEN socket rx_queue
 * is the accept queue; the backlog is not printed (sendQueue 0), and tcp_info is netlink's only.
 */
export function parseProcNetLine(line: string, protocol: SocketProtocol, family: SocketFamily): KernelSocket | null {
  const fields = line.trim().split(/\s+/);
  const [, local, remote, stateHex, queues, timer, , uid, , inode] = fields;
  if (!local || !remote || !stateHex || !queues || !timer || uid === undefined || inode === undefined) return null;
  const code = Number.parseInt(stateHex, 16);
  const state = stateName(protocol, code);
  if (!state) return null;
  const [tx = '0', rx = '0'] = queues.split(':');
  const [timerCode = '0', when = '0'] = timer.split(':');
  return {
    protocol,
    family,
    local: parseEndpoint(local, family),
    remote: parseEndpoint(remote, family),
    state,
    inode: Number(inode),
    uid: Number(uid),
    sendQueue: code === TCP_LISTEN && protocol === 'tcp' ? 0 : Number.parseInt(tx, 16),
    receiveQueue: Number.parseInt(rx, 16),
    timer: timerOf(Number.parseInt(timerCode, 16), Number.parseInt(when, 16) * MS_PER_TICK),
    tcpInfo: null,
  };
}

function parseEndpoint(text: string, family: SocketFamily): KernelSocket['local'] {
  const [hex = '', port = '0'] = text.split(':');
  const bytes = procHexToBytes(hex);
  return { address: family === 'IPv6' ? formatIpv6(bytes, 0) : formatIpv4(bytes, 0), port: Number.parseInt(port, 16) };
}

export function parseProcNetTable(text: string, protocol: SocketProtocol, family: SocketFamily): KernelSocket[] {
  const sockets: KernelSocket[] = [];
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const socket = parseProcNetLine(line, protocol, family);
    if (socket) sockets.push(socket);
  }
  return sockets;
}

const TABLES = [
  ['tcp', 'IPv4', '/proc/net/tcp'],
  ['tcp', 'IPv6', '/proc/net/tcp6'],
  ['udp', 'IPv4', '/proc/net/udp'],
  ['udp', 'IPv6', '/proc/net/udp6'],
] as const;

/**
 * The fallback where netlink is refused: each read walks the kernel's whole hash table (~4.5 ms for
 * tcp even when nearly empty), and there is no kernel-side filter, so the query only trims the result.
 */
export class ProcNetTables implements KernelReader {
  readonly source = 'procfs' as const;

  read(query: ReadQuery): KernelSocket[] {
    const sockets: KernelSocket[] = [];
    const ports = new Set(query.ports ?? []);
    for (const [protocol, family, path] of TABLES) {
      if (!query.protocols.includes(protocol)) continue;
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        continue; // no IPv6 on this kernel
      }
      for (const socket of parseProcNetTable(text, protocol, family)) {
        const wanted =
          protocol === 'udp' ||
          query.tcpStates === 'all' ||
          socket.state === 'LISTEN' ||
          ports.has(socket.local.port) ||
          ports.has(socket.remote.port);
        if (wanted) sockets.push(socket);
      }
    }
    return sockets;
  }

  lookup(): null {
    return null;
  }

  close(): void {}
}
