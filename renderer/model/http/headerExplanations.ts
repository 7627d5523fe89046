/**
 * Which headers the HTTP view explains in a line. The words live in the `http` catalogs under `http.header.<key>`;
 * this maps a field name (any case, as sent) to its key, so the list and the catalogs are checked against each other.
 */
const EXPLAINED = {
  host: 'host',
  connection: 'connection',
  'keep-alive': 'keepAlive',
  'user-agent': 'userAgent',
  accept: 'accept',
  'accept-language': 'acceptLanguage',
  'accept-encoding': 'acceptEncoding',
  referer: 'referer',
  origin: 'origin',
  cookie: 'cookie',
  authorization: 'authorization',
  'content-type': 'contentType',
  'content-length': 'contentLength',
  'content-encoding': 'contentEncoding',
  'transfer-encoding': 'transferEncoding',
  'upgrade-insecure-requests': 'upgradeInsecureRequests',
  'x-requested-with': 'xRequestedWith',
  'if-none-match': 'ifNoneMatch',
  'if-modified-since': 'ifModifiedSince',
  'set-cookie': 'setCookie',
  location: 'location',
  etag: 'etag',
  'last-modified': 'lastModified',
  'cache-control': 'cacheControl',
  expires: 'expires',
  date: 'date',
  server: 'server',
  allow: 'allow',
  vary: 'vary',
  'www-authenticate': 'wwwAuthenticate',
  'content-disposition': 'contentDisposition',
  'strict-transport-security': 'strictTransportSecurity',
  upgrade: 'upgrade',
  expect: 'expect',
  te: 'te',
  trailer: 'trailer',
} as const satisfies Record<string, string>;

export type ExplainedHeader = (typeof EXPLAINED)[keyof typeof EXPLAINED];

/** Every explained header's key, for the test that every one has its line in both languages. */
export const explainedHeaderKeys: readonly ExplainedHeader[] = Object.values(EXPLAINED);

/** The catalog key that explains a header, or null for one the view does not explain. Field names are case-insensitive. */
const byName: ReadonlyMap<string, ExplainedHeader> = new Map(Object.entries(EXPLAINED));

export function headerExplanationKey(name: string): string | null {
  const key = byName.get(name.toLowerCase());
  return key ? `http.header.${key}` : null;
}
