import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HttpMessageParser, type HttpMessage, parseHttpStream } from '../../../shared/http/index.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('the decoder on bad input', () => {
  it('stops binary garbage at its first byte with a named error', () => {
    const parsed = parseHttpStream(new Uint8Array([0x16, 0x03, 0x01, 0x02, 0x00, 0x01]), { kind: 'request' });
    expect(parsed.error).toEqual({ code: 'HPE_INVALID_METHOD', reason: 'Invalid method encountered', offset: 0 });
    expect(parsed.messages[0]).toMatchObject({ method: null, complete: false });
  });

  it('refuses headers over the configured limit, as a server answers 431, and says where', () => {
    const big = `GET / HTTP/1.1\r\nHost: a\r\nX-Big: ${'x'.repeat(20_000)}\r\n\r\n`;
    expect(parseHttpStream(bytes(big), { kind: 'request' }).error).toMatchObject({ code: 'HPE_HEADER_OVERFLOW', offset: 16 * 1024 });
    expect(parseHttpStream(bytes(big), { kind: 'request', maxHeaderBytes: 100 }).error).toMatchObject({ code: 'HPE_HEADER_OVERFLOW', offset: 100 });
    expect(parseHttpStream(bytes(big), { kind: 'request', maxHeaderBytes: 64 * 1024 }).error).toBeNull();
    const manyFields = `GET / HTTP/1.1\r\n${'A: b\r\n'.repeat(50)}\r\n`;
    const limited = parseHttpStream(bytes(manyFields), { kind: 'request', maxHeaderFields: 10 }).messages[0];
    expect(limited).toMatchObject({ complete: true, droppedHeaders: 40 });
    expect(limited?.headers).toHaveLength(10);
  });

  it('keeps the first bytes of a body with a huge Content-Length and counts the rest, in bounded memory', () => {
    let seen = 0;
    const parser = new HttpMessageParser({ kind: 'request', maxBodyBytes: 1024 }, { onBody: (_message, chunk) => (seen += chunk.length) });
    parser.push(bytes('PUT /upload HTTP/1.1\r\nContent-Length: 1000000000000000000\r\n\r\n'));
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    for (let i = 0; i < 80; i++) parser.push(chunk);
    const message = parser.current as HttpMessage;
    expect(message).toMatchObject({ contentLength: 1e18, complete: false, framing: 'content-length' });
    expect(message.body.bytes.length).toBe(1024);
    expect(message.body.totalBytes).toBe(80 * 64 * 1024);
    expect(message.body.droppedBytes).toBe(80 * 64 * 1024 - 1024);
    expect(seen).toBe(80 * 64 * 1024);
  });

  it('reports a chunk size overflow, and a chunk-size line that never ends', () => {
    const overflow = parseHttpStream(bytes('POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1ffffffffffffffff\r\n'), { kind: 'request' });
    expect(overflow.error).toMatchObject({ code: 'HPE_INVALID_CHUNK_SIZE', reason: 'Chunk size overflow', offset: 64 });
    const endless = parseHttpStream(bytes(`POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;${'a'.repeat(40_000)}`), { kind: 'request' });
    expect(endless.error).toMatchObject({ code: 'HPE_CHUNK_EXTENSIONS_OVERFLOW' });
  });

  it('calls a message cut mid-way incomplete, with what was seen', () => {
    const cut = parseHttpStream(bytes('POST /login HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nuser='), { kind: 'request' });
    expect(cut.incomplete).toBe(true);
    expect(cut.error).toMatchObject({ code: 'HPE_INVALID_EOF_STATE', offset: 58 });
    expect(cut.messages[0]).toMatchObject({ method: 'POST', url: '/login', headersComplete: true, complete: false });
    expect(new TextDecoder().decode(cut.messages[0]?.body.bytes)).toBe('user=');
    const stillOpen = parseHttpStream(bytes('GET / HTTP/1.1\r\nHo'), { kind: 'request', ended: false });
    expect(stillOpen).toMatchObject({ error: null, incomplete: true });
  });
});

