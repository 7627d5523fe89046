import { isAbsolute, join, relative } from 'node:path';
import type { Privileges } from 'electron';

/**
 * The packaged renderer is served from app://loopscope/ rather than file://: a real origin for
 * the CSP's 'self' and for the sender check, and no file:// privileges (that fuse is off).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'loopscope';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Standard and secure: relative URLs, module scripts and fetch work as on https. Not bypassCSP. */
export const appSchemePrivileges: Privileges = { standard: true, secure: true, supportFetchAPI: true };

/**
 * The file inside `rendererDir` that an app:// request names, or null for anything that could
 * reach outside it or that is not a plain relative path: another host, undecodable escapes, NUL,
 * backslashes, drive letters, empty, `.` or `..` segments (also when they arrive percent-encoded,
 * which the URL parser leaves for us to decode).
 */
export function resolveAppFile(url: string, rendererDir: string): string | null {
  let parsed: URL;
  let path: string;
  try {
    parsed = new URL(url);
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  if (path === '/' || path === '') return join(rendererDir, 'index.html');
  const segments = path.slice(1).split('/');
  const plain = (segment: string): boolean => segment !== '' && segment !== '.' && segment !== '..' && !/[\0\\:]/.test(segment);
  if (!path.startsWith('/') || !segments.every(plain)) return null;
  const file = join(rendererDir, ...segments);
  // The checks above already keep the path inside; this states the guarantee itself.
  const inside = relative(rendererDir, file);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? file : null;
}
