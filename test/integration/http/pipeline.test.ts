import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { describe, expect, test } from 'vitest';
import { until } from '../../support/poll.js';
import { head, httpLabPerTest, rawExchange, request } from './httpHarness.js';

const lab = httpLabPerTest();

const keepAlive = (target: string): string => `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`;
const countResponses = (bytes: Buffer): number => bytes.toString('latin1').split('HTTP/1.1 ').length - 1;

describe('the pipeline, step by step', () => {
  test('each step is an event with its time, in the syllabus’s order, and the exchange names its connection and processes', async () => {
    const harness = await lab();
    await rawExchange(harness.port, request('GET', '/'));
    const logged = await harness.waitFor('http.exchange');
    await harness.waitFor('http.step', (event) => event.data.step === 'closed');
    const steps = harness.events.filter((event) => event.type === 'http.step').map((event) => (event.type === 'http.step' ? event.data.step : null));
    expect(steps).toEqual(['accepted', 'read', 'parsed', 'routed', 'headers', 'body', 'written', 'closed']);
    const exchange = await harness.call('http.exchange', { exchangeId: logged.data.exchangeId });
    expect(exchange.steps.map((step) => step.step)).toEqual(steps);
    const times = exchange.steps.map((step) => step.at);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(exchange.connection.tuple).toMatchObject({ localAddress: '127.0.0.1', localPort: harness.port, remoteAddress: '127.0.0.1' });
    expect(exchange.connection.server.pid).toBe(process.pid);
    expect(exchange.connection.client.pid === null ? exchange.connection.client.reason : exchange.connection.client.pid).toBeTruthy();
    expect(exchange.request.parsed?.startLineSpans.method).toEqual({ offset: 0, length: 3 });
    expect(Buffer.from(exchange.request.raw, 'base64').toString()).toBe(request('GET', '/'));
  });

  test('a client in another process is named by its pid, from the kernel’s socket table and its fd table', async () => {
    const harness = await lab();
    const script = `const s = require('net').connect(${harness.port}, '127.0.0.1', () => s.write('GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n')); s.on('data', () => {});`;
    const client = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
    try {
      const logged = await harness.waitFor('http.exchange');
      const exchange = await until('the client’s pid', async () => {
        const found = await harness.call('http.exchange', { exchangeId: logged.data.exchangeId });
        return found.connection.client.pid !== null && found;
      });
      expect(exchange.connection.client.pid).toBe(client.pid);
      expect(exchange.connection.client.reason).toMatch(/holds the client socket \(inode \d+\)/);
    } finally {
      client.kill();
    }
  });

  test('kept-alive and pipelined requests share one connection and are answered in order', async () => {
    const harness = await lab();
    const received = await rawExchange(harness.port, keepAlive('/status/201') + keepAlive('/status/404') + request('GET', '/status/204'));
    expect(countResponses(received)).toBe(3);
    expect([...received.toString('latin1').matchAll(/HTTP\/1\.1 (\d{3})/g)].map((match) => match[1])).toEqual(['201', '404', '204']);
    const { exchanges } = await harness.call('http.exchanges', {});
    expect(exchanges.map((exchange) => [exchange.connectionId, exchange.indexOnConnection, exchange.status])).toEqual([
      ['c1', 0, 201],
      ['c1', 1, 404],
      ['c1', 2, 204],
    ]);
    const second = await harness.call('http.exchange', { exchangeId: exchanges[1]?.exchangeId as string });
    expect(second.steps.map((step) => step.step)).toContain('kept-alive');
    expect(second.request.streamOffset).toBe(keepAlive('/status/201').length);
  });

  test('a chunked request body is read whole', async () => {
    const { port } = await lab();
    const chunked = 'POST /api/echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n4\r\n{"a"\r\n3\r\n:1}\r\n0\r\n\r\n';
    expect(JSON.parse(head(await rawExchange(port, chunked)).body.toString())).toEqual({ received: { a: 1 }, bytes: 7 });
  });
});

