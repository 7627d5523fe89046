import { buildTrie, type TrieNode } from './byteTrie.js';
import {
  ALPHA,
  CONNECTION_TOKEN_CHARS,
  HEADER_CHARS,
  HEX_VALUE,
  HTAB_SP_VCHAR_OBS_TEXT,
  QDTEXT,
  TOKEN,
  toLowerAscii,
  URL_CHAR,
  USERINFO_CHARS,
} from './charClasses.js';
import type { ByteSpan, HeaderField, HttpErrorCode, HttpMessage, HttpParseError } from './httpMessage.js';
import { BodySink } from './bodySink.js';
import {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_CHUNKS,
  DEFAULT_MAX_HEADER_BYTES,
  DEFAULT_MAX_HEADER_FIELDS,
  type HttpParserOptions,
} from './parserOptions.js';
import { METHOD_TRIE, methodAllowedWith } from './methods.js';
import { SpanText } from './spanText.js';

/** What the parser tells its owner as a connection's bytes arrive; every callback is optional. */
export interface HttpParserListener {
  /**
   * Start line and headers parsed; the body (if any) follows. Returning true says the message has no body whatever
   * its headers say, as llhttp's on_headers_complete returning 1 does (a response to HEAD is told by
   * `expectResponseTo` instead).
   */
  onHeaders?(message: HttpMessage): boolean | void;
  /** Body bytes, de-chunked, as they arrive (kept or not). The view is only valid during the call. */
  onBody?(message: HttpMessage, bytes: Uint8Array): void;
  onMessage?(message: HttpMessage): void;
  /** The connection turned into another protocol (Upgrade, CONNECT, PRI): bytes from `offset` on are not HTTP/1.x. */
  onUpgrade?(message: HttpMessage, offset: number): void;
  onError?(error: HttpParseError, message: HttpMessage | null): void;
}

export type HttpParserState = 'idle' | 'message' | 'upgraded' | 'error' | 'closed';

// Parser states, named after llhttp's nodes (src/llhttp/http.ts) so a disagreement can be traced to one of them.
const START = 0;
const METHOD = 1;
const FIRST_SPACE_BEFORE_URL = 2;
const SPACES_BEFORE_URL = 3;
const URL_START = 4;
const URL_SCHEMA = 5;
const URL_SCHEMA_DELIM_1 = 6;
const URL_SCHEMA_DELIM_2 = 7;
const URL_SERVER = 8;
const URL_SERVER_WITH_AT = 9;
const URL_PATH = 10;
const URL_QUERY = 11;
const URL_FRAGMENT = 12;
const URL_CR = 13;
const REQ_HTTP_START = 14;
const PROTOCOL = 15;
const AFTER_PROTOCOL = 16;
const VERSION_MAJOR = 17;
const VERSION_DOT = 18;
const VERSION_MINOR = 19;
const REQ_HTTP_COMPLETE = 20;
const REQ_HTTP_COMPLETE_CRLF = 21;
const PRI_UPGRADE = 22;
const RES_AFTER_VERSION = 23;
const RES_STATUS_DIGIT = 24;
const RES_STATUS_OTHERWISE = 25;
const RES_STATUS = 26;
const RES_LINE_ALMOST_DONE = 27;
const HEADERS_START = 28;
const HEADER_FIELD_START = 29;
const HEADER_FIELD = 30;
const HEADER_VALUE_DISCARD_WS = 33;
const HEADER_VALUE_DISCARD_WS_ALMOST_DONE = 34;
const HEADER_VALUE_DISCARD_LWS = 35;
const HEADER_VALUE_START = 36;
const HEADER_VALUE = 37;
const HEADER_VALUE_OTHERWISE = 38;
const HEADER_VALUE_ALMOST_DONE = 39;
const HEADER_VALUE_LWS = 40;
const TE_CHUNKED = 41;
const TE_CHUNKED_LAST = 42;
const TE_TOKEN = 43;
const TE_TOKEN_OWS = 44;
const CONTENT_LENGTH = 45;
const CONTENT_LENGTH_WS = 46;
const CONNECTION = 47;
const CONNECTION_WORD = 48;
const CONNECTION_WS = 49;
const CONNECTION_TOKEN = 50;
const HEADERS_ALMOST_DONE = 51;
const BODY_IDENTITY = 52;
const BODY_IDENTITY_EOF = 53;
const CHUNK_SIZE_DIGIT = 54;
const CHUNK_SIZE = 55;
const CHUNK_SIZE_ALMOST_DONE = 56;
const CHUNK_EXTENSIONS = 57;
const CHUNK_EXTENSION_NAME = 58;
const CHUNK_EXTENSION_VALUE = 59;
const CHUNK_EXTENSION_QUOTED = 60;
const CHUNK_EXTENSION_QUOTED_PAIR = 61;
const CHUNK_EXTENSION_QUOTED_DONE = 62;
const CHUNK_DATA = 63;
const CHUNK_DATA_ALMOST_DONE = 64;
const CHUNK_DATA_CR = 65;
const CLOSED = 66;
const DEAD = 67;

// llhttp's flags.
const F_CONNECTION_KEEP_ALIVE = 1 << 0;
const F_CONNECTION_CLOSE = 1 << 1;
const F_CONNECTION_UPGRADE = 1 << 2;
const F_CHUNKED = 1 << 3;
const F_UPGRADE = 1 << 4;
const F_CONTENT_LENGTH = 1 << 5;
const F_SKIPBODY = 1 << 6;
const F_TRAILING = 1 << 7;
const F_TRANSFER_ENCODING = 1 << 9;

// What a header's name makes of its value (llhttp's header_state).
const H_GENERAL = 0;
const H_CONNECTION = 1;
const H_CONTENT_LENGTH = 2;
const H_TRANSFER_ENCODING = 3;
const H_UPGRADE = 4;
const H_CONNECTION_KEEP_ALIVE = 5;
const H_CONNECTION_CLOSE = 6;
const H_CONNECTION_UPGRADE = 7;
const H_TRANSFER_ENCODING_CHUNKED = 8;

const PROTOCOL_TRIE = buildTrie([
  ['HTTP', 'HTTP'],
  ['RTSP', 'RTSP'],
  ['ICE', 'ICE'],
]);
/** The header names whose values llhttp reads itself; the rest are `H_GENERAL`. */
const SPECIAL_HEADERS = new Map([
  ['connection', H_CONNECTION],
  ['content-length', H_CONTENT_LENGTH],
  ['proxy-connection', H_CONNECTION],
  ['transfer-encoding', H_TRANSFER_ENCODING],
  ['upgrade', H_UPGRADE],
]);
const SPECIAL_LENGTHS = new Set([...SPECIAL_HEADERS.keys()].map((name) => name.length));

