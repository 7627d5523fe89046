import { describe, expect, test } from 'vitest';
import { head, httpLabPerTest, rawExchange, request } from './httpHarness.js';

const lab = httpLabPerTest();

describe('the mini server’s routes, over a real socket', () => {
  test('every method on /methods, with the status each answers', async () => {
    const { port } = await lab();
    const expected: Array<[string, number]> = [['GET', 200], ['POST', 201], ['PUT', 200], ['PATCH', 200], ['DELETE', 204], ['OPTIONS', 204]];
    for (const [method, status] of expected) {
      const response = head(await rawExchange(port, request(method, '/methods', {}, method === 'GET' || method === 'DELETE' || method === 'OPTIONS' ? '' : 'x=1')));
      expect(response.status, method).toBe(status);
      if (method === 'POST') expect(response.headers.get('location')).toEqual(['/methods/1']);
      if (method === 'OPTIONS') expect(response.headers.get('allow')?.[0]).toContain('DELETE');
      if (method === 'DELETE') expect(response.headers.has('content-length')).toBe(false);
    }
  });

  test('HEAD has the headers GET would send and no body', async () => {
    const { port } = await lab();
    const get = head(await rawExchange(port, request('GET', '/negotiate')));
    const headResponse = head(await rawExchange(port, request('HEAD', '/negotiate')));
    expect(headResponse.status).toBe(200);
    expect(headResponse.headers.get('content-length')).toEqual(get.headers.get('content-length'));
    expect(headResponse.body.length).toBe(0);
  });

  test('TRACE echoes the request as received, with Loopscope’s token masked', async () => {
    const { port } = await lab();
    const sent = request('TRACE', '/anything?x=1', { 'X-Custom': 'kept as sent', Cookie: 'loopscope_token=s3cret; theme=dark' });
    const response = head(await rawExchange(port, sent));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toEqual(['message/http']);
    const echoed = response.body.toString('latin1');
    expect(echoed).toContain('X-Custom: kept as sent');
    expect(echoed).toContain('theme=dark');
    expect(echoed).not.toContain('s3cret');
    expect(echoed.length).toBe(sent.length);
  });

  test('CONNECT is refused as an origin server refuses it; unknown paths and methods get 404 and 405 with Allow', async () => {
    const { port } = await lab();
    const connect = head(await rawExchange(port, 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n'));
    expect(connect.status).toBe(405);
    expect(connect.headers.get('connection')).toEqual(['close']);
    expect(head(await rawExchange(port, request('GET', '/nowhere'))).status).toBe(404);
    const notAllowed = head(await rawExchange(port, request('DELETE', '/conditional')));
    expect(notAllowed.status).toBe(405);
    expect(notAllowed.headers.get('allow')?.[0]).toMatch(/^GET, HEAD/);
  });

  test('each status code the syllabus names, with the headers it needs', async () => {
    const { port } = await lab();
    for (const code of [200, 201, 204, 301, 302, 307, 400, 401, 403, 404, 405, 413, 431, 500]) {
      const response = head(await rawExchange(port, request('GET', `/status/${code}`)));
      expect(response.status).toBe(code);
      if ([301, 302, 307].includes(code)) expect(response.headers.get('location')).toEqual(['/']);
      if (code === 401) expect(response.headers.get('www-authenticate')?.[0]).toMatch(/^Basic realm=/);
      if (code === 405) expect(response.headers.get('allow')).toBeDefined();
    }
    expect(head(await rawExchange(port, request('GET', '/error'))).status).toBe(500);
  });

  test('a conditional GET is answered 304 with no body, by ETag and by date', async () => {
    const { port } = await lab();
    const first = head(await rawExchange(port, request('GET', '/conditional')));
    const etag = first.headers.get('etag')?.[0] as string;
    const modified = first.headers.get('last-modified')?.[0] as string;
    const byTag = head(await rawExchange(port, request('GET', '/conditional', { 'If-None-Match': etag })));
    expect(byTag.status).toBe(304);
    expect(byTag.body.length).toBe(0);
    expect(head(await rawExchange(port, request('GET', '/conditional', { 'If-Modified-Since': modified }))).status).toBe(304);
    expect(head(await rawExchange(port, request('GET', '/conditional', { 'If-None-Match': '"other"' }))).status).toBe(200);
  });

  test('the same resource as HTML or JSON by Accept; a redirect chain hop by hop', async () => {
    const { port } = await lab();
    const json = head(await rawExchange(port, request('GET', '/negotiate', { Accept: 'application/json' })));
    expect(json.headers.get('content-type')).toEqual(['application/json']);
    expect(JSON.parse(json.body.toString()).topic).toBe('content negotiation');
    expect(head(await rawExchange(port, request('GET', '/negotiate', { Accept: 'text/html,*/*' }))).headers.get('content-type')?.[0]).toMatch(/^text\/html/);
    const hops = [];
    for (let target = '/redirect/3'; ; ) {
      const response = head(await rawExchange(port, request('GET', target)));
      hops.push(response.status);
      const location = response.headers.get('location')?.[0];
      if (!location) break;
      target = location;
    }
    expect(hops).toEqual([302, 301, 307, 200]);
  });

  test('GET with a query string against POST with urlencoded, multipart and JSON bodies', async () => {
    const { port } = await lab();
    const search = head(await rawExchange(port, request('GET', '/search?q=sockets+%26+http&lang=en')));
    expect(JSON.parse(search.body.toString()).query).toEqual([['q', 'sockets & http'], ['lang', 'en']]);
    const form = head(await rawExchange(port, request('POST', '/form', { 'Content-Type': 'application/x-www-form-urlencoded' }, 'name=Ada&topic=HTTP')));
    expect(JSON.parse(form.body.toString())).toEqual({ kind: 'urlencoded', fields: [['name', 'Ada'], ['topic', 'HTTP']] });
    const boundary = 'XyZ';
    const multipart = [`--${boundary}`, 'Content-Disposition: form-data; name="note"', '', 'hello', `--${boundary}`, 'Content-Disposition: form-data; name="upload"; filename="a.txt"', 'Content-Type: text/plain', '', 'file body', `--${boundary}--`, ''].join('\r\n');
    const upload = JSON.parse(head(await rawExchange(port, request('POST', '/form', { 'Content-Type': `multipart/form-data; boundary=${boundary}` }, multipart))).body.toString());
    expect(upload.kind).toBe('multipart');
    expect(upload.parts).toEqual([
      { name: 'note', filename: null, contentType: null, size: 5, value: 'hello' },
      { name: 'upload', filename: 'a.txt', contentType: 'text/plain', size: 9 },
    ]);
    const json = head(await rawExchange(port, request('POST', '/api/echo', { 'Content-Type': 'application/json' }, '{"a":[1,2]}')));
    expect(JSON.parse(json.body.toString())).toEqual({ received: { a: [1, 2] }, bytes: 11 });
    expect(head(await rawExchange(port, request('POST', '/api/echo', { 'Content-Type': 'application/json' }, '{nope')))).toMatchObject({ status: 400 });
  });

  test('a chunked response arrives in chunks and the log decodes it whole', async () => {
    const harness = await lab();
    const response = head(await rawExchange(harness.port, request('GET', '/chunked')));
    expect(response.headers.get('transfer-encoding')).toEqual(['chunked']);
    expect(response.body.toString()).toMatch(/^[0-9a-f]+\r\nchunk 1 of 5/);
    expect(response.body.toString()).toMatch(/\r\n0\r\n\r\n$/);
    const { exchanges } = await harness.call('http.exchanges', {});
    const exchange = await harness.call('http.exchange', { exchangeId: exchanges[0]?.exchangeId as string });
    expect(exchange.response?.parsed?.framing).toBe('chunked');
    expect(exchange.response?.parsed?.chunks.map((chunk) => chunk.size).filter((size) => size > 0)).toHaveLength(5);
    expect(Buffer.from(exchange.response?.parsed?.body.base64 ?? '', 'base64').toString()).toContain('chunk 5 of 5');
  });

  test('gzip and br bodies by Accept-Encoding, decoded in the log', async () => {
    const harness = await lab();
    for (const coding of ['gzip', 'br']) {
      const response = head(await rawExchange(harness.port, request('GET', '/compressed', { 'Accept-Encoding': coding })));
      expect(response.headers.get('content-encoding')).toEqual([coding]);
    }
    const { exchanges } = await harness.call('http.exchanges', {});
    expect(exchanges).toHaveLength(2);
    for (const summary of exchanges) {
      const exchange = await harness.call('http.exchange', { exchangeId: summary.exchangeId });
      const decoded = exchange.response?.decoded;
      expect(decoded?.error).toBeNull();
      expect(Buffer.from(decoded?.base64 ?? '', 'base64').toString()).toMatch(/^line 0: HTTP bodies compress well/);
      expect(exchange.response?.parsed?.body.totalBytes).toBeLessThan(Buffer.from(decoded?.base64 ?? '', 'base64').length);
    }
  });

  test('cookies with their attributes, as Set-Cookie lines', async () => {
    const { port } = await lab();
    const cookies = head(await rawExchange(port, request('GET', '/cookies'))).headers.get('set-cookie') ?? [];
    expect(cookies).toEqual(expect.arrayContaining([
      expect.stringMatching(/^theme=dark; Path=\/; Max-Age=3600; SameSite=Lax$/),
      expect.stringMatching(/^visited=yes; Path=\/cookies; Expires=.+ GMT; HttpOnly$/),
      expect.stringMatching(/Secure; SameSite=None$/),
      expect.stringMatching(/Domain=127\.0\.0\.1$/),
    ]));
  });

  test('the page and its sub-resources, each with its Content-Type', async () => {
    const { port } = await lab();
    const page = head(await rawExchange(port, request('GET', '/page'))).body.toString();
    for (const [path, type] of [['/static/style.css', 'text/css'], ['/static/app.js', 'text/javascript'], ['/static/dot.png', 'image/png']]) {
      expect(page).toContain(path);
      expect(head(await rawExchange(port, request('GET', path as string))).headers.get('content-type')?.[0]).toMatch(new RegExp(`^${type}`));
    }
    const time = head(await rawExchange(port, request('GET', '/api/time', { 'X-Requested-With': 'XMLHttpRequest' })));
    expect(JSON.parse(time.body.toString()).requestedWith).toBe('XMLHttpRequest');
  });
});
