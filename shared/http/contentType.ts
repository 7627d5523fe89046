/** A Content-Type split as RFC 9110 §8.3.1 defines it: type/subtype lower-cased, parameters by lower-cased name. */
export interface MediaType {
  type: string;
  subtype: string;
  /** `type/subtype`. */
  essence: string;
  parameters: Record<string, string>;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function parseMediaType(value: string): MediaType | null {
  const [essence = '', ...rest] = splitOutsideQuotes(value, ';');
  const slash = essence.indexOf('/');
  const type = essence.slice(0, slash).trim().toLowerCase();
  const subtype = essence.slice(slash + 1).trim().toLowerCase();
  if (slash < 0 || !TOKEN.test(type) || !TOKEN.test(subtype)) return null;
  const parameters: Record<string, string> = {};
  for (const piece of rest) {
    const equals = piece.indexOf('=');
    if (equals < 0) continue;
    const name = piece.slice(0, equals).trim().toLowerCase();
    if (!TOKEN.test(name) || name in parameters) continue;
    parameters[name] = unquote(piece.slice(equals + 1).trim());
  }
  return { type, subtype, essence: `${type}/${subtype}`, parameters };
}

/** Splits on `separator` except inside a quoted-string (`boundary="a;b"`). */
export function splitOutsideQuotes(text: string, separator: string): string[] {
  const pieces: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (quoted && char === '\\' && i + 1 < text.length) {
      current += char + (text[++i] as string);
      continue;
    }
    if (char === '"') quoted = !quoted;
    if (char === separator && !quoted) {
      pieces.push(current);
      current = '';
    } else current += char;
  }
  pieces.push(current);
  return pieces;
}

/** RFC 9110 §5.6.4 quoted-string, backslash escapes undone; a token is returned as it is. */
export function unquote(text: string): string {
  if (text.length < 2 || !text.startsWith('"') || !text.endsWith('"')) return text;
  return text.slice(1, -1).replace(/\\(.)/g, '$1');
}