/** Looked up by the whole name once it ends (a trie walk per byte costs more, and decides the same). */
function specialHeaderState(name: string): number {
  return SPECIAL_LENGTHS.has(name.length) ? (SPECIAL_HEADERS.get(name.toLowerCase()) ?? H_GENERAL) : H_GENERAL;
}
const CONNECTION_TRIE = buildTrie([
  ['close', H_CONNECTION_CLOSE],
  ['upgrade', H_CONNECTION_UPGRADE],
  ['keep-alive', H_CONNECTION_KEEP_ALIVE],
]);
const CHUNKED_TRIE = buildTrie([['chunked', true]]);
const PRI_PREFACE = '\r\n\r\nSM\r\n\r\n';
const SCHEMA_DELIM = 0x2f; // the two slashes of `scheme://`

/** A Content-Length or chunk size must fit llhttp's uint64. */
const UINT64_MAX = 2n ** 64n - 1n;
/** Below this a value × 16 + 15 is still an exact double. */
const EXACT_LIMIT = 2 ** 48;

const CR = 0x0d;
const LF = 0x0a;
const SP = 0x20;
const HTAB = 0x09;

/**
 * An incremental HTTP/1.x parser for one direction of one connection, fed chunks as they cross the socket, strict as
 * llhttp is by default: the same states, the same verdicts, the same error names and offsets. After an error or an
 * upgrade it consumes nothing more.
 */
export class HttpMessageParser {
  private readonly kind: 'request' | 'response';
  private readonly maxHeaderBytes: number;
  private readonly maxBodyBytes: number;
  private readonly maxChunks: number;
  private readonly maxHeaderFields: number;
  private readonly listener: HttpParserListener;

  private s = START;
  /** Stream offset of the current chunk's first byte. */
  private base = 0;
  private trie: TrieNode<unknown> | undefined = undefined;
  /** Bytes of the HTTP/2 connection preface matched so far, after `PRI * HTTP/2.0`. */
  private matched = 0;
  private readonly span = new SpanText();

  private message: HttpMessage | null = null;
  private messageCount = 0;
  private flags = 0;
  private headerState = H_GENERAL;
  private contentLength = 0;
  private upgrade = false;
  /** llhttp_finish's verdict were the stream to end now: mid-message is unsafe. */
  private finishUnsafe = false;
  private protocol = '';
  private major = 0;
  private statusDigits = 0;
  private status = 0;
  /** Offset where the current head (start line + headers, or trailers) began, for the size limit. */
  private headStart = -1;
  /** The header field being read; null when it is past the kept count. */
  private field: HeaderField | null = null;
  private chunkLineStart = 0;
  private chunkExtensionName = '';
  private body: BodySink | null = null;
  private readonly responseTo: string[] = [];
  private failure: HttpParseError | null = null;
  private upgraded = false;
  private ended = false;

  constructor(options: HttpParserOptions, listener: HttpParserListener = {}) {
    this.kind = options.kind;
    this.maxHeaderBytes = options.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES;
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.maxChunks = options.maxChunks ?? DEFAULT_MAX_CHUNKS;
    this.maxHeaderFields = options.maxHeaderFields ?? DEFAULT_MAX_HEADER_FIELDS;
    this.listener = listener;
  }

  /** For a response parser: the method of the request the next unanswered response belongs to (HEAD, CONNECT). */
  expectResponseTo(method: string): void {
    this.responseTo.push(method);
  }

  get state(): HttpParserState {
    if (this.failure !== null) return 'error';
    if (this.upgraded) return 'upgraded';
    if (this.ended || this.s === CLOSED) return 'closed';
    return this.message === null ? 'idle' : 'message';
  }

  /** The message being parsed, null between messages. */
  get current(): HttpMessage | null {
    return this.message;
  }

  get error(): HttpParseError | null {
    return this.failure;
  }

  /** Bytes consumed since the connection started. */
  get offset(): number {
    return this.base;
  }

  /** Feeds bytes; returns how many were consumed as HTTP/1.x (fewer after an error or an upgrade). */
  push(chunk: Uint8Array): number {
    if (this.s === DEAD || this.ended) return 0;
    // A plain view: Node's Buffer.subarray builds a Buffer each time, which costs more than the field it slices.
    const bytes = chunk.constructor === Uint8Array ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
    const consumed = this.run(bytes);
    if (this.s !== DEAD) {
      this.showPartial(bytes);
      this.span.carry(bytes);
    }
    this.flushBody();
    this.base += consumed;
    return consumed;
  }

  /** The peer closed: completes a body read until close, or reports what was cut mid-way (HPE_INVALID_EOF_STATE). */
  finish(): void {
    if (this.s === DEAD || this.ended) return;
    this.ended = true;
    if (this.s === BODY_IDENTITY_EOF && this.message !== null) {
      this.completeMessage(this.base);
      return;
    }
    if (this.finishUnsafe) this.fail('HPE_INVALID_EOF_STATE', 'Invalid EOF state', this.base);
  }

