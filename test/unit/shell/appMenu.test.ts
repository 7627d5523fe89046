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
});
