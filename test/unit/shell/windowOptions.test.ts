import { describe, expect, test } from 'vitest';
import { windowBackground, windowOptions } from '../../../electron/shell/windowOptions.js';

describe('window options', () => {
  const options = windowOptions({ preload: '/app/out/preload/preload.cjs', dark: false });

  test('give the renderer nothing of Node', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  test('set none of the options that weaken isolation', () => {
    const preferences = options.webPreferences ?? {};
    for (const risky of ['experimentalFeatures', 'enableBlinkFeatures', 'partition', 'additionalArguments'] as const) {
      expect(preferences[risky]).toBeUndefined();
    }
  });

  test('open hidden, in the background colour of the system theme', () => {
    expect(options.show).toBe(false);
    expect(options.backgroundColor).toBe(windowBackground(false));
    expect(windowOptions({ preload: 'p', dark: true }).backgroundColor).toBe(windowBackground(true));
    expect(windowBackground(true)).not.toBe(windowBackground(false));
  });
});
