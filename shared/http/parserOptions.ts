import type { HttpMessageKind } from './httpMessage.js';

export interface HttpParserOptions {
  kind: HttpMessageKind;
  /**
   * Start line and headers larger than this are refused with HPE_HEADER_OVERFLOW — what a server answers 431 to.
   * Default 16 KiB, Node's --max-http-header-size. llhttp itself has no limit; Node applies one around it.
   */
  maxHeaderBytes?: number;
  /** The first body bytes kept per message; the rest are counted. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Chunk records kept per message; the rest are counted. Default 1,000. */
  maxChunks?: number;
  /** Header fields kept per message (a server refuses more, as for bytes). Default 1,000. */
  maxHeaderFields?: number;
}

export const DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_MAX_CHUNKS = 1000;
export const DEFAULT_MAX_HEADER_FIELDS = 1000;
