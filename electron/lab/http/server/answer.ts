import { now } from '../../clock.js';
import { ResponseCapture } from './responseCapture.js';
import type { ResponseSink } from './responseWriter.js';

/** What an answer needs from its connection: the socket's writes and the steps of exchange `E`. */
export interface AnswerTarget<E> {
  /** Writes to the socket; `done` runs once the kernel took the bytes (or at once when the socket is gone). */
  send(bytes: Buffer, done: () => void): void;
  readonly gone: boolean;
  answerStep(exchange: E, step: 'headers' | 'body' | 'written', at?: number): void;
}

/**
 * One response on its way out, as the connection's sink for the route's writes: it keeps the bytes for the log, marks
 * the headers, body and written steps, and settles `written` when the last byte went (or the socket closed first).
 * A class rather than closures made per request: under load the server answers thousands a second.
 */
export class Answer<E> implements ResponseSink {
  readonly capture: ResponseCapture;
  headersAt: number | null = null;
  writtenAt: number | null = null;
  status: { status: number; text: string; contentType: string | null } | null = null;
  readonly written: Promise<void>;
  /** Set by the promise's executor, which runs in the constructor (a field initializer would make a closure per answer). */
  private settle!: () => void;

  constructor(
    private readonly target: AnswerTarget<E>,
    private readonly exchange: E,
    cap: number,
  ) {
    this.capture = new ResponseCapture(cap);
    this.written = new Promise<void>((resolve) => (this.settle = resolve));
  }

  headers(status: number, text: string, contentType: string | null): void {
    this.headersAt = now();
    this.status = { status, text, contentType };
    this.target.answerStep(this.exchange, 'headers', this.headersAt);
  }

  write(bytes: Buffer): Promise<void> {
    this.capture.add(bytes);
    return new Promise((resolve) => this.target.send(bytes, resolve));
  }

  end(bytes: Buffer): void {
    this.capture.add(bytes);
    this.target.answerStep(this.exchange, 'body');
    this.target.send(bytes, () => this.lastByteWent());
  }

  /** The socket closed before the last byte went: nothing more will. */
  abandon(): void {
    this.settle();
  }

  private lastByteWent(): void {
    if (!this.target.gone) {
      this.writtenAt = now();
      this.target.answerStep(this.exchange, 'written', this.writtenAt);
    }
    this.settle();
  }
}