  // The state machine. `i` indexes `bytes`; a transition that does not consume its byte steps `i` back so the next
  // state sees it again, as llparse's peek and otherwise edges do. Returns the number of bytes consumed.
  private run(bytes: Uint8Array): number {
    const length = bytes.length;
    let headLimit = this.headStart < 0 ? Infinity : this.headStart + this.maxHeaderBytes - this.base;
    for (let i = 0; i < length; i++) {
      if (i >= headLimit && this.s !== DEAD) {
        const inChunkLine = this.s >= CHUNK_SIZE_DIGIT && this.s <= CHUNK_EXTENSION_QUOTED_DONE;
        return inChunkLine
          ? this.fail('HPE_CHUNK_EXTENSIONS_OVERFLOW', 'Chunk extensions overflow', this.base + i)
          : this.fail('HPE_HEADER_OVERFLOW', 'Header overflow', this.base + i);
      }
      const b = bytes[i] as number;
      switch (this.s) {
        case START:
          if (b === CR || b === LF) break;
          this.beginMessage(i);
          headLimit = this.headStart + this.maxHeaderBytes - this.base;
          if (this.kind === 'request') {
            this.s = METHOD;
            this.trie = METHOD_TRIE;
          } else {
            this.s = PROTOCOL;
            this.trie = PROTOCOL_TRIE;
          }
          this.span.start(bytes, i, this.base);
          i--;
          break;

        case METHOD: {
          const next = this.trie?.next[b];
          if (next !== undefined) {
            this.trie = next;
            break;
          }
          if (this.trie?.value === undefined) return this.fail('HPE_INVALID_METHOD', 'Invalid method encountered', this.base + i);
          const message = this.msg();
          message.method = this.trie.value as string;
          message.startLineSpans.method = this.span.endSpan(bytes, i);
          this.s = FIRST_SPACE_BEFORE_URL;
          i--;
          break;
        }
        case FIRST_SPACE_BEFORE_URL:
          if (b !== SP) return this.fail('HPE_INVALID_METHOD', 'Expected space after method', this.base + i);
          this.s = SPACES_BEFORE_URL;
          break;
        case SPACES_BEFORE_URL:
          if (b === SP) break;
          this.span.start(bytes, i, this.base);
          this.s = this.msg().method === 'CONNECT' ? URL_SERVER : URL_START;
          i--;
          break;

        // The request target, as llhttp's url.ts checks it in strict mode.
        case URL_START:
          if (b === HTAB || b === 0x0c) return this.failUrlStrict(i);
          if (b === 0x2f || b === 0x2a) this.s = URL_PATH;
          else if (ALPHA[b] === 1) this.s = URL_SCHEMA;
          else if (b === SP || b === CR || b === LF) return this.fail('HPE_INVALID_URL', 'Invalid characters in url', this.base + i + 1);
          else return this.fail('HPE_INVALID_URL', 'Unexpected start char in url', this.base + i);
          break;
        case URL_SCHEMA:
          if (b === HTAB || b === 0x0c) return this.failUrlStrict(i);
          if (ALPHA[b] === 1) break;
          if (b === 0x3a) this.s = URL_SCHEMA_DELIM_1;
          else if (b === SP || b === CR || b === LF) return this.fail('HPE_INVALID_URL', 'Invalid characters in url', this.base + i + 1);
          else return this.fail('HPE_INVALID_URL', 'Unexpected char in url schema', this.base + i);
          break;
        case URL_SCHEMA_DELIM_1:
        case URL_SCHEMA_DELIM_2:
          if (b === HTAB || b === 0x0c) return this.failUrlStrict(i);
          if (b === SCHEMA_DELIM) this.s = this.s === URL_SCHEMA_DELIM_1 ? URL_SCHEMA_DELIM_2 : URL_SERVER;
          else if (this.s === URL_SCHEMA_DELIM_1 && (b === SP || b === CR || b === LF)) {
            return this.fail('HPE_INVALID_URL', 'Invalid characters in url', this.base + i + 1);
          } else return this.fail('HPE_INVALID_URL', 'Unexpected char in url schema', this.base + i);
          break;
        case URL_SERVER:
        case URL_SERVER_WITH_AT:
          if (b === HTAB || b === 0x0c) return this.failUrlStrict(i);
          if (b === 0x2f) this.s = URL_PATH;
          else if (b === 0x3f) this.s = URL_QUERY;
          else if (USERINFO_CHARS[b] === 1 || b === 0x5b || b === 0x5d) this.s = URL_SERVER;
          else if (b === 0x40) {
            if (this.s === URL_SERVER_WITH_AT) return this.fail('HPE_INVALID_URL', 'Double @ in url', this.base + i + 1);
            this.s = URL_SERVER_WITH_AT;
          } else if (!this.endUrl(bytes, i)) return this.fail('HPE_INVALID_URL', 'Unexpected char in url server', this.base + i);
          break;
        case URL_PATH:
          if (URL_CHAR[b] === 1) break;
          if (b === HTAB || b === 0x0c) return this.failUrlStrict(i);
          if (b === 0x3f) this.s = URL_QUERY;
          else if (b === 0x23) this.s = URL_FRAGMENT;
          else if (!this.endUrl(bytes, i)) return this.fail('HPE_INVALID_URL', 'Invalid char in url path', this.base + i);
          break;
        case URL_QUERY:
          if (URL_CHAR[b] === 1 || b === 0x3f) break;
          if (b === HTAB || b === 0x0c) return this.failUrlStrict(i);
          if (b === 0x23) this.s = URL_FRAGMENT;
          else if (!this.endUrl(bytes, i)) return this.fail('HPE_INVALID_URL', 'Invalid char in url query', this.base + i);
          break;
        case URL_FRAGMENT:
          if (URL_CHAR[b] === 1 || b === 0x3f || b === 0x23) break;
          if (b === HTAB || b === 0x0c) return this.failUrlStrict(i);
          if (!this.endUrl(bytes, i)) return this.fail('HPE_INVALID_URL', 'Invalid char in url fragment start', this.base + i);
          break;
        case URL_CR:
          // `GET /\r\n`: HTTP/0.9, a request line without a version.
          if (b !== LF) return this.fail('HPE_INVALID_URL', 'Expected CRLF', this.base + i - 1);
          this.msg().versionMajor = 0;
          this.msg().versionMinor = 9;
          this.s = HEADERS_START;
          break;

        case REQ_HTTP_START:
          if (b === SP) break;
          this.span.start(bytes, i, this.base);
          this.s = PROTOCOL;
          this.trie = PROTOCOL_TRIE;
          i--;
          break;
        case PROTOCOL: {
          const next = this.trie?.next[b];
          if (next !== undefined) {
            this.trie = next;
            if (next.value === undefined) break;
            this.protocol = next.value as string;
            this.span.endSpan(bytes, i + 1);
            if (this.kind === 'request') {
              const method = this.msg().method ?? '';
              if (!methodAllowedWith(this.protocol, method)) {
                const reason = this.protocol === 'ICE' ? 'Expected SOURCE method for ICE/x.x request' : `Invalid method for ${this.protocol}/x.x request`;
                return this.fail('HPE_INVALID_CONSTANT', reason, this.base + i + 1);
              }
            }
            this.s = AFTER_PROTOCOL;
            break;
          }
          return this.fail('HPE_INVALID_CONSTANT', 'Expected HTTP/, RTSP/ or ICE/', this.base + i);
        }
        case AFTER_PROTOCOL:
          if (b !== 0x2f) return this.fail('HPE_INVALID_CONSTANT', 'Expected HTTP/, RTSP/ or ICE/', this.base + i);
          this.span.start(bytes, i + 1, this.base);
          this.s = VERSION_MAJOR;
          break;
        case VERSION_MAJOR:
          if (b < 0x30 || b > 0x39) return this.fail('HPE_INVALID_VERSION', 'Invalid major version', this.base + i);
          this.major = b - 0x30;
          this.s = VERSION_DOT;
          break;
        case VERSION_DOT:
          if (b !== 0x2e) return this.fail('HPE_INVALID_VERSION', 'Expected dot', this.base + i);
          this.s = VERSION_MINOR;
          break;
        case VERSION_MINOR: {
          if (b < 0x30 || b > 0x39) return this.fail('HPE_INVALID_VERSION', 'Invalid minor version', this.base + i);
          const message = this.msg();
          const major = this.major;
          const minor = b - 0x30;
          const known = (major === 0 && minor === 9) || (major === 1 && minor <= 1) || (major === 2 && minor === 0);
          message.versionMajor = major;
          message.versionMinor = minor;
          message.startLineSpans.version = this.span.endSpan(bytes, i + 1);
          if (!known) return this.fail('HPE_INVALID_VERSION', 'Invalid HTTP version', this.base + i + 1);
          if (this.kind === 'response') this.s = RES_AFTER_VERSION;
          else if (message.method === 'PRI') {
            this.s = PRI_UPGRADE;
            this.matched = 0;
          } else this.s = REQ_HTTP_COMPLETE;
          break;
        }
        case REQ_HTTP_COMPLETE:
          if (b === CR) this.s = REQ_HTTP_COMPLETE_CRLF;
          else if (b === LF) return this.fail('HPE_INVALID_VERSION', 'Expected CRLF after version', this.base + i + 1);
          else return this.fail('HPE_INVALID_VERSION', 'Expected CRLF after version', this.base + i);
          break;
        case REQ_HTTP_COMPLETE_CRLF:
          if (b !== LF) return this.fail('HPE_STRICT', 'Expected CRLF after version', this.base + i);
          this.endStartLine(i + 1);
          this.s = HEADERS_START;
          break;
        case PRI_UPGRADE:
          if (b !== PRI_PREFACE.charCodeAt(this.matched)) {
            return this.fail('HPE_INVALID_VERSION', 'Expected HTTP/2 Connection Preface', this.base + i);
          }
          if (++this.matched === PRI_PREFACE.length) return this.upgradeAt(i + 1);
          break;

        // The status line.
        case RES_AFTER_VERSION:
          if (b !== SP) return this.fail('HPE_INVALID_VERSION', 'Expected space after version', this.base + i);
          this.statusDigits = 0;
          this.status = 0;
          this.span.start(bytes, i + 1, this.base);
          this.s = RES_STATUS_DIGIT;
          break;
        case RES_STATUS_DIGIT: {
          if (b < 0x30 || b > 0x39) return this.fail('HPE_INVALID_STATUS', 'Invalid status code', this.base + i);
          this.status = this.status * 10 + (b - 0x30);
          if (++this.statusDigits === 3) {
            this.msg().startLineSpans.status = this.span.endSpan(bytes, i + 1);
            this.s = RES_STATUS_OTHERWISE;
          }
          break;
        }
        case RES_STATUS_OTHERWISE:
          if (b === SP) {
            this.span.start(bytes, i + 1, this.base);
            this.s = RES_STATUS;
          } else if (b === CR) this.s = RES_LINE_ALMOST_DONE; else if (b === LF) return this.fail('HPE_INVALID_STATUS', 'Invalid response status', this.base + i + 1);
          else return this.fail('HPE_INVALID_STATUS', 'Invalid response status', this.base + i);
          break;
        case RES_STATUS: {
          // Scans stop at the head limit too, so an overflow is reported at the very byte that crossed it.
          const scanEnd = Math.min(length, headLimit);
          let j = i;
          while (j < scanEnd && bytes[j] !== CR && bytes[j] !== LF) j++;
          if (j === scanEnd) {
            i = j - 1;
            break;
          }
          const message = this.msg();
          message.statusText = this.span.end(bytes, j);
          message.startLineSpans.reason = this.span.last();
          if (bytes[j] === LF) return this.fail('HPE_CR_EXPECTED', 'Missing expected CR after response line', this.base + j + 1);
          this.s = RES_LINE_ALMOST_DONE;
          i = j;
          break;
        }
        case RES_LINE_ALMOST_DONE:
          if (b !== LF) return this.fail('HPE_STRICT', 'Expected LF after CR', this.base + i);
          this.msg().statusCode = this.status;
          this.endStartLine(i + 1);
          this.s = HEADERS_START;
          break;

        // Header fields (and trailers, which llhttp parses with the same states under F_TRAILING).
        case HEADERS_START:
          if (b === SP) return this.fail('HPE_UNEXPECTED_SPACE', 'Unexpected space after start line', this.base + i + 1);
          this.s = HEADER_FIELD_START;
          i--;
          break;
        case HEADER_FIELD_START:
          if (b === CR) this.s = HEADERS_ALMOST_DONE;
          else if (b === LF) return this.fail('HPE_INVALID_HEADER_TOKEN', 'Invalid header field char', this.base + i + 1);
          else if (b === 0x3a) return this.fail('HPE_INVALID_HEADER_TOKEN', 'Invalid header token', this.base + i);
          else {
            this.span.start(bytes, i, this.base);
            this.s = HEADER_FIELD;
            i--;
          }
          break;
        case HEADER_FIELD: {
          // Scans stop at the head limit too, so an overflow is reported at the very byte that crossed it.
          const scanEnd = Math.min(length, headLimit);
          let j = i;
          while (j < scanEnd && TOKEN[bytes[j] as number] === 1) j++;
          if (j === scanEnd) {
            i = j - 1;
            break;
          }
          if (bytes[j] === SP && specialHeaderState(this.span.peek(bytes, j)) !== H_GENERAL) {
            // llhttp matched the special name and refuses the space before the colon (RFC 9112 §5.1).
            this.endFieldName(bytes, j);
            return this.fail('HPE_INVALID_HEADER_TOKEN', 'Invalid header field char', this.base + j + 1);
          }
          if (bytes[j] !== 0x3a) return this.fail('HPE_INVALID_HEADER_TOKEN', 'Invalid header token', this.base + j);
          const failed = this.fieldComplete(bytes, j);
          if (failed >= 0) return failed;
          i = j;
          break;
        }

        case HEADER_VALUE_DISCARD_WS:
          if (b === SP || b === HTAB) break;
          if (b === CR) this.s = HEADER_VALUE_DISCARD_WS_ALMOST_DONE;
          else if (b === LF) return this.fail('HPE_INVALID_HEADER_TOKEN', 'Invalid header value char', this.base + i + 1);
          else {
            this.span.start(bytes, i, this.base);
            this.s = HEADER_VALUE_START;
            i--;
          }
          break;
        case HEADER_VALUE_DISCARD_WS_ALMOST_DONE:
          if (b !== LF) return this.fail('HPE_STRICT', 'Expected LF after CR', this.base + i);
          this.s = HEADER_VALUE_DISCARD_LWS;
          break;
        case HEADER_VALUE_DISCARD_LWS:
          if (b === SP || b === HTAB) return this.fail('HPE_INVALID_HEADER_TOKEN', 'Invalid header value char', this.base + i + 1);
          if (this.headerState === H_CONTENT_LENGTH) return this.fail('HPE_INVALID_CONTENT_LENGTH', 'Empty Content-Length', this.base + i);
          if (this.headerState === H_TRANSFER_ENCODING) {
            return this.fail('HPE_INVALID_TRANSFER_ENCODING', 'Empty Transfer-Encoding', this.base + i);
          }
          this.setHeaderFlags();
          this.valueEnded('', { offset: this.base + i - 2, length: 0 });
          this.lineComplete(i);
          this.s = HEADER_FIELD_START;
          i--;
          break;
        case HEADER_VALUE_START:
          switch (this.headerState) {
            case H_UPGRADE:
              this.flags |= F_UPGRADE;
              this.headerState = H_GENERAL;
              this.s = HEADER_VALUE;
              break;
            case H_TRANSFER_ENCODING:
              if ((this.flags & F_CHUNKED) !== 0 && this.kind === 'request') {
                this.endValue(bytes, i);
                return this.fail('HPE_INVALID_TRANSFER_ENCODING', 'Invalid `Transfer-Encoding` header value', this.base + i + 1);
              }
              this.flags = (this.flags | F_TRANSFER_ENCODING) & ~F_CHUNKED;
              this.s = TE_CHUNKED;
              this.trie = CHUNKED_TRIE;
              break;
            case H_CONTENT_LENGTH:
              if ((this.flags & F_CONTENT_LENGTH) !== 0) {
                return this.fail('HPE_UNEXPECTED_CONTENT_LENGTH', 'Duplicate Content-Length', this.base + i);
              }
              this.contentLength = 0;
              this.s = CONTENT_LENGTH;
              break;
            case H_CONNECTION:
              this.s = CONNECTION;
              break;
            default:
              this.s = HEADER_VALUE;
          }
          i--;
          break;

        case TE_CHUNKED: {
          const next = this.trie?.next[toLowerAscii(b)];
          if (next === undefined) {
            this.s = TE_TOKEN;
            i--;
          } else if (next.value !== undefined) this.s = TE_CHUNKED_LAST;
          else this.trie = next;
          break;
        }
        case TE_CHUNKED_LAST:
          if (b === SP) break;
          if (b === CR || b === LF) {
            this.headerState = H_TRANSFER_ENCODING_CHUNKED;
            this.s = HEADER_VALUE_OTHERWISE;
          } else if (b === 0x2c && this.kind === 'request') {
            this.endValue(bytes, i);
            return this.fail('HPE_INVALID_TRANSFER_ENCODING', 'Invalid `Transfer-Encoding` header value', this.base + i + 1);
          } else if (b === 0x2c) {
            this.s = TE_CHUNKED;
            this.trie = CHUNKED_TRIE;
          } else this.s = TE_TOKEN;
          i--;
          break;
        case TE_TOKEN:
          if (b === 0x2c) this.s = TE_TOKEN_OWS;
          else if (CONNECTION_TOKEN_CHARS[b] !== 1) {
            this.headerState = H_GENERAL;
            this.s = HEADER_VALUE;
            i--;
          }
          break;
        case TE_TOKEN_OWS:
          if (b === SP || b === HTAB) break;
          this.s = TE_CHUNKED;
          this.trie = CHUNKED_TRIE;
          i--;
          break;

        case CONTENT_LENGTH: {
          if (b < 0x30 || b > 0x39) {
            this.s = CONTENT_LENGTH_WS;
            i--;
            break;
          }
          const value = mulAdd(this.contentLength, 10, b - 0x30);
          if (value < 0) {
            this.endValue(bytes, i + 1);
            return this.fail('HPE_INVALID_CONTENT_LENGTH', 'Content-Length overflow', this.base + i + 1);
          }
          this.contentLength = value;
          break;
        }
        case CONTENT_LENGTH_WS:
          if (b === SP || b === HTAB) break;
          if (b === CR || b === LF) {
            this.flags |= F_CONTENT_LENGTH;
            this.msg().contentLength = this.contentLength;
            this.s = HEADER_VALUE_OTHERWISE;
            i--;
            break;
          }
          this.endValue(bytes, i);
          return this.fail('HPE_INVALID_CONTENT_LENGTH', 'Invalid character in Content-Length', this.base + i);

        case CONNECTION:
          if (b === SP || b === HTAB) break;
          this.trie = CONNECTION_TRIE;
          this.s = CONNECTION_WORD;
          i--;
          break;
        case CONNECTION_WORD: {
          const next = this.trie?.next[toLowerAscii(b)];
          if (next === undefined) {
            this.s = CONNECTION_TOKEN;
            i--;
          } else if (next.value !== undefined) {
            this.headerState = next.value as number;
            this.s = CONNECTION_WS;
          } else this.trie = next;
          break;
        }
        case CONNECTION_WS:
          if (b === 0x2c) {
            this.setHeaderFlags();
            this.s = CONNECTION;
          } else if (b === SP || b === HTAB) break;
          else if (b === CR || b === LF) {
            this.s = HEADER_VALUE_OTHERWISE;
            i--;
          } else {
            this.headerState = H_GENERAL;
            this.s = CONNECTION_TOKEN;
            i--;
          }
          break;
        case CONNECTION_TOKEN:
          if (b === 0x2c) this.s = CONNECTION;
          else if (CONNECTION_TOKEN_CHARS[b] !== 1) {
            this.s = HEADER_VALUE_OTHERWISE;
            i--;
          }
          break;

        case HEADER_VALUE: {
          // Scans stop at the head limit too, so an overflow is reported at the very byte that crossed it.
          const scanEnd = Math.min(length, headLimit);
          let j = i;
          while (j < scanEnd && HEADER_CHARS[bytes[j] as number] === 1) j++;
          if (j === scanEnd) {
            i = j - 1;
            break;
          }
          this.s = HEADER_VALUE_OTHERWISE;
          i = j - 1;
          break;
        }
        case HEADER_VALUE_OTHERWISE: {
          this.endValue(bytes, i);
          if (b !== CR && b !== LF) return this.fail('HPE_INVALID_HEADER_TOKEN', 'Invalid header value char', this.base + i);
          if (b === LF) return this.fail('HPE_CR_EXPECTED', 'Missing expected CR after header value', this.base + i);
          this.s = HEADER_VALUE_ALMOST_DONE;
          break;
        }
        case HEADER_VALUE_ALMOST_DONE:
          if (b !== LF) return this.fail('HPE_LF_EXPECTED', 'Missing expected LF after header value', this.base + i);
          this.s = HEADER_VALUE_LWS;
          break;
        case HEADER_VALUE_LWS:
          if (b === SP || b === HTAB) {
            return this.fail('HPE_INVALID_HEADER_TOKEN', 'Unexpected whitespace after header value', this.base + i);
          }
          this.setHeaderFlags();
          this.lineComplete(i);
          this.s = HEADER_FIELD_START;
          i--;
          break;
        case HEADERS_ALMOST_DONE: {
          if (b !== LF) return this.fail('HPE_STRICT', 'Expected LF after headers', this.base + i);
          if ((this.flags & F_TRAILING) !== 0) {
            this.completeMessage(this.base + i + 1);
            if (this.stopped()) return i + 1;
            headLimit = Infinity;
            break;
          }
          const failed = this.headersComplete(i + 1);
          if (failed >= 0) return failed;
          headLimit = this.headStart < 0 ? Infinity : this.headStart + this.maxHeaderBytes - this.base;
          break;
        }

        // Bodies.
        case BODY_IDENTITY: {
          const take = Math.min(this.contentLength, length - i);
          this.bodyBytes(bytes, i, take);
          this.contentLength -= take;
          i += take - 1;
          if (this.contentLength === 0) {
            this.completeMessage(this.base + i + 1);
            if (this.stopped()) return i + 1;
          }
          break;
        }
        case BODY_IDENTITY_EOF:
          this.bodyBytes(bytes, i, length - i);
          i = length - 1;
          break;
        case CHUNK_SIZE_DIGIT:
        case CHUNK_SIZE: {
          const digit = HEX_VALUE[b] as number;
          if (digit >= 0) {
            if (this.s === CHUNK_SIZE_DIGIT) {
              this.chunkLineStart = this.base + i;
              this.contentLength = 0;
              this.headStart = this.base + i;
              headLimit = i + this.maxHeaderBytes;
            }
            const value = mulAdd(this.contentLength, 16, digit);
            if (value < 0) return this.fail('HPE_INVALID_CHUNK_SIZE', 'Chunk size overflow', this.base + i + 1);
            this.contentLength = value;
            this.s = CHUNK_SIZE;
            break;
          }
          if (this.s === CHUNK_SIZE_DIGIT) return this.fail('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size', this.base + i);
          if (b === SP || b === HTAB) return this.fail('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size', this.base + i + 1);
          if (b === CR) this.s = CHUNK_SIZE_ALMOST_DONE;
          else if (b === LF) return this.fail('HPE_CR_EXPECTED', 'Missing expected CR after chunk size', this.base + i + 1);
          else if (b === 0x3b) this.s = CHUNK_EXTENSIONS;
          else return this.fail('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size', this.base + i);
          this.beginChunk();
          break;
        }
        case CHUNK_EXTENSIONS:
          if (b === SP || b === CR) return this.fail('HPE_STRICT', 'Invalid character in chunk extensions', this.base + i + 1);
          this.span.start(bytes, i, this.base);
          this.s = CHUNK_EXTENSION_NAME;
          i--;
          break;
        case CHUNK_EXTENSION_NAME:
          if (TOKEN[b] === 1) break;
          if (b === 0x3d) {
            this.chunkExtensionName = this.span.end(bytes, i);
            this.span.start(bytes, i + 1, this.base);
            this.s = CHUNK_EXTENSION_VALUE;
          } else if (b === 0x3b || b === CR) {
            this.addChunkExtension(this.span.end(bytes, i), null);
            this.s = b === CR ? CHUNK_SIZE_ALMOST_DONE : CHUNK_EXTENSIONS;
          } else if (b === LF) {
            this.addChunkExtension(this.span.end(bytes, i), null);
            return this.fail('HPE_CR_EXPECTED', 'Missing expected CR after chunk extension name', this.base + i);
          } else {
            this.span.endSpan(bytes, i);
            return this.fail('HPE_STRICT', 'Invalid character in chunk extensions name', this.base + i + 1);
          }
          break;
        case CHUNK_EXTENSION_VALUE:
          if (b === 0x22) this.s = CHUNK_EXTENSION_QUOTED;
          else if (TOKEN[b] === 1) break;
          else if (b === 0x3b || b === CR) {
            this.addChunkExtension(this.chunkExtensionName, this.span.end(bytes, i));
            this.s = b === CR ? CHUNK_SIZE_ALMOST_DONE : CHUNK_EXTENSIONS;
          } else if (b === LF) {
            this.addChunkExtension(this.chunkExtensionName, this.span.end(bytes, i));
            return this.fail('HPE_CR_EXPECTED', 'Missing expected CR after chunk extension value', this.base + i);
          } else {
            this.span.endSpan(bytes, i);
            return this.fail('HPE_STRICT', 'Invalid character in chunk extensions value', this.base + i + 1);
          }
          break;
        case CHUNK_EXTENSION_QUOTED:
          if (QDTEXT[b] === 1) break;
          if (b === 0x22) {
            this.addChunkExtension(this.chunkExtensionName, this.span.end(bytes, i + 1));
            this.s = CHUNK_EXTENSION_QUOTED_DONE;
          } else if (b === 0x5c) this.s = CHUNK_EXTENSION_QUOTED_PAIR;
          else {
            this.span.endSpan(bytes, i);
            return this.fail('HPE_STRICT', 'Invalid character in chunk extensions quoted value', this.base + i + 1);
          }
          break;
        case CHUNK_EXTENSION_QUOTED_PAIR:
          if (HTAB_SP_VCHAR_OBS_TEXT[b] !== 1) {
            this.span.endSpan(bytes, i);
            return this.fail('HPE_STRICT', 'Invalid quoted-pair in chunk extensions quoted value', this.base + i + 1);
          }
          this.s = CHUNK_EXTENSION_QUOTED;
          break;
        case CHUNK_EXTENSION_QUOTED_DONE:
          if (b === 0x3b) this.s = CHUNK_EXTENSIONS;
          else if (b === CR) this.s = CHUNK_SIZE_ALMOST_DONE;
          else if (b === LF) return this.fail('HPE_CR_EXPECTED', 'Missing expected CR after chunk extension value', this.base + i);
          else return this.fail('HPE_STRICT', 'Invalid character in chunk extensions quote value', this.base + i);
          break;
        case CHUNK_SIZE_ALMOST_DONE: {
          if (b !== LF) return this.fail('HPE_STRICT', 'Expected LF after chunk size', this.base + i);
          const message = this.msg();
          const chunk = message.chunks[message.chunks.length - 1];
          if (chunk !== undefined && message.droppedChunks === 0) chunk.headerSpan.length = this.base + i + 1 - chunk.headerSpan.offset;
          this.headStart = -1;
          headLimit = Infinity;
          if (this.contentLength === 0) {
            // The last chunk: trailers follow, parsed as header fields.
            this.flags |= F_TRAILING;
            this.headStart = this.base + i + 1;
            headLimit = i + 1 + this.maxHeaderBytes;
            this.s = HEADER_FIELD_START;
          } else this.s = CHUNK_DATA;
          break;
        }
        case CHUNK_DATA: {
          const take = Math.min(this.contentLength, length - i);
          this.bodyBytes(bytes, i, take);
          this.contentLength -= take;
          i += take - 1;
          if (this.contentLength === 0) this.s = CHUNK_DATA_ALMOST_DONE;
          break;
        }
        case CHUNK_DATA_ALMOST_DONE:
          if (b === CR) this.s = CHUNK_DATA_CR;
          else if (b === LF) return this.fail('HPE_CR_EXPECTED', 'Missing expected CR after chunk data', this.base + i + 1);
          else return this.fail('HPE_STRICT', 'Expected LF after chunk data', this.base + i);
          break;
        case CHUNK_DATA_CR:
          if (b !== LF) return this.fail('HPE_STRICT', 'Expected LF after chunk data', this.base + i);
          this.s = CHUNK_SIZE_DIGIT;
          break;

        case CLOSED:
          if (b === CR || b === LF) break;
          return this.fail('HPE_CLOSED_CONNECTION', 'Data after `Connection: close`', this.base + i + 1);
        default:
          return i;
      }
      if (this.stopped()) return i + 1;
    }
    return length;
  }

