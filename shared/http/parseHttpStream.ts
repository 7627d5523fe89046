import type { HttpMessage, HttpParseError } from './httpMessage.js';
import { HttpMessageParser } from './messageParser.js';
import type { HttpParserOptions } from './parserOptions.js';

export interface ParsedHttpStream {
  /** Every message seen, the last one possibly incomplete or in error. */
  messages: HttpMessage[];
  /** Messages past `maxMessages`, parsed and counted but not kept. */
  droppedMessages: number;
  error: HttpParseError | null;
  /** Offset where another protocol took over (Upgrade, CONNECT), or null. */
  upgradeOffset: number | null;
  /** The stream ended inside a message (after `finish`, the parser's verdict on it). */
  incomplete: boolean;
}

export interface ParseStreamOptions extends HttpParserOptions {
  /** The stream is whole: the peer closed after the last byte. Default true. */
  ended?: boolean;
  /** For responses: the request methods in order, for HEAD and CONNECT answers. */
  requestMethods?: readonly string[];
  /** Messages kept; later ones are parsed and counted, not kept. Default 10,000. */
  maxMessages?: number;
}

/** One-shot parse of a whole recorded stream (a HAR, a packet capture, a test case). */
export function parseHttpStream(bytes: Uint8Array, options: ParseStreamOptions): ParsedHttpStream {
  const maxMessages = options.maxMessages ?? 10_000;
  const messages: HttpMessage[] = [];
  let droppedMessages = 0;
  let upgradeOffset: number | null = null;
  const keep = (message: HttpMessage): void => {
    if (messages.length < maxMessages) messages.push(message);
    else droppedMessages++;
  };
  const parser = new HttpMessageParser(options, {
    onMessage: keep,
    onUpgrade: (_message, offset) => {
      upgradeOffset = offset;
    },
  });
  for (const method of options.requestMethods ?? []) parser.expectResponseTo(method);
  parser.push(bytes);
  if (options.ended ?? true) parser.finish();
  const last = parser.current;
  const incomplete = last !== null && !last.complete;
  if (incomplete) keep(last);
  return { messages, droppedMessages, error: parser.error, upgradeOffset, incomplete };
}
