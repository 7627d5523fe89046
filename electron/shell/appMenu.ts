import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu: the platform's standard File, Edit and Window menus (so copy, paste and
 * the usual shortcuts work), zoom and full screen. Reload and DevTools only in development: a
 * reload in the packaged app would drop the page's state for no gain.
 */
export function appMenuTemplate({ dev, mac }: { dev: boolean; mac: boolean }): MenuItemConstructorOptions[] {
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
  ];
}