  /**
   * The chunk ended inside the reason phrase: what was seen of it shows at once, as llhttp's span does. (Only there:
   * any other field can still fail, and then it shows nothing, whatever the reads were.)
   */
  private showPartial(bytes: Uint8Array): void {
    if (this.message !== null && this.s === RES_STATUS) this.message.statusText = this.span.peek(bytes);
  }

  /** The body seen so far is visible on the message between chunks, not only once it is complete. */
  private flushBody(): void {
    if (this.message === null || this.body === null) return;
    this.message.body.bytes = this.body.view();
    this.message.body.totalBytes = this.body.total;
    this.message.body.droppedBytes = this.body.dropped;
  }

  /** After an error or an upgrade (a method, so TypeScript does not narrow `s` across the calls that change it). */
  private stopped(): boolean {
    return this.s === DEAD;
  }

  private msg(): HttpMessage {
    return this.message as HttpMessage;
  }

  private beginMessage(i: number): void {
    const offset = this.base + i;
    this.message = {
      kind: this.kind,
      index: this.messageCount++,
      startOffset: offset,
      endOffset: null,
      method: null,
      url: null,
      statusCode: null,
      statusText: null,
      versionMajor: null,
      versionMinor: null,
      startLineSpans: {},
      headers: [],
      trailers: [],
      droppedHeaders: 0,
      headersComplete: false,
      headerBytes: null,
      contentLength: null,
      framing: 'none',
      chunks: [],
      droppedChunks: 0,
      body: { bytes: new Uint8Array(0), totalBytes: 0, droppedBytes: 0, span: null },
      keepAlive: false,
      upgrade: false,
      complete: false,
      error: null,
    };
    this.flags = 0;
    this.headerState = H_GENERAL;
    this.contentLength = 0;
    this.upgrade = false;
    this.finishUnsafe = true;
    this.headStart = offset;
    this.body = null;
  }

