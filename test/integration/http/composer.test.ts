import { createServer } from 'node:net';
import { describe, expect, test } from 'vitest';
import { ErrorCode } from '../../../shared/rpcError.js';
import { httpLabPerTest } from './httpHarness.js';

const lab = httpLabPerTest();
const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();

describe('the composer: http.send through a real client socket', () => {
  test('login → session cookie in the jar → the session’s data on the server → logout', async () => {
    const harness = await lab();
    const base = `http://127.0.0.1:${harness.port}`;
    const login = await harness.call('http.send', {
      method: 'POST',
      url: `${base}/login`,
      headers: [['Content-Type', 'application/x-www-form-urlencoded']],
      body: form({ user: 'ada', password: 'loopscope' }),
    });
    expect(login.outcome).toBe('response');
    expect(login.exchange?.summary).toMatchObject({ status: 302, fromComposer: true, recorder: 'server', route: '/login' });
    expect(login.exchange?.connection.client.pid).toBe(process.pid);
    const { cookies } = await harness.call('http.cookieJar');
    const sid = cookies.find((cookie) => cookie.name === 'sid');
    expect(sid).toMatchObject({ host: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Lax', expiresAt: null, setBy: login.exchange?.summary.exchangeId });
    const { sessions } = await harness.call('http.sessions');
    expect(sessions).toEqual([expect.objectContaining({ sessionId: sid?.value, user: 'ada', data: { visits: 0 } })]);

    const account = await harness.call('http.send', { url: `${base}/account`, headers: [['Accept', 'application/json']] });
    expect(account.exchange?.summary.status).toBe(200);
    expect(Buffer.from(account.exchange?.request.raw ?? '', 'base64').toString()).toContain(`Cookie: sid=${sid?.value}`);
    expect(JSON.parse(Buffer.from(account.exchange?.response?.parsed?.body.base64 ?? '', 'base64').toString())).toMatchObject({ user: 'ada', data: { visits: 1 } });
    expect((await harness.call('http.sessions')).sessions[0]?.data).toEqual({ visits: 1 });

    await harness.call('http.send', { method: 'POST', url: `${base}/logout` });
    expect((await harness.call('http.sessions')).sessions).toEqual([]);
    expect((await harness.call('http.cookieJar')).cookies.find((cookie) => cookie.name === 'sid')).toBeUndefined();
    expect((await harness.call('http.send', { url: `${base}/account` })).exchange?.summary.status).toBe(403);
    await harness.waitFor('http.session', (event) => event.data.change === 'destroyed');
  });

  test('a session expires on the server while the cookie stays in the jar', async () => {
    const harness = await lab({ limits: { sessionTtlMs: 300 } });
    const base = `http://127.0.0.1:${harness.port}`;
    await harness.call('http.send', { method: 'POST', url: `${base}/login`, headers: [['Content-Type', 'application/x-www-form-urlencoded']], body: form({ user: 'bo', password: 'loopscope' }) });
    const expired = await harness.waitFor('http.session', (event) => event.data.change === 'expired');
    expect(expired.data.user).toBe('bo');
    expect((await harness.call('http.cookieJar')).cookies.some((cookie) => cookie.name === 'sid')).toBe(true);
    expect((await harness.call('http.send', { url: `${base}/account` })).exchange?.summary.status).toBe(403);
    expect(await harness.call('http.clearCookieJar')).toEqual({ cleared: 1 });
  });

  test('raw bytes go as typed, so a malformed request is sent on purpose and logged with its error', async () => {
    const harness = await lab();
    const sent = await harness.call('http.send', { url: `http://127.0.0.1:${harness.port}/`, rawBase64: Buffer.from('GET / HTTP/1.1\r\nBad Header: x\r\n\r\n').toString('base64') });
    expect(sent.outcome).toBe('response');
    expect(sent.exchange?.summary.status).toBe(400);
    expect(sent.exchange?.summary.error).toMatchObject({ code: 'HPE_INVALID_HEADER_TOKEN', offset: 'GET / HTTP/1.1\r\nBad'.length });
  });

  test('an incomplete request times out; the server logs the client leaving', async () => {
    const harness = await lab();
    const sent = await harness.call('http.send', { url: `http://127.0.0.1:${harness.port}/`, rawBase64: Buffer.from('GET / HTTP/1.1\r\n').toString('base64'), timeoutMs: 200 });
    expect(sent.outcome).toBe('timeout');
    expect(sent.exchange?.summary.error?.code).toBe('CLIENT_CLOSED');
  });

  test('another loopback server: the composer’s socket records the exchange', async () => {
    const harness = await lab();
    const other = createServer((socket) => socket.once('data', () => socket.end('HTTP/1.1 418 I’m a teapot\r\nContent-Length: 0\r\n\r\n'.replace('’', "'"))));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const port = (other.address() as { port: number }).port;
    const sent = await harness.call('http.send', { url: `http://localhost:${port}/brew` });
    other.close();
    expect(sent.exchange?.summary).toMatchObject({ recorder: 'composer', status: 418, target: '/brew' });
    expect(sent.exchange?.connection.client.pid).toBe(process.pid);
  });

  test('only loopback URLs are accepted', async () => {
    const harness = await lab();
    for (const url of ['http://example.com/', 'http://10.0.0.1/', 'ftp://127.0.0.1/', 'not a url']) {
      await expect(harness.call('http.send', { url })).rejects.toMatchObject({ code: ErrorCode.InvalidParams });
    }
    await expect(harness.call('http.send', { url: 'http://[::2]/' })).rejects.toThrow(/loopback only/);
  });
});
