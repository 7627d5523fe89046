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

/** Splits a request target; null when it is none of the four forms. */
export function splitRequestTarget(target: string, defaults: RequestTargetDefaults = {}): RequestTargetParts | null {
  void target;
  void defaults;
  return null;
}

/** `application/x-www-form-urlencoded` pairs (a query string or a form body), decoded, in order. */
export function parseUrlEncoded(text: string): Array<[string, string]> {
  void text;
  return [];
}
