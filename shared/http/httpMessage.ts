/**
 * What the HTTP/1.x decoder makes of the bytes that crossed one connection: pure data, so the lab, the packet lab and
 * the renderer read it alike. Every span counts bytes from the start of the connection's stream, so a hex view can
 * highlight the field the user selected.
 */

/** `[offset, offset + length)` in the connection's byte stream. */
export interface ByteSpan {
  offset: number;
  length: number;
}

/** One header (or trailer) line as it was sent: the raw name and value, and where each lies in the bytes. */
export interface HeaderField {
  name: string;
  /** llhttp's span: leading whitespace stripped, trailing whitespace kept; obs-fold lines joined. */
  value: string;
  nameSpan: ByteSpan;
  valueSpan: ByteSpan;
  /** The whole line, from the name to its line ending included. */
  lineSpan: ByteSpan;
}

/** One chunk of a chunked body: its declared size and its extensions (`;name=value`, value null when absent). */
export interface ChunkInfo {
  size: number;
  extensions: Array<[string, string | null]>;
  /** The chunk-size line, from the first hex digit to its LF. */
  headerSpan: ByteSpan;
}

/** llhttp's error names (llhttp.h `llhttp_errno`), so a user can look one up. */
export type HttpErrorCode =
  | 'HPE_INTERNAL'
  | 'HPE_STRICT'
  | 'HPE_CR_EXPECTED'
  | 'HPE_LF_EXPECTED'
  | 'HPE_UNEXPECTED_CONTENT_LENGTH'
  | 'HPE_UNEXPECTED_SPACE'
  | 'HPE_CLOSED_CONNECTION'
  | 'HPE_INVALID_METHOD'
  | 'HPE_INVALID_URL'
  | 'HPE_INVALID_CONSTANT'
  | 'HPE_INVALID_VERSION'
  | 'HPE_INVALID_HEADER_TOKEN'
  | 'HPE_INVALID_CONTENT_LENGTH'
  | 'HPE_INVALID_CHUNK_SIZE'
  | 'HPE_INVALID_STATUS'
  | 'HPE_INVALID_EOF_STATE'
  | 'HPE_INVALID_TRANSFER_ENCODING'
  /** Node's limits around llhttp: start line and headers, or a chunk-size line, longer than allowed (431). */
  | 'HPE_HEADER_OVERFLOW'
  | 'HPE_CHUNK_EXTENSIONS_OVERFLOW';

export interface HttpParseError {
  code: HttpErrorCode;
  reason: string;
  /** Where parsing stopped, in the connection's byte stream. */
  offset: number;
}

/** A body as the decoder keeps it: the first bytes (de-chunked, still content-encoded), and how many it did not keep. */
export interface KeptBody {
  bytes: Uint8Array;
  /** Every body byte seen, kept or not. */
  totalBytes: number;
  droppedBytes: number;
  /** From the first body byte (or chunk-size line) to the last; null before the body starts. */
  span: ByteSpan | null;
}

export type HttpMessageKind = 'request' | 'response';

/** How the message's body is delimited, as RFC 9112 §6.3 decides it. */
export type BodyFraming = 'none' | 'content-length' | 'chunked' | 'until-close';

export interface HttpMessage {
  kind: HttpMessageKind;
  /** 0 for the connection's first message, then one more per pipelined or kept-alive message. */
  index: number;
  startOffset: number;
  /** One past the message's last byte; null while it is incomplete. */
  endOffset: number | null;
  method: string | null;
  url: string | null;
  statusCode: number | null;
  statusText: string | null;
  versionMajor: number | null;
  versionMinor: number | null;
  /** The spans of the start line's parts: method, url, version, status, reason (absent parts omitted). */
  startLineSpans: Partial<Record<'method' | 'url' | 'version' | 'status' | 'reason' | 'line', ByteSpan>>;
  headers: HeaderField[];
  trailers: HeaderField[];
  /** Header and trailer fields past `maxHeaderFields`, parsed and counted but not kept. */
  droppedHeaders: number;
  headersComplete: boolean;
  /** Bytes of the start line and headers, the blank line included; null until the headers end. */
  headerBytes: number | null;
  contentLength: number | null;
  framing: BodyFraming;
  chunks: ChunkInfo[];
  /** Chunks past the kept list, counted. */
  droppedChunks: number;
  body: KeptBody;
  /** llhttp_should_keep_alive: whether the connection carries another message after this one. */
  keepAlive: boolean;
  /** Upgrade or CONNECT accepted: the bytes after the headers belong to another protocol. */
  upgrade: boolean;
  complete: boolean;
  error: HttpParseError | null;
}
