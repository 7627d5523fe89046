import type { RouteResponse } from '../routes/routeTypes.js';
import { hasNoBody, STATUS_TEXT } from './statusText.js';

/** Where a response's bytes go: the connection writes them to the socket and records each step. */
export interface ResponseSink {
  /** The status line and headers were serialized. */
  headers(status: number, statusText: string, contentType: string | null): void;
  write(bytes: Buffer): Promise<void>;
  /** The route produced its last byte; `bytes` is the final write (may be empty). */
  end(bytes: Buffer): void;
}

export interface ResponseOptions {
  /** HEAD: headers as GET would send them, no body. */
  head: boolean;
  keepAlive: boolean;
  /** Headers the server adds to every response (Date, Server). */
  serverHeaders: ReadonlyArray<[string, string]>;
}

const CRLF = '\r\n';

/**
 * Serializes what a route answers into HTTP/1.1 bytes: the status line, the route's headers plus the server's
 * (Content-Length or Transfer-Encoding: chunked, Connection), then the body, or chunks and the last chunk.
 */
export class ResponseWriter implements RouteResponse {
  private code = 200;
  private text: string | null = null;
  private readonly fields: Array<[string, string]> = [];
  private phase: 'open' | 'chunked' | 'ended' = 'open';
  statusCode = 200;
  /** The response says Connection: close (the server's choice, or the route's). */
  closes = false;

  constructor(
    private readonly sink: ResponseSink,
    private readonly options: ResponseOptions,
  ) {}

  get ended(): boolean {
    return this.phase === 'ended';
  }

  get started(): boolean {
    return this.phase !== 'open';
  }

  status(code: number, text?: string): RouteResponse {
    this.code = code;
    this.text = text ?? null;
    return this;
  }

  header(name: string, value: string): RouteResponse {
    this.fields.push([name, value]);
    return this;
  }

  send(body: string | Uint8Array = '', contentType?: string): void {
    if (this.phase !== 'open') throw new Error('the response was already started');
    const bytes = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    const bodyless = hasNoBody(this.code);
    if (contentType && !bodyless && !this.has('content-type')) this.fields.push(['Content-Type', contentType]);
    if (!bodyless && !this.has('content-length')) this.fields.push(['Content-Length', String(bytes.length)]);
    const head = this.serializeHead();
    this.phase = 'ended';
    this.sink.end(bodyless || this.options.head ? head : Buffer.concat([head, bytes]));
  }

  async write(chunk: string | Uint8Array): Promise<void> {
    if (this.phase === 'ended') throw new Error('the response has ended');
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let out = this.options.head || bytes.length === 0 ? Buffer.alloc(0) : Buffer.concat([Buffer.from(bytes.length.toString(16) + CRLF), bytes, Buffer.from(CRLF)]);
    if (this.phase === 'open') {
      this.fields.push(['Transfer-Encoding', 'chunked']);
      out = Buffer.concat([this.serializeHead(), out]);
      this.phase = 'chunked';
    }
    if (out.length > 0) await this.sink.write(out);
  }

  end(): void {
    if (this.phase === 'open') return this.send();
    if (this.phase === 'ended') return;
    this.phase = 'ended';
    this.sink.end(this.options.head ? Buffer.alloc(0) : Buffer.from(`0${CRLF}${CRLF}`));
  }

  private has(name: string): boolean {
    return this.fields.some(([field]) => field.toLowerCase() === name);
  }

  private serializeHead(): Buffer {
    const text = this.text ?? STATUS_TEXT[this.code] ?? '';
    this.statusCode = this.code;
    this.sink.headers(this.code, text, this.fields.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? null);
    const lines = [`HTTP/1.1 ${this.code} ${text}`];
    for (const [name, value] of this.options.serverHeaders) lines.push(`${name}: ${value}`);
    for (const [name, value] of this.fields) lines.push(`${name}: ${value}`);
    if (!this.has('connection')) lines.push(`Connection: ${this.options.keepAlive ? 'keep-alive' : 'close'}`);
    this.closes = !this.options.keepAlive || this.fields.some(([name, value]) => name.toLowerCase() === 'connection' && /close/i.test(value));
    return Buffer.from(lines.join(CRLF) + CRLF + CRLF, 'latin1');
  }
}