describe('bad input: the server answers, logs what went wrong, and keeps serving', () => {
  test('a malformed request line: 400, logged with the decoder’s error and the byte where it stopped', async () => {
    const harness = await lab();
    const response = head(await rawExchange(harness.port, 'GET /status/200 HTTP/1.1\r\nHost: x\r\n\r\nGET /bad HTTP/9.Z\r\n\r\n'));
    expect(response.status).toBe(200); // the first request was fine
    const { exchanges } = await harness.call('http.exchanges', {});
    const bad = exchanges.find((exchange) => exchange.error !== null);
    expect(bad?.status).toBe(400);
    expect(bad?.error?.code).toBe('HPE_INVALID_VERSION');
    expect(bad?.error?.offset).toBe('GET /bad HTTP/9.'.length);
    const whole = await harness.call('http.exchange', { exchangeId: bad?.exchangeId as string });
    expect(Buffer.from(whole.request.raw, 'base64').toString()).toBe('GET /bad HTTP/9.Z\r\n\r\n');
    expect(head(await rawExchange(harness.port, request('GET', '/'))).status).toBe(200);
  });

  test('binary garbage: 400 and an error exchange', async () => {
    const harness = await lab();
    expect(head(await rawExchange(harness.port, Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x00, 0x0d, 0x0a]))).status).toBe(400);
    const { exchanges } = await harness.call('http.exchanges', {});
    expect(exchanges[0]?.error).toMatchObject({ code: 'HPE_INVALID_METHOD', offset: 0 });
  });

  test('oversized headers: 431', async () => {
    const harness = await lab({ limits: { maxHeaderBytes: 1024 } });
    const response = head(await rawExchange(harness.port, request('GET', '/', { 'X-Big': 'a'.repeat(2000) })));
    expect(response.status).toBe(431);
    const { exchanges } = await harness.call('http.exchanges', {});
    expect(exchanges[0]?.error?.code).toBe('HPE_HEADER_OVERFLOW');
  });

  test('a body over the server’s limit: 413, by Content-Length and by chunks', async () => {
    const harness = await lab({ limits: { maxRequestBodyBytes: 1000 } });
    const declared = 'POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n';
    expect(head(await rawExchange(harness.port, declared)).status).toBe(413);
    const chunked = `POST /api/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${'400\r\n' + 'a'.repeat(1024) + '\r\n'}`;
    expect(head(await rawExchange(harness.port, chunked)).status).toBe(413);
    const { exchanges } = await harness.call('http.exchanges', {});
    expect(exchanges.map((exchange) => exchange.error?.code)).toEqual(['BODY_TOO_LARGE', 'BODY_TOO_LARGE']);
  });

  test('a slow client that never finishes its headers: 408 and close, logged', async () => {
    const harness = await lab({ limits: { headersTimeoutMs: 200 } });
    const response = head(await rawExchange(harness.port, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: '));
    expect(response.status).toBe(408);
    const { exchanges } = await harness.call('http.exchanges', {});
    expect(exchanges[0]?.error?.code).toBe('TIMEOUT');
  });

  test('a client that stops mid-body: 408 after the idle timeout', async () => {
    const harness = await lab({ limits: { requestIdleTimeoutMs: 200 } });
    const response = head(await rawExchange(harness.port, 'POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly a part'));
    expect(response.status).toBe(408);
  });

  test('a client that closes mid-request: an error exchange with what arrived, and no response', async () => {
    const harness = await lab();
    const received = await rawExchange(harness.port, 'POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nhalf', { end: true });
    expect(received.length).toBe(0);
    const logged = await harness.waitFor('http.exchange');
    expect(logged.data.error?.code).toBe('CLIENT_CLOSED');
    expect(logged.data.status).toBeNull();
    const whole = await harness.call('http.exchange', { exchangeId: logged.data.exchangeId });
    expect(Buffer.from(whole.request.raw, 'base64').toString()).toMatch(/half$/);
    expect(whole.response).toBeNull();
  });

  test('an idle kept-alive connection is closed by the server after its timeout', async () => {
    const harness = await lab({ limits: { keepAliveTimeoutMs: 150 } });
    const received = await rawExchange(harness.port, keepAlive('/'));
    expect(countResponses(received)).toBe(1);
    const closed = await harness.waitFor('http.step', (event) => event.data.step === 'closed');
    expect(closed.data.detail).toMatch(/idle/);
  });

  test('bodies past the log’s cap are cut and counted; the log’s byte budget evicts the oldest and counts them', async () => {
    const harness = await lab({ limits: { maxLoggedBodyBytes: 100, logBudgetBytes: 64 * 1024 } });
    const body = 'b'.repeat(5000);
    await rawExchange(harness.port, request('POST', '/methods', {}, body));
    const { exchanges } = await harness.call('http.exchanges', {});
    const capped = await harness.call('http.exchange', { exchangeId: exchanges[0]?.exchangeId as string });
    expect(capped.request.totalBytes).toBe(request('POST', '/methods', {}, body).length);
    expect(capped.request.cutBytes).toBe(5000 - 100);
    for (let i = 0; i < 60; i++) await rawExchange(harness.port, request('GET', '/'));
    const status = await harness.call('http.status');
    expect(status.log.evicted).toBeGreaterThan(0);
    expect(status.log.bytes).toBeLessThanOrEqual(64 * 1024);
    expect(status.log.exchanges + status.log.evicted).toBe(61);
    const page = await harness.call('http.exchanges', {});
    expect(page.evicted).toBe(status.log.evicted);
    expect(page.exchanges[0]?.seq).toBe(status.log.evicted + 1);
    await expect(harness.call('http.exchange', { exchangeId: exchanges[0]?.exchangeId as string })).rejects.toThrow(/evicted/);
  });

  test('the server keeps serving others while one client dribbles', async () => {
    const harness = await lab();
    const slow = connect({ host: '127.0.0.1', port: harness.port });
    await new Promise((resolve) => slow.once('connect', resolve));
    slow.write('GET / HTTP/1.1\r\nHo');
    expect(head(await rawExchange(harness.port, request('GET', '/status/200'))).status).toBe(200);
    slow.destroy();
    await until('the dribbling client logged', async () => (await harness.call('http.exchanges', {})).exchanges.some((exchange) => exchange.error !== null));
  });
});
