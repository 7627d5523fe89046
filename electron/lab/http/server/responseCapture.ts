import type { CapturedMessage } from './messageCapture.js';

/** The response bytes as written, the first `cap` past the headers kept. */
export class ResponseCapture {
  private readonly parts: Buffer[] = [];
  private kept = 0;
  private headerEnd: number | null = null;
  totalBytes = 0;

  constructor(private readonly cap: number) {}

  add(bytes: Buffer): void {
    if (this.headerEnd === null) {
      const end = bytes.indexOf('\r\n\r\n');
      if (end >= 0) this.headerEnd = this.totalBytes + end + 4;
    }
    const limit = this.headerEnd === null ? Infinity : this.headerEnd + this.cap;
    const room = Math.max(0, limit - this.kept);
    if (room > 0) {
      const part = bytes.subarray(0, room);
      this.parts.push(part);
      this.kept += part.length;
    }
    this.totalBytes += bytes.length;
  }

  captured(): CapturedMessage {
    const raw = this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts, this.kept);
    return { raw, totalBytes: this.totalBytes, streamOffset: 0 };
  }
}