  private endStartLine(end: number): void {
    const message = this.msg();
    message.startLineSpans.line = { offset: message.startOffset, length: this.base + end - message.startOffset };
  }

  /** The request target ended at byte `i` (SP, CR or LF); false when `i` is no such end. */
  private endUrl(bytes: Uint8Array, i: number): boolean {
    const b = bytes[i];
    if (b !== SP && b !== CR && b !== LF) return false;
    const message = this.msg();
    message.url = this.span.end(bytes, i);
    message.startLineSpans.url = this.span.last();
    if (b === SP) this.s = REQ_HTTP_START;
    else if (b === CR) this.s = URL_CR;
    else {
      this.fail('HPE_CR_EXPECTED', 'Missing expected CR after request line', this.base + i + 1);
    }
    return true;
  }

  private failUrlStrict(i: number): number {
    return this.fail('HPE_INVALID_URL', 'Invalid characters in url (strict mode)', this.base + i + 1);
  }

  /** A field name ended before `i`: the field is listed from here on, its value empty until a value span ends. */
  private endFieldName(bytes: Uint8Array, i: number): string {
    const name = this.span.end(bytes, i);
    const nameSpan = this.span.last();
    const message = this.msg();
    if (message.headers.length + message.trailers.length >= this.maxHeaderFields) {
      message.droppedHeaders++;
      this.field = null;
      return name;
    }
    this.field = {
      name,
      value: '',
      nameSpan,
      valueSpan: { offset: this.base + i + 1, length: 0 },
      lineSpan: { offset: nameSpan.offset, length: nameSpan.length },
    };
    ((this.flags & F_TRAILING) !== 0 ? message.trailers : message.headers).push(this.field);
    return name;
  }

