/**
 * Which headers the HTTP view explains in a line: a field name (lower-cased) to the catalog key of its explanation.
 * Full keys, so the catalogs' check sees every one.
 */
const EXPLAINED = {
  host: 'http.header.host',
  connection: 'http.header.connection',
  'keep-alive': 'http.header.keepAlive',
  'user-agent': 'http.header.userAgent',
  accept: 'http.header.accept',
  'accept-language': 'http.header.acceptLanguage',
  'accept-encoding': 'http.header.acceptEncoding',
  referer: 'http.header.referer',
  origin: 'http.header.origin',
  cookie: 'http.header.cookie',
  authorization: 'http.header.authorization',
  'content-type': 'http.header.contentType',
  'content-length': 'http.header.contentLength',
  'content-encoding': 'http.header.contentEncoding',
  'transfer-encoding': 'http.header.transferEncoding',
  'upgrade-insecure-requests': 'http.header.upgradeInsecureRequests',
  'x-requested-with': 'http.header.xRequestedWith',
  'if-none-match': 'http.header.ifNoneMatch',
  'if-modified-since': 'http.header.ifModifiedSince',
  'set-cookie': 'http.header.setCookie',
  location: 'http.header.location',
  etag: 'http.header.etag',
  'last-modified': 'http.header.lastModified',
  'cache-control': 'http.header.cacheControl',
  expires: 'http.header.expires',
  date: 'http.header.date',
  server: 'http.header.server',
  allow: 'http.header.allow',
  vary: 'http.header.vary',
  'www-authenticate': 'http.header.wwwAuthenticate',
  'content-disposition': 'http.header.contentDisposition',
  'strict-transport-security': 'http.header.strictTransportSecurity',
  upgrade: 'http.header.upgrade',
  expect: 'http.header.expect',
  te: 'http.header.te',
  trailer: 'http.header.trailer',
} as const satisfies Record<string, string>;

export type ExplainedHeader = (typeof EXPLAINED)[keyof typeof EXPLAINED];

/** Every explained header's key, for the test that every one has its line in both languages. */
export const explainedHeaderKeys: readonly ExplainedHeader[] = Object.values(EXPLAINED);

/** The catalog key that explains a header, or null for one the view does not explain. Field names are case-insensitive. */
const byName: ReadonlyMap<string, ExplainedHeader> = new Map(Object.entries(EXPLAINED));

export function headerExplanationKey(name: string): string | null {
  return byName.get(name.toLowerCase()) ?? null;
}
