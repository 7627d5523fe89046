import { ErrorCode, RpcError } from '../../../shared/rpcError.js';
import { CaptureStreamReader, type CaptureProblem, type PacketIndex } from '../../../shared/packets/index.js';

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
      throw new RpcError(ErrorCode.InvalidParams, `Part ${part} of ${parts} of ${this.name} was not expected: the lab is waiting for part ${this.nextPart} of ${this.parts} (send the parts in order from 0).`);
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
