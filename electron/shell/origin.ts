/**
 * The origin a URL belongs to, as `scheme://host[:port]`, or null for a URL without a host
 * (file:, data:, about:blank) or one that does not parse. WHATWG's `URL.origin` cannot be used:
 * it is the string "null" for every scheme it does not know, app:// included, so all of them
 * would compare equal.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return parsed.host ? `${parsed.protocol}//${parsed.host}` : null;
}
