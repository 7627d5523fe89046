import type { JsonError, JsonNode } from './decodedBody.js';

/**
 * A JSON text (RFC 8259) as a tree the view can fold, keeping what JSON.parse loses: duplicate keys, numbers as
 * written, and where a bad text went wrong. Nesting past `maxDepth` is kept as unparsed text, so a hostile body
 * cannot exhaust the stack.
 */
export function parseJsonTree(text: string, maxDepth = 64): { tree: JsonNode | null; error: JsonError | null } {
  const reader = new JsonReader(text, maxDepth);
  try {
    reader.skipWhitespace();
    const tree = reader.value(0);
    reader.skipWhitespace();
    if (reader.at < text.length) reader.fail('Unexpected text after the JSON value');
    return { tree, error: null };
  } catch (caught) {
    if (!(caught instanceof JsonSyntaxError)) throw caught;
    return { tree: null, error: errorAt(text, caught.position, caught.message) };
  }
}

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

function errorAt(text: string, position: number, message: string): JsonError {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { message, position, line, column: position - lineStart + 1 };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

class JsonReader {
  at = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  fail(message: string, position = this.at): never {
    throw new JsonSyntaxError(message, position);
  }

  skipWhitespace(): void {
    while (this.at < this.text.length) {
      const code = this.text.charCodeAt(this.at);
      if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) break;
      this.at++;
    }
  }

  value(depth: number): JsonNode {
    const char = this.text[this.at];
    if (char === undefined) this.fail('Unexpected end of JSON');
    if ((char === '{' || char === '[') && depth >= this.maxDepth) return this.truncated();
    if (char === '{') return this.object(depth);
    if (char === '[') return this.array(depth);
    if (char === '"') return { type: 'string', value: this.string() };
    if (this.text.startsWith('true', this.at)) return this.literal(4, { type: 'boolean', value: true });
    if (this.text.startsWith('false', this.at)) return this.literal(5, { type: 'boolean', value: false });
    if (this.text.startsWith('null', this.at)) return this.literal(4, { type: 'null' });
    NUMBER.lastIndex = this.at;
    const number = NUMBER.exec(this.text);
    if (number === null) this.fail(`Unexpected character ${JSON.stringify(char)}`);
    this.at += number[0].length;
    return { type: 'number', value: Number(number[0]), text: number[0] };
  }

  private literal(length: number, node: JsonNode): JsonNode {
    this.at += length;
    return node;
  }

  private object(depth: number): JsonNode {
    const entries: Array<[string, JsonNode]> = [];
    this.at++;
    this.skipWhitespace();
    if (this.text[this.at] === '}') {
      this.at++;
      return { type: 'object', entries };
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.at] !== '"') this.fail('Expected a string key');
      const key = this.string();
      this.skipWhitespace();
      if (this.text[this.at] !== ':') this.fail("Expected ':' after the key");
      this.at++;
      this.skipWhitespace();
      entries.push([key, this.value(depth + 1)]);
      this.skipWhitespace();
      const next = this.text[this.at++];
      if (next === '}') return { type: 'object', entries };
      if (next !== ',') this.fail("Expected ',' or '}'", this.at - 1);
    }
  }

  private array(depth: number): JsonNode {
    const items: JsonNode[] = [];
    this.at++;
    this.skipWhitespace();
    if (this.text[this.at] === ']') {
      this.at++;
      return { type: 'array', items };
    }
    for (;;) {
      this.skipWhitespace();
      items.push(this.value(depth + 1));
      this.skipWhitespace();
      const next = this.text[this.at++];
      if (next === ']') return { type: 'array', items };
      if (next !== ',') this.fail("Expected ',' or ']'", this.at - 1);
    }
  }

  private string(): string {
    let result = '';
    this.at++;
    for (;;) {
      const char = this.text[this.at];
      if (char === undefined) this.fail('Unterminated string');
      if (char === '"') {
        this.at++;
        return result;
      }
      if (char.charCodeAt(0) < 0x20) this.fail('Control character in a string');
      if (char !== '\\') {
        result += char;
        this.at++;
        continue;
      }
      const escape = this.text[this.at + 1];
      if (escape === 'u') {
        const hex = this.text.slice(this.at + 2, this.at + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Bad \\u escape');
        result += String.fromCharCode(parseInt(hex, 16));
        this.at += 6;
      } else if (escape !== undefined && escape in ESCAPES) {
        result += ESCAPES[escape];
        this.at += 2;
      } else this.fail('Bad escape');
    }
  }

  /** Skips a too-deep subtree by counting brackets outside strings, without recursion. */
  private truncated(): JsonNode {
    const start = this.at;
    let depth = 0;
    let inString = false;
    for (; this.at < this.text.length; this.at++) {
      const char = this.text[this.at];
      if (inString) {
        if (char === '\\') this.at++;
        else if (char === '"') inString = false;
      } else if (char === '"') inString = true;
      else if (char === '{' || char === '[') depth++;
      else if ((char === '}' || char === ']') && --depth === 0) {
        this.at++;
        return { type: 'truncated', text: this.text.slice(start, this.at) };
      }
    }
    return this.fail('Unexpected end of JSON');
  }
}
