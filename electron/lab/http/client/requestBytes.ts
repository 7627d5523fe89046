import type { HttpSendParams } from '../../../../shared/schemas/http.js';

/**
 * The request the composer's fields describe, as bytes: the request line with the origin-form target, Host (unless
 * given), the user's headers in their order, the jar's Cookie (unless given), Content-Length for a body, and
 * `Connection: close` unless the user chose — one exchange per composer socket.
 */
export function buildRequest(params: HttpSendParams, url: URL, jarCookie: string | null): Buffer {
  const body = params.bodyBase64 !== undefined ? Buffer.from(params.bodyBase64, 'base64') : params.body !== undefined ? Buffer.from(params.body) : null;
  const has = (name: string): boolean => params.headers.some(([field]) => field.toLowerCase() === name);
  const lines = [`${params.method} ${url.pathname}${url.search} HTTP/1.1`];
  if (!has('host')) lines.push(`Host: ${url.host}`);
  for (const [name, value] of params.headers) lines.push(`${name}: ${value}`);
  if (jarCookie !== null && !has('cookie')) lines.push(`Cookie: ${jarCookie}`);
  if (body !== null && !has('content-length') && !has('transfer-encoding')) lines.push(`Content-Length: ${body.length}`);
  if (!has('connection')) lines.push('Connection: close');
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  return body === null ? head : Buffer.concat([head, body]);
}
