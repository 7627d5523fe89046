import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, test } from 'vitest';
import { appMenuTemplate } from '../../../electron/shell/appMenu.js';

const roles = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);

describe('application menu', () => {
  test('has the standard menus, and no reload or DevTools in production', () => {
    const production = roles(appMenuTemplate({ dev: false, mac: false }));
    expect(production).toEqual(expect.arrayContaining(['fileMenu', 'editMenu', 'windowMenu', 'zoomIn', 'togglefullscreen']));
    expect(production).not.toContain('toggleDevTools');
    expect(production).not.toContain('reload');
    expect(production).not.toContain('forceReload');
  });

  test('adds View > Reload and Toggle DevTools in development', () => {
    const view = appMenuTemplate({ dev: true, mac: false }).find((item) => item.label === 'View');
    expect(roles(view?.submenu as MenuItemConstructorOptions[])).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  test('starts with the app menu on macOS only', () => {
    expect(appMenuTemplate({ dev: false, mac: true })[0]?.role).toBe('appMenu');
    expect(roles(appMenuTemplate({ dev: false, mac: false }))).not.toContain('appMenu');
  });

  test('Help > Welcome opens the welcome screen in the page, in the system’s language', () => {
    const sent: string[] = [];
    const help = (locale: string) => appMenuTemplate({ dev: false, mac: false, locale, command: (name) => sent.push(name) }).find((item) => item.role === 'help');
    const welcome = (help('en')?.submenu as MenuItemConstructorOptions[])[0];
    expect(welcome?.label).toBe('Welcome to Loopscope…');
    (welcome?.click as () => void)();
    expect(sent).toEqual(['welcome']);
    expect(help('zh-CN')?.label).toBe('帮助');
    expect((help('zh-TW')?.submenu as MenuItemConstructorOptions[])[0]?.label).toBe('欢迎使用 Loopscope…');
  });
});

