import type { ComposerForm } from './composerRequest.js';

/**
 * Requests to start from, one per lesson of the mini server's routes: the composer fills its form with one, against
 * whatever port the server runs on. `label` is a catalog key.
 */
export interface ComposerPreset {
  id: string;
  label: string;
  form: Omit<ComposerForm, 'url'> & { path: string };
  /** Raw bytes instead of the form, for what no well-behaved client sends. */
  raw?: string;
}

const blank: Pick<ComposerForm, 'headerText' | 'bodyKind' | 'fields' | 'bodyText'> = { headerText: '', bodyKind: 'none', fields: [], bodyText: '' };

export const composerPresets: readonly ComposerPreset[] = [
  { id: 'get', label: 'http.composer.preset.get', form: { ...blank, method: 'GET', path: '/' } },
  { id: 'query', label: 'http.composer.preset.query', form: { ...blank, method: 'GET', path: '/search?q=cookies+and+sessions&lang=zh-CN' } },
  {
    id: 'form',
    label: 'http.composer.preset.form',
    form: { ...blank, method: 'POST', path: '/form', bodyKind: 'form', fields: [{ name: 'name', value: 'Ada Lovelace' }, { name: 'topic', value: 'GET vs POST' }] },
  },
  { id: 'json', label: 'http.composer.preset.json', form: { ...blank, method: 'POST', path: '/api/echo', bodyKind: 'json', bodyText: '{\n  "user": "ada",\n  "ids": [1, 2, 3]\n}' } },
  {
    id: 'login',
    label: 'http.composer.preset.login',
    form: { ...blank, method: 'POST', path: '/login', bodyKind: 'form', fields: [{ name: 'user', value: 'ada' }, { name: 'password', value: 'loopscope' }] },
  },
  { id: 'account', label: 'http.composer.preset.account', form: { ...blank, method: 'GET', path: '/account', headerText: 'Accept: application/json' } },
  { id: 'logout', label: 'http.composer.preset.logout', form: { ...blank, method: 'POST', path: '/logout' } },
  { id: 'compressed', label: 'http.composer.preset.compressed', form: { ...blank, method: 'GET', path: '/compressed', headerText: 'Accept-Encoding: gzip, br' } },
  { id: 'conditional', label: 'http.composer.preset.conditional', form: { ...blank, method: 'GET', path: '/conditional' } },
  { id: 'trace', label: 'http.composer.preset.trace', form: { ...blank, method: 'TRACE', path: '/methods' } },
  {
    id: 'malformed',
    label: 'http.composer.preset.malformed',
    form: { ...blank, method: 'GET', path: '/' },
    raw: 'GET / HTTP/1.1\nHost: 127.0.0.1\nBad Header: spaces are not allowed in a name\n\n',
  },
];

/** The server's base URL (`http://127.0.0.1:P/`) joined with a preset's path. */
export const presetUrl = (base: string, path: string): string => new URL(path, base).href;