  private endValue(bytes: Uint8Array, i: number): void {
    const value = this.span.end(bytes, i);
    this.valueEnded(value, this.span.last());
  }

  private valueEnded(text: string, span: ByteSpan): void {
    if (this.field === null) return;
    this.field.value = text;
    this.field.valueSpan = span;
  }

  /** The field's line ended before `i` (the first byte of the next line). */
  private lineComplete(i: number): void {
    if (this.field === null) return;
    this.field.lineSpan.length = this.base + i - this.field.lineSpan.offset;
  }

  /** The colon at `i` ends a field name: checks Transfer-Encoding against Content-Length, as llhttp 9 does. */
  private fieldComplete(bytes: Uint8Array, i: number): number {
    this.headerState = specialHeaderState(this.endFieldName(bytes, i));
    if (this.headerState === H_TRANSFER_ENCODING && (this.flags & F_CONTENT_LENGTH) !== 0) {
      return this.fail('HPE_INVALID_TRANSFER_ENCODING', "Transfer-Encoding can't be present with Content-Length", this.base + i + 1);
    }
    if (this.headerState === H_CONTENT_LENGTH && (this.flags & F_TRANSFER_ENCODING) !== 0) {
      return this.fail('HPE_INVALID_CONTENT_LENGTH', "Content-Length can't be present with Transfer-Encoding", this.base + i + 1);
    }
    this.s = HEADER_VALUE_DISCARD_WS;
    return -1;
  }

