/** The languages the UI speaks; English is the fallback for everything else. */
export const locales = ['en', 'zh-CN'] as const;
export type Locale = (typeof locales)[number];
export const fallbackLocale: Locale = 'en';

/** Each language's name in itself, for the switch: a reader finds their own language whatever is shown now. */
export const localeNames: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };

export const isLocale = (value: unknown): value is Locale => locales.includes(value as Locale);

/**
 * The first of the user's languages (BCP 47 tags, most preferred first) that the UI speaks. Any Chinese tag maps to
 * zh-CN, the only Chinese catalog (a zh-TW reader is closer to Simplified Chinese than to English); anything unknown
 * falls back to English.
 */
export function matchLocale(tags: readonly string[]): Locale {
  for (const tag of tags) {
    const lower = tag.toLowerCase();
    if (lower === 'zh' || lower.startsWith('zh-') || lower.startsWith('zh_')) return 'zh-CN';
    if (lower === 'en' || lower.startsWith('en-') || lower.startsWith('en_')) return 'en';
  }
  return fallbackLocale;
}

const STORAGE_KEY = 'loopscope.locale';

/** The page's storage and navigator, absent under Node (unit tests run without a DOM), which then get the defaults. */
const page = globalThis as {
  localStorage?: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  navigator?: { languages?: readonly string[] };
};

/** The language chosen from the top bar, if any and still one the UI speaks. */
export function storedLocale(): Locale | null {
  const stored = page.localStorage?.getItem(STORAGE_KEY);
  return isLocale(stored) ? stored : null;
}

export function storeLocale(locale: Locale): void {
  page.localStorage?.setItem(STORAGE_KEY, locale);
}

/**
 * The system's languages. In Electron, navigator.languages is what app.getLocale() reports (Chromium's UI locale,
 * from LANG/LC_ALL on Linux), so the desktop shell needs no IPC channel for it.
 */
export const systemLocaleTags = (): readonly string[] => page.navigator?.languages ?? [];

/** The stored choice, else the system's language, else English. */
export const initialLocale = (): Locale => storedLocale() ?? matchLocale(systemLocaleTags());
