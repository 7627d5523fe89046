import type { MenuItemConstructorOptions } from 'electron';

import type { MenuCommand } from '../../shared/bridge.js';

/** The menu's own words (the roles' items are the platform's, in the system's language). */
const WORDS = {
  en: { help: 'Help', welcome: 'Welcome to Loopscope…' },
  'zh-CN': { help: '帮助', welcome: '欢迎使用 Loopscope…' },
} as const;

export interface AppMenuOptions {
  dev: boolean;
  mac: boolean;
  /** app.getLocale(): Chinese words for any zh locale, else English. */
  locale?: string;
  /** Sends a command to the page (the welcome screen). */
  command?: (command: MenuCommand) => void;
}

/**
 * The application menu: the platform's standard File, Edit and Window menus (so copy, paste and
 * the usual shortcuts work), zoom and full screen, and Help with the welcome screen, which opens by itself only on the
 * first start. Reload and DevTools only in development: a reload in the packaged app would drop the page's state for
 * no gain.
 */
export function appMenuTemplate({ dev, mac, locale = 'en', command = () => {} }: AppMenuOptions): MenuItemConstructorOptions[] {
  const words = locale.toLowerCase().startsWith('zh') ? WORDS['zh-CN'] : WORDS.en;
  const developer: MenuItemConstructorOptions[] = dev
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
    : [];
  return [
    ...(mac ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [...developer, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { role: 'windowMenu' },
    { role: 'help', label: words.help, submenu: [{ label: words.welcome, click: () => command('welcome') }] },
  ];
}
