import type { HttpExchangeSummary, StatusClass } from '../schemas/http.js';

export { type StatusClass, statusClasses } from '../schemas/http.js';

export interface ExchangeFilterSpec {
  /**
   * Words that must all match, as DevTools' filter box reads them: a plain word is found anywhere in the row (method,
   * target, host, status, Content-Type, route, error); `method:`, `status:`, `type:`, `host:`, `route:` look in one
   * column only (`status:4` matches every 4xx); a leading `-` keeps the rows that do not match.
   */
  text: string;
  /** Empty: every class. */
  statuses: StatusClass[];
}

type Column = 'method' | 'status' | 'type' | 'host' | 'route';
const COLUMNS: ReadonlySet<string> = new Set<Column>(['method', 'status', 'type', 'host', 'route']);

interface Term {
  column: Column | null;
  needle: string;
  negated: boolean;
}

/** A filter made once and applied to many rows: the words parsed and lower-cased once. */
export interface ExchangeFilter {
  readonly spec: ExchangeFilterSpec;
  /** The same filter always gives the same key: the cache of its matches in the lab is keyed by it. */
  readonly key: string;
  readonly empty: boolean;
  matches(row: HttpExchangeSummary): boolean;
}

export function compileFilter(spec: ExchangeFilterSpec): ExchangeFilter {
  const terms = spec.text.split(/\s+/).flatMap((word): Term[] => {
    const negated = word.startsWith('-') && word.length > 1;
    const body = (negated ? word.slice(1) : word).toLowerCase();
    if (body === '') return [];
    const colon = body.indexOf(':');
    const column = colon > 0 ? body.slice(0, colon) : '';
    // An unknown prefix (`http://…`, `a:b`) is a plain word, as DevTools treats it.
    if (COLUMNS.has(column) && colon < body.length - 1) return [{ column: column as Column, needle: body.slice(colon + 1), negated }];
    return [{ column: null, needle: body, negated }];
  });
  const statuses = [...new Set(spec.statuses)].sort();
  const key = JSON.stringify([terms.map((term) => `${term.negated ? '-' : ''}${term.column ?? ''}:${term.needle}`), statuses]);
  const classes = new Set(statuses);
  return {
    spec,
    key,
    empty: terms.length === 0 && classes.size === 0,
    matches: (row) => (classes.size === 0 || classes.has(statusClassOf(row))) && terms.every((term) => termMatches(term, row) !== term.negated),
  };
}

export function statusClassOf(row: HttpExchangeSummary): StatusClass {
  if (row.status === null || row.status < 100 || row.status > 599) return 'failed';
  return `${Math.floor(row.status / 100)}xx` as StatusClass;
}

function termMatches(term: Term, row: HttpExchangeSummary): boolean {
  const has = (value: string | number | null | undefined): boolean => value !== null && value !== undefined && String(value).toLowerCase().includes(term.needle);
  switch (term.column) {
    case 'method':
      return (row.method ?? '').toLowerCase() === term.needle;
    case 'status':
      return row.status !== null && String(row.status).startsWith(term.needle.replace(/x+$/, ''));
    case 'type':
      return has(row.contentType);
    case 'host':
      return has(row.host);
    case 'route':
      return has(row.route);
    case null:
      return has(row.method) || has(row.target) || has(row.host) || has(row.status) || has(row.contentType) || has(row.route) || has(row.error?.code);
  }
}
