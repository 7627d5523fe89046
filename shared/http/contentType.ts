/** A Content-Type split as RFC 9110 §8.3.1 defines it: type/subtype lower-cased, parameters by lower-cased name. */
export interface MediaType {
  type: string;
  subtype: string;
  /** `type/subtype`. */
  essence: string;
  parameters: Record<string, string>;
}

export function parseMediaType(value: string): MediaType | null {
  void value;
  return null;
}
