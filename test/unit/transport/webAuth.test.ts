import { describe, expect, test } from 'vitest';
import { authorize } from '../../../electron/transport/webAuth.js';

const context = { token: 'secret-token', port: 4000 };
const request = (overrides: Partial<Parameters<typeof authorize>[0]>) => ({
  url: '/',
  host: '127.0.0.1:4000',
  origin: undefined,
  ...overrides,
});

describe('browser mode authorization', () => {
  test('serves the page and its assets, which hold no secret, to its own Host', () => {
    expect(authorize(request({ url: '/' }), context)).toBe('asset');
    expect(authorize(request({ url: '/assets/a.js', host: 'localhost:4000' }), context)).toBe('asset');
  });

  test('sends an old-style token link on to the fragment', () => {
    expect(authorize(request({ url: '/?token=secret-token' }), context)).toBe('upgrade');
  });

  test('allows the socket with the token in its query, with the page’s Origin or a script’s none', () => {
    expect(authorize(request({ url: '/rpc?token=secret-token', origin: 'http://127.0.0.1:4000' }), context)).toBe('allow');
    expect(authorize(request({ url: '/rpc?token=secret-token' }), context)).toBe('allow');
  });

  test.each([
    ['the socket without a token', request({ url: '/rpc' })],
    ['a wrong token', request({ url: '/rpc?token=guess' })],
    ['a wrong token link', request({ url: '/?token=guess' })],
    ['a token on another path', request({ url: '/assets/a.js?token=secret-token' })],
    ['a token of another length', request({ url: '/rpc?token=secret-token-and-more' })],
    ['a foreign Origin', request({ url: '/rpc?token=secret-token', origin: 'http://evil.example' })],
    ['an Origin on another port', request({ url: '/rpc?token=secret-token', origin: 'http://127.0.0.1:4001' })],
    ['a foreign Host (DNS rebinding)', request({ url: '/', host: 'evil.example:4000' })],
    ['no Host', request({ url: '/', host: undefined })],
  ])('forbids %s', (_case, facts) => {
    expect(authorize(facts, context)).toBe('forbid');
  });
});
