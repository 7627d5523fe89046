import { describe, expect, test } from 'vitest';
import { isAllowedNavigation } from '../../../electron/shell/navigationPolicy.js';
import { originOf } from '../../../electron/shell/origin.js';
import { isTrustedSender } from '../../../electron/shell/senderPolicy.js';

const foreign = [
  'https://evil.example/',
  'http://localhost:5174/', // another port
  'https://localhost:5173/', // another scheme
  'app://loopscope.evil.example/index.html',
  'app://evil/index.html',
  'file:///etc/passwd',
  'data:text/html,<script>alert(1)</script>',
  'javascript:alert(1)',
  'about:blank',
  'devtools://devtools/bundled/inspector.html',
  'not a url',
  '',
];

describe('origins', () => {
  test('are scheme, host and port, also for schemes WHATWG calls opaque', () => {
    expect(new URL('app://loopscope/index.html').origin).toBe('null'); // why originOf exists
    expect(originOf('app://loopscope/index.html#/processes')).toBe('app://loopscope');
    expect(originOf('http://localhost:5173/src/main.ts?t=1')).toBe('http://localhost:5173');
    expect(originOf('file:///etc/passwd')).toBeNull();
    expect(originOf('about:blank')).toBeNull();
  });
});

describe.each([
  ['the packaged app', 'app://loopscope', 'app://loopscope/index.html'],
  ['the dev server', 'http://localhost:5173', 'http://localhost:5173/'],
])('for %s', (_case, appOrigin, page) => {
  test('the app page is a trusted sender and a navigation target', () => {
    expect(isTrustedSender(page, appOrigin)).toBe(true);
    expect(isAllowedNavigation(`${appOrigin}/index.html#/sockets`, appOrigin)).toBe(true);
  });

  test.each(foreign)('refuses %j as sender and as navigation target', (url) => {
    expect(isTrustedSender(url, appOrigin)).toBe(false);
    expect(isAllowedNavigation(url, appOrigin)).toBe(false);
  });

  test('refuses a sender whose frame is gone', () => {
    expect(isTrustedSender(null, appOrigin)).toBe(false);
    expect(isTrustedSender(undefined, appOrigin)).toBe(false);
  });
});
