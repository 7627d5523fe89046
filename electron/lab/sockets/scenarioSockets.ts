import { RpcError } from '../../../shared/rpcError.js';
import type { Family, Protocol, SocketInfo } from '../../../shared/schemas/sockets.js';
import type { Blocking, SocketLab } from './socketLab.js';

const blocking: Blocking = { block: true, timeout: 10, signal: new AbortController().signal };
const nonBlocking: Blocking = { block: false, signal: blocking.signal };

/** The kernel's errno name when a socket call failed with one. */
export const errnoOf = (error: unknown): string | null =>
  error instanceof RpcError ? ((error.data as { errno?: string | null } | undefined)?.errno ?? null) : null;

/**
 * A scenario's hands on the socket lab: the same calls a user makes, through the same SocketLab
 * (so every step is a recorded call event with its Python line), with every socket it makes or
 * accepts remembered and closed when the run ends.
 */
export class ScenarioSockets {
  private readonly made: string[] = [];

  constructor(readonly lab: SocketLab) {}

  async create(protocol: Protocol, name: string, family: Family = 'IPv4'): Promise<SocketInfo> {
    const record = await this.lab.create(protocol, family, 'main', name);
    this.made.push(record.info.socketId);
    return record.snapshot();
  }

  /** socket → (options) → bind(127.0.0.1, port) → listen(backlog). */
  async listener(name: string, options: { backlog?: number; port?: number; reuseaddr?: boolean; deferAccept?: number } = {}): Promise<SocketInfo & { port: number }> {
    const { socketId } = await this.create('tcp', name);
    if (options.deferAccept !== undefined) await this.lab.setsockopt(socketId, 'TCP_DEFER_ACCEPT', options.deferAccept);
    await this.lab.bind(socketId, '127.0.0.1', options.port ?? 0, options.reuseaddr);
    const info = await this.lab.listen(socketId, options.backlog ?? 128);
    return { ...info, port: info.local?.port ?? 0 };
  }

  /** socket → connect; without blocking, the SYN is out and the kernel finishes (or retries) the handshake alone. */
  async client(name: string, port: number, options: { block?: boolean; rcvbuf?: number } = {}): Promise<SocketInfo> {
    const { socketId } = await this.create('tcp', name);
    if (options.rcvbuf !== undefined) await this.lab.setsockopt(socketId, 'SO_RCVBUF', options.rcvbuf);
    try {
      return await this.lab.connect(socketId, '127.0.0.1', port, options.block === false ? nonBlocking : blocking);
    } catch (error) {
      if (options.block === false && errnoOf(error) === 'EINPROGRESS') return this.lab.find(socketId).snapshot();
      throw error;
    }
  }

  async accept(socketId: string): Promise<SocketInfo> {
    const { socket } = await this.lab.accept(socketId, blocking);
    this.made.push(socket.socketId);
    return socket;
  }

  send(socketId: string, text: string): Promise<{ sent: number }> {
    return this.lab.send(socketId, { text, encoding: 'utf8' }, blocking);
  }

  /** Sends without blocking until the kernel's buffers are full (EAGAIN): the bytes it took. */
  async fill(socketId: string, chunk = 65_536): Promise<number> {
    const data = { base64: Buffer.alloc(chunk, 0x61).toString('base64') };
    let total = 0;
    for (;;) {
      try {
        total += (await this.lab.send(socketId, data, nonBlocking)).sent;
      } catch (error) {
        if (errnoOf(error) === 'EAGAIN') return total;
        throw error;
      }
    }
  }

  recv(socketId: string, bufsize = 1024): ReturnType<SocketLab['recv']> {
    return this.lab.recv(socketId, bufsize, 'utf8', blocking);
  }

  sendto(socketId: string, text: string, port: number): ReturnType<SocketLab['sendto']> {
    return this.lab.sendto(socketId, { text, encoding: 'utf8' }, '127.0.0.1', port, blocking);
  }

  recvfrom(socketId: string, bufsize = 1024): ReturnType<SocketLab['recvfrom']> {
    return this.lab.recvfrom(socketId, bufsize, 'utf8', blocking);
  }

  close(socketId: string, linger?: number): Promise<SocketInfo> {
    return this.lab.close(socketId, linger);
  }

  /** What a run leaves: every socket it made that is still open is closed. */
  async closeAll(): Promise<void> {
    for (const socketId of this.made.splice(0)) {
      const record = this.lab.all().find((candidate) => candidate.info.socketId === socketId);
      if (record?.open) await this.lab.close(socketId, undefined);
    }
  }
}