  /** llhttp's setHeaderFlags: a finished Connection token or chunked coding becomes a flag. */
  private setHeaderFlags(): void {
    switch (this.headerState) {
      case H_CONNECTION_KEEP_ALIVE:
        this.flags |= F_CONNECTION_KEEP_ALIVE;
        this.headerState = H_CONNECTION;
        break;
      case H_CONNECTION_CLOSE:
        this.flags |= F_CONNECTION_CLOSE;
        this.headerState = H_CONNECTION;
        break;
      case H_CONNECTION_UPGRADE:
        this.flags |= F_CONNECTION_UPGRADE;
        this.headerState = H_CONNECTION;
        break;
      case H_TRANSFER_ENCODING_CHUNKED:
        this.flags |= F_CHUNKED;
        break;
    }
  }

  /** The blank line ended at `end`: decides the body as llhttp__after_headers_complete does. */
  private headersComplete(end: number): number {
    const message = this.msg();
    const offset = this.base + end;
    message.headersComplete = true;
    message.headerBytes = offset - message.startOffset;
    this.headStart = -1;

    const isResponse = this.kind === 'response';
    const status = message.statusCode ?? 0;
    if ((this.flags & F_UPGRADE) !== 0 && (this.flags & F_CONNECTION_UPGRADE) !== 0) {
      this.upgrade = !isResponse || status === 101;
    } else {
      this.upgrade = message.method === 'CONNECT';
    }
    if (isResponse) {
      const requestMethod = this.responseTo[0];
      if (status >= 200 || status === 101) this.responseTo.shift();
      if (requestMethod === 'HEAD') this.flags |= F_SKIPBODY;
      if (requestMethod === 'CONNECT' && status >= 200 && status < 300) {
        this.upgrade = true;
        this.flags |= F_SKIPBODY;
      }
    }
    message.keepAlive = this.shouldKeepAlive();
    if (this.listener.onHeaders?.(message) === true) this.flags |= F_SKIPBODY;

    const hasBody = (this.flags & F_CHUNKED) !== 0 || this.contentLength > 0;
    if ((this.upgrade && (message.method === 'CONNECT' || (this.flags & F_SKIPBODY) !== 0 || !hasBody)) || (isResponse && status === 101)) {
      this.upgrade = true;
      this.completeMessage(offset);
      return end;
    }
    const noBody =
      (this.flags & F_SKIPBODY) !== 0 || (isResponse && (status === 100 || status === 102 || status === 103 || status === 204 || status === 304));
    if (noBody) return this.completeAndContinue(offset, end);
    if ((this.flags & F_CHUNKED) !== 0) {
      message.framing = 'chunked';
      this.s = CHUNK_SIZE_DIGIT;
      return -1;
    }
    if ((this.flags & F_TRANSFER_ENCODING) !== 0) {
      if (!isResponse) return this.fail('HPE_INVALID_TRANSFER_ENCODING', 'Request has invalid `Transfer-Encoding`', offset);
      return this.readUntilClose(offset);
    }
    if ((this.flags & F_CONTENT_LENGTH) === 0) {
      return this.needsEof() ? this.readUntilClose(offset) : this.completeAndContinue(offset, end);
    }
    if (this.contentLength === 0) return this.completeAndContinue(offset, end);
    message.framing = 'content-length';
    this.s = BODY_IDENTITY;
    return -1;
  }

