import type { SetCookie } from '../../../shared/http/index.js';

/**
 * What the Cookies tab says beside a Set-Cookie, where a lab on 127.0.0.1 makes the textbook answer wrong: browsers
 * take a `Secure` cookie over plain http from localhost and 127.0.0.1 (both are secure contexts), `Domain` means nothing
 * on an IP host (a host-only cookie either way), and the cookie goes to every port of the host, not just this server's.
 */
export type CookieNote = 'secureOnLoopback' | 'domainOnIp' | 'everyPort' | 'httpOnly' | 'session' | 'deleted';

export const COOKIE_NOTE_KEYS: Record<CookieNote, string> = {
  secureOnLoopback: 'http.cookies.note.secureOnLoopback',
  domainOnIp: 'http.cookies.note.domainOnIp',
  everyPort: 'http.cookies.note.everyPort',
  httpOnly: 'http.cookies.note.httpOnly',
  session: 'http.cookies.note.session',
  deleted: 'http.cookies.note.deleted',
};

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
export const isIpHost = (host: string): boolean => IPV4.test(host) || host.includes(':');
const isLoopbackHost = (host: string): boolean => host === 'localhost' || host.endsWith('.localhost') || host.startsWith('127.') || host === '::1';

/** `now` in epoch milliseconds, for an Expires already past (how a server deletes a cookie). */
export function cookieNotes(cookie: SetCookie, host: string | null, scheme: string | null, now: number): CookieNote[] {
  const notes: CookieNote[] = [];
  if (cookie.secure && scheme !== 'https' && host !== null && isLoopbackHost(host)) notes.push('secureOnLoopback');
  if (cookie.domain !== null && host !== null && isIpHost(host)) notes.push('domainOnIp');
  if (cookie.httpOnly) notes.push('httpOnly');
  if ((cookie.maxAge !== null && cookie.maxAge <= 0) || (cookie.expires !== null && cookie.expires <= now)) notes.push('deleted');
  else if (cookie.maxAge === null && cookie.expires === null) notes.push('session');
  if (host !== null && isLoopbackHost(host)) notes.push('everyPort');
  return notes;
}
