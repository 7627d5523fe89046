import { describe, expect, it } from 'vitest';
import type { HttpExchangeSide } from '../../../../shared/schemas/http.js';
import { base64Bytes, headerValue, sideBody } from '../../../../renderer/model/http/exchangeSide.js';

const span = { offset: 0, length: 0 };
const field = (name: string, value: string) => ({ name, value, nameSpan: span, valueSpan: span, lineSpan: span });
const b64 = (text: string): string => Buffer.from(text).toString('base64');

const side = (body: string, decoded: HttpExchangeSide['decoded'] = null): HttpExchangeSide => ({
  raw: '',
  totalBytes: 100,
  cutBytes: 0,
  streamOffset: 0,
  decoded,
  parsed: {
    method: 'POST',
    url: '/',
    statusCode: null,
    statusText: null,
    versionMajor: 1,
    versionMinor: 1,
    startLineSpans: {},
    headers: [field('Content-Type', 'text/plain'), field('Content-Encoding', 'gzip')],
    trailers: [],
    headersComplete: true,
    headerBytes: 40,
    contentLength: body.length,
    framing: 'content-length',
    chunks: [],
    droppedChunks: 0,
    body: { base64: b64(body), totalBytes: body.length, span: null },
    keepAlive: true,
    upgrade: false,
    complete: true,
    error: null,
  },
});

describe('exchange sides', () => {
  it('reads base64 as bytes and headers whatever their case', () => {
    expect([...base64Bytes(b64('hé'))]).toEqual([0x68, 0xc3, 0xa9]);
    expect(headerValue(side('x').parsed?.headers ?? [], 'content-type')).toBe('text/plain');
  });

  it('takes the decoded bytes when the lab undid a Content-Encoding, and the wire bytes when it failed', () => {
    const undone = sideBody(side('\x1f\x8b…', { base64: b64('plain'), codings: ['gzip'], cutAt: null, error: null }));
    expect(new TextDecoder().decode(undone?.bytes)).toBe('plain');
    expect(undone?.codings).toEqual(['gzip']);
    const failed = sideBody(side('garbage', { base64: '', codings: ['gzip'], cutAt: null, error: 'incorrect header check' }));
    expect(new TextDecoder().decode(failed?.bytes)).toBe('garbage');
    expect(failed?.decodeError).toBe('incorrect header check');
  });

  it('has no body to show for an empty one', () => {
    expect(sideBody(side(''))).toBeNull();
  });
});
