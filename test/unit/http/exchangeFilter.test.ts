import { describe, expect, it } from 'vitest';
import { compileFilter, type ExchangeFilterSpec } from '../../../shared/http/exchangeFilter.js';
import type { HttpExchangeSummary } from '../../../shared/schemas/http.js';

const row = (method: string | null, target: string, status: number | null, contentType: string | null, error: string | null = null): HttpExchangeSummary => ({
  exchangeId: `${method}${target}`,
  seq: 1,
  connectionId: 'c1',
  indexOnConnection: 0,
  recorder: 'server',
  fromComposer: false,
  scheme: 'http',
  startedAt: 0,
  method,
  target,
  host: '127.0.0.1:8080',
  status,
  statusText: null,
  contentType,
  requestBytes: 1,
  responseBytes: 1,
  durationMs: 1,
  route: target.startsWith('/login') ? 'login' : null,
  error: error === null ? null : { code: error, reason: 'bad', offset: 3 },
});

const log = [
  row('GET', '/', 200, 'text/html'),
  row('POST', '/login', 302, null),
  row('GET', '/api/items?page=2', 200, 'application/json'),
  row('GET', '/favicon.ico', 404, 'text/plain'),
  row('DELETE', '/conditional', 405, 'text/plain'),
  row(null, '', 400, 'text/plain', 'HPE_INVALID_METHOD'),
  row('GET', '/slow', null, null, 'CLIENT_CLOSED'),
];

const shown = (spec: Partial<ExchangeFilterSpec>): string[] => {
  const filter = compileFilter({ text: '', statuses: [], ...spec });
  return log.filter((r) => filter.matches(r)).map((r) => r.exchangeId);
};

describe('the HTTP log’s filter', () => {
  it('matches a plain word anywhere in the row, case-insensitively, every word together', () => {
    expect(shown({ text: 'JSON' })).toEqual(['GET/api/items?page=2']);
    expect(shown({ text: 'get text' })).toEqual(['GET/', 'GET/favicon.ico']);
    expect(shown({ text: 'invalid_method' })).toEqual(['null']);
  });

  it('looks in one column with method:, status:, type:, host: and route:', () => {
    expect(shown({ text: 'method:post' })).toEqual(['POST/login']);
    expect(shown({ text: 'status:4' })).toEqual(['GET/favicon.ico', 'DELETE/conditional', 'null']);
    expect(shown({ text: 'status:4xx type:plain -status:400' })).toEqual(['GET/favicon.ico', 'DELETE/conditional']);
    expect(shown({ text: 'route:login' })).toEqual(['POST/login']);
    expect(shown({ text: 'host:8080' })).toHaveLength(log.length);
  });

  it('keeps what does not match a word with a leading minus, and reads an unknown prefix as a plain word', () => {
    expect(shown({ text: '-favicon -status:4 -status:3' })).toEqual(['GET/', 'GET/api/items?page=2', 'GET/slow']);
    expect(shown({ text: 'page=2' })).toEqual(['GET/api/items?page=2']);
    expect(shown({ text: 'http://x' })).toEqual([]);
    // A lone minus is a word of its own, and no row here has one.
    expect(shown({ text: '-' })).toEqual([]);
  });

  it('picks status classes, with "failed" for exchanges that got no status', () => {
    expect(shown({ statuses: ['3xx', 'failed'] })).toEqual(['POST/login', 'GET/slow']);
    expect(shown({ statuses: ['2xx'], text: 'html' })).toEqual(['GET/']);
  });

  it('names the same filter with the same key however it was typed, and an empty one as empty', () => {
    expect(compileFilter({ text: '  GET   -x ', statuses: ['4xx', '2xx'] }).key).toBe(compileFilter({ text: 'get -X', statuses: ['2xx', '4xx', '2xx'] }).key);
    expect(compileFilter({ text: '   ', statuses: [] }).empty).toBe(true);
  });
});
