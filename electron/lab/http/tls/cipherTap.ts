import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';

/**
 * A pass-through stream between a TCP socket and the TLSSocket over it: a `data` listener on a socket that a TLSSocket
 * wraps sees nothing (measured), so the ciphertext is read here, as it crosses, in both directions.
 */
export class CipherTap extends Duplex {
  constructor(
    private readonly socket: Socket,
    onIn: (chunk: Buffer) => void,
    private readonly onOut: (chunk: Buffer) => void,
  ) {
    super({ allowHalfOpen: true });
    socket.on('data', (chunk: Buffer) => {
      onIn(chunk);
      if (!this.push(chunk)) socket.pause();
    });
    socket.on('end', () => this.push(null));
    socket.on('close', () => this.destroy());
    socket.on('error', (error) => this.destroy(error));
  }

  override _read(): void {
    this.socket.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.onOut(chunk);
    this.socket.write(chunk, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.socket.end(callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.socket.destroy();
    callback(error);
  }
}
