import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, test } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, appSchemePrivileges, resolveAppFile } from '../../../electron/shell/appProtocol.js';

const rendererDir = resolve('/opt/loopscope/out/renderer');
const insideRenderer = (file: string): boolean => !relative(rendererDir, file).startsWith('..') && file.startsWith(rendererDir + sep);

describe('app:// protocol', () => {
  test('serves the entry page and the built assets', () => {
    expect(APP_ENTRY_URL).toBe('app://loopscope/index.html');
    expect(APP_ORIGIN).toBe('app://loopscope');
    expect(resolveAppFile('app://loopscope/', rendererDir)).toBe(join(rendererDir, 'index.html'));
    expect(resolveAppFile('app://loopscope', rendererDir)).toBe(join(rendererDir, 'index.html'));
    expect(resolveAppFile(APP_ENTRY_URL, rendererDir)).toBe(join(rendererDir, 'index.html'));
    expect(resolveAppFile('app://loopscope/assets/index-BfgdKb2s.js?v=1#x', rendererDir)).toBe(join(rendererDir, 'assets', 'index-BfgdKb2s.js'));
    expect(resolveAppFile('app://loopscope/assets/my%20font.woff2', rendererDir)).toBe(join(rendererDir, 'assets', 'my font.woff2'));
  });

  test('dot segments the URL parser resolves never leave the renderer folder', () => {
    // WHATWG parsing turns these into /etc/passwd below the host: a file inside out/renderer, which does not exist.
    for (const url of ['app://loopscope/../../etc/passwd', 'app://loopscope/%2e%2e/%2E%2E/etc/passwd', 'app://loopscope/assets/../../../etc/passwd']) {
      const file = resolveAppFile(url, rendererDir);
      expect(file).toBe(join(rendererDir, 'etc', 'passwd'));
      expect(insideRenderer(file as string)).toBe(true);
    }
  });

  test.each([
    ['encoded slashes around ..', 'app://loopscope/..%2f..%2fetc%2fpasswd'],
    ['an encoded .. segment after decoding', 'app://loopscope/assets/%2e%2e%2f%2e%2e%2fetc%2fpasswd'],
    ['an absolute path (empty segment)', 'app://loopscope//etc/passwd'],
    ['an encoded absolute path', 'app://loopscope/%2Fetc%2Fpasswd'],
    ['a NUL byte', 'app://loopscope/index.html%00.png'],
    ['a raw backslash', 'app://loopscope/..\\..\\etc\\passwd'],
    ['an encoded backslash', 'app://loopscope/..%5c..%5cetc%5cpasswd'],
    ['a drive letter', 'app://loopscope/C:/Windows/win.ini'],
    ['a . segment after decoding', 'app://loopscope/assets/%2e%2fx.js'],
    ['a malformed escape', 'app://loopscope/%E0%A4%A'],
    ['another host', 'app://evil.example/index.html'],
    ['a host with a port', 'app://loopscope:80/index.html'],
    ['no host', 'app:///etc/passwd'],
    ['another scheme', 'file:///etc/passwd'],
    ['not a URL', '../../etc/passwd'],
  ])('refuses %s', (_case, url) => {
    expect(resolveAppFile(url, rendererDir)).toBeNull();
  });

  test('the scheme is standard and secure but does not bypass the CSP or open CORS', () => {
    expect(appSchemePrivileges).toEqual({ standard: true, secure: true, supportFetchAPI: true });
  });
});
