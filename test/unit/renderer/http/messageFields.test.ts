import { describe, expect, it } from 'vitest';
import type { HttpParsedMessage } from '../../../../shared/schemas/http.js';
import { latin1, messageFields } from '../../../../renderer/model/http/messageFields.js';

const text = 'GET /a HTTP/1.1\r\nHost: x\r\n\r\n';
const parsed: HttpParsedMessage = {
  method: 'GET',
  url: '/a',
  statusCode: null,
  statusText: null,
  versionMajor: 1,
  versionMinor: 1,
  startLineSpans: { line: { offset: 0, length: 17 }, method: { offset: 0, length: 3 }, url: { offset: 4, length: 2 }, version: { offset: 7, length: 8 } },
  headers: [{ name: 'Host', value: 'x', nameSpan: { offset: 17, length: 4 }, valueSpan: { offset: 23, length: 1 }, lineSpan: { offset: 17, length: 9 } }],
  trailers: [],
  headersComplete: true,
  headerBytes: 28,
  contentLength: null,
  framing: 'none',
  chunks: [],
  droppedChunks: 0,
  body: { base64: '', totalBytes: 0, span: null },
  keepAlive: true,
  upgrade: false,
  complete: true,
  error: null,
};

describe('messageFields', () => {
  it('lists the start line, its parts with their bytes, and each header line', () => {
    expect(messageFields(parsed, text).map((field) => [field.label, field.value, field.depth])).toEqual([
      ['http.raw.field.startLine', 'GET /a HTTP/1.1', 0],
      ['http.raw.field.method', 'GET', 1],
      ['http.raw.field.url', '/a', 1],
      ['http.raw.field.version', 'HTTP/1.1', 1],
      ['Host', 'x', 0],
    ]);
  });

  it('reads bytes one to one, so offsets stay byte offsets', () => {
    expect(latin1(Uint8Array.from([0x41, 0xc3, 0xa9]))).toBe('A\u00c3\u00a9');
  });
});
