import { describe, expect, it } from 'vitest';
import type { RequestTargetParts, SetCookie } from '../../../../shared/http/index.js';
import { cookieNotes } from '../../../../renderer/model/http/cookieNotes.js';
import { fullUrl, urlPartRows } from '../../../../renderer/model/http/urlParts.js';

const parts: RequestTargetParts = {
  form: 'origin',
  scheme: 'http',
  host: '127.0.0.1',
  port: 80,
  portExplicit: false,
  userinfo: null,
  path: '/search',
  query: 'q=a+b&x=1',
  queryPairs: [
    ['q', 'a b'],
    ['x', '1'],
  ],
  fragment: null,
};

describe('URL breakdown', () => {
  it('lists the parts present, marking a default port as implied', () => {
    expect(urlPartRows(parts)).toEqual([
      { part: 'scheme', value: 'http', implied: false },
      { part: 'host', value: '127.0.0.1', implied: false },
      { part: 'port', value: '80', implied: true },
      { part: 'path', value: '/search', implied: false },
      { part: 'query', value: 'q=a+b&x=1', implied: false },
    ]);
    expect(fullUrl(parts)).toBe('http://127.0.0.1/search?q=a+b&x=1');
    expect(fullUrl({ ...parts, host: '::1', port: 8080, portExplicit: true, query: null })).toBe('http://[::1]:8080/search');
    // userinfo (deprecated, but a hand-written absolute-form target may carry it) is listed after the scheme.
    const withUser = { ...parts, userinfo: 'ada:secret' };
    expect(urlPartRows(withUser)[1]).toEqual({ part: 'userinfo', value: 'ada:secret', implied: false });
    expect(fullUrl(withUser)).toBe('http://ada:secret@127.0.0.1/search?q=a+b&x=1');
  });
});

const cookie = (overrides: Partial<SetCookie>): SetCookie => ({
  name: 'sid',
  value: 'x',
  attributes: [],
  path: null,
  domain: null,
  maxAge: null,
  expires: null,
  httpOnly: false,
  secure: false,
  sameSite: null,
  partitioned: false,
  unknown: [],
  ...overrides,
});

describe('cookie notes', () => {
  it('says that Secure is taken over http on 127.0.0.1, and that Domain means nothing on an IP', () => {
    expect(cookieNotes(cookie({ secure: true, domain: '127.0.0.1', httpOnly: true }), '127.0.0.1', 'http', 0)).toEqual([
      'secureOnLoopback',
      'domainOnIp',
      'httpOnly',
      'session',
      'everyPort',
    ]);
    expect(cookieNotes(cookie({ secure: true }), '127.0.0.1', 'https', 0)).not.toContain('secureOnLoopback');
  });

  it('reads Max-Age=0 or an Expires in the past as a deletion', () => {
    expect(cookieNotes(cookie({ maxAge: 0 }), 'example.com', 'http', 1000)).toEqual(['deleted']);
    expect(cookieNotes(cookie({ expires: 500 }), 'example.com', 'http', 1000)).toEqual(['deleted']);
    expect(cookieNotes(cookie({ maxAge: 60 }), 'example.com', 'http', 1000)).toEqual([]);
  });
});