  private completeAndContinue(offset: number, end: number): number {
    this.completeMessage(offset);
    return this.s === DEAD ? end : -1;
  }

  private readUntilClose(offset: number): number {
    this.msg().framing = 'until-close';
    this.msg().body.span = { offset, length: 0 };
    this.finishUnsafe = false;
    this.s = BODY_IDENTITY_EOF;
    return -1;
  }

  /** llhttp_message_needs_eof. */
  private needsEof(): boolean {
    if (this.kind === 'request') return false;
    const status = this.msg().statusCode ?? 0;
    if (Math.floor(status / 100) === 1 || status === 204 || status === 304 || (this.flags & F_SKIPBODY) !== 0) return false;
    if ((this.flags & F_TRANSFER_ENCODING) !== 0 && (this.flags & F_CHUNKED) === 0) return true;
    return (this.flags & (F_CHUNKED | F_CONTENT_LENGTH)) === 0;
  }

  /** llhttp_should_keep_alive: HTTP/1.1 unless `close`, HTTP/1.0 only with `keep-alive`, never when the body ends at EOF. */
  private shouldKeepAlive(): boolean {
    const message = this.msg();
    if ((message.versionMajor ?? 0) > 0 && (message.versionMinor ?? 0) > 0) {
      if ((this.flags & F_CONNECTION_CLOSE) !== 0) return false;
    } else if ((this.flags & F_CONNECTION_KEEP_ALIVE) === 0) return false;
    return !this.needsEof();
  }

  private beginChunk(): void {
    const message = this.msg();
    if (message.chunks.length >= this.maxChunks) {
      message.droppedChunks++;
      return;
    }
    message.chunks.push({ size: this.contentLength, extensions: [], headerSpan: { offset: this.chunkLineStart, length: 0 } });
  }

  private addChunkExtension(name: string, value: string | null): void {
    const message = this.msg();
    const chunk = message.chunks[message.chunks.length - 1];
    if (chunk !== undefined && message.droppedChunks === 0 && chunk.extensions.length < this.maxChunks) chunk.extensions.push([name, value]);
  }

  private bodyBytes(bytes: Uint8Array, start: number, count: number): void {
    if (count <= 0) return;
    const message = this.msg();
    if (this.body === null) {
      this.body = new BodySink(this.maxBodyBytes);
      if (message.body.span === null) message.body.span = { offset: this.base + start, length: 0 };
    }
    const view = bytes.subarray(start, start + count);
    this.body.write(view);
    const span = message.body.span as ByteSpan;
    span.length = this.base + start + count - span.offset;
    this.listener.onBody?.(message, view);
  }

  /** on_message_complete, then llhttp's cleanup: restart for the next message or close. */
  private completeMessage(offset: number): void {
    const message = this.msg();
    if (this.body !== null) {
      message.body.bytes = this.body.bytes();
      message.body.totalBytes = this.body.total;
      message.body.droppedBytes = this.body.dropped;
    }
    message.endOffset = offset;
    message.complete = true;
    message.upgrade = this.upgrade;
    message.keepAlive = this.shouldKeepAlive();
    this.finishUnsafe = false;
    this.listener.onMessage?.(message);
    if (this.upgrade) {
      this.upgradeAt(offset - this.base);
      return;
    }
    this.message = null;
    this.s = message.keepAlive ? START : CLOSED;
  }

  private upgradeAt(end: number): number {
    const message = this.msg();
    message.upgrade = true;
    this.upgraded = true;
    this.finishUnsafe = false;
    this.s = DEAD;
    this.listener.onUpgrade?.(message, this.base + end);
    return end;
  }

  /** Stops the parser at `offset` with llhttp's error name; returns the bytes consumed from the current chunk. */
  private fail(code: HttpErrorCode, reason: string, offset: number): number {
    const error: HttpParseError = { code, reason, offset };
    this.failure = error;
    this.s = DEAD;
    if (this.message !== null) this.message.error = error;
    this.listener.onError?.(error, this.message);
    return Math.max(0, offset - this.base);
  }
}

/** value × base + digit within uint64, as llparse's mulAdd; -1 on overflow. */
function mulAdd(value: number, base: number, digit: number): number {
  if (value < EXACT_LIMIT) return value * base + digit;
  const exact = BigInt(value) * BigInt(base) + BigInt(digit);
  return exact > UINT64_MAX ? -1 : Number(exact);
}
