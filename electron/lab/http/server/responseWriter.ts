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
    const bodyLength = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
    const bodyless = hasNoBody(this.code);
    if (contentType && !bodyless && !this.has('content-type')) this.fields.push(['Content-Type', contentType]);
    if (!bodyless && !this.has('content-length')) this.fields.push(['Content-Length', String(bodyLength)]);
    const head = this.headText();
    this.phase = 'ended';
    // One buffer for head and body, written once: no intermediate copies of either.
    const sent = bodyless || this.options.head ? 0 : bodyLength;
    const bytes = Buffer.allocUnsafe(head.length + sent);
    bytes.write(head, 0, 'latin1');
    if (sent > 0) {
      if (typeof body === 'string') bytes.write(body, head.length, 'utf8');
      else bytes.set(body, head.length);
    }
    this.sink.end(bytes);
  }

  async write(chunk: string | Uint8Array): Promise<void> {
    if (this.phase === 'ended') throw new Error('the response has ended');
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let out = this.options.head || bytes.length === 0 ? Buffer.alloc(0) : Buffer.concat([Buffer.from(bytes.length.toString(16) + CRLF), bytes, Buffer.from(CRLF)]);
    if (this.phase === 'open') {
      this.fields.push(['Transfer-Encoding', 'chunked']);
      out = Buffer.concat([Buffer.from(this.headText(), 'latin1'), out]);
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

  /** The status line and the headers, one Latin-1 character per byte, ending with the empty line. */
  private headText(): string {
    const text = this.text ?? STATUS_TEXT[this.code] ?? '';
    this.statusCode = this.code;
    let head = `HTTP/1.1 ${this.code} ${text}${CRLF}`;
    for (const [name, value] of this.options.serverHeaders) head += `${name}: ${value}${CRLF}`;
    let contentType: string | null = null;
    let connection = false;
    let closeAsked = false;
    for (const [name, value] of this.fields) {
      head += `${name}: ${value}${CRLF}`;
      const lower = name.toLowerCase();
      if (lower === 'content-type') contentType ??= value;
      else if (lower === 'connection') {
        connection = true;
        closeAsked ||= /close/i.test(value);
      }
    }
    this.sink.headers(this.code, text, contentType);
    if (!connection) head += `Connection: ${this.options.keepAlive ? 'keep-alive' : 'close'}${CRLF}`;
    this.closes = !this.options.keepAlive || closeAsked;
    return head + CRLF;
  }
}
