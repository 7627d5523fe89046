import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n, setLocale, t } from '../../../renderer/i18n/index.js';
import { matchLocale } from '../../../renderer/i18n/locale.js';
import type { Catalog } from '../../../renderer/i18n/messages.js';

afterEach(() => setLocale('en'));

describe('the UI language', () => {
  it('follows the system: any Chinese tag is zh-CN, English is English, anything else falls back to English', () => {
    expect(matchLocale(['zh-CN'])).toBe('zh-CN');
    expect(matchLocale(['zh'])).toBe('zh-CN');
    expect(matchLocale(['zh-TW', 'en-US'])).toBe('zh-CN');
    expect(matchLocale(['en-GB'])).toBe('en');
    expect(matchLocale(['fr-FR', 'zh-CN'])).toBe('zh-CN');
    expect(matchLocale(['fr-FR'])).toBe('en');
    expect(matchLocale(['x-klingon', ''])).toBe('en');
    expect(matchLocale([])).toBe('en');
  });

  it('formats precompiled messages with parameters and plurals, in the chosen language', () => {
    expect(t('common.statusBar.processes', 1)).toBe('1 process');
    expect(t('common.statusBar.processes', 3)).toBe('3 processes');
    expect(t('common.statusBar.sampling', { source: 'procfs', interval: '500 ms' })).toBe('sampling procfs every 500 ms');
    setLocale('zh-CN');
    expect(t('common.statusBar.processes', 3)).toBe('3 个进程');
    expect(t('glossary.zombie')).toBe('僵尸进程');
  });

  it('shows a key missing in Chinese in English, and logs it once', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const zh = structuredClone(i18n.global.getLocaleMessage('zh-CN'));
    const withoutKey = structuredClone(zh);
    delete (withoutKey.common as Catalog as { banner: Catalog }).banner.connecting;
    i18n.global.setLocaleMessage('zh-CN', withoutKey);
    try {
      setLocale('zh-CN');
      expect(t('common.banner.connecting')).toBe('Connecting to the lab…');
      expect(t('common.banner.connecting')).toBe('Connecting to the lab…');
      expect(warn.mock.calls.filter(([line]) => String(line).includes('common.banner.connecting'))).toHaveLength(1);
    } finally {
      i18n.global.setLocaleMessage('zh-CN', zh);
      warn.mockRestore();
    }
  });

  it('never shows a raw key, even for a key no catalog has', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(t('common.noSuchKey')).toBe('…');
    setLocale('zh-CN');
    expect(t('common.noSuchKey')).toBe('…');
    warn.mockRestore();
  });
});
