import { defineLabTexts } from '../../../shared/labTexts.js';
import { ErrorCode, RpcError } from '../../../shared/rpcError.js';
import { CaptureStreamReader, type CaptureProblem, type PacketIndex } from '../../../shared/packets/index.js';

const errors = defineLabTexts('lab.error.captureImport', {
  outOfOrder: 'Part {part} of {parts} of {name} was not expected: the lab is waiting for part {next} of {expected} (send the parts in order from 0).',
});

/**
 * A capture file arriving in parts (each within one WebSocket frame), read as each part comes into the index: what is
 * held is the index's bounds plus at most one record carried over between parts, whatever the file's size.
 */
export class CaptureFileImport {
  private readonly reader = new CaptureStreamReader();
  private nextPart = 0;

  constructor(
    readonly name: string,
    readonly parts: number,
    private readonly index: PacketIndex,
  ) {}

  /** Reads the next part; parts come in order from 0. */
  take(part: number, parts: number, bytes: Uint8Array): void {
    if (part !== this.nextPart || parts !== this.parts) {
      throw RpcError.said(ErrorCode.InvalidParams, errors.outOfOrder({ part, parts, name: this.name, next: this.nextPart, expected: this.parts }));
    }
    this.nextPart++;
    this.reader.read(bytes, (batch) => this.index.appendBatch(batch, this.reader.interfaces));
  }

  /** True once every part was read, or once the file was found damaged (the rest would be ignored). */
  get done(): boolean {
    return this.nextPart === this.parts || this.reader.problems.length > 0;
  }

  /** Ends reading: the first problem in the file (a record cut by its end counts), or null. */
  finish(): CaptureProblem | null {
    return this.reader.end()[0] ?? null;
  }
}
