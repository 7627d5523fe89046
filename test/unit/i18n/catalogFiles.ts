/** The catalogs as their source files hold them (the build compiles them; the checks read the words). */
import { readdirSync, readFileSync } from 'node:fs';

export const catalogRoot = new URL('../../../renderer/i18n/', import.meta.url);
export const catalogLocales = ['en', 'zh-CN'] as const;

/** Every message of a language, by full key (`common.connection.live`). */
export function flatCatalog(locale: string): Map<string, string> {
  const flat = new Map<string, string>();
  const add = (prefix: string, node: unknown): void => {
    if (typeof node === 'string') flat.set(prefix, node);
    else for (const [key, child] of Object.entries(node as object)) add(`${prefix}.${key}`, child);
  };
  for (const file of readdirSync(new URL(`locales/${locale}/`, catalogRoot)).filter((name) => name.endsWith('.json'))) {
    add(file.replace(/\.json$/, ''), JSON.parse(readFileSync(new URL(`locales/${locale}/${file}`, catalogRoot), 'utf8')));
  }
  return flat;
}

export const areasOf = (locale: string): string[] =>
  readdirSync(new URL(`locales/${locale}/`, catalogRoot)).filter((name) => name.endsWith('.json')).sort();

export const glossaryTerms = (): Record<string, { en: string; 'zh-CN': string }> =>
  JSON.parse(readFileSync(new URL('glossary.json', catalogRoot), 'utf8'));

/** A message's parameters: `{pid}`, `{n}` (a quoted literal such as `{'@'}` is none). */
export const placeholders = (message: string): string[] => [...new Set([...message.matchAll(/\{\s*([A-Za-z_][\w]*)\s*\}/g)].map((match) => match[1]!))].sort();

/** The keys a message links to (`@:glossary.zombie`, `@.lower:…`). */
export const links = (message: string): string[] => [...message.matchAll(/@(?:\.\w+)?:([\w.-]+)/g)].map((match) => match[1]!);
