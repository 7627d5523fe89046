import { describe, expect, it } from 'vitest';
import { parseCookieDate, parseCookieHeader, parseSetCookie } from '../../../shared/http/index.js';

describe('cookies as RFC 6265 parses them', () => {
  it('splits a Cookie header into pairs in order', () => {
    expect(parseCookieHeader('sid=abc123; theme=dark;lang=zh-CN; =x; flag')).toEqual([
      { name: 'sid', value: 'abc123' },
      { name: 'theme', value: 'dark' },
      { name: 'lang', value: 'zh-CN' },
      { name: '', value: 'x' },
      { name: '', value: 'flag' },
    ]);
  });

  it('reads every attribute of a Set-Cookie, case-insensitively, and keeps unknown ones', () => {
    const cookie = parseSetCookie('sid=s%3A1; Path=/app; Domain=.Example.com; Max-Age=3600; Expires=Wed, 21 Oct 2015 07:28:00 GMT; HttpOnly; secure; SameSite=lax; Partitioned; Priority=High');
    expect(cookie).toMatchObject({
      name: 'sid',
      value: 's%3A1',
      path: '/app',
      domain: 'example.com',
      maxAge: 3600,
      expires: Date.UTC(2015, 9, 21, 7, 28, 0),
      httpOnly: true,
      secure: true,
      sameSite: 'Lax',
      partitioned: true,
      unknown: [{ name: 'Priority', value: 'High' }],
    });
    expect(cookie?.attributes).toHaveLength(9);
  });

  it('ignores what §5.2 says to ignore: a bad Max-Age, a relative Path, an unknown SameSite, a pair without `=`', () => {
    expect(parseSetCookie('a=1; Max-Age=1e3; Path=rel; SameSite=sometimes; Expires=never')).toMatchObject({
      maxAge: null, path: null, sameSite: null, expires: null,
    });
    expect(parseSetCookie('novalue')).toBeNull();
    expect(parseSetCookie('=v')).toBeNull();
    expect(parseSetCookie('a=')).toMatchObject({ name: 'a', value: '' });
  });

  it('parses the cookie-date forms browsers accept, and refuses impossible ones', () => {
    expect(parseCookieDate('Sun, 06 Nov 1994 08:49:37 GMT')).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
    expect(parseCookieDate('Sunday, 06-Nov-94 08:49:37 GMT')).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
    expect(parseCookieDate('Sun Nov  6 08:49:37 1994')).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
    expect(parseCookieDate('31 Feb 2020 00:00:00')).toBeNull();
    expect(parseCookieDate('tomorrow')).toBeNull();
  });
});
