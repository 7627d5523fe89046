import type { TlsRecord } from '../../../../shared/schemas/http.js';
import { now } from '../../clock.js';

const CONTENT_TYPES: Readonly<Record<number, string>> = { 20: 'change_cipher_spec', 21: 'alert', 22: 'handshake', 23: 'application_data', 24: 'heartbeat' };
const HEAD_BYTES = 64;
const HEADER = 5;

/**
 * Splits one direction of TLS ciphertext into records (RFC 8446 §5.1: type, legacy version, length, then the
 * fragment), across chunk boundaries, keeping the first `max` records of the connection and counting the rest.
 */
export class TlsRecordReader {
  private header = Buffer.alloc(0);
  /** Bytes of the current record's fragment still to skip. */
  private remaining = 0;

  constructor(
    private readonly direction: 'in' | 'out',
    private readonly onRecord: (record: TlsRecord) => void,
  ) {}

  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.remaining > 0) {
        const skip = Math.min(this.remaining, chunk.length - at);
        this.remaining -= skip;
        at += skip;
        continue;
      }
      const need = HEADER - this.header.length;
      this.header = Buffer.concat([this.header, chunk.subarray(at, at + need)]);
      at += Math.min(need, chunk.length - at);
      if (this.header.length < HEADER) return;
      const contentType = this.header[0] as number;
      const length = this.header.readUInt16BE(3);
      this.onRecord({
        direction: this.direction,
        contentType,
        name: CONTENT_TYPES[contentType] ?? `unknown (${contentType})`,
        version: `0x${this.header.readUInt16BE(1).toString(16).padStart(4, '0')}`,
        length,
        at: now(),
        head: Buffer.concat([this.header, chunk.subarray(at, at + Math.min(length, HEAD_BYTES - HEADER))]).toString('base64'),
      });
      this.header = Buffer.alloc(0);
      this.remaining = length;
    }
  }
}
