/**
 * Wireshark's display-filter syntax for the fields the packet list uses: `tcp.port == 8080 && tcp.flags.syn == 1`,
 * `!udp`, `ip.addr == 127.0.0.1 or ipv6.addr == ::1`, `(tcp.stream == 3)`, `frame.len > 100`, `pid == 1234`.
 * Parsed to a small tree; errors name what is wrong and where (0-based character position).
 */
import type { FilterError } from './types.js';

export type ComparisonOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'has'; field: string; position: number }
  | { kind: 'compare'; field: string; op: ComparisonOp; value: string; position: number; valuePosition: number };

interface Token {
  kind: 'word' | 'op' | '(' | ')' | 'and' | 'or' | 'not';
  text: string;
  position: number;
}

const OPERATOR_WORDS: Record<string, ComparisonOp> = { eq: '==', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=' };

export class FilterSyntaxError extends Error {
  constructor(readonly filterError: FilterError) {
    super(`${filterError.message} (at character ${filterError.position + 1})`);
  }
}

const fail = (message: string, position: number): never => {
  throw new FilterSyntaxError({ message, position });
};

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const c = text[at]!;
    if (/\s/.test(c)) {
      at++;
      continue;
    }
    const two = text.slice(at, at + 2);
    if (two === '&&' || two === '||') {
      tokens.push({ kind: two === '&&' ? 'and' : 'or', text: two, position: at });
      at += 2;
    } else if (two === '==' || two === '!=' || two === '<=' || two === '>=') {
      tokens.push({ kind: 'op', text: two, position: at });
      at += 2;
    } else if (c === '<' || c === '>') {
      tokens.push({ kind: 'op', text: c, position: at });
      at++;
    } else if (c === '!') {
      tokens.push({ kind: 'not', text: c, position: at });
      at++;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c, text: c, position: at });
      at++;
    } else if (/[A-Za-z0-9_.:/-]/.test(c)) {
      const start = at;
      while (at < text.length && /[A-Za-z0-9_.:/-]/.test(text[at]!)) at++;
      const word = text.slice(start, at);
      const lower = word.toLowerCase();
      if (lower === 'and' || lower === 'or' || lower === 'not') tokens.push({ kind: lower, text: word, position: start });
      else if (Object.hasOwn(OPERATOR_WORDS, lower)) tokens.push({ kind: 'op', text: OPERATOR_WORDS[lower]!, position: start });
      else tokens.push({ kind: 'word', text: word, position: start });
    } else if (c === '=') {
      fail('"=" is not an operator: use "==" to compare', at);
    } else {
      fail(`unexpected character "${c}"`, at);
    }
  }
  return tokens;
}

/** Parses a display filter; throws FilterSyntaxError. Field names are checked by the compiler, not here. */
export function parseFilter(text: string): FilterNode {
  const tokens = tokenize(text);
  let next = 0;
  const peek = (): Token | undefined => tokens[next];
  const end = text.length;

  const parseOr = (): FilterNode => {
    let left = parseAnd();
    while (peek()?.kind === 'or') {
      next++;
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): FilterNode => {
    let left = parseNot();
    while (peek()?.kind === 'and') {
      next++;
      left = { kind: 'and', left, right: parseNot() };
    }
    return left;
  };
  const parseNot = (): FilterNode => {
    if (peek()?.kind === 'not') {
      next++;
      return { kind: 'not', operand: parseNot() };
    }
    return parsePrimary();
  };
  const parsePrimary = (): FilterNode => {
    const token = peek();
    if (token === undefined) return fail('the filter ends where a field or "(" was expected', end);
    if (token.kind === '(') {
      next++;
      const inner = parseOr();
      const close = peek();
      if (close?.kind !== ')') return fail(`")" expected to close the "(" at character ${token.position + 1}`, close?.position ?? end);
      next++;
      return inner;
    }
    if (token.kind !== 'word') return fail(`a field name was expected, not "${token.text}"`, token.position);
    next++;
    const op = peek();
    if (op?.kind !== 'op') return { kind: 'has', field: token.text, position: token.position };
    next++;
    const value = peek();
    if (value?.kind !== 'word') return fail(`a value was expected after "${op.text}"`, value?.position ?? end);
    next++;
    return { kind: 'compare', field: token.text, op: op.text as ComparisonOp, value: value.text, position: token.position, valuePosition: value.position };
  };

  if (tokens.length === 0) return fail('the filter is empty', 0);
  const tree = parseOr();
  const extra = peek();
  if (extra !== undefined) fail(extra.kind === ')' ? 'this ")" closes nothing' : `"${extra.text}" was not expected here: join conditions with && or ||`, extra.position);
  return tree;
}
