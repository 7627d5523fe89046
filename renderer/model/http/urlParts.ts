import type { RequestTargetParts } from '../../../shared/http/index.js';

/** The parts of a URL in the syllabus's order: scheme://host[:port]/path[?query][#fragment]. */
export type UrlPartName = 'scheme' | 'userinfo' | 'host' | 'port' | 'path' | 'query' | 'fragment';

export const URL_PART_KEYS: Record<UrlPartName, string> = {
  scheme: 'http.payload.part.scheme',
  userinfo: 'http.payload.part.userinfo',
  host: 'http.payload.part.host',
  port: 'http.payload.part.port',
  path: 'http.payload.part.path',
  query: 'http.payload.part.query',
  fragment: 'http.payload.part.fragment',
};

export interface UrlPartRow {
  part: UrlPartName;
  value: string;
  /** The port is the scheme's default (80, 443) rather than written in the URL: said beside it. */
  implied: boolean;
}

/** The rows of the URL breakdown: the parts the request has, in order; the query's pairs are listed apart. */
export function urlPartRows(parts: RequestTargetParts): UrlPartRow[] {
  const rows: UrlPartRow[] = [];
  const add = (part: UrlPartName, value: string | null, implied = false): void => {
    if (value !== null) rows.push({ part, value, implied });
  };
  add('scheme', parts.scheme);
  add('userinfo', parts.userinfo);
  add('host', parts.host === null ? null : parts.host.includes(':') ? `[${parts.host}]` : parts.host);
  add('port', parts.port === null ? null : String(parts.port), !parts.portExplicit);
  add('path', parts.path === '' ? null : parts.path);
  add('query', parts.query);
  add('fragment', parts.fragment);
  return rows;
}

/** The whole URL rebuilt from its parts, the port written only when the request wrote it. */
export function fullUrl(parts: RequestTargetParts): string | null {
  if (parts.scheme === null || parts.host === null) return null;
  const host = parts.host.includes(':') ? `[${parts.host}]` : parts.host;
  const port = parts.portExplicit && parts.port !== null ? `:${parts.port}` : '';
  const query = parts.query === null ? '' : `?${parts.query}`;
  const fragment = parts.fragment === null ? '' : `#${parts.fragment}`;
  const userinfo = parts.userinfo === null ? '' : `${parts.userinfo}@`;
  return `${parts.scheme}://${userinfo}${host}${port}${parts.path}${query}${fragment}`;
}
