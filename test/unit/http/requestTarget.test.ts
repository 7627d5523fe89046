import { describe, expect, it } from 'vitest';
import { parseUrlEncoded, splitRequestTarget } from '../../../shared/http/index.js';

describe('splitting a request target', () => {
  it('takes host and port from the Host header in origin-form, and decodes the query in order with repeats', () => {
    const parts = splitRequestTarget('/search/a%20b?q=caf%C3%A9+au+lait&tag=1&tag=2&empty=&flag#top', { scheme: 'http', host: '127.0.0.1:8080' });
    expect(parts).toMatchObject({ form: 'origin', scheme: 'http', host: '127.0.0.1', port: 8080, portExplicit: true, path: '/search/a%20b', fragment: 'top' });
    expect(parts?.queryPairs).toEqual([
      ['q', 'café au lait'],
      ['tag', '1'],
      ['tag', '2'],
      ['empty', ''],
      ['flag', ''],
    ]);
  });

  it('reads scheme, userinfo, an IPv6 host and the default port from an absolute-form target', () => {
    expect(splitRequestTarget('http://user:pw@[::1]/x?y=1')).toMatchObject({
      form: 'absolute', scheme: 'http', userinfo: 'user:pw', host: '::1', port: 80, portExplicit: false, path: '/x', query: 'y=1',
    });
    expect(splitRequestTarget('https://Example.COM:8443')).toMatchObject({ host: 'example.com', port: 8443, path: '', query: null });
  });

  it('knows authority-form (CONNECT) needs a port, and asterisk-form (OPTIONS *)', () => {
    expect(splitRequestTarget('example.com:443')).toMatchObject({ form: 'authority', host: 'example.com', port: 443, path: '' });
    expect(splitRequestTarget('example.com')).toBeNull();
    expect(splitRequestTarget('*', { scheme: 'http', host: 'localhost' })).toMatchObject({ form: 'asterisk', host: 'localhost', port: 80 });
    expect(splitRequestTarget('http://:80/')).toBeNull();
  });

  it('keeps a malformed percent-escape as written instead of throwing', () => {
    expect(parseUrlEncoded('a=%zz&b=%E2%82&c=100%')).toEqual([
      ['a', '%zz'],
      ['b', '\ufffd'],
      ['c', '100%'],
    ]);
  });
});
