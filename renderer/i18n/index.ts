/**
 * The UI's words: one vue-i18n instance (Composition API, runtime-only build, catalogs precompiled at build time).
 * Components call `useI18n()`; text-building code outside components (renderer/model/*Text*.ts) calls `t` from here,
 * which is the same global composer, so a computed that calls it follows a language switch without a reload.
 */
import { watchEffect } from 'vue';
import { createI18n, type PathValue } from 'vue-i18n';
import { fallbackLocale, initialLocale, type Locale, storeLocale } from './locale.js';
import { type Catalog, lookUp, messages } from './messages.js';

const reported = new Set<string>();

/** Each missing key is logged once, not on every render. */
function reportOnce(key: string, line: string): void {
  if (reported.has(key)) return;
  reported.add(key);
  console.warn(line);
}

/**
 * A key missing in the shown language falls back to English (vue-i18n's fallbackLocale); one missing in English too
 * shows common.textMissing, never the raw key (the static check in test/unit/i18n keeps that from happening).
 */
function resolveMessage(catalog: unknown, key: string): PathValue {
  const found = lookUp(catalog, key);
  if (found !== null || lookUp(messages[fallbackLocale], key) !== null) return found as PathValue;
  reportOnce(`*:${key}`, `i18n: no '${key}' in any catalog`);
  return lookUp(messages[fallbackLocale], 'common.textMissing') as PathValue;
}

export const i18n = createI18n<[Catalog], Locale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale,
  messages,
  missingWarn: false,
  fallbackWarn: false,
  missing: (locale, key) => reportOnce(`${locale}:${key}`, `i18n: no '${key}' in the ${locale} catalog; showing the English text`),
  messageResolver: resolveMessage,
});

export const { t } = i18n.global;

/** Whether the shown language's own catalog has the key (vue-i18n's `te` would count the fallback text as one). */
export const hasMessage = (key: string): boolean => lookUp(messages[currentLocale()], key) !== null;

export const currentLocale = (): Locale => i18n.global.locale.value as Locale;

/** Switches the UI's language now, and remembers it for the next start. */
export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  storeLocale(locale);
}

// <html lang> follows, for screen readers and for the CJK font stack keyed on :lang(zh).
// (Absent under Node, where unit tests run without a DOM.)
const page = globalThis as { document?: { documentElement: { lang: string } } };
if (page.document) watchEffect(() => (page.document!.documentElement.lang = i18n.global.locale.value));
