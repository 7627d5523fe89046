import type { BrowserWindowConstructorOptions } from 'electron';

/** The window's colour before the page paints (and behind it), in the system's light or dark theme. */
export const windowBackground = (dark: boolean): string => (dark ? '#17181c' : '#f6f6f4');

/**
 * The one window's options. The renderer gets nothing of Node: sandboxed, isolated from the
 * preload's world, no Node integration anywhere (workers and subframes included), no <webview>,
 * web security on. All it can reach is the preload's `window.loopscope`.
 */
export function windowOptions({ preload, dark }: { preload: string; dark: boolean }): BrowserWindowConstructorOptions {
  return {
    title: 'Loopscope',
    width: 1280,
    height: 820,
    minWidth: 880,
    minHeight: 560,
    show: false, // shown on ready-to-show: no blank frame first
    backgroundColor: windowBackground(dark),
    webPreferences: {
      preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}
