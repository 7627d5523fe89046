import { describe, expect, test } from 'vitest';
import { rendererLocation } from '../../../electron/shell/rendererLocation.js';

const builtRenderer = { url: 'app://loopscope/index.html', origin: 'app://loopscope', dev: false };

describe('where the renderer comes from', () => {
  test('the built files over app:// unless the dev server is running', () => {
    expect(rendererLocation({ isPackaged: false, devServerUrl: undefined })).toEqual(builtRenderer);
    expect(rendererLocation({ isPackaged: false, devServerUrl: '' })).toEqual(builtRenderer);
  });

  test("electron-vite's dev server in development", () => {
    expect(rendererLocation({ isPackaged: false, devServerUrl: 'http://localhost:5173/' })).toEqual({
      url: 'http://localhost:5173/',
      origin: 'http://localhost:5173',
      dev: true,
    });
    expect(rendererLocation({ isPackaged: false, devServerUrl: 'http://127.0.0.1:5173' }).origin).toBe('http://127.0.0.1:5173');
  });

  test('a packaged app ignores ELECTRON_RENDERER_URL, so it cannot be pointed at another page', () => {
    expect(rendererLocation({ isPackaged: true, devServerUrl: 'https://evil.example/' })).toEqual(builtRenderer);
  });

  test.each(['https://evil.example/', 'http://192.168.1.2:5173/', 'file:///tmp/index.html', 'http://localhost.evil.example:5173/', 'nonsense'])(
    'refuses a dev server URL off the loopback interface: %s',
    (url) => {
      expect(() => rendererLocation({ isPackaged: false, devServerUrl: url })).toThrow(/ELECTRON_RENDERER_URL must be/);
    },
  );
});