describe('connection semantics', () => {
  it('parses pipelined requests and tells keep-alive from close (HTTP/1.1 and 1.0 defaults, Connection)', () => {
    const stream = bytes(
      'GET /a HTTP/1.1\r\nHost: x\r\n\r\n' +
        'POST /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n0\r\nTrailer-One: t\r\n\r\n' +
        'GET /c HTTP/1.0\r\nConnection: keep-alive\r\n\r\n' +
        'GET /d HTTP/1.1\r\nConnection: close\r\n\r\n',
    );
    const parsed = parseHttpStream(stream, { kind: 'request' });
    expect(parsed.error).toBeNull();
    expect(parsed.messages.map((m) => [m.index, m.url, m.keepAlive, m.complete])).toEqual([
      [0, '/a', true, true],
      [1, '/b', true, true],
      [2, '/c', true, true],
      [3, '/d', false, true],
    ]);
    expect(parsed.messages[1]).toMatchObject({ framing: 'chunked', chunks: [{ size: 3, extensions: [['ext', '1']] }, { size: 0 }], trailers: [{ name: 'Trailer-One', value: 't' }] });
    expect(parseHttpStream(bytes('GET / HTTP/1.0\r\n\r\n'), { kind: 'request' }).messages[0]?.keepAlive).toBe(false);
    const flood = parseHttpStream(bytes('GET / HTTP/1.1\r\n\r\n'.repeat(500)), { kind: 'request', maxMessages: 100 });
    expect(flood).toMatchObject({ droppedMessages: 400, error: null });
    expect(flood.messages).toHaveLength(100);
  });

  it('gives the byte offsets of every field, so a hex view can highlight it', () => {
    const raw = 'GET /x HTTP/1.1\r\nHost: example\r\n\r\n';
    const message = parseHttpStream(bytes(raw), { kind: 'request' }).messages[0] as HttpMessage;
    const at = (span: { offset: number; length: number } | undefined): string => (span ? raw.slice(span.offset, span.offset + span.length) : '');
    expect([at(message.startLineSpans.method), at(message.startLineSpans.url), at(message.startLineSpans.version), at(message.startLineSpans.line)]).toEqual(['GET', '/x', '1.1', 'GET /x HTTP/1.1\r\n']);
    const host = message.headers[0];
    expect([at(host?.nameSpan), at(host?.valueSpan), at(host?.lineSpan)]).toEqual(['Host', 'example', 'Host: example\r\n']);
    expect(message.headerBytes).toBe(raw.length);
  });

  it('reads responses knowing the request method: HEAD and 304 have no body, 1xx precedes the answer, CONNECT and 101 upgrade', () => {
    const head = parseHttpStream(bytes('HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\nHTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n'), { kind: 'response', requestMethods: ['HEAD', 'GET'] });
    expect(head.messages.map((m) => [m.statusCode, m.body.totalBytes, m.complete])).toEqual([
      [200, 0, true],
      [304, 0, true],
    ]);
    const interim = parseHttpStream(bytes('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'), { kind: 'response', requestMethods: ['POST'] });
    expect(interim.messages.map((m) => m.statusCode)).toEqual([100, 200]);
    const tunnel = parseHttpStream(bytes('HTTP/1.1 200 Connection Established\r\n\r\n\x16\x03\x01'), { kind: 'response', requestMethods: ['CONNECT'] });
    expect(tunnel).toMatchObject({ upgradeOffset: 39, error: null });
    const websocket = parseHttpStream(bytes('GET /ws HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n\x81\x05hello'), { kind: 'request' });
    expect(websocket).toMatchObject({ upgradeOffset: 61, error: null });
    expect(websocket.messages[0]).toMatchObject({ upgrade: true, complete: true });
  });
});

describe('fuzzing the decoder', () => {
  const responses = 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\nHTTP/1.0 200 OK\r\n\r\nuntil close';
  const requests = 'POST /p?q=1 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nCookie: a=b\r\n\r\n4;x="y"\r\nabcd\r\n0\r\nT: v\r\n\r\nGET / HTTP/1.1\r\nContent-Length: 3\r\n\r\nxyz';
  const limits = { maxBodyBytes: 16, maxHeaderBytes: 256 };
  const summary = (parser: HttpMessageParser, seen: HttpMessage[]): string =>
    JSON.stringify({ error: parser.error, state: parser.state, messages: seen.map((m) => ({ ...m, body: { ...m.body, bytes: [...m.body.bytes] } })) });

  /** Whole or split anywhere, the verdict is the same; nothing throws; kept bodies stay under the cap. */
  function check(kind: 'request' | 'response', input: Uint8Array, cuts: number[]): void {
    const run = (pieces: Uint8Array[]): string => {
      const seen: HttpMessage[] = [];
      const parser = new HttpMessageParser({ kind, ...limits }, { onHeaders: (m) => void seen.push(m) });
      for (const piece of pieces) parser.push(piece);
      parser.finish();
      for (const message of seen) expect(message.body.bytes.length).toBeLessThanOrEqual(16);
      return summary(parser, seen);
    };
    const points = [...new Set(cuts.map((cut) => cut % (input.length + 1)))].sort((a, b) => a - b);
    const pieces = [0, ...points, input.length].slice(1).map((end, i, ends) => input.subarray(i === 0 ? 0 : (ends[i - 1] as number), end));
    expect(run(pieces)).toBe(run([input]));
  }

  it('never throws, never hangs and agrees with itself on random bytes and mutated messages (bounded time)', () => {
    const kind = fc.constantFrom('request' as const, 'response' as const);
    const edits = fc.array(fc.tuple(fc.nat(requests.length), fc.integer({ min: 0, max: 255 })), { maxLength: 6 });
    const mutate = (sample: string, changes: Array<[number, number]>): Uint8Array => {
      const copy = bytes(sample);
      for (const [at, value] of changes) copy[at % copy.length] = value;
      return copy;
    };
    const input = fc.oneof(
      fc.tuple(kind, fc.uint8Array({ maxLength: 600 })),
      edits.map((changes) => ['request' as const, mutate(requests, changes)] as const),
      edits.map((changes) => ['response' as const, mutate(responses, changes)] as const),
    );
    fc.assert(
      fc.property(input, fc.array(fc.nat(), { maxLength: 8 }), ([which, data], cuts) => check(which, data, cuts)),
      { numRuns: 1_000_000, interruptAfterTimeLimit: 3_000 },
    );
  }, 30_000);
});
