import http from 'node:http';
import net from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpExchange } from '../../../electron/lab/http/har/harExchange.js';
import { exportHar } from '../../../electron/lab/http/har/harExport.js';
import { HarImportError, importHar } from '../../../electron/lab/http/har/harImport.js';
import { harDepartures } from '../../../electron/lab/http/har/harSchema.js';
import { HttpMessageParser, type HttpMessage, parseHttpStream } from '../../../shared/http/index.js';
import { officialHarValidator, sampleHarFiles } from './harOracle.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const JSON_BODY = JSON.stringify({ user: 'ada', roles: ['admin', 'dev'], note: '你好' });

/** A real server on loopback whose routes give the bodies HAR has to carry: compressed, binary, cookies, 304. */
function route(request: http.IncomingMessage, response: http.ServerResponse): void {
  if (request.url?.startsWith('/json')) {
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.setHeader('Content-Encoding', 'gzip');
    response.setHeader('Set-Cookie', ['sid=abc123; Path=/; HttpOnly; SameSite=Lax', 'theme=dark; Max-Age=60; Expires=Wed, 21 Oct 2037 07:28:00 GMT']);
    response.end(zlib.gzipSync(JSON_BODY));
  } else if (request.url === '/logo.png') {
    response.setHeader('Content-Type', 'image/png');
    response.end(PNG);
  } else if (request.url === '/cached') {
    response.statusCode = 304;
    response.setHeader('ETag', '"v1"');
    response.end();
  } else {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => response.end(`got ${body}`));
  }
}

let server: http.Server;
let port = 0;

