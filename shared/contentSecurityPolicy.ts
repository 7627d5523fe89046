/**
 * The page's Content-Security-Policy, the same in Electron and in browser mode. Scripts only from
 * the app itself; styles likewise (Vue sets inline styles through the CSSOM, which CSP allows);
 * 'self' in connect-src covers browser mode's same-origin WebSocket. The dev server's hot reload
 * injects styles and opens its own socket, so development relaxes exactly those two. `meta` is the
 * same policy for the built page's <meta http-equiv> tag, which cannot carry frame-ancestors.
 */
export function contentSecurityPolicy({ dev = false, meta = false }: { dev?: boolean; meta?: boolean } = {}): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    'style-src': dev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': dev ? ["'self'", 'ws://localhost:*', 'ws://127.0.0.1:*'] : ["'self'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
    'object-src': ["'none'"],
  };
  if (meta) delete directives['frame-ancestors'];
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}
