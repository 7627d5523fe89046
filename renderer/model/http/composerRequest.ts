/**
 * The composer's form as a request: method, URL, header lines and a body (none, form fields, JSON or text), or raw
 * bytes typed by hand. Pure, so what the form sends is tested without a page; errors are catalog keys with parameters.
 */
export type ComposerBodyKind = 'none' | 'form' | 'json' | 'text';

export interface ComposerForm {
  method: string;
  url: string;
  /** One `Name: value` per line, as in a raw request; blank lines are skipped. */
  headerText: string;
  bodyKind: ComposerBodyKind;
  /** Name/value rows for a form body; rows with an empty name are skipped. */
  fields: Array<{ name: string; value: string }>;
  bodyText: string;
}

export interface ComposerError {
  key: string;
  params?: Record<string, string | number>;
}

export interface StructuredRequest {
  method: string;
  url: string;
  headers: Array<[string, string]>;
  body: string;
}

/** RFC 9110 §5.6.2: a field name (and a method) is a token. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export const BODY_CONTENT_TYPES: Record<Exclude<ComposerBodyKind, 'none'>, string> = {
  form: 'application/x-www-form-urlencoded',
  json: 'application/json',
  text: 'text/plain; charset=utf-8',
};

/** `Name: value` lines as pairs; the first line that is not one is the error, with its 1-based number. */
export function parseHeaderLines(text: string): { headers: Array<[string, string]>; error: ComposerError | null } {
  const headers: Array<[string, string]> = [];
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    const name = colon < 0 ? '' : line.slice(0, colon);
    if (!TOKEN.test(name)) return { headers, error: { key: 'http.composer.error.headerLine', params: { line: index + 1 } } };
    headers.push([name, line.slice(colon + 1).trim()]);
  }
  return { headers, error: null };
}

/** Form rows encoded as a browser submits a form (`+` for spaces, as URLSearchParams writes them). */
export const encodeFormFields = (fields: ComposerForm['fields']): string =>
  new URLSearchParams(fields.filter((field) => field.name !== '').map((field): [string, string] => [field.name, field.value])).toString();

const hasHeader = (headers: ReadonlyArray<[string, string]>, name: string): boolean =>
  headers.some(([header]) => header.toLowerCase() === name);

/** The request the form describes, or why it cannot be sent. Content-Type is added for a body unless a header sets it. */
export function composeRequest(form: ComposerForm): { request: StructuredRequest | null; error: ComposerError | null } {
  const method = form.method.trim();
  if (!TOKEN.test(method)) return { request: null, error: { key: 'http.composer.error.method' } };
  let url: URL;
  try {
    url = new URL(form.url.trim());
  } catch {
    return { request: null, error: { key: 'http.composer.error.url' } };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { request: null, error: { key: 'http.composer.error.scheme' } };
  const parsed = parseHeaderLines(form.headerText);
  if (parsed.error) return { request: null, error: parsed.error };
  const headers = parsed.headers;
  let body = '';
  if (form.bodyKind === 'form') body = encodeFormFields(form.fields);
  else if (form.bodyKind === 'json' || form.bodyKind === 'text') body = form.bodyText;
  if (form.bodyKind === 'json' && body.trim() !== '') {
    try {
      JSON.parse(body);
    } catch {
      return { request: null, error: { key: 'http.composer.error.json' } };
    }
  }
  if (form.bodyKind !== 'none' && !hasHeader(headers, 'content-type')) headers.push(['Content-Type', BODY_CONTENT_TYPES[form.bodyKind]]);
  return { request: { method: method.toUpperCase(), url: url.href, headers, body }, error: null };
}

/**
 * Raw bytes typed in a text box: a textarea gives bare LF, HTTP wants CRLF, so by default every LF becomes CRLF (a bare
 * LF, which strict parsers refuse, is then sent only on purpose). `\xHH` escapes write any byte, for a malformed request.
 */
export function rawRequestBytes(text: string, crlf: boolean): Uint8Array {
  const lines = crlf ? text.replace(/\r?\n/g, '\r\n') : text;
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let at = 0; at < lines.length; at++) {
    const escape = /^\\x([0-9a-fA-F]{2})/.exec(lines.slice(at, at + 4));
    if (escape?.[1]) {
      bytes.push(parseInt(escape[1], 16));
      at += 3;
      continue;
    }
    const code = lines.codePointAt(at) ?? 0;
    const char = String.fromCodePoint(code);
    bytes.push(...encoder.encode(char));
    at += char.length - 1;
  }
  return Uint8Array.from(bytes);
}

/** A raw request to start from: the form's request written out as it would cross the socket. */
export function rawTemplate(request: StructuredRequest): string {
  const url = new URL(request.url);
  const lines = [`${request.method} ${url.pathname}${url.search} HTTP/1.1`, `Host: ${url.host}`];
  for (const [name, value] of request.headers) if (name.toLowerCase() !== 'host') lines.push(`${name}: ${value}`);
  const length = new TextEncoder().encode(request.body).length;
  if (length > 0 && !hasHeader(request.headers, 'content-length')) lines.push(`Content-Length: ${length}`);
  return `${lines.join('\n')}\n\n${request.body}`;
}