beforeAll(async () => {
  server = http.createServer(route);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const pairs = (message: HttpMessage | null): Array<[string, string]> => (message?.headers ?? []).map((field) => [field.name, field.value]);

/** Sends raw request bytes through a client socket and records what crossed it, as the lab's tap does. */
async function record(raw: string): Promise<HttpExchange> {
  const startedAt = Date.now();
  const start = performance.now();
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  const connected = performance.now();
  const request = parseHttpStream(Buffer.from(raw), { kind: 'request' }).messages[0] as HttpMessage;
  let response: HttpMessage | null = null;
  let firstByte = 0;
  const parser = new HttpMessageParser({ kind: 'response' }, { onMessage: (message) => (response = message) });
  parser.expectResponseTo(request.method ?? 'GET');
  const done = new Promise<void>((resolve) => {
    socket.on('data', (chunk: Buffer) => {
      firstByte ||= performance.now();
      parser.push(chunk);
      if (response !== null) resolve();
    });
  });
  socket.write(raw);
  const sent = performance.now();
  await done;
  const received = performance.now();
  const tuple = { localAddress: socket.localAddress ?? '', localPort: socket.localPort ?? 0, remoteAddress: socket.remoteAddress ?? '', remotePort: socket.remotePort ?? 0 };
  socket.destroy();
  const answer = response as HttpMessage | null;
  return {
    exchangeId: `ex-${tuple.localPort}`,
    connectionId: `conn-${tuple.localPort}`,
    startedAt,
    request: {
      method: request.method ?? 'GET',
      url: `http://127.0.0.1:${port}${request.url ?? '/'}`,
      httpVersion: `HTTP/${request.versionMajor}.${request.versionMinor}`,
      headers: pairs(request),
      headerBytes: request.headerBytes ?? -1,
      body: request.body.totalBytes > 0 ? { bytes: request.body.bytes, totalBytes: request.body.totalBytes } : null,
    },
    response:
      answer === null
        ? null
        : {
            status: answer.statusCode ?? 0,
            statusText: answer.statusText ?? '',
            httpVersion: `HTTP/${answer.versionMajor}.${answer.versionMinor}`,
            headers: pairs(answer),
            headerBytes: answer.headerBytes ?? -1,
            body: { bytes: answer.body.bytes, totalBytes: answer.body.totalBytes },
          },
    timings: { blocked: -1, dns: -1, connect: connected - start, ssl: -1, send: sent - connected, wait: firstByte - sent, receive: received - firstByte },
    serverIPAddress: '127.0.0.1',
    clientPid: process.pid,
    serverPid: process.pid,
    socket: tuple,
    error: null,
  };
}

const request = (line: string, headers: string[] = [], body = ''): string =>
  `${line}\r\nHost: 127.0.0.1\r\n${[...headers, ...(body ? [`Content-Length: ${Buffer.byteLength(body)}`] : [])].map((h) => `${h}\r\n`).join('')}\r\n${body}`;

describe('HAR export of recorded exchanges', () => {
  it('validates against the official schema (ajv 8) and ours, with bodies as text or base64 and links as custom fields', async () => {
    const exchanges = [
      await record(request('GET /json?x=1&x=2 HTTP/1.1', ['Accept-Encoding: gzip', 'Cookie: a=1; b=2'])),
      await record(request('GET /logo.png HTTP/1.1')),
      await record(request('GET /cached HTTP/1.1', ['If-None-Match: "v1"'])),
      await record(request('POST /form HTTP/1.1', ['Content-Type: application/x-www-form-urlencoded'], 'user=ada&note=hi+there')),
    ];
    const unanswered: HttpExchange = { ...(exchanges[3] as HttpExchange), exchangeId: 'lost', response: null, error: 'timeout: no response in 5000 ms' };
    const har = await exportHar([...exchanges, unanswered], { name: 'Loopscope', version: '0.1.0' });

    expect(officialHarValidator()(har)).toBe(true);
    expect(harDepartures(har)).toEqual([]);
    const entries = (har as any).log.entries;
    expect(entries[0].response.content).toMatchObject({ text: JSON_BODY, mimeType: 'application/json; charset=utf-8', size: Buffer.byteLength(JSON_BODY) });
    expect(entries[0].response.content.compression).toBe(Buffer.byteLength(JSON_BODY) - entries[0].response.bodySize);
    expect(entries[0].response.cookies).toEqual([
      { name: 'sid', value: 'abc123', path: '/', httpOnly: true, secure: false, sameSite: 'Lax' },
      { name: 'theme', value: 'dark', httpOnly: false, secure: false, expires: '2037-10-21T07:28:00.000Z' },
    ]);
    expect(entries[0].request.cookies).toEqual([{ name: 'a', value: '1' }, { name: 'b', value: '2' }]);
    expect(entries[0].request.queryString).toEqual([{ name: 'x', value: '1' }, { name: 'x', value: '2' }]);
    expect(entries[1].response.content).toMatchObject({ encoding: 'base64', text: PNG.toString('base64') });
    expect(entries[2].response).toMatchObject({ status: 304, bodySize: 0 });
    expect(entries[3].request.postData).toMatchObject({ text: 'user=ada&note=hi+there', params: [{ name: 'user', value: 'ada' }, { name: 'note', value: 'hi there' }] });
    expect(entries[0]).toMatchObject({ _clientPid: process.pid, _connectionId: exchanges[0]?.connectionId, timings: { dns: -1, blocked: -1, ssl: -1 } });
    expect(entries[0]._socket.remotePort).toBe(port);
    expect(entries[4]).toMatchObject({ response: { status: 0 }, _error: 'timeout: no response in 5000 ms' });

    // What we wrote, read back, is the same traffic.
    const imported = importHar(JSON.stringify(har));
    expect(imported.warnings).toEqual([]);
    expect(imported.exchanges.map((exchange) => [exchange.request.method, exchange.request.url, exchange.response?.status ?? null])).toEqual(
      [...exchanges, unanswered].map((exchange) => [exchange.request.method, exchange.request.url, exchange.response?.status ?? null]),
    );
    expect(Buffer.from(imported.exchanges[1]?.response?.content?.bytes ?? []).equals(PNG)).toBe(true);
    expect(imported.exchanges[0]).toMatchObject({ clientPid: process.pid, socket: exchanges[0]?.socket, connectionId: exchanges[0]?.connectionId });
    expect(officialHarValidator()(await exportHar(imported.exchanges, { name: 'Loopscope', version: '0.1.0' }))).toBe(true);
  });
});

describe('HAR import, lenient as DevTools', () => {
  it('opens all nine sample files, one exchange per entry, warning only where a file departs from the schema', () => {
    const results = sampleHarFiles().map(({ name, text }) => ({ name, entries: JSON.parse(text).log.entries.length, ...importHar(text) }));
    for (const result of results) expect(result.exchanges, result.name).toHaveLength(result.entries);
    const warned = Object.fromEntries(results.filter((result) => result.warnings.length > 0).map((result) => [result.name, result.warnings.map((warning) => warning.path)]));
    expect(warned).toEqual({
      'harviewer__issue-23__chrome51.har': ['log.entries[1].request.url', 'log.entries[2].request.url'],
      'harviewer__issue-23__ff47.har': ['log.entries[1].request.url', 'log.entries[2].request.url'],
      'mitmproxy__har_files__chrome.har': ['log.entries[1].serverIPAddress'],
    });
    const binary = results.find((result) => result.name === 'mswjs-source__response-binary.har');
    expect(binary?.exchanges[0]?.response?.content?.bytes.length).toBeGreaterThan(0);
    expect(results.find((result) => result.name === 'harviewer__issue-49__ff47.har')).toMatchObject({ version: '1.1', creator: { name: 'Firefox' } });
  });

  it('refuses only what cannot be read at all, saying why', () => {
    expect(() => importHar('<html>not a har</html>')).toThrow(HarImportError);
    expect(() => importHar('<html>')).toThrow(/not JSON/);
    expect(() => importHar('{"log": {"version": "1.2"}}')).toThrow(/no log\.entries/);
    const odd = importHar('{"log": {"entries": [{"request": {"url": 5}}, 7]}}');
    expect(odd.exchanges).toHaveLength(1);
    expect(odd.warnings.map((warning) => warning.path)).toContain('log.entries[1]');
    expect(odd.warnings.length).toBeGreaterThan(3);
  });
});
