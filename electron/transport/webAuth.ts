import { timingSafeEqual } from 'node:crypto';

export interface AuthContext {
  token: string;
  port: number;
}

export interface RequestFacts {
  url: string;
  host: string | undefined;
  origin: string | undefined;
}

/**
 * What browser mode does with a request. No secret ever travels in a cookie: a cookie set by
 * 127.0.0.1 is sent to every port of 127.0.0.1, so any other local server the user visits would
 * receive it. The page's URL carries the token in its fragment (`/#token=…`), which browsers never
 * send; the page keeps it in sessionStorage and presents it in the socket's URL.
 * - `asset`: the built renderer, the same for everyone and holding no secret; only Host is checked;
 * - `upgrade`: an old-style `/?token=…` link, sent on to `/#token=…` so the token leaves the query;
 * - `allow`: a socket handshake at /rpc with the token in `?token=` (the page and scripts alike);
 * - `forbid`: anything else, including a foreign Host (DNS rebinding) or a foreign Origin.
 */
export function authorize(request: RequestFacts, context: AuthContext): 'asset' | 'upgrade' | 'allow' | 'forbid' {
  const own = [`127.0.0.1:${context.port}`, `localhost:${context.port}`];
  if (!request.host || !own.includes(request.host)) return 'forbid';
  // Browsers always send Origin on WebSocket handshakes; a script may send none, and then the token alone decides.
  if (request.origin !== undefined && !own.some((host) => request.origin === `http://${host}`)) return 'forbid';
  const url = new URL(request.url, 'http://placeholder');
  const queryToken = url.searchParams.get('token');
  if (url.pathname === '/rpc') return queryToken !== null && sameToken(queryToken, context.token) ? 'allow' : 'forbid';
  if (queryToken !== null) return url.pathname === '/' && sameToken(queryToken, context.token) ? 'upgrade' : 'forbid';
  return 'asset';
}

function sameToken(candidate: string, token: string): boolean {
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
