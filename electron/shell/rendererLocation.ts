import { APP_ENTRY_URL, APP_ORIGIN } from './appProtocol.js';
import { originOf } from './origin.js';

export interface RendererLocation {
  /** The page the window loads. */
  url: string;
  /** The only origin allowed to navigate the window and to talk to the lab. */
  origin: string;
  /** electron-vite's dev server: hot reload, DevTools in the menu, the CSP relaxed for both. */
  dev: boolean;
}

/**
 * Where the renderer comes from: electron-vite's dev server when `npm start` set
 * ELECTRON_RENDERER_URL, otherwise the built files over app://. A packaged app ignores the
 * variable, so nobody can point an installed Loopscope's privileged window at another page; in
 * development the URL must be on the loopback interface, where electron-vite serves it.
 */
export function rendererLocation({ isPackaged, devServerUrl }: { isPackaged: boolean; devServerUrl: string | undefined }): RendererLocation {
  if (isPackaged || !devServerUrl) return { url: APP_ENTRY_URL, origin: APP_ORIGIN, dev: false };
  const origin = originOf(devServerUrl);
  const { protocol, hostname } = origin ? new URL(devServerUrl) : { protocol: '', hostname: '' };
  if (!origin || protocol !== 'http:' || !['localhost', '127.0.0.1', '[::1]'].includes(hostname)) {
    throw new Error(`ELECTRON_RENDERER_URL must be the dev server's http URL on localhost, got '${devServerUrl}'. Unset it to load the built renderer.`);
  }
  return { url: devServerUrl, origin, dev: true };
}
