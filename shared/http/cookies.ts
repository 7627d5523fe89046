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

const trimWsp = (text: string): string => text.replace(/^[ \t]+|[ \t]+$/g, '');

export function parseCookieHeader(value: string): CookiePair[] {
  const pairs: CookiePair[] = [];
  for (const piece of value.split(';')) {
    const trimmed = trimWsp(piece);
    if (trimmed === '') continue;
    const equals = trimmed.indexOf('=');
    // A piece without `=` is a nameless cookie, as browsers send what `document.cookie = "x"` set.
    if (equals < 0) pairs.push({ name: '', value: trimmed });
    else pairs.push({ name: trimWsp(trimmed.slice(0, equals)), value: trimWsp(trimmed.slice(equals + 1)) });
  }
  return pairs;
}

/** Null when the header sets nothing (RFC 6265 §5.2: no `=` in the name-value pair, or an empty name). */
export function parseSetCookie(header: string): SetCookie | null {
  const semicolon = header.indexOf(';');
  const pair = semicolon >= 0 ? header.slice(0, semicolon) : header;
  const equals = pair.indexOf('=');
  if (equals < 0) return null;
  const name = trimWsp(pair.slice(0, equals));
  if (name === '') return null;
  const cookie: SetCookie = {
    name,
    value: trimWsp(pair.slice(equals + 1)),
    attributes: [],
    path: null,
    domain: null,
    maxAge: null,
    expires: null,
    httpOnly: false,
    secure: false,
    sameSite: null,
    partitioned: false,
    unknown: [],
  };
  if (semicolon < 0) return cookie;
  for (const piece of header.slice(semicolon + 1).split(';')) {
    const split = piece.indexOf('=');
    const attributeName = trimWsp(split >= 0 ? piece.slice(0, split) : piece);
    const attributeValue = split >= 0 ? trimWsp(piece.slice(split + 1)) : null;
    if (attributeName === '' && attributeValue === null) continue;
    const attribute = { name: attributeName, value: attributeValue };
    cookie.attributes.push(attribute);
    applyAttribute(cookie, attribute);
  }
  return cookie;
}

function applyAttribute(cookie: SetCookie, attribute: { name: string; value: string | null }): void {
  const value = attribute.value ?? '';
  switch (attribute.name.toLowerCase()) {
    case 'expires': {
      const at = parseCookieDate(value);
      if (at !== null) cookie.expires = at;
      return;
    }
    case 'max-age':
      // §5.2.2: a leading digit or `-`, then digits only; anything else is ignored.
      if (/^-?\d+$/.test(value)) cookie.maxAge = Number(value);
      return;
    case 'domain':
      if (value !== '') cookie.domain = value.replace(/^\./, '').toLowerCase();
      return;
    case 'path':
      // §5.2.4: a path not starting with `/` means the default path.
      cookie.path = value.startsWith('/') ? value : null;
      return;
    case 'secure':
      cookie.secure = true;
      return;
    case 'httponly':
      cookie.httpOnly = true;
      return;
    case 'samesite': {
      const known = (['Strict', 'Lax', 'None'] as const).find((word) => word.toLowerCase() === value.toLowerCase());
      if (known !== undefined) cookie.sameSite = known;
      return;
    }
    case 'partitioned':
      cookie.partitioned = true;
      return;
    default:
      cookie.unknown.push(attribute);
  }
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** §5.1.1 delimiter: %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E. */
const DATE_DELIMITERS = /[\x09\x20-\x2f\x3b-\x40\x5b-\x60\x7b-\x7e]+/;

/** RFC 6265 §5.1.1's cookie-date algorithm; null when the date is not one. */
export function parseCookieDate(text: string): number | null {
  let time: [number, number, number] | null = null;
  let day: number | null = null;
  let month: number | null = null;
  let year: number | null = null;
  for (const token of text.split(DATE_DELIMITERS)) {
    if (token === '') continue;
    const timeMatch: RegExpExecArray | null = time === null ? /^(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\D.*)?$/.exec(token) : null;
    if (timeMatch !== null) {
      time = [Number(timeMatch[1]), Number(timeMatch[2]), Number(timeMatch[3])];
      continue;
    }
    const dayMatch: RegExpExecArray | null = day === null ? /^(\d{1,2})(?:\D.*)?$/.exec(token) : null;
    if (dayMatch !== null) {
      day = Number(dayMatch[1]);
      continue;
    }
    const monthIndex: number = month === null ? MONTHS.indexOf(token.slice(0, 3).toLowerCase()) : -1;
    if (monthIndex >= 0) {
      month = monthIndex;
      continue;
    }
    const yearMatch: RegExpExecArray | null = year === null ? /^(\d{2,4})(?:\D.*)?$/.exec(token) : null;
    if (yearMatch !== null) year = Number(yearMatch[1]);
  }
  if (time === null || day === null || month === null || year === null) return null;
  if (year >= 70 && year <= 99) year += 1900;
  else if (year >= 0 && year <= 69) year += 2000;
  const [hour, minute, second] = time;
  if (day < 1 || day > 31 || year < 1601 || hour > 23 || minute > 59 || second > 59) return null;
  const at = Date.UTC(year, month, day, hour, minute, second);
  // 31 February rolls over into March in Date.UTC; the algorithm calls that a failure.
  return new Date(at).getUTCDate() === day ? at : null;
}
