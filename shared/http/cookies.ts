/** A `Cookie` header's name=value pairs, in order, as RFC 6265 §5.4 sends them. */
export interface CookiePair {
  name: string;
  value: string;
}

export type SameSite = 'Strict' | 'Lax' | 'None';

/** One `Set-Cookie` header as RFC 6265 §5.2 parses it (plus SameSite and Partitioned, from the drafts browsers follow). */
export interface SetCookie {
  name: string;
  value: string;
  /** Every attribute as written, in order, known or not. */
  attributes: Array<{ name: string; value: string | null }>;
  path: string | null;
  domain: string | null;
  maxAge: number | null;
  /** Epoch milliseconds; null when absent or unparseable (the attribute is then ignored, as browsers do). */
  expires: number | null;
  httpOnly: boolean;
  secure: boolean;
  /** Null when absent; an unrecognised value is kept in `attributes` and counts as absent. */
  sameSite: SameSite | null;
  partitioned: boolean;
  /** Attributes no RFC names, kept for display. */
  unknown: Array<{ name: string; value: string | null }>;
}

export function parseCookieHeader(value: string): CookiePair[] {
  void value;
  return [];
}

/** Null when the header sets nothing (RFC 6265 §5.2: no `=` in the name-value pair, or both empty). */
export function parseSetCookie(value: string): SetCookie | null {
  void value;
  return null;
}

/** RFC 6265 §5.1.1's cookie-date algorithm; null when the date is not one. */
export function parseCookieDate(text: string): number | null {
  void text;
  return null;
}
