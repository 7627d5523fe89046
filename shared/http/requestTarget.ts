import { percentDecode } from './percentDecode.js';

/** RFC 9112 §3.2: the four forms a request target takes. */
export type RequestTargetForm = 'origin' | 'absolute' | 'authority' | 'asterisk';

export interface RequestTargetParts {
  form: RequestTargetForm;
  /** From the target (absolute-form) or the connection (`defaults.scheme`); null when unknown. */
  scheme: string | null;
  /** From the target, else from the Host header; IPv6 literals without their brackets. */
  host: string | null;
  /** As written, else the scheme's default (80, 443); null when unknown. */
  port: number | null;
  /** Did the target or Host name the port, or is it the scheme's default? */
  portExplicit: boolean;
  /** userinfo before `@` in an absolute-form target (deprecated, RFC 9110 §4.2.4), as written. */
  userinfo: string | null;
  /** Still percent-encoded, as sent; empty for authority- and asterisk-form. */
  path: string;
  /** The raw query after `?`, null when there is no `?`. */
  query: string | null;
  /** Decoded pairs in order, repeated keys kept; `+` is a space, as forms send it. */
  queryPairs: Array<[string, string]>;
  /** Never sent by browsers; kept when a hand-written request has one. */
  fragment: string | null;
}

export interface RequestTargetDefaults {
  /** The connection's scheme: 'http', or 'https' under TLS. */
  scheme?: string;
  /** The Host header's value. */
  host?: string | null;
}

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443, ws: 80, wss: 443 };
const ABSOLUTE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)(.*)$/s;

/** Splits a request target; null when it is none of the four forms. */
export function splitRequestTarget(target: string, defaults: RequestTargetDefaults = {}): RequestTargetParts | null {
  const scheme = defaults.scheme?.toLowerCase() ?? null;
  if (target === '*') return { ...fromAuthority(defaults.host ?? null, scheme), form: 'asterisk', ...pathParts('') };
  if (target.startsWith('/')) return { ...fromAuthority(defaults.host ?? null, scheme), form: 'origin', ...pathParts(target) };
  const absolute = ABSOLUTE.exec(target);
  if (absolute !== null) {
    const targetScheme = (absolute[1] as string).toLowerCase();
    const authority = fromAuthority(absolute[2] as string, targetScheme);
    return authority.host === null ? null : { ...authority, form: 'absolute', ...pathParts(absolute[3] as string) };
  }
  // CONNECT's `host:port`: no scheme, no path, and the port is required (RFC 9110 §9.3.6).
  const authority = fromAuthority(target, scheme);
  if (authority.host === null || !authority.portExplicit || authority.userinfo !== null) return null;
  return { ...authority, form: 'authority', ...pathParts('') };
}

type AuthorityParts = Pick<RequestTargetParts, 'scheme' | 'host' | 'port' | 'portExplicit' | 'userinfo'>;

function fromAuthority(authority: string | null, scheme: string | null): AuthorityParts {
  const defaultPort = scheme === null ? null : (DEFAULT_PORTS[scheme] ?? null);
  const none: AuthorityParts = { scheme, host: null, port: defaultPort, portExplicit: false, userinfo: null };
  if (authority === null || authority === '') return none;
  const at = authority.lastIndexOf('@');
  const userinfo = at >= 0 ? authority.slice(0, at) : null;
  const hostPort = authority.slice(at + 1);
  const match = /^(\[[0-9A-Fa-f:.]+\]|[^:[\]]*)(?::(\d*))?$/.exec(hostPort);
  if (match === null || match[1] === '') return none;
  const host = (match[1] as string).replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const portText = match[2];
  if (portText === undefined || portText === '') return { scheme, host, port: defaultPort, portExplicit: false, userinfo };
  const port = Number(portText);
  if (port > 65535) return none;
  return { scheme, host, port, portExplicit: true, userinfo };
}

function pathParts(rest: string): Pick<RequestTargetParts, 'path' | 'query' | 'queryPairs' | 'fragment'> {
  const hash = rest.indexOf('#');
  const fragment = hash >= 0 ? rest.slice(hash + 1) : null;
  const beforeHash = hash >= 0 ? rest.slice(0, hash) : rest;
  const question = beforeHash.indexOf('?');
  const path = question >= 0 ? beforeHash.slice(0, question) : beforeHash;
  const query = question >= 0 ? beforeHash.slice(question + 1) : null;
  return { path, query, queryPairs: query === null ? [] : parseUrlEncoded(query), fragment };
}

/** `application/x-www-form-urlencoded` pairs (a query string or a form body), decoded, in order (WHATWG URL §5.1). */
export function parseUrlEncoded(text: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const piece of text.split('&')) {
    if (piece === '') continue;
    const equals = piece.indexOf('=');
    const name = equals >= 0 ? piece.slice(0, equals) : piece;
    const value = equals >= 0 ? piece.slice(equals + 1) : '';
    pairs.push([percentDecode(name.replace(/\+/g, ' ')), percentDecode(value.replace(/\+/g, ' '))]);
  }
  return pairs;
}
