import { describe, expect, test } from 'vitest';
import { contentSecurityPolicy } from '../../../shared/contentSecurityPolicy.js';

const directives = (policy: string): Map<string, string[]> =>
  new Map(policy.split(';').map((part) => {
    const [name = '', ...values] = part.trim().split(/\s+/);
    return [name, values];
  }));

describe('the CSP the shell sends', () => {
  test('is strict in production: scripts only from the app itself, nothing inline or evaluated', () => {
    const policy = directives(contentSecurityPolicy());
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    for (const [name, values] of policy) {
      for (const weak of ["'unsafe-inline'", "'unsafe-eval'", "'wasm-unsafe-eval'", '*']) expect(values, name).not.toContain(weak);
    }
  });

  test('is the same policy for the built page’s meta tag, less frame-ancestors, which a meta tag cannot carry', () => {
    const meta = directives(contentSecurityPolicy({ meta: true }));
    const header = directives(contentSecurityPolicy());
    expect(meta.has('frame-ancestors')).toBe(false);
    header.delete('frame-ancestors');
    expect(meta).toEqual(header);
  });

  test('relaxes only styles and the hot-reload socket for the dev server', () => {
    const policy = directives(contentSecurityPolicy({ dev: true }));
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toContain("'unsafe-inline'");
    expect(policy.get('connect-src')).toEqual(expect.arrayContaining(['ws://localhost:*']));
  });
});
