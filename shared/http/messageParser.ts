import type { HttpMessage, HttpParseError } from './httpMessage.js';
import type { HttpParserOptions } from './parserOptions.js';

/** What the parser tells its owner as a connection's bytes arrive; every callback is optional. */
export interface HttpParserListener {
  /** Start line and headers parsed; the body (if any) follows. */
  onHeaders?(message: HttpMessage): void;
  /** Body bytes, de-chunked, as they arrive (kept or not). */
  onBody?(message: HttpMessage, bytes: Uint8Array): void;
  onMessage?(message: HttpMessage): void;
  /** The connection turned into another protocol (Upgrade, CONNECT): bytes from `offset` on are not HTTP/1.x. */
  onUpgrade?(message: HttpMessage, offset: number): void;
  onError?(error: HttpParseError, message: HttpMessage | null): void;
}

export type HttpParserState = 'idle' | 'message' | 'upgraded' | 'error' | 'closed';

/**
 * An incremental HTTP/1.x parser for one direction of one connection, fed chunks as they cross the socket, strict as
 * llhttp is by default. After an error or an upgrade it consumes nothing more.
 */
export class HttpMessageParser {
  constructor(options: HttpParserOptions, listener: HttpParserListener = {}) {
    void options;
    void listener;
  }

  /** For a response parser: the method of the request the next unanswered response belongs to (HEAD, CONNECT). */
  expectResponseTo(method: string): void {
    void method;
  }

  /** Feeds bytes; returns how many were consumed as HTTP/1.x (fewer after an error or an upgrade). */
  push(bytes: Uint8Array): number {
    return bytes.length;
  }

  /** The peer closed: completes a body read until close, or reports what was cut mid-way. */
  finish(): void {}

  get state(): HttpParserState {
    return 'idle';
  }

  /** The message being parsed, null between messages. */
  get current(): HttpMessage | null {
    return null;
  }

  get error(): HttpParseError | null {
    return null;
  }

  /** Bytes consumed since the connection started. */
  get offset(): number {
    return 0;
  }
}
