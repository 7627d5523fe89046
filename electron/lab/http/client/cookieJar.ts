import { parseSetCookie } from '../../../../shared/http/index.js';
import type { JarCookie } from '../../../../shared/schemas/http.js';
import { now } from '../../clock.js';

const MAX_COOKIES = 200;

/**
 * The composer's cookie jar, kept as a browser keeps one (RFC 6265 §5.3, simplified to what loopback needs): by host,
 * path and name; Max-Age before Expires; a cookie whose expiry has passed is removed. Cookies are not port-specific —
 * 127.0.0.1's cookies go to every port, as browsers send them. `Secure` cookies are sent over http too, because
 * browsers count 127.0.0.1 as a secure context. Bounded: the oldest go past MAX_COOKIES.
 */
export class CookieJar {
  private cookies: JarCookie[] = [];

  /** Takes the Set-Cookie headers of a response to a request for `url`. */
  store(url: URL, setCookieValues: readonly string[], exchangeId: string | null): void {
    const at = now();
    for (const value of setCookieValues) {
      const parsed = parseSetCookie(value);
      if (!parsed) continue;
      const path = parsed.path?.startsWith('/') ? parsed.path : defaultPath(url.pathname);
      const expiresAt = parsed.maxAge !== null ? at + parsed.maxAge * 1000 : parsed.expires;
      this.cookies = this.cookies.filter((cookie) => !(cookie.name === parsed.name && cookie.host === url.hostname && cookie.path === path));
      if (expiresAt !== null && expiresAt <= at) continue; // Max-Age=0 or a past date: the server deletes the cookie
      this.cookies.push({
        name: parsed.name,
        value: parsed.value,
        host: url.hostname,
        path,
        expiresAt,
        httpOnly: parsed.httpOnly,
        secure: parsed.secure,
        sameSite: parsed.sameSite,
        setBy: exchangeId,
      });
    }
    if (this.cookies.length > MAX_COOKIES) this.cookies.splice(0, this.cookies.length - MAX_COOKIES);
  }

  /** The Cookie header for a request to `url`, or null when the jar has none for it. */
  headerFor(url: URL): string | null {
    this.dropExpired();
    const matching = this.cookies
      .filter((cookie) => cookie.host === url.hostname && pathMatches(url.pathname, cookie.path))
      .sort((a, b) => b.path.length - a.path.length);
    return matching.length === 0 ? null : matching.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
  }

  list(): JarCookie[] {
    this.dropExpired();
    return this.cookies.map((cookie) => ({ ...cookie }));
  }

  clear(): number {
    const count = this.cookies.length;
    this.cookies = [];
    return count;
  }

  private dropExpired(): void {
    const at = now();
    this.cookies = this.cookies.filter((cookie) => cookie.expiresAt === null || cookie.expiresAt > at);
  }
}

/** RFC 6265 §5.1.4: the request path up to its last slash. */
function defaultPath(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}
