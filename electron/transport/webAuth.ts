import { timingSafeEqual } from 'node:crypto';

/** Per port: cookies are shared across the ports of one host, and two instances must not overwrite each other's. */
export const tokenCookieName = (port: number): string => `loopscope_token_${port}`;

export interface AuthContext {
  token: string;
  port: number;
}

export interface RequestFacts {
  url: string;
  host: string | undefined;
  origin: string | undefined;
  cookie: string | undefined;
}

/**
 * What browser mode does with a request:
 * - `enter`: `/?token=…` — set the cookie and send the page on to `/` (so the token leaves the address bar);
 * - `allow`: a request carrying the token, in the cookie (the page's assets and socket) or in `?token=` (a script);
 * - `forbid`: anything else, including a foreign Host (DNS rebinding) or a foreign Origin.
 */
export function authorize(request: RequestFacts, context: AuthContext): 'enter' | 'allow' | 'forbid' {
  const own = [`127.0.0.1:${context.port}`, `localhost:${context.port}`];
  if (!request.host || !own.includes(request.host)) return 'forbid';
  // Browsers always send Origin on WebSocket handshakes; a script may send none, and then the token alone decides.
  if (request.origin !== undefined && !own.some((host) => request.origin === `http://${host}`)) return 'forbid';
  const url = new URL(request.url, 'http://placeholder');
  const queryToken = url.searchParams.get('token');
  if (queryToken !== null) {
    if (!sameToken(queryToken, context.token)) return 'forbid';
    return url.pathname === '/' ? 'enter' : 'allow';
  }
  return sameToken(cookieValue(request.cookie, tokenCookieName(context.port)), context.token) ? 'allow' : 'forbid';
}

export function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}

function sameToken(candidate: string | null, token: string): boolean {
  if (candidate === null) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const tokenCookie = (token: string, port: number): string => `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
