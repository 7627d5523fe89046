import { describe, expect, it } from 'vitest';
import { type ComposerForm, composeRequest, parseHeaderLines, rawRequestBytes, rawTemplate } from '../../../../renderer/model/http/composerRequest.js';

const form = (overrides: Partial<ComposerForm>): ComposerForm => ({
  method: 'GET',
  url: 'http://127.0.0.1:8080/',
  headerText: '',
  bodyKind: 'none',
  fields: [],
  bodyText: '',
  ...overrides,
});

describe('composeRequest', () => {
  it('encodes form fields as a browser does and adds their Content-Type', () => {
    const { request } = composeRequest(
      form({ method: 'post', url: 'http://127.0.0.1:8080/form', bodyKind: 'form', fields: [{ name: 'name', value: 'Ada L' }, { name: '', value: 'skipped' }, { name: 'lang', value: '中文' }] }),
    );
    expect(request).toEqual({
      method: 'POST',
      url: 'http://127.0.0.1:8080/form',
      headers: [['Content-Type', 'application/x-www-form-urlencoded']],
      body: 'name=Ada+L&lang=%E4%B8%AD%E6%96%87',
    });
  });

  it('keeps a Content-Type the user wrote', () => {
    const { request } = composeRequest(form({ bodyKind: 'json', bodyText: '{"a":1}', headerText: 'content-type: application/vnd.x+json' }));
    expect(request?.headers).toEqual([['content-type', 'application/vnd.x+json']]);
  });

  it('names what is wrong: the method, the URL, a header line, the JSON', () => {
    expect(composeRequest(form({ method: 'G T' })).error?.key).toBe('http.composer.error.method');
    expect(composeRequest(form({ url: 'not a url' })).error?.key).toBe('http.composer.error.url');
    expect(composeRequest(form({ url: 'ftp://127.0.0.1/' })).error?.key).toBe('http.composer.error.scheme');
    expect(composeRequest(form({ headerText: 'Accept: */*\nno colon here' })).error).toEqual({ key: 'http.composer.error.headerLine', params: { line: 2 } });
    expect(composeRequest(form({ bodyKind: 'json', bodyText: '{' })).error?.key).toBe('http.composer.error.json');
  });
});

describe('header lines', () => {
  it('reads Name: value lines, skipping blank ones', () => {
    expect(parseHeaderLines('Accept: text/html\r\n\nX-A:  b c ').headers).toEqual([
      ['Accept', 'text/html'],
      ['X-A', 'b c'],
    ]);
  });
});

describe('raw bytes', () => {
  it('turns typed LFs into CRLF unless asked not to, and writes \\xHH escapes as bytes', () => {
    expect([...rawRequestBytes('GET / HTTP/1.1\n\n', true)]).toEqual([...new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n')]);
    expect([...rawRequestBytes('A\nB', false)]).toEqual([0x41, 0x0a, 0x42]);
    expect([...rawRequestBytes('\\x00\\xffé', false)]).toEqual([0x00, 0xff, 0xc3, 0xa9]);
  });

  it('writes a request out as it would cross the socket', () => {
    const text = rawTemplate({ method: 'POST', url: 'http://127.0.0.1:8080/form?a=1', headers: [['Content-Type', 'text/plain']], body: 'hi' });
    expect(text).toBe('POST /form?a=1 HTTP/1.1\nHost: 127.0.0.1:8080\nContent-Type: text/plain\nContent-Length: 2\n\nhi');
  });
});
