import { describe, expect, test } from 'vitest';
import { authorize, cookieValue, tokenCookieName } from '../../../electron/transport/webAuth.js';

const TOKEN_COOKIE = tokenCookieName(4000);

const context = { token: 'secret-token', port: 4000 };
const request = (overrides: Partial<Parameters<typeof authorize>[0]>) => ({
  url: '/',
  host: '127.0.0.1:4000',
  origin: undefined,
  cookie: undefined,
  ...overrides,
});

describe('browser mode authorization', () => {
  test('lets the page in with the token, to set the cookie', () => {
    expect(authorize(request({ url: '/?token=secret-token' }), context)).toBe('enter');
  });

  test('allows assets and the socket that carry the cookie', () => {
    expect(authorize(request({ url: '/assets/a.js', cookie: `x=1; ${TOKEN_COOKIE}=secret-token` }), context)).toBe('allow');
    expect(authorize(request({ url: '/rpc', origin: 'http://127.0.0.1:4000', cookie: `${TOKEN_COOKIE}=secret-token` }), context)).toBe('allow');
  });

  test('allows a script with the token in the query and no Origin', () => {
    expect(authorize(request({ url: '/rpc?token=secret-token' }), context)).toBe('allow');
  });

  test.each([
    ['no token', request({})],
    ['a wrong token', request({ url: '/?token=guess' })],
    ['a wrong cookie', request({ cookie: `${TOKEN_COOKIE}=guess` })],
    ['a token of another length', request({ url: '/rpc?token=secret-token-and-more' })],
    ['a foreign Origin', request({ url: '/rpc?token=secret-token', origin: 'http://evil.example' })],
    ['an Origin on another port', request({ url: '/rpc?token=secret-token', origin: 'http://127.0.0.1:4001' })],
    ['a foreign Host (DNS rebinding)', request({ url: '/?token=secret-token', host: 'evil.example:4000' })],
    ['no Host', request({ url: '/?token=secret-token', host: undefined })],
  ])('forbids %s', (_case, facts) => {
    expect(authorize(facts, context)).toBe('forbid');
  });

  test('reads a cookie among others', () => {
    expect(cookieValue('a=1; b=2=3; c=4', 'b')).toBe('2=3');
    expect(cookieValue(undefined, 'b')).toBeNull();
  });
});
