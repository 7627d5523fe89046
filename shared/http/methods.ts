import { buildTrie } from './byteTrie.js';

/** Every method llhttp 9.4 knows (llhttp.h HTTP_METHOD_MAP); any other word is HPE_INVALID_METHOD. */
const HTTP_METHODS = [
  'DELETE', 'GET', 'HEAD', 'POST', 'PUT', 'CONNECT', 'OPTIONS', 'TRACE', 'COPY', 'LOCK', 'MKCOL', 'MOVE', 'PROPFIND',
  'PROPPATCH', 'SEARCH', 'UNLOCK', 'BIND', 'REBIND', 'UNBIND', 'ACL', 'REPORT', 'MKACTIVITY', 'CHECKOUT', 'MERGE',
  'M-SEARCH', 'NOTIFY', 'SUBSCRIBE', 'UNSUBSCRIBE', 'PATCH', 'PURGE', 'MKCALENDAR', 'LINK', 'UNLINK', 'SOURCE', 'PRI',
  'QUERY',
] as const;

/** RTSP's own methods, and GET and POST for AirPlay (llhttp's METHODS_RTSP). */
const RTSP_METHODS = [
  'OPTIONS', 'DESCRIBE', 'ANNOUNCE', 'SETUP', 'PLAY', 'PAUSE', 'TEARDOWN', 'GET_PARAMETER', 'SET_PARAMETER', 'REDIRECT',
  'RECORD', 'FLUSH', 'GET', 'POST',
] as const;

const ALL_METHODS = [...new Set<string>([...HTTP_METHODS, ...RTSP_METHODS])];

export const METHOD_TRIE = buildTrie(ALL_METHODS.map((method) => [method, method] as const));

const BY_PROTOCOL: Record<string, ReadonlySet<string>> = {
  HTTP: new Set<string>(HTTP_METHODS),
  RTSP: new Set<string>(RTSP_METHODS),
  ICE: new Set(['SOURCE']),
};

/** `ANNOUNCE / HTTP/1.1` is refused, `ANNOUNCE / RTSP/1.0` is not. */
export function methodAllowedWith(protocol: string, method: string): boolean {
  return BY_PROTOCOL[protocol]?.has(method) ?? false;
}
